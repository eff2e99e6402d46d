package host

import "testing"

// TestCaseSensitiveReplay reads the attribute a replay carries.
func TestCaseSensitiveReplay(t *testing.T) {
	info := replay(t, map[string]string{
		"xattr/mnt/c/src/a/system.wsl_case_sensitive": "0",
		"xattr/mnt/c/src/b/system.wsl_case_sensitive": "1\n",
		"xattr/mnt/c/src/c/system.wsl_case_sensitive": "maybe",
	}, nil)
	for dir, want := range map[string][2]bool{
		"/mnt/c/src/a": {false, true},
		"/mnt/c/src/b": {true, true},
		"/mnt/c/src/c": {false, false},
		"/mnt/c/src/d": {false, false},
	} {
		if s, known := info.CaseSensitive(dir); s != want[0] || known != want[1] {
			t.Errorf("CaseSensitive(%s) = %v, %v; want %v, %v", dir, s, known, want[0], want[1])
		}
	}
}

// TestCaseSensitiveLive: a Linux directory has no such attribute, so the
// answer is unknown rather than "case-insensitive".
func TestCaseSensitiveLive(t *testing.T) {
	live := &Info{Sysroot: "/"}
	if _, known := live.CaseSensitive(t.TempDir()); known {
		t.Error("a Linux directory reported a WSL case-sensitivity flag")
	}
}
