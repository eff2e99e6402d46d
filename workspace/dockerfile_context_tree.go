package workspace

import "github.com/moby/patternmatcher"

// MaxContextEntries bounds ContextTree. A build context is usually a Go
// service, far below it; a monorepo's root can hold millions of files, and
// the rules that list a context run on every change.
const MaxContextEntries = 10000

// ContextEntry is one path in a build context.
type ContextEntry struct {
	Path string // slash separated, relative to the context root
	Dir  bool
}

// ContextTree is what a build context directory holds, as far as gowell
// looked.
type ContextTree struct {
	// Entries come breadth first: every entry of the root, then the next
	// level, each directory's entries in name order.
	Entries []ContextEntry
	// Truncated is set when the walk stopped at MaxContextEntries: paths
	// deeper than, or after, the last entry listed may exist.
	Truncated bool
}

// ContextTree lists the build context dir from the disk, breadth first, up
// to MaxContextEntries entries (the root's entries are always all listed),
// so that a rule can ask which nested paths exist. It lists .git without
// entering it, and, when ign (which may be nil) has no "!" exceptions, it
// does not enter the directories ign excludes: nothing below them reaches
// the builder. Symbolic links are listed, not followed, as BuildKit sends
// them; unreadable directories are left out. It answers from what
// discovery read when it can (ReleaseListings), else from the disk.
func (s *Snapshot) ContextTree(dir string, ign *ParsedDockerIgnore) *ContextTree {
	t := &ContextTree{}
	prune := ign != nil && !ign.HasExceptions()
	// Each directory carries what the patterns said of it, so that its
	// entries are matched against the patterns once, not with every parent
	// again (BuildKit's own walk does the same).
	type queued struct {
		rel    string
		parent patternmatcher.MatchInfo
	}
	queue := []queued{{rel: "."}}
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		for _, e := range s.readDir(listingPath(dir, q.rel)) {
			if q.rel != "." && len(t.Entries) >= MaxContextEntries {
				t.Truncated = true
				return t
			}
			p := joinSlash(q.rel, e.name) // rel is clean: no path.Clean per entry
			t.Entries = append(t.Entries, ContextEntry{Path: p, Dir: e.dir})
			if !e.dir || p == ".git" {
				continue
			}
			var info patternmatcher.MatchInfo
			if prune {
				var excluded bool
				if excluded, info = ign.excludedBelow(p, q.parent); excluded {
					continue
				}
			}
			queue = append(queue, queued{p, info})
		}
	}
	return t
}
