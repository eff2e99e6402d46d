package workspace

import (
	"path/filepath"
	"slices"
	"strings"
)

// IgnoreMatch is the .gitignore line that decides whether git ignores a path,
// found the way `git check-ignore -v --no-index` finds it: .gitignore files from
// the repository root down to the path's directory, a deeper file overriding a
// shallower one, the last matching line of a file winning, and nothing inside
// an excluded directory being re-included.
//
// Only .gitignore files count: .git/info/exclude and core.excludesFile are one
// developer's settings, not what a clone gets. Matching is case-sensitive, as
// git's is unless core.ignoreCase is set (the default on macOS and Windows
// file systems).
type IgnoreMatch struct {
	File    *File  // the .gitignore holding the line
	Line    int    // 0-based
	Pattern string // as git reports it: "!" kept, unescaped trailing spaces dropped
	Range   Range  // the pattern on its line
	Negated bool   // a "!" line: the path is re-included, not ignored
	// Path is what the line matched: the path asked about, or an excluded
	// directory above it (git never looks inside an excluded directory, so
	// no line can re-include anything there).
	Path string
	// Prev is the line that decides Path when this one is removed; nil when
	// no other line matches it.
	Prev *IgnoreMatch
}

// Ignored reports whether the match makes git ignore the path.
func (m *IgnoreMatch) Ignored() bool { return m != nil && !m.Negated }

// GitIgnored returns the .gitignore line deciding whether git ignores path (a
// directory when isDir), or nil when no line matches it. It reads editor
// overlays, so it answers for unsaved text, and it reads .gitignore files
// above the workspace folders on demand.
func (s *Snapshot) GitIgnored(path string, isDir bool) *IgnoreMatch {
	path = filepath.Clean(path)
	root := s.RepoRoot(path)
	if root == "" {
		return nil
	}
	rel, err := filepath.Rel(root, path)
	if err != nil || rel == "." || !Within(root, path) {
		return nil
	}
	comps := strings.Split(filepath.ToSlash(rel), "/")
	if slices.Contains(comps, ".git") {
		return nil // git's own directory is never subject to ignore rules
	}
	// Directories first, from the top: an excluded one decides for all below.
	for i := 1; i <= len(comps); i++ {
		last := i == len(comps)
		m := s.decide(root, comps[:i], isDir || !last)
		if m != nil && (last || !m.Negated) {
			return m
		}
	}
	return nil
}

// RepoRoot is the root of the git repository holding path: the nearest
// directory at or above path's directory that holds .git (a directory, or a
// file in worktrees and submodules), else the workspace folder holding path,
// else "".
//
// The answer for a directory is kept with the disk's other answers (stat.go):
// every rule asks it of every module, on every keystroke in a monorepo.
func (s *Snapshot) RepoRoot(path string) string {
	s.reads(None, "RepoRoot", path)
	repo := s.upward(repoRoots, filepath.Dir(filepath.Clean(path)), func(dir string) bool {
		return s.Exists(filepath.Join(dir, ".git"))
	})
	if repo == "" {
		return s.RootOf(path)
	}
	return repo
}

// decide finds the line deciding comps (relative to root) on its own, without
// looking at the directories above it: the deepest .gitignore's last matching
// line, and the one after it in that order as Prev.
func (s *Snapshot) decide(root string, comps []string, isDir bool) *IgnoreMatch {
	var first, prev *IgnoreMatch
	for d := len(comps) - 1; d >= 0 && prev == nil; d-- {
		f := s.File(filepath.Join(root, filepath.Join(comps[:d]...), ".gitignore"))
		if f.Err != nil {
			continue
		}
		lines := ignoreLines(f)
		for i := len(lines) - 1; i >= 0 && prev == nil; i-- {
			l := &lines[i]
			if !l.matches(comps[d:], isDir) {
				continue
			}
			m := &IgnoreMatch{File: f, Line: l.line, Pattern: l.text, Range: l.rng, Negated: l.negated,
				Path: filepath.Join(root, filepath.Join(comps...))}
			if first == nil {
				first = m
			} else {
				prev = m
			}
		}
	}
	if first != nil {
		first.Prev = prev
	}
	return first
}
