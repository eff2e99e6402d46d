package diagnostics

import (
	"maps"
	"testing"
)

// fixFlags runs rule id over a fixture and reports, per fix title, whether
// the fix is safe (`gowell check --fix` applies it) and preferred.
func fixFlags(t *testing.T, id, fixture string) map[string][2]bool {
	t.Helper()
	_, s := parseFixture(t, fixture).setup(t)
	got := map[string][2]bool{}
	for _, f := range runRule(Lookup(id), s) {
		for _, x := range f.Fixes {
			got[x.Title] = [2]bool{x.Safe, x.Preferred}
		}
	}
	return got
}

func wantFixFlags(t *testing.T, id, fixture string, want map[string][2]bool) {
	t.Helper()
	if got := fixFlags(t, id, fixture); !maps.Equal(got, want) {
		t.Errorf("%s %s: fixes (safe, preferred):\n got %v\nwant %v", id, fixture, got, want)
	}
}

// TestDKR002FixSafety: `gowell check --fix` writes a pattern with **/ only for
// build output and clutter, and only when no path a Dockerfile copies by name
// loses files; it never applies an exception's fix, which sends more.
func TestDKR002FixSafety(t *testing.T) {
	wantFixFlags(t, "DKR002", "testdata/DKR002/gitignore_style.txtar", map[string][2]bool{
		"Use **/*.test":       {true, true},
		"Use **/.env":         {true, true},
		"Use **/node_modules": {true, true},
		"Use **/*.json":       {false, true}, // a //go:embed may read config/app.json
		"Use **/*.log":        {false, true}, // logs/app.log is in the COPY of logs
	})
	wantFixFlags(t, "DKR002", "testdata/DKR002/exception.txtar", map[string][2]bool{
		"Use !**/README.md": {false, true},
		"Use **/*.exe":      {true, true},
	})
}
