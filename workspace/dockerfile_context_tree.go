package workspace

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
	pruneExcluded := ign != nil && !ign.HasExceptions()
	queue := []string{"."}
	for len(queue) > 0 {
		rel := queue[0]
		queue = queue[1:]
		for _, e := range s.readDir(listingPath(dir, rel)) {
			if rel != "." && len(t.Entries) >= MaxContextEntries {
				t.Truncated = true
				return t
			}
			p := joinSlash(rel, e.name) // rel is clean: no path.Clean per entry
			t.Entries = append(t.Entries, ContextEntry{Path: p, Dir: e.dir})
			if !e.dir || p == ".git" {
				continue
			}
			if pruneExcluded {
				if excluded, _ := ign.Excluded(p); excluded {
					continue
				}
			}
			queue = append(queue, p)
		}
	}
	return t
}
