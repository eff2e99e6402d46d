package workspace

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
)

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

func loadRoot(t *testing.T, root string) *Snapshot {
	t.Helper()
	s, err := Load(context.Background(), []string{root}, nil)
	must(t, err)
	return s
}

// TestTrackedAsksGit builds a real repository and checks every answer against
// what was added: committed and staged files count, untracked and ignored
// ones do not, names with spaces survive, and only the four Go names are
// answered at all.
func TestTrackedAsksGit(t *testing.T) {
	needGit(t)
	root := t.TempDir()
	git(t, root, "", nil, "init", "-q", ".")
	for _, p := range []string{"go.mod", "go.sum", "go.work", "go.work.sum", "a/go.mod", "a/go.sum",
		"b c/go.mod", "b c/go.sum", "xgo.mod", "main.go", "ign/go.sum"} {
		writeTestFile(t, filepath.Join(root, p), "")
	}
	writeTestFile(t, filepath.Join(root, ".gitignore"), "ign/\n")
	git(t, root, "", nil, "add", "go.mod", "go.sum", "go.work", "a/go.mod", "b c/go.mod", "b c/go.sum", "xgo.mod", "main.go")
	git(t, root, "", nil, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x")
	git(t, root, "", nil, "add", "go.work.sum") // staged, not committed

	s := loadRoot(t, root)
	cases := []struct {
		path           string
		tracked, known bool
	}{
		{"go.mod", true, true},
		{"go.sum", true, true},
		{"go.work", true, true},
		{"go.work.sum", true, true},
		{"a/go.mod", true, true},
		{"a/go.sum", false, true},
		{"b c/go.mod", true, true},
		{"b c/go.sum", true, true},
		{"ign/go.sum", false, true},
		{"missing/go.sum", false, true},
		{"xgo.mod", false, false}, // not a name gowell asks about
		{"main.go", false, false},
	}
	for _, c := range cases {
		tracked, known := s.Tracked(filepath.Join(root, c.path))
		if tracked != c.tracked || known != c.known {
			t.Errorf("Tracked(%s) = %v, %v; want %v, %v", c.path, tracked, known, c.tracked, c.known)
		}
	}
}

// TestTrackedUnknown: without a repository or without git there is no answer,
// rather than a wrong "untracked".
func TestTrackedUnknown(t *testing.T) {
	needGit(t)
	t.Run("not a repository", func(t *testing.T) {
		root := tree(t, map[string]string{"go.mod": "module m\n", "go.sum": ""})
		if _, known := loadRoot(t, root).Tracked(filepath.Join(root, "go.sum")); known {
			t.Error("known outside any repository")
		}
	})
	t.Run("a .git that is not a repository", func(t *testing.T) {
		root := tree(t, map[string]string{"go.mod": "module m\n", ".git/junk": ""})
		if _, known := loadRoot(t, root).Tracked(filepath.Join(root, "go.mod")); known {
			t.Error("known in a broken repository")
		}
	})
	t.Run("git not installed", func(t *testing.T) {
		root := t.TempDir()
		git(t, root, "", nil, "init", "-q", ".")
		writeTestFile(t, filepath.Join(root, "go.mod"), "module m\n")
		t.Setenv("PATH", t.TempDir())
		if _, known := loadRoot(t, root).Tracked(filepath.Join(root, "go.mod")); known {
			t.Error("known without git")
		}
	})
}

// TestTrackedOncePerSnapshot: concurrent rules share one git run per
// repository; a new snapshot asks again and sees what changed since.
func TestTrackedOncePerSnapshot(t *testing.T) {
	needGit(t)
	root := t.TempDir()
	git(t, root, "", nil, "init", "-q", ".")
	writeTestFile(t, filepath.Join(root, "go.mod"), "module m\n")
	writeTestFile(t, filepath.Join(root, "go.sum"), "")
	git(t, root, "", nil, "add", "go.mod")

	var runs atomic.Int32
	real := GitLsFiles
	GitLsFiles = func(root string, each func(string, uint32)) error { runs.Add(1); return real(root, each) }
	t.Cleanup(func() { GitLsFiles = real })

	s := loadRoot(t, root)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			s.Tracked(filepath.Join(root, "go.mod"))
			s.Tracked(filepath.Join(root, "go.sum"))
		})
	}
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Errorf("git ran %d times for one snapshot, want 1", n)
	}
	git(t, root, "", nil, "add", "go.sum")
	if tracked, _ := s.Tracked(filepath.Join(root, "go.sum")); tracked {
		t.Error("the snapshot's answer changed under it")
	}
	if tracked, _ := loadRoot(t, root).Tracked(filepath.Join(root, "go.sum")); !tracked {
		t.Error("a new snapshot does not see the staged go.sum")
	}
}

// TestTrackedNestedRepository: a module in a nested repository (a submodule,
// a clone inside a clone) is answered by its own repository, not the outer one.
func TestTrackedNestedRepository(t *testing.T) {
	needGit(t)
	outer := t.TempDir()
	git(t, outer, "", nil, "init", "-q", ".")
	inner := filepath.Join(outer, "inner")
	must(t, os.MkdirAll(inner, 0o755))
	git(t, inner, "", nil, "init", "-q", ".")
	writeTestFile(t, filepath.Join(inner, "go.mod"), "module inner\n")
	git(t, inner, "", nil, "add", "go.mod")

	tracked, known := loadRoot(t, outer).Tracked(filepath.Join(inner, "go.mod"))
	if !tracked || !known {
		t.Errorf("inner/go.mod: tracked %v, known %v; want true, true", tracked, known)
	}
}

// TestTrackedLeavesRepositoryAlone: asking must not write git's index, even
// when a refresh would (a tracked file changed on disk), and must not follow
// GIT_DIR or GIT_INDEX_FILE from the environment to another repository.
func TestTrackedLeavesRepositoryAlone(t *testing.T) {
	needGit(t)
	root := t.TempDir()
	git(t, root, "", nil, "init", "-q", ".")
	writeTestFile(t, filepath.Join(root, "go.mod"), "module m\n")
	git(t, root, "", nil, "add", "go.mod")
	writeTestFile(t, filepath.Join(root, "go.mod"), "module m\n\ngo 1.24\n")
	index := filepath.Join(root, ".git", "index")
	before, err := os.ReadFile(index)
	must(t, err)
	st, err := os.Stat(index)
	must(t, err)

	other := t.TempDir()
	git(t, other, "", nil, "init", "-q", ".")
	t.Setenv("GIT_DIR", filepath.Join(other, ".git"))
	t.Setenv("GIT_INDEX_FILE", filepath.Join(other, ".git", "index"))

	tracked, known := loadRoot(t, root).Tracked(filepath.Join(root, "go.mod"))
	if !tracked || !known {
		t.Errorf("go.mod: tracked %v, known %v; want true, true (the environment's GIT_DIR was followed?)", tracked, known)
	}
	after, err := os.ReadFile(index)
	must(t, err)
	st2, err := os.Stat(index)
	must(t, err)
	if !bytes.Equal(before, after) || !st.ModTime().Equal(st2.ModTime()) {
		t.Error("asking git rewrote the index")
	}
}

// TestTrackedRunsNoRepositoryProgram: a repository is untrusted input, and a
// .git/config can name an fsmonitor program, which plain `git ls-files` runs
// (verified with git 2.39). Asking what is tracked must not run it.
func TestTrackedRunsNoRepositoryProgram(t *testing.T) {
	needGit(t)
	root := t.TempDir()
	git(t, root, "", nil, "init", "-q", ".")
	writeTestFile(t, filepath.Join(root, "go.mod"), "module m\n")
	git(t, root, "", nil, "add", "go.mod")
	marker := filepath.Join(t.TempDir(), "ran")
	hook := filepath.Join(t.TempDir(), "hook.sh")
	writeTestFile(t, hook, "#!/bin/sh\ntouch '"+marker+"'\n")
	must(t, os.Chmod(hook, 0o755))
	git(t, root, "", nil, "config", "core.fsmonitor", hook)

	if tracked, known := loadRoot(t, root).Tracked(filepath.Join(root, "go.mod")); !tracked || !known {
		t.Errorf("go.mod: tracked %v, known %v", tracked, known)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Error("gowell's git run executed the repository's core.fsmonitor program")
	}
}
