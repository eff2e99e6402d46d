package diagnostics

import "testing"

// TestDKR005FixSafety: reordering the build's steps is offered as the
// preferred fix but never applied by `gowell check --fix`.
func TestDKR005FixSafety(t *testing.T) {
	wantFixFlags(t, "DKR005", "testdata/DKR005/copy_all.txtar", map[string][2]bool{
		"Copy go.mod and go.sum and download modules first": {false, true},
	})
}
