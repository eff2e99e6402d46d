package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDubiousOwnership reproduces git's refusal for real: a repository that
// another user owns, as after `sudo git clone` or a checkout on a mounted
// drive. Only root can give files away, so the test needs root.
func TestDubiousOwnership(t *testing.T) {
	needGit(t)
	if os.Geteuid() != 0 {
		t.Skip("needs root to chown the repository to another user")
	}
	// A safe.directory in the user's own git config would hide the refusal.
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", home)

	root := t.TempDir()
	git(t, root, "", nil, "init", "-q", ".")
	writeTestFile(t, filepath.Join(root, "go.mod"), "module m\n")
	git(t, root, "", nil, "add", "go.mod")

	if s := loadRoot(t, root); s.DubiousOwnership(root) {
		t.Fatal("dubious in a repository the user owns")
	}
	err := filepath.Walk(root, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 12345, 12345)
	})
	must(t, err)

	s := loadRoot(t, root)
	if !s.DubiousOwnership(root) {
		t.Error("not dubious in a repository another user owns")
	}
	if _, known := s.Tracked(filepath.Join(root, "go.mod")); known {
		t.Error("Tracked known although git refused the repository")
	}
}

// TestDubiousOwnershipOtherFailures: other git failures, and no repository
// at all, are not taken for dubious ownership.
func TestDubiousOwnershipOtherFailures(t *testing.T) {
	needGit(t)
	broken := tree(t, map[string]string{"go.mod": "module m\n", ".git/junk": ""})
	if loadRoot(t, broken).DubiousOwnership(broken) {
		t.Error("a broken .git taken for dubious ownership")
	}
	plain := tree(t, map[string]string{"go.mod": "module m\n"})
	if loadRoot(t, plain).DubiousOwnership(plain) {
		t.Error("a directory without .git taken for dubious ownership")
	}
}
