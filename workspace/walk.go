package workspace

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// walk is discovery's walk of one workspace folder: filepath.WalkDir's order
// (each directory's entries by name, a directory's contents right after it)
// and its handling of trouble (an unreadable directory costs that directory;
// a folder that is a symbolic link is not entered), without its per-entry
// filepath.Join and the filepath.Dir and Base that the notes and the
// case-fold index took per entry. On a 100 000-file tree those were a
// quarter of the walk's CPU.
//
// It runs in two passes: readTree lists the directories and reads the files
// of a kind on every CPU (the system calls are nearly all of the cost), then
// walkDir visits the listings in order on one goroutine, as the notes and
// the case-fold index need.
func (s *Snapshot) walk(ctx context.Context, root string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	st, err := os.Lstat(root)
	if err != nil || !st.IsDir() {
		return nil
	}
	read, err := s.readTree(ctx, root)
	if err != nil {
		return err
	}
	s.walkedDirs++
	return s.walkDir(ctx, root, root, read)
}

// walkDir visits the entries of dir, a directory at or below root that was
// not skipped, and the directories below it, from the listings readTree
// made; read holds the files of a kind it read.
func (s *Snapshot) walkDir(ctx context.Context, root, dir string, read map[string]*File) error {
	entries, ok := s.listings.get(dir)
	if !ok {
		return nil // unreadable
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	output := dir != root && outputDir(filepath.Base(dir))
	for _, d := range entries {
		name := d.name
		if d.regular && coverageGoFile(name) {
			s.named[childPath(dir, name)] = false
		}
		if output {
			s.named[dir] = true // the entry shows it is not empty
		}
		s.folds.add(dir, name, d.dir)
		switch {
		case d.dir && skipDir(name):
		case d.dir:
			s.walkedDirs++
			if err := s.walkDir(ctx, root, childPath(dir, name), read); err != nil {
				return err
			}
		case d.regular && mayHaveKind(name):
			// Most entries are source files: their path is never built.
			if path := childPath(dir, name); KindOf(path) != None {
				f := read[path]
				if f == nil {
					f = s.read(path)
				}
				s.files[path] = f
			}
		}
	}
	return nil
}

// readTree lists root and every directory below it that discovery enters
// into s.listings, and reads the files of a kind, with one reader per CPU
// (at least two: on a slow or remote file system the readers wait more than
// they compute). A directory that cannot be read is left out, except root,
// whose entries read before an error count.
func (s *Snapshot) readTree(ctx context.Context, root string) (map[string]*File, error) {
	var (
		mu   sync.Mutex
		cond = sync.NewCond(&mu)
		todo = []string{root} // a stack: the tree is read about depth first, so it stays short
		busy int
		read = map[string]*File{}
	)
	reader := func() {
		for {
			mu.Lock()
			for len(todo) == 0 && busy > 0 {
				cond.Wait()
			}
			if len(todo) == 0 || ctx.Err() != nil {
				mu.Unlock()
				cond.Broadcast()
				return
			}
			dir := todo[len(todo)-1]
			todo = todo[:len(todo)-1]
			busy++
			mu.Unlock()

			entries, err := os.ReadDir(dir)
			ok := err == nil || dir == root
			var listed []dirEntry
			var subdirs []string
			var files map[string]*File
			if ok {
				listed = make([]dirEntry, len(entries))
				for i, e := range entries {
					name, isDir, regular := e.Name(), e.IsDir(), e.Type().IsRegular()
					listed[i] = dirEntry{name: name, dir: isDir, regular: regular}
					switch {
					case isDir && !skipDir(name):
						subdirs = append(subdirs, childPath(dir, name))
					case regular && mayHaveKind(name):
						if path := childPath(dir, name); KindOf(path) != None {
							if files == nil {
								files = map[string]*File{}
							}
							files[path] = s.read(path)
						}
					}
				}
			}

			mu.Lock()
			if ok {
				s.listings.add(dir, listed)
			}
			for p, f := range files {
				read[p] = f
			}
			todo = append(todo, subdirs...)
			busy--
			mu.Unlock()
			cond.Broadcast()
		}
	}
	var wg sync.WaitGroup
	for range max(2, runtime.GOMAXPROCS(0)) {
		wg.Go(reader)
	}
	wg.Wait()
	return read, ctx.Err()
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
