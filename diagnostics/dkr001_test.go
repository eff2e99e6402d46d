package diagnostics

import "testing"

// TestDKR001FixSafety: the .dockerignore is created unattended where the
// context is known, and only offered where it is a guess.
func TestDKR001FixSafety(t *testing.T) {
	wantFixFlags(t, "DKR001", "testdata/DKR001/copy_all.txtar", map[string][2]bool{
		"Create .dockerignore": {true, true},
	})
	wantFixFlags(t, "DKR001", "testdata/DKR001/subdir_root_context.txtar", map[string][2]bool{
		"Create .dockerignore": {true, true},
	})
	wantFixFlags(t, "DKR001", "testdata/DKR001/subdir_guessed.txtar", map[string][2]bool{
		"Create .dockerignore": {false, true},
	})
}
