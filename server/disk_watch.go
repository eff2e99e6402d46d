package server

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"

	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/watch"
	"github.com/gowell/gowell/workspace"
)

// diskWatch notices changes made outside the editor (a checkout, another
// terminal, a Windows program on a drive mounted into WSL2). It watches the
// directories that hold the files gowell reads, plus the directories go.work
// files use and their parents, so that a module appearing where a `use`
// pointed is seen.
type diskWatch struct {
	w     *watch.Watcher // nil when watching could not start
	log   *zap.Logger
	known atomic.Pointer[map[string]bool]

	// Owned by the scan loop.
	dirs   []string
	polled []string
	note   string      // how files on Windows drives are watched, for the status
	inputs watchInputs // with uses, what dirs and polled were worked out from
	uses   []string    // the module directories go.work's use lines name
}

// watchInputs is, with the go.work use lines, what the watched directories
// and the polled files depend on: which files exist and where (the disk's
// generation) and the machine (which mounts are Windows drives). Typing in
// a go.mod, or in go.work's go line, changes none of them, and a
// monorepo's 200 modules are not looked at again for it.
type watchInputs struct {
	disk uint64
	host *host.Info
}

// startDiskWatch starts the watcher; it watches nothing until the first scan.
func (s *Server) startDiskWatch() {
	empty := map[string]bool{}
	s.disk.known.Store(&empty)
	s.disk.log = s.log
	w, err := watch.New(watch.Options{Relevant: s.disk.relevant, Logger: s.log.Named("watch")})
	if err != nil {
		s.log.Warn("cannot watch the disk; changes made outside the editor are seen on the next rescan", zap.Error(err))
		return
	}
	s.disk.w = w
	s.goBg(func(context.Context) {
		for b := range w.Events() {
			s.onDiskChange(b)
		}
	})
}

// relevant filters the watcher's events: the files gowell reads and
// directories (a module checked out, a used directory removed). It runs on
// the watcher's goroutines.
func (d *diskWatch) relevant(path string) bool {
	if tracked(path) || (*d.known.Load())[path] {
		return true
	}
	fi, err := os.Lstat(path)
	return err == nil && fi.IsDir()
}

// tracked reports whether path is a file whose change Snapshot.Update can
// take in; anything else that changes is a directory and needs a full scan.
func tracked(path string) bool {
	return workspace.KindOf(path) != workspace.None || filepath.Base(path) == diagnostics.ConfigFile
}

func (s *Server) onDiskChange(b watch.Batch) {
	c := change{reload: b.Rescan}
	for _, p := range b.Paths {
		if tracked(p) {
			c.paths = append(c.paths, p)
		} else {
			c.reload = true
		}
	}
	s.log.Debug("disk changed", zap.Strings("paths", b.Paths), zap.Bool("rescan", c.reload))
	s.schedule(c)
}

// update points the watcher at what v holds. After a full scan the set is
// always passed again: that is how directories whose watch was lost come back.
func (d *diskWatch) update(v *view, loaded bool) {
	if d.w == nil {
		return
	}
	var uses []string
	for _, f := range v.snap.Files(workspace.GoWork) {
		if w := f.Work().File; w != nil {
			for _, u := range w.Use {
				uses = append(uses, f.ModuleDir(u.Path))
			}
		}
	}
	in := watchInputs{v.snap.DiskGeneration(), v.snap.Host}
	if !loaded && in == d.inputs && slices.Equal(uses, d.uses) {
		return
	}
	d.inputs, d.uses = in, uses
	dirs := append(v.snap.Dirs(), uses...)
	var used []string
	for _, dir := range uses {
		if !v.snap.IsDir(dir) {
			// A module that appears (a checkout) shows up as a new
			// directory in the parent. One that exists needs no watch
			// there: its removal ends its own watch, which is a rescan.
			// Inotify watches are a per-user budget.
			dirs = append(dirs, filepath.Dir(dir))
		}
		used = append(used, filepath.Join(dir, "go.mod"))
	}
	slices.Sort(dirs)
	dirs = slices.Compact(dirs)
	if loaded || !slices.Equal(dirs, d.dirs) {
		known := make(map[string]bool, len(dirs))
		for _, dir := range dirs {
			known[dir] = true
		}
		d.known.Store(&known)
		if err := d.w.SetDirs(dirs); err != nil {
			d.log.Debug("some directories cannot be watched", zap.Error(err))
		}
		d.dirs = dirs
	}
	// inotify never hears of changes Windows programs make on a Windows
	// drive; those files are polled instead.
	polled, note := drivePolled(v.snap, used)
	d.note = note
	if !slices.Equal(polled, d.polled) {
		d.w.SetPolled(polled)
		d.polled = polled
	}
}

func (d *diskWatch) degraded() []string {
	if d.w == nil {
		return nil
	}
	return d.w.Degraded()
}

func (d *diskWatch) close() {
	if d.w != nil {
		d.w.Close()
	}
}
