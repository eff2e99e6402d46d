package workspace

import (
	"fmt"
	"slices"
)

// limits are what a restricted view of a snapshot lets its reader see.
type limits struct {
	kinds []Kind
	disk  bool
}

// Only returns a view of s for a reader that declared what it reads: the
// files of the given kinds and, with disk, what the snapshot answers from
// the disk beyond them (Exists, IsDir, files of no kind and everything built
// on those). Reading anything else panics, naming what was read. The rule
// engine keys each rule's cached findings on what the rule declares; its
// tests run every rule's fixtures through such a view, so that a rule that
// reads more than it declares, and could be left with stale findings, fails
// there.
func (s *Snapshot) Only(kinds []Kind, disk bool) *Snapshot {
	return &Snapshot{Roots: s.Roots, files: s.files, overlays: s.overlays, named: s.named, listings: s.listings, stats: s.stats,
		walkedDirs: s.walkedDirs, folds: s.folds, gen: s.gen, only: &limits{kinds: kinds, disk: disk}}
}

// reads panics when a restricted view may not read files of kind k (None:
// the disk) through method with path.
func (s *Snapshot) reads(k Kind, method, path string) {
	if s.only == nil || k == None && s.only.disk || k != None && slices.Contains(s.only.kinds, k) {
		return
	}
	what := "the disk"
	if k != None {
		what = k.String() + " files"
	}
	panic(fmt.Sprintf("workspace: %s(%s) reads %s, which the reader did not declare", method, path, what))
}
