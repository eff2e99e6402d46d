package diagnostics

import "testing"

// TestDKR009FixSafety: GOWORK=off changes how modules resolve, so it is the
// preferred fix but never applied by `gowell check --fix`.
func TestDKR009FixSafety(t *testing.T) {
	wantFixFlags(t, "DKR009", "testdata/DKR009/use_outside.txtar", map[string][2]bool{
		"Set GOWORK=off in stage build": {false, true},
	})
}
