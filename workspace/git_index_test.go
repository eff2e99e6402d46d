package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestGitCaseCollisions builds a real repository whose index holds paths
// that differ only in case, one of them no longer in the working tree (what
// a checkout on a case-insensitive file system leaves): the index finds all
// of them, the walk only those on disk, and both say which pairs the go
// command rejects.
func TestGitCaseCollisions(t *testing.T) {
	needGit(t)
	root := t.TempDir()
	git(t, root, "", nil, "init", "-q", ".")
	for _, p := range []string{"go.mod", "q/Util.go", "q/util.go", "p/a.go", "P/a.go",
		"docs/README.md", "docs/readme.md", "img/Logo.png", "img/logo.png", "ok/A.go", "ok/b.go"} {
		writeTestFile(t, filepath.Join(root, p), "package x\n")
	}
	git(t, root, "", nil, "add", ".")
	must(t, os.Remove(filepath.Join(root, "img/logo.png"))) // still in the index
	s := loadRoot(t, root)

	abs := func(p string) string { return filepath.Join(root, p) }
	want := []CaseCollision{
		{Paths: [2]string{abs("P"), abs("p")}, Dirs: true, GoDirs: true},
		{Paths: [2]string{abs("docs/README.md"), abs("docs/readme.md")}},
		{Paths: [2]string{abs("img/Logo.png"), abs("img/logo.png")}},
		{Paths: [2]string{abs("q/Util.go"), abs("q/util.go")}},
	}
	got, known := s.GitCaseCollisions(root)
	if !known || !slices.Equal(got, want) {
		t.Errorf("GitCaseCollisions = %v, %v\nwant %v", got, known, want)
	}
	walked := slices.DeleteFunc(slices.Clone(want), func(c CaseCollision) bool { return c.Paths[1] == abs("img/logo.png") })
	if got := s.CaseCollisions(); !slices.Equal(got, walked) {
		t.Errorf("CaseCollisions = %v\nwant %v", got, walked)
	}

	// Renaming one away (without a new Load) ends the walk's pair too.
	must(t, os.Rename(abs("q/util.go"), abs("q/util2.go")))
	if got := s.CaseCollisions(); slices.ContainsFunc(got, func(c CaseCollision) bool { return c.Paths[0] == abs("q/Util.go") }) {
		t.Errorf("a pair that is gone is still reported: %v", got)
	}
}

// TestCaseCollisionsOrders: in a sorted walk, pairs are found whichever of
// the two is kept, a name colliding with two others makes two pairs, names
// may be non-ASCII, and a pair of directories is not taken for a pair of
// packages unless both hold Go files.
func TestCaseCollisionsOrders(t *testing.T) {
	x := newFoldIndex()
	for _, e := range []struct {
		dir, name string
		isDir     bool
	}{
		{"", "ABC", false}, {"", "AbC", false},
		{"", "Dir", true}, {"Dir", "X.go", false}, {"Dir", "x.go", false},
		{"", "abc", false},
		{"", "dir", true}, {"dir", "y.txt", false},
		{"", "Éa", false}, {"", "éa", false},
	} {
		x.add(e.dir, e.name, e.isDir)
	}
	var got []string
	for _, c := range x.collisions(func(p string) string { return p }) {
		got = append(got, fmt.Sprintf("%s=%s dirs=%v go=%v", c.Paths[0], c.Paths[1], c.Dirs, c.GoDirs))
	}
	want := []string{
		"ABC=AbC dirs=false go=false",
		"ABC=abc dirs=false go=false",
		"Dir=dir dirs=true go=false",
		"Dir/X.go=Dir/x.go dirs=false go=false",
		"Éa=éa dirs=false go=false",
	}
	if !slices.Equal(got, want) {
		t.Errorf("pairs:\n%v\nwant\n%v", got, want)
	}
}

// TestCRLFReadsWhatBreaks: a real checkout with core.autocrlf=true, as Git for
// Windows makes it, beside files that are fine. Scripts count when named
// *.sh or *.bash, or executable with a #! line; an executable binary, an
// untracked file and a symbolic link do not.
func TestCRLFReadsWhatBreaks(t *testing.T) {
	needGit(t)
	src := t.TempDir()
	git(t, src, "", nil, "init", "-q", ".")
	files := map[string]string{
		"build.sh":       "#!/bin/sh\necho hi\n",
		"lib.bash":       "set -e\n",
		"tools/gen":      "#!/usr/bin/env bash\necho gen\n",
		"tools/bin":      "\x7fELF\x02\x01\x01\n",
		"go.mod":         "module m\n",
		"main.go":        "package main\n",
		"README.md":      "# m\n",
		"sub/go.mod":     "module s\n",
		"sub/x.go":       "package s\n",
		"notes/plain.sh": "echo plain\n",
	}
	for p, data := range files {
		writeTestFile(t, filepath.Join(src, p), data)
	}
	for _, p := range []string{"build.sh", "tools/gen", "tools/bin"} {
		must(t, os.Chmod(filepath.Join(src, p), 0o755))
	}
	must(t, os.Symlink("build.sh", filepath.Join(src, "link.sh")))
	writeTestFile(t, filepath.Join(src, ".gitattributes"), "notes/*.sh text eol=lf\n")
	git(t, src, "", nil, "add", ".")
	git(t, src, "", nil, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "x")
	root := filepath.Join(t.TempDir(), "clone")
	git(t, src, "", nil, "-c", "core.autocrlf=true", "clone", "-q", src, root)
	writeTestFile(t, filepath.Join(root, "untracked.sh"), "#!/bin/sh\r\necho\r\n")

	c, known := loadRoot(t, root).CRLF(root)
	if !known {
		t.Fatal("CRLF unknown in a repository")
	}
	abs := func(p string) string { return filepath.Join(root, p) }
	wantScripts := []CRLFScript{{abs("build.sh"), true}, {abs("lib.bash"), false}, {abs("tools/gen"), true}}
	if !slices.Equal(c.Scripts, wantScripts) {
		t.Errorf("scripts %v, want %v", c.Scripts, wantScripts)
	}
	if want := []string{abs("go.mod"), abs("sub/go.mod")}; !slices.Equal(c.GoMods, want) {
		t.Errorf("go.mod files %v, want %v", c.GoMods, want)
	}
	if want := []string{abs("main.go"), abs("sub/x.go")}; !slices.Equal(c.GoFiles, want) {
		t.Errorf("Go files %v, want %v", c.GoFiles, want)
	}
	// build.sh, lib.bash, tools/gen, tools/bin, notes/plain.sh, two go.mod, two .go
	if c.Checked != 9 || c.Candidates != 9 {
		t.Errorf("checked %d of %d, want 9 of 9", c.Checked, c.Candidates)
	}

	// An LF checkout of the same repository has none.
	lf := filepath.Join(t.TempDir(), "lf")
	git(t, src, "", nil, "-c", "core.autocrlf=false", "clone", "-q", src, lf)
	if c, _ := loadRoot(t, lf).CRLF(lf); !c.Empty() {
		t.Errorf("an LF checkout has CRLF files: %+v", c)
	}
}

// TestCRLFBounded: in a huge repository the scan reads at most maxEOLReads
// files, scripts first, and says how many it left unread.
func TestCRLFBounded(t *testing.T) {
	root := tree(t, map[string]string{".git/HEAD": "", "run.sh": "#!/bin/sh\r\n"})
	for i := range 3 {
		writeTestFile(t, filepath.Join(root, fmt.Sprintf("p/f%d.go", i)), "package p\r\n")
	}
	real := GitLsFiles
	GitLsFiles = func(_ string, each func(string, uint32)) error {
		for i := range maxEOLReads + 500 {
			each(fmt.Sprintf("p/f%d.go", i), 0o100644)
		}
		each("run.sh", 0o100644)
		return nil
	}
	t.Cleanup(func() { GitLsFiles = real })

	c, _ := loadRoot(t, root).CRLF(root)
	if len(c.Scripts) != 1 || len(c.GoFiles) != 3 || c.Checked != maxEOLReads || c.Candidates != maxEOLReads+501 {
		t.Errorf("scripts %d, Go files %d, checked %d of %d; want 1, 3, %d of %d",
			len(c.Scripts), len(c.GoFiles), c.Checked, c.Candidates, maxEOLReads, maxEOLReads+501)
	}
}

// TestWalkedDirs counts what an editor would watch: the folder and its
// directories, not .git, vendor/ or node_modules/ and what they hold.
func TestWalkedDirs(t *testing.T) {
	root := tree(t, map[string]string{
		"go.mod": "module m\n", "a/b/c.go": "", "a/d/e.go": "", "empty/.keep": "",
		".git/objects/x": "", "vendor/v/v.go": "", "node_modules/n/n.js": "",
	})
	if n := loadRoot(t, root).WalkedDirs(); n != 5 { // root, a, a/b, a/d, empty
		t.Errorf("WalkedDirs = %d, want 5", n)
	}
}
