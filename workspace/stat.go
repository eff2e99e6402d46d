package workspace

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// statResult is what a snapshot keeps of one os.Stat.
type statResult struct{ exists, dir bool }

// statCache is what a snapshot learned of the disk: path → statResult, and
// per directory the answers of upward (RepoRoot, WorkFileFor). It belongs to
// a disk generation: snapshots that share the generation (made by typing)
// share the cache.
type statCache struct {
	m  sync.Map
	up [upwardQuestions]sync.Map // directory → the directory found, or ""
}

// The questions upward answers.
const (
	repoRoots       = iota // the nearest directory holding .git
	workFiles              // the nearest directory holding a go.work file
	upwardQuestions        // how many
)

// stat asks the disk about path once per disk generation: rules ask about
// the same paths many times (every Dockerfile's candidate ignore files,
// every directory up to a repository root), and a snapshot is one moment
// anyway. A Snapshot made in a test without a cache asks every time.
func (s *Snapshot) stat(path string) statResult {
	if s.stats != nil {
		if v, ok := s.stats.m.Load(path); ok {
			return v.(statResult)
		}
	}
	st, err := os.Stat(path)
	r := statResult{exists: err == nil, dir: err == nil && st.IsDir()}
	if s.stats != nil {
		s.stats.m.Store(path, r)
	}
	return r
}

// upward returns the first directory, from dir up to the file system's
// root, where holds is true, or "" for none: once per disk generation,
// question and directory.
func (s *Snapshot) upward(question int, dir string, holds func(dir string) bool) string {
	if s.stats != nil {
		if v, ok := s.stats.up[question].Load(dir); ok {
			return v.(string)
		}
	}
	found := ""
	for d := dir; ; {
		if holds(d) {
			found = d
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	if s.stats != nil {
		s.stats.up[question].Store(dir, found)
	}
	return found
}

// inherit takes over what s learned from the disk — stats, files read on
// demand, git's index — for a snapshot whose disk generation is s's: only
// open documents changed, so the disk answers as it did. Typing in go.work
// then costs no git run and no stat of a 100 000-file monorepo; the stats
// are shared, not copied (a monorepo's thousands cost a millisecond per
// keystroke to copy). Files read on demand that are among the touched
// documents are read again.
func (n *Snapshot) inherit(s *Snapshot, touched []string) {
	n.stats = s.stats
	s.extra.Range(func(k, v any) bool {
		if p, ok := k.(string); !ok || !slices.Contains(touched, p) {
			n.extra.Store(k, v)
		}
		return true
	})
}

// kinds groups the files by kind, sorted by path, once per snapshot: rules
// ask for the files of a kind per Dockerfile or per module, and on a
// monorepo each walk of every file cost as much as the rule's own work.
func (s *Snapshot) kinds() *[len(kindNames)][]*File {
	s.kindsOnce.Do(func() {
		for _, f := range s.files {
			s.byKind[f.Kind] = append(s.byKind[f.Kind], f)
		}
		for _, fs := range s.byKind {
			slices.SortFunc(fs, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
		}
	})
	return &s.byKind
}
