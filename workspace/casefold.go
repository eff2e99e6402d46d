package workspace

import (
	"cmp"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CaseCollision is two paths that differ only in case: on a case-insensitive
// file system (macOS, Windows, a case-insensitive WSL DrvFs directory) they
// are one file, so a checkout there keeps only one of them.
type CaseCollision struct {
	Paths [2]string // absolute; siblings in one directory
	Dirs  bool      // both are directories
	// GoDirs: both are directories that directly hold .go files, which the go
	// command rejects as "case-insensitive import collision".
	GoDirs bool
}

// maxCollisions bounds what a walk or an index keeps: a repository with more
// colliding pairs than this has a problem that a few examples already show.
const maxCollisions = 100

// foldIndex finds names that differ only in case among the entries of a
// tree, fed in the order of a sorted walk: a directory's entries by name,
// each directory's contents right after it (filepath.WalkDir's order, and
// the order of git's index).
//
// Two colliding paths always collide at two siblings, so only names within
// one directory are compared. It keeps only the names that are not plain
// lower-case ASCII: in that order a lower-case ASCII name comes after every
// sibling that folds to it (an upper-case ASCII letter sorts before its
// lower-case one), so looking it up is enough. Most names are lower-case, so
// a tree of 100 000 entries costs a few map entries.
type foldIndex struct {
	seen     map[string]string // dir + "\x00" + folded name → the first name seen
	hasSeen  map[string]bool   // directories with an entry in seen
	interest map[string]bool   // directories whose Go files matter: kept names and collision members
	goDirs   map[string]bool   // directories of interest that hold a .go file
	pairs    []foldPair
	more     bool // pairs past maxCollisions were dropped
}

type foldPair struct {
	dir        string
	names      [2]string
	dirA, dirB bool
}

func newFoldIndex() *foldIndex {
	return &foldIndex{seen: map[string]string{}, hasSeen: map[string]bool{},
		interest: map[string]bool{}, goDirs: map[string]bool{}}
}

// add records the entry name of directory dir (a path in the tree's own
// terms, "" or "." for its top).
func (x *foldIndex) add(dir, name string, isDir bool) {
	if !isDir && x.interest[dir] && strings.HasSuffix(name, ".go") {
		x.goDirs[dir] = true
	}
	plain := plainLower(name)
	if plain && !x.hasSeen[dir] {
		return
	}
	key := dir + "\x00" + toFold(name)
	other, ok := x.seen[key]
	switch {
	case ok && other != name:
		if len(x.pairs) == maxCollisions {
			x.more = true
			return
		}
		x.pairs = append(x.pairs, foldPair{dir: dir, names: [2]string{other, name},
			dirA: x.interest[joinSlash(dir, other)], dirB: isDir})
		if isDir {
			x.interest[joinSlash(dir, name)] = true
		}
	case !ok && !plain:
		x.seen[key] = name
		x.hasSeen[dir] = true
		if isDir {
			x.interest[joinSlash(dir, name)] = true
		}
	}
}

// collisions turns the pairs into paths by abs, which maps a path of the
// tree to an absolute one.
func (x *foldIndex) collisions(abs func(string) string) []CaseCollision {
	var out []CaseCollision
	for _, p := range x.pairs {
		a, b := joinSlash(p.dir, p.names[0]), joinSlash(p.dir, p.names[1])
		dirs := p.dirA && p.dirB
		out = append(out, CaseCollision{Paths: [2]string{abs(a), abs(b)}, Dirs: dirs,
			GoDirs: dirs && x.goDirs[a] && x.goDirs[b]})
	}
	slices.SortFunc(out, func(a, b CaseCollision) int {
		return cmp.Or(strings.Compare(a.Paths[0], b.Paths[0]), strings.Compare(a.Paths[1], b.Paths[1]))
	})
	return out
}

func joinSlash(dir, name string) string {
	if dir == "" || dir == "." {
		return name
	}
	if strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + "/" + name
}

// plainLower reports a name of lower-case ASCII only, the names that fold to
// themselves.
func plainLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// toFold maps s to the form the go command compares file names in
// (cmd/go/internal/str.ToFold): each rune replaced by the smallest rune of
// its case-folding orbit, then A-Z by a-z.
func toFold(s string) string {
	if plainLower(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		for {
			r0 := r
			r = unicode.SimpleFold(r0)
			if r <= r0 {
				break
			}
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// CaseCollisions returns the paths below the workspace folders that differ
// only in case, as discovery's walk found them (at most 100; it does not
// enter vendor/, testdata/ or VCS directories), both still there. A pair
// that appeared since the walk shows after the next Load; GitCaseCollisions
// sees the index of each snapshot.
func (s *Snapshot) CaseCollisions() []CaseCollision {
	if s.folds == nil {
		return nil
	}
	var out []CaseCollision
	for _, c := range s.folds.collisions(func(p string) string { return p }) {
		if present(c.Paths[0]) && present(c.Paths[1]) {
			out = append(out, c)
		}
	}
	return out
}

func present(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// WalkedDirs is the number of directories discovery walked in the workspace
// folders, the folders included: about what an editor watching the
// workspace watches, since it too leaves out VCS directories and (by
// default or by habit) node_modules and vendor.
func (s *Snapshot) WalkedDirs() int { return s.walkedDirs }
