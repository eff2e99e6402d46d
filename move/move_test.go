package move

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// plainTree is a tree with every kind of entry a copy must keep: modes from
// private to executable to read-only, a read-only directory, empty
// directories, a file larger than a copy chunk, and links that are relative,
// absolute, dangling, into the tree by absolute path, and in a loop — plus
// a FIFO, which is not copied.
func plainTree(t *testing.T) string {
	t.Helper()
	src := filepath.Join(t.TempDir(), "proj")
	write(t, src, "main.go", "package main\n", 0o644)
	write(t, src, "run.sh", "#!/bin/sh\necho hi\n", 0o755)
	write(t, src, "secret.env", "TOKEN=x\n", 0o600)
	write(t, src, "docs/README", "read me\n", 0o444)
	write(t, src, "big.bin", strings.Repeat("0123456789abcdef", chunk/16+1000), 0o644)
	write(t, src, "locked/inside.txt", "in a read-only dir\n", 0o644)
	must(t, os.Chmod(filepath.Join(src, "locked"), 0o555))
	must(t, os.MkdirAll(filepath.Join(src, "empty/deeper"), 0o750))
	for link, target := range map[string]string{
		"rel":       "docs/README",
		"abs":       "/etc/hostname",
		"dangling":  "no/such/file",
		"inside":    filepath.Join(src, "main.go"),
		"loop-a":    "loop-b",
		"loop-b":    "loop-a",
		"self":      ".",
		"docs/up":   "..",
		"empty/dir": "../docs",
	} {
		must(t, os.Symlink(target, filepath.Join(src, link)))
	}
	must(t, syscall.Mkfifo(filepath.Join(src, "pipe"), 0o644))
	age(t, src)
	return src
}

// TestCopyKeepsEverything copies a tree and finds every entry of the
// original in the copy with the same mode, time and content or link target,
// the original itself untouched, the FIFO left out and named, and the
// progress ending at its totals.
func TestCopyKeepsEverything(t *testing.T) {
	src := plainTree(t)
	before := describe(t, src)
	parent := t.TempDir()
	dest := filepath.Join(parent, "new", "proj")
	var seen []Progress
	res, err := Copy(context.Background(), src, dest, func(p Progress) { seen = append(seen, p) })
	if err != nil {
		t.Fatalf("Copy: %v (%+v)", err, res)
	}
	sameTree(t, "original after the copy", before, describe(t, src))
	want := before
	delete(want, "pipe")
	sameTree(t, "copy", want, describe(t, dest))
	noPartial(t, filepath.Join(parent, "new"), "proj")

	if res.Files != 6 || res.Symlinks != 9 || res.Dirs != 5 || res.Git || res.IndexModes || len(res.Differences) != 0 {
		t.Errorf("result = %+v, want 6 files, 9 links, 5 directories, not git", res)
	}
	if len(res.Skipped) != 1 || res.Skipped[0] != "pipe (FIFO)" {
		t.Errorf("skipped = %q, want the FIFO", res.Skipped)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "inside -> "+src) {
		t.Errorf("notes = %q, want one about the link into the original", res.Notes)
	}
	if res.Src != src || res.Dest != dest {
		t.Errorf("src, dest = %s, %s, want %s, %s", res.Src, res.Dest, src, dest)
	}
	checkProgress(t, seen, res)
}

// checkProgress: phases in order, counts never past their totals, and the
// copy reported complete before verification.
func checkProgress(t *testing.T, seen []Progress, res Result) {
	t.Helper()
	order := map[Phase]int{PhaseCount: 0, PhaseCopy: 1, PhaseVerify: 2}
	for i, p := range seen {
		if i > 0 && order[p.Phase] < order[seen[i-1].Phase] {
			t.Errorf("progress went back from %s to %s", seen[i-1].Phase, p.Phase)
		}
		if p.Phase != PhaseCount && (p.Files > p.TotalFiles || p.Bytes > p.TotalBytes) {
			t.Errorf("progress past its totals: %+v", p)
		}
	}
	last := seen[len(seen)-1]
	want := Progress{PhaseVerify, res.Files + res.Symlinks, res.Files + res.Symlinks, res.Bytes, res.Bytes}
	if last != want {
		t.Errorf("last progress = %+v, want %+v", last, want)
	}
}

// TestCopyRefuses: every refusal leaves no trace, and says why.
func TestCopyRefuses(t *testing.T) {
	needGit(t)
	isolateGit(t)
	src := plainTree(t)
	before := describe(t, src)
	parent := t.TempDir()
	must(t, os.Mkdir(filepath.Join(parent, "empty"), 0o755))
	write(t, parent, "file", "x", 0o644)
	must(t, os.Symlink("nowhere", filepath.Join(parent, "dangling")))
	must(t, os.Symlink(src, filepath.Join(parent, "into-src")))

	repo := filepath.Join(t.TempDir(), "repo")
	write(t, repo, "svc/main.go", "package main\n", 0o644)
	gitT(t, repo, "init", "-q")
	gitT(t, repo, "add", ".")
	gitT(t, repo, "commit", "-qm", "one")
	gitT(t, repo, "worktree", "add", "-q", filepath.Join(parent, "wt"))
	repoBefore := describe(t, repo)

	for _, c := range []struct {
		name, src, dest, why string
	}{
		{"an empty directory", src, filepath.Join(parent, "empty"), "already exists"},
		{"a file", src, filepath.Join(parent, "file"), "already exists"},
		{"a dangling link", src, filepath.Join(parent, "dangling"), "already exists"},
		{"the original", src, src, "already exists"},
		{"a parent of the original", src, filepath.Dir(src), "already exists"},
		{"inside the original", src, filepath.Join(src, "sub", "copy"), "is inside"},
		{"inside it through a link", src, filepath.Join(parent, "into-src", "copy"), "is inside"},
		{"a missing original", filepath.Join(parent, "nope"), filepath.Join(parent, "a"), "no such file"},
		{"a folder inside a repository", filepath.Join(repo, "svc"), filepath.Join(parent, "b"), "is part of the git repository at " + repo},
		{"a linked worktree", filepath.Join(parent, "wt"), filepath.Join(parent, "c"), "a linked worktree"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := describe(t, parent)
			_, err := Copy(context.Background(), c.src, c.dest, nil)
			if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), c.why) {
				t.Fatalf("Copy(%s, %s) = %v, want a refusal saying %q", c.src, c.dest, err, c.why)
			}
			sameTree(t, "the destination's folder", before, describe(t, parent))
		})
	}
	sameTree(t, "original", before, describe(t, src))
	sameTree(t, "repository", repoBefore, describe(t, repo))
}

// TestCopyCancelled: a cancelled copy, whether it is just starting or
// already complete and being verified (read-only directories and all),
// leaves neither dest nor a partial copy.
func TestCopyCancelled(t *testing.T) {
	for _, at := range []Phase{PhaseCopy, PhaseVerify} {
		t.Run(string(at), func(t *testing.T) {
			src := plainTree(t)
			before := describe(t, src)
			parent := t.TempDir()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			_, err := Copy(ctx, src, filepath.Join(parent, "proj"), func(p Progress) {
				if p.Phase == at {
					cancel()
				}
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Copy = %v, want context.Canceled", err)
			}
			noPartial(t, parent)
			sameTree(t, "original", before, describe(t, src))
		})
	}
}
