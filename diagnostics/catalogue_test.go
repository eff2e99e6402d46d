package diagnostics

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var idPattern = regexp.MustCompile(`^[A-Z]{2,3}[0-9]{3}[a-z]?$`)

// TestCatalogue holds every rule to the rule unit: an ID of the house form, a
// doc, a firing fixture, a near-miss that must not fire, and a fresh doc page.
func TestCatalogue(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if !idPattern.MatchString(r.ID) {
				t.Errorf("ID %q is not of the form ABC123", r.ID)
			}
			if Lookup(strings.ToLower(r.ID)) != r {
				t.Errorf("Lookup(%q) does not find the rule", strings.ToLower(r.ID))
			}
			if !strings.Contains(r.Doc, "**Fix") || !strings.Contains(r.Doc, "**Sources") {
				t.Errorf("doc must say how to fix it (**Fix.**) and cite its sources (**Sources.**)")
			}
			cases, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*.txtar"))
			var fires, quiet bool
			for _, c := range cases {
				fx := parseFixture(t, c)
				if len(fx.want) > 0 {
					fires = true
				} else {
					quiet = true
				}
			}
			if !fires {
				t.Errorf("no fixture in testdata/%s where the rule fires", r.ID)
			}
			if !quiet {
				t.Errorf("no near-miss fixture in testdata/%s (an empty want section)", r.ID)
			}
			checkGenerated(t, filepath.Join("..", "docs", "rules", r.ID+".md"), r.Markdown())
		})
	}
	checkGenerated(t, filepath.Join("..", "docs", "rules", "README.md"), Index())
}

func checkGenerated(t *testing.T, path, want string) {
	t.Helper()
	got, _ := os.ReadFile(path)
	if string(got) == want {
		return
	}
	if *update {
		must(t, os.WriteFile(path, []byte(want), 0o644))
		return
	}
	t.Errorf("%s is stale: run `go test ./diagnostics -update`", path)
}
