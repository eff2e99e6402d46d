package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Discovery also notes a few paths by their names alone, without reading
// them, for rules about what a .gitignore hides: Go files named coverage*.go
// (the Go template's "coverage.*" hides coverage.go) and non-empty
// directories named bin or dist (an unanchored "bin" hides them at any
// depth). It costs a few string comparisons per entry of the walk. Like
// discovery, it stays out of vendor/, testdata/ and VCS directories, and it
// looks at the disk only: an unsaved editor buffer is nothing git can commit.

func coverageGoFile(name string) bool {
	return strings.HasPrefix(name, "coverage") && strings.HasSuffix(name, ".go")
}

func outputDir(name string) bool { return name == "bin" || name == "dist" }

// CoverageGoFiles returns the Go files named coverage*.go in the workspace
// folders, sorted.
func (s *Snapshot) CoverageGoFiles() []string { return s.noted(false) }

// OutputDirs returns the directories named bin or dist below the workspace
// folders (never a folder itself) that hold anything, sorted.
func (s *Snapshot) OutputDirs() []string { return s.noted(true) }

func (s *Snapshot) noted(dirs bool) []string {
	s.reads(None, "the names noted by discovery", "")
	var out []string
	for p, isDir := range s.named {
		if isDir == dirs {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// renote brings the notes about a changed path up to date.
func (s *Snapshot) renote(path string) {
	root := s.RootOf(path)
	if root == "" || path == root || insideSkipped(root, path) {
		return
	}
	if coverageGoFile(filepath.Base(path)) {
		if st, err := os.Lstat(path); err == nil && st.Mode().IsRegular() {
			s.named[path] = false
		} else {
			delete(s.named, path)
		}
	}
	if dir := filepath.Dir(path); dir != root && outputDir(filepath.Base(dir)) {
		if notEmpty(dir) {
			s.named[dir] = true
		} else {
			delete(s.named, dir)
		}
	}
}

func notEmpty(dir string) bool {
	fh, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer fh.Close()
	_, err = fh.Readdirnames(1)
	return err == nil
}
