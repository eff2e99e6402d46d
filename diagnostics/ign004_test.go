package diagnostics

import (
	"path/filepath"
	"testing"
)

// fixSafety runs the rule on a fixture and reports, per fix title, whether
// `gowell check --fix` may apply it.
func fixSafety(t *testing.T, id, name string) map[string]bool {
	t.Helper()
	fx := parseFixture(t, filepath.Join("testdata", id, name+".txtar"))
	_, s := fx.setup(t)
	safe := map[string]bool{}
	for _, f := range runRule(Lookup(id), s) {
		for _, x := range f.Fixes {
			safe[x.Title] = x.Safe
		}
	}
	return safe
}

// Re-including Go files by name is safe unattended; re-including a whole
// directory is not: it may hold what the line was meant to hide.
func TestCoverageFixSafety(t *testing.T) {
	for _, c := range []struct {
		fixture, title string
		safe           bool
	}{
		{"template", "Add '!coverage.go' to .gitignore", true},
		{"broad_star", "Add '!coverage_linux.go' and '!coverage_test.go' to .gitignore", true},
		{"node_dir", "Add '!/internal/coverage/' to .gitignore", false},
	} {
		got, ok := fixSafety(t, "IGN004", c.fixture)[c.title]
		if !ok || got != c.safe {
			t.Errorf("%s: fix %q offered=%v safe=%v, want safe=%v", c.fixture, c.title, ok, got, c.safe)
		}
	}
}
