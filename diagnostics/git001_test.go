package diagnostics

import "testing"

// TestGitFixFlags: `gowell check --fix` may add the .gitattributes lines
// unattended, but never changes the user's global git configuration.
func TestGitFixFlags(t *testing.T) {
	wantFixFlags(t, "GIT001", "testdata/GIT001/scripts.txtar", map[string][2]bool{
		"Add eol=lf rules to .gitattributes": {true, true},
	})
	wantFixFlags(t, "GIT002", "testdata/GIT002/global.txtar", map[string][2]bool{
		"Set core.autocrlf to input in the global git config": {false, true},
	})
}
