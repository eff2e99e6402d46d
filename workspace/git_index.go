package workspace

import (
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Index modes, as git writes them.
const (
	modeRegular    = 0o100644
	modeExecutable = 0o100755
)

// maxEOLReads bounds the files CRLF reads per repository and snapshot, and
// so what an index keeps of their names (see CRLF).
const maxEOLReads = 2000

// gitIndex is what gowell keeps of a repository's index for one snapshot,
// read in one streaming pass: the tracked state of the Go files Tracked
// answers for, the paths that differ only in case, and the tracked files
// whose line endings matter, at most maxEOLReads of each kind. Nothing else
// of a 100 000-file index stays in memory.
type gitIndex struct {
	root  string
	once  sync.Once
	known bool
	err   error // why git could not list the index, when it could not
	indexData

	eolOnce sync.Once
	crlf    *CRLF
}

type indexData struct {
	tracked    map[string]bool // slash paths relative to root, names in trackedNames only
	collisions []CaseCollision
	scripts    []string // *.sh, *.bash and executable files, slash paths
	goMods     []string
	goFiles    []string
	candidates int // files of those kinds, kept or not
}

func (idx *gitIndex) read() {
	b := indexBuilder{data: indexData{tracked: map[string]bool{}}, fold: newFoldIndex()}
	if err := GitLsFiles(idx.root, b.add); err != nil {
		idx.err = err
		return // a partial index would answer wrongly
	}
	b.data.collisions = b.fold.collisions(func(p string) string { return filepath.Join(idx.root, filepath.FromSlash(p)) })
	idx.indexData, idx.known = b.data, true
}

// indexBuilder consumes index entries in order.
type indexBuilder struct {
	data    indexData
	fold    *foldIndex
	prev    string // the previous path: unmerged paths repeat, once per stage
	prevDir string
}

func (b *indexBuilder) add(p string, mode uint32) {
	if p == b.prev {
		return
	}
	b.prev = p
	dir, name := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	b.addDirs(dir)
	b.fold.add(dir, name, false)
	idx := &b.data
	if slices.Contains(trackedNames, name) {
		idx.tracked[p] = true
	}
	if mode != modeRegular && mode != modeExecutable {
		return // symbolic links and submodules have no lines
	}
	var kind *[]string
	switch {
	case mode == modeExecutable || strings.HasSuffix(name, ".sh") || strings.HasSuffix(name, ".bash"):
		kind = &idx.scripts
	case name == "go.mod":
		kind = &idx.goMods
	case strings.HasSuffix(name, ".go"):
		kind = &idx.goFiles
	default:
		return
	}
	idx.candidates++
	if len(*kind) < maxEOLReads {
		*kind = append(*kind, p)
	}
}

// addDirs feeds the fold index the directories of dir that the previous
// path did not have: the index is sorted, so a directory's paths are
// contiguous and each directory is fed once, before its entries.
func (b *indexBuilder) addDirs(dir string) {
	if dir == b.prevDir {
		return
	}
	cur, prev := splitSlash(dir), splitSlash(b.prevDir)
	off, k := 0, 0 // the components shared with the previous path, and their length
	for k < len(prev) && k < len(cur) && prev[k] == cur[k] {
		off += len(cur[k]) + 1
		k++
	}
	for ; k < len(cur); k++ {
		b.fold.add(strings.TrimSuffix(dir[:off], "/"), cur[k], true)
		off += len(cur[k]) + 1
	}
	b.prevDir = dir
}

func splitSlash(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// GitCaseCollisions returns the paths in git's index, in the repository
// whose top directory is repo, that differ only in case (at most 100): what
// every clone on a case-insensitive file system collapses, even where the
// working tree here holds only one of them. known is false when git cannot
// say (no repository, no git).
func (s *Snapshot) GitCaseCollisions(repo string) (c []CaseCollision, known bool) {
	idx := s.gitIndex(repo)
	if idx == nil {
		return nil, false
	}
	return idx.collisions, true
}
