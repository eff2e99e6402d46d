package workspace

import "sync/atomic"

// Generations let a consumer of snapshots (the rule engine) tell cheaply
// whether what it read of one snapshot may differ in the next: each snapshot
// carries a number per kind of file, and one for the disk beyond those files.
// Update keeps a number when nothing it stands for changed and takes a new
// one otherwise; Load takes new ones for everything. Numbers are never
// reused within a process, so equal numbers mean nothing changed.
type generations [len(kindNames)]uint64 // indexed by Kind; [None] is the disk

var lastGeneration atomic.Uint64

func newGeneration() uint64 { return lastGeneration.Add(1) }

func freshGenerations() generations {
	var g generations
	for k := range g {
		g[k] = newGeneration()
	}
	return g
}

// Generation numbers the state of the files of kind k: the discovered ones,
// the open documents and those read on demand outside the workspace folders.
func (s *Snapshot) Generation(k Kind) uint64 { return s.gen[k] }

// DiskGeneration numbers the state of everything else a snapshot answers
// from the disk (Exists, IsDir, RepoRoot, WorkFileFor, ContextTree, Tracked,
// files of no kind). It changes when a path comes or goes (a document
// opened for a file not on disk counts), when a file of no kind or outside
// discovery changes, and at every Load; not when an existing file's text
// changes or it is opened or closed. The answers cached per generation
// (stat.go) rest on exactly this.
func (s *Snapshot) DiskGeneration() uint64 { return s.gen[None] }

// sameContent reports whether a re-read file holds what the old one did, so
// that the old one, with its parses, stands for it.
func sameContent(old, f *File) bool {
	return old.Err == nil && f.Err == nil && old.Version == f.Version && string(old.Text.Bytes) == string(f.Text.Bytes)
}
