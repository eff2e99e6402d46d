package move

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// busyRepo is a repository in the middle of work: two commits on a branch,
// a tag, a stash, a staged change, an unstaged change, a new staged file, an
// untracked file, an ignored build output and an empty directory.
func busyRepo(t *testing.T) string {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "app")
	write(t, repo, "go.mod", "module example.com/app\n\ngo 1.24\n", 0o644)
	write(t, repo, "main.go", "package main\n\nfunc main() {}\n", 0o644)
	write(t, repo, "tools/gen.sh", "#!/bin/sh\n", 0o755)
	write(t, repo, ".gitignore", "/bin/\n", 0o644)
	gitT(t, repo, "init", "-q", "-b", "main")
	gitT(t, repo, "add", ".")
	gitT(t, repo, "commit", "-qm", "first")
	gitT(t, repo, "tag", "v0.1.0")
	write(t, repo, "lib.go", "package main\n\nvar x = 1\n", 0o644)
	gitT(t, repo, "add", "lib.go")
	gitT(t, repo, "commit", "-qm", "second")
	write(t, repo, "lib.go", "package main\n\nvar x = 2 // stashed\n", 0o644)
	gitT(t, repo, "stash", "-q")
	write(t, repo, "main.go", "package main\n\nfunc main() { println() } // staged\n", 0o644)
	write(t, repo, "new.go", "package main\n", 0o644)
	gitT(t, repo, "add", "main.go", "new.go")
	write(t, repo, "lib.go", "package main\n\nvar x = 3 // unstaged\n", 0o644)
	write(t, repo, "notes.txt", "untracked\n", 0o644)
	write(t, repo, "bin/app", "\x7fELF build output", 0o755)
	must(t, os.Mkdir(filepath.Join(repo, "empty"), 0o755))
	age(t, repo)
	return repo
}

// gitView is what a user asks git about a repository.
func gitView(t *testing.T, dir string) map[string]string {
	t.Helper()
	return map[string]string{
		"status":    gitT(t, dir, "status", "--porcelain=v1", "--untracked-files=all", "--ignored=matching", "--branch"),
		"log":       gitT(t, dir, "log", "--all", "--format=%H %D %s"),
		"stash":     gitT(t, dir, "stash", "list", "-p"),
		"staged":    gitT(t, dir, "diff", "--cached"),
		"unstaged":  gitT(t, dir, "diff"),
		"files":     gitT(t, dir, "ls-files", "--stage"),
		"fsck":      gitT(t, dir, "fsck", "--strict", "--no-progress"),
		"describe":  gitT(t, dir, "describe", "--tags", "--dirty"),
		"untracked": gitT(t, dir, "ls-files", "--others", "--exclude-standard"),
	}
}

// TestCopyRepository moves a repository in the middle of work and finds
// every commit, the stash, the staged and unstaged changes, the untracked
// and ignored files in the copy — and the original, .git/index included,
// byte for byte and time for time as it was.
func TestCopyRepository(t *testing.T) {
	needGit(t)
	isolateGit(t)
	repo := busyRepo(t)
	want := gitView(t, repo) // git diff and describe refresh the index
	age(t, repo)             // and this makes it stale again: a git status that may write, would
	before := describe(t, repo)

	dest := filepath.Join(t.TempDir(), "src", "app")
	res, err := Copy(context.Background(), repo, dest, nil)
	if err != nil {
		t.Fatalf("Copy: %v (%+v)", err, res)
	}
	if !res.Git || res.IndexModes || len(res.Differences) != 0 || len(res.Notes) != 0 {
		t.Errorf("result = %+v, want a verified git copy with the filesystem's modes and no notes", res)
	}
	sameTree(t, "original", before, describe(t, repo))
	sameTree(t, "copy", before, describe(t, dest))
	got := gitView(t, dest)
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("git %s in the copy:\n%s\nwant:\n%s", k, got[k], want[k])
		}
	}
	for _, line := range []string{"M  main.go", "A  new.go", " M lib.go", "?? notes.txt", "!! bin/"} {
		if !strings.Contains(want["status"], "\n"+line+"\n") {
			t.Errorf("the repository is not as busy as the test needs: no %q in\n%s", line, want["status"])
		}
	}
	if !strings.Contains(want["stash"], "stashed") {
		t.Errorf("no stash in the repository:\n%s", want["stash"])
	}
}

// TestCopyMismatch: when the original changes while it is being verified,
// the copy is kept and the differences name what changed — in the counts
// and in git status.
func TestCopyMismatch(t *testing.T) {
	needGit(t)
	isolateGit(t)
	repo := busyRepo(t)
	dest := filepath.Join(t.TempDir(), "app")
	res, err := Copy(context.Background(), repo, dest, func(p Progress) {
		if p.Phase == PhaseVerify {
			write(t, repo, "late.go", "package main\n", 0o644)
		}
	})
	if !errors.Is(err, ErrMismatch) {
		t.Fatalf("Copy = %v, want ErrMismatch", err)
	}
	diffs := strings.Join(res.Differences, "\n")
	for _, want := range []string{
		fmt.Sprintf("the original now has %d regular files, the copy %d", res.Files+1, res.Files),
		`git status shows only in the original: "?? late.go"`,
	} {
		if !strings.Contains(diffs, want) {
			t.Errorf("differences:\n%s\nwant a line with %q", diffs, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dest, "main.go")); err != nil {
		t.Errorf("the unverified copy was not kept: %v", err)
	}
}

// TestCopyIndexModes plays a Windows drive without metadata: every file and
// directory reads as 0777 and git has set core.fileMode=false. The copy
// takes executable bits from git's index for tracked files and from the
// first bytes of the others, and git sees the same repository.
func TestCopyIndexModes(t *testing.T) {
	needGit(t)
	isolateGit(t)
	repo := busyRepo(t)
	gitT(t, repo, "config", "core.fileMode", "false")
	write(t, repo, "hooks-like", "#!/usr/bin/env bash\n", 0o644)
	write(t, repo, "readonly.txt", "a read-only attribute\n", 0o444)
	write(t, repo, "private.sh", "#!/bin/sh\n", 0o600)
	must(t, filepath.WalkDir(repo, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type()&os.ModeSymlink == 0 && d.Name() != "private.sh" {
			mode := os.FileMode(0o777)
			if st, _ := d.Info(); st.Mode()&0o200 == 0 {
				mode = 0o555
			}
			err = os.Chmod(p, mode)
		}
		return err
	}))
	want := gitView(t, repo)

	dest := filepath.Join(t.TempDir(), "app")
	res, err := Copy(context.Background(), repo, dest, nil)
	if err != nil {
		t.Fatalf("Copy: %v (%+v)", err, res)
	}
	if !res.IndexModes || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "git -C "+dest+" config core.fileMode true") {
		t.Errorf("result = %+v, want index modes and a note on core.fileMode", res)
	}
	for rel, mode := range map[string]os.FileMode{
		"main.go":      0o644, // tracked 100644
		"tools/gen.sh": 0o755, // tracked 100755
		"bin/app":      0o755, // ignored, an ELF binary
		"hooks-like":   0o755, // untracked, a script
		"notes.txt":    0o644, // untracked, text
		"readonly.txt": 0o444, // untracked, read-only
		"private.sh":   0o700, // untracked, a script only its owner may read
		".git/HEAD":    0o644,
		"tools":        0o755 | os.ModeDir,
		".":            0o755 | os.ModeDir,
	} {
		st, err := os.Lstat(filepath.Join(dest, rel))
		must(t, err)
		if st.Mode() != mode {
			t.Errorf("%s: mode %v, want %v", rel, st.Mode(), mode)
		}
	}
	gitT(t, dest, "config", "core.fileMode", "true")
	got := gitView(t, dest)
	if got["status"] != want["status"] {
		t.Errorf("with core.fileMode back on, git status in the copy:\n%s\nwant:\n%s", got["status"], want["status"])
	}
}

// TestCopyUntrackedFolderOfRepo: a folder the enclosing repository does not
// track has no history to leave behind, so it moves on its own.
func TestCopyUntrackedFolderOfRepo(t *testing.T) {
	needGit(t)
	isolateGit(t)
	repo := busyRepo(t)
	write(t, repo, "scratch/try.go", "package main\n", 0o644)
	if root, err := Root(context.Background(), filepath.Join(repo, "scratch")); err != nil || root != filepath.Join(repo, "scratch") {
		t.Errorf("Root(scratch) = %s, %v; want scratch itself", root, err)
	}
	if root, err := Root(context.Background(), filepath.Join(repo, "tools")); err != nil || root != repo {
		t.Errorf("Root(tools) = %s, %v; want the repository", root, err)
	}
	res, err := Copy(context.Background(), filepath.Join(repo, "scratch"), filepath.Join(t.TempDir(), "scratch"), nil)
	if err != nil || res.Git || res.Files != 1 {
		t.Errorf("Copy = %+v, %v; want one file copied, no git", res, err)
	}
}
