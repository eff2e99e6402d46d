package workspace

import (
	"os"
	"path/filepath"
	"sync/atomic"
)

// dirEntry is one entry of a directory discovery read.
type dirEntry struct {
	name    string
	dir     bool // a directory, not a symbolic link to one
	regular bool
}

// listings keeps what discovery read of each directory it entered, so that
// a rule that lists a build context (ContextTree) reads the snapshot's walk
// instead of the disk again: on a monorepo the contexts cover the whole tree,
// which cost as much as the walk itself. A session drops them once the first
// full run has used them (ReleaseListings); a snapshot made by Update has
// none and reads the disk.
type listings struct {
	// m is filled by Load before the snapshot is shared, and read after.
	m atomic.Pointer[map[string][]dirEntry]
}

func newListings() *listings {
	l := &listings{}
	l.m.Store(&map[string][]dirEntry{})
	return l
}

// add records what discovery read of dir. Load's walk only, under its lock.
func (l *listings) add(dir string, entries []dirEntry) { (*l.m.Load())[dir] = entries }

// get returns what discovery read of dir, if it did and they are kept.
func (l *listings) get(dir string) ([]dirEntry, bool) {
	if l == nil {
		return nil, false
	}
	m := l.m.Load()
	if m == nil {
		return nil, false
	}
	entries, ok := (*m)[dir]
	return entries, ok
}

// ReleaseListings lets the directory listings discovery kept go (a few
// megabytes on a 100 000-file tree); ContextTree reads the disk after it.
// Safe to call concurrently with ContextTree, and more than once.
func (s *Snapshot) ReleaseListings() {
	if s.listings != nil {
		s.listings.m.Store(nil)
	}
}

// readDir lists dir as discovery read it when it did, else from the disk. A
// directory discovery skipped (vendor, node_modules, testdata, VCS data) or
// could not read is asked of the disk.
func (s *Snapshot) readDir(dir string) []dirEntry {
	if entries, ok := s.listings.get(dir); ok {
		return entries
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	out := make([]dirEntry, len(entries))
	for i, e := range entries {
		out[i] = dirEntry{name: e.Name(), dir: e.IsDir(), regular: e.Type().IsRegular()}
	}
	return out
}

// listingPath joins a context directory and a slash-separated path in it.
func listingPath(dir, rel string) string {
	if rel == "." {
		return dir
	}
	return childPath(dir, filepath.FromSlash(rel))
}
