package diagnostics

import "testing"

// TestDKR004FixSafety: appending the exclusions is applied by `gowell check
// --fix`: it leaves out nothing a Dockerfile names.
func TestDKR004FixSafety(t *testing.T) {
	wantFixFlags(t, "DKR004", "testdata/DKR004/git_and_env.txtar", map[string][2]bool{
		"Add .git, **/.env, **/.env.* to .dockerignore": {true, true},
	})
}
