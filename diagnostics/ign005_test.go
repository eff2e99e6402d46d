package diagnostics

import "testing"

// Anchoring un-hides nested directories: the user must look first.
func TestAnchorFixIsNotSafe(t *testing.T) {
	got, ok := fixSafety(t, "IGN005", "nested_bin")["Change 'bin/' to '/bin/'"]
	if !ok || got {
		t.Errorf("anchor fix offered=%v safe=%v, want offered and not safe", ok, got)
	}
}
