package workspace

import (
	"context"
	"os"
	"path/filepath"
)

// walk is discovery's walk of one workspace folder: filepath.WalkDir's order
// (each directory's entries by name, a directory's contents right after it)
// and its handling of trouble (an unreadable directory costs that directory;
// a folder that is a symbolic link is not entered), without its per-entry
// filepath.Join and the filepath.Dir and Base that the notes and the
// case-fold index took per entry. On a 100 000-file tree those were a
// quarter of the walk's CPU.
func (s *Snapshot) walk(ctx context.Context, root string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	st, err := os.Lstat(root)
	if err != nil || !st.IsDir() {
		return nil
	}
	s.walkedDirs++
	return s.walkDir(ctx, root, root)
}

// walkDir visits the entries of dir, a directory at or below root that was
// not skipped, and the directories below it.
func (s *Snapshot) walkDir(ctx context.Context, root, dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil && dir != root {
		return nil
	}
	output := dir != root && outputDir(filepath.Base(dir))
	for _, d := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		name, isDir, regular := d.Name(), d.IsDir(), d.Type().IsRegular()
		if regular && coverageGoFile(name) {
			s.named[childPath(dir, name)] = false
		}
		if output {
			s.named[dir] = true // the entry shows it is not empty
		}
		s.folds.add(dir, name, isDir)
		switch {
		case isDir && skipDir(name):
		case isDir:
			s.walkedDirs++
			if err := s.walkDir(ctx, root, childPath(dir, name)); err != nil {
				return err
			}
		case regular && mayHaveKind(name):
			// Most entries are source files: their path is never built.
			if path := childPath(dir, name); KindOf(path) != None {
				s.files[path] = s.read(path)
			}
		}
	}
	return nil
}

// mayHaveKind reports whether a file named name can be of a Kind: KindOf
// needs the directory only to place a devcontainer.json.
func mayHaveKind(name string) bool { return name == "devcontainer.json" || KindOf(name) != None }

// childPath joins a clean directory and an entry name.
func childPath(dir, name string) string {
	if len(dir) > 0 && os.IsPathSeparator(dir[len(dir)-1]) {
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}
