package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/fsnotify/fsnotify"
	"go.uber.org/zap"
)

// SetDirs replaces the set of watched directories (not recursive). It adds
// watches for new directories, removes those of dropped ones, and retries
// directories that are not currently watched: missing ones, degraded ones,
// and those whose watch was lost with a Rescan. A directory that does not
// exist is not an error; it stays in the set and is retried next time. The
// error reports directories that could not be watched for other reasons
// (not a directory, permission denied); the rest of the set still applies.
func (w *Watcher) SetDirs(dirs []string) error {
	list, err := absAll(dirs)
	if err != nil {
		return err
	}
	want := make(map[string]struct{}, len(list))
	for _, dir := range list {
		want[dir] = struct{}{}
	}
	w.setMu.Lock()
	defer w.setMu.Unlock()

	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return ErrClosed
	}
	cur := maps.Clone(w.dirs)
	w.mu.Unlock()

	// Kernel calls happen without w.mu: fsnotify may be waiting for run to
	// drain an event, and run takes w.mu for every event.
	var errs []error
	for dir, st := range cur {
		if _, keep := want[dir]; !keep && st == watched {
			if err := w.be.remove(dir); err != nil && !errors.Is(err, fsnotify.ErrNonExistentWatch) {
				w.log.Debug("removing watch", zap.String("dir", dir), zap.Error(err))
			}
		}
	}
	tried := make(map[string]dirState)
	for dir := range want {
		if cur[dir] == watched {
			continue
		}
		st, err := w.addDir(dir)
		tried[dir] = st
		if err != nil {
			errs = append(errs, err)
		}
	}

	w.mu.Lock()
	maps.DeleteFunc(w.dirs, func(dir string, _ dirState) bool {
		_, keep := want[dir]
		return !keep
	})
	// Only directories tried here are overwritten: run may have marked a
	// kept one unwatched meanwhile, and that must stick until the next call.
	for dir, st := range tried {
		w.dirs[dir] = st
	}
	var polled []string
	for dir, st := range w.dirs {
		if st == degraded {
			polled = append(polled, dir)
		}
	}
	w.mu.Unlock()

	w.poll.setDirs(polled)
	w.wake()
	return errors.Join(errs...)
}

// addDir tries to watch one directory and says what became of it.
func (w *Watcher) addDir(dir string) (dirState, error) {
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return unwatched, nil
	case err != nil:
		return unwatched, err
	case !fi.IsDir():
		return unwatched, fmt.Errorf("watch: %s is not a directory", dir)
	}
	err = w.be.add(dir)
	switch {
	case err == nil:
		return watched, nil
	case errors.Is(err, fs.ErrNotExist):
		return unwatched, nil
	case outOfWatches(err):
		w.warnDegraded(dir, err)
		return degraded, nil
	}
	return unwatched, fmt.Errorf("watch: %s: %w", dir, err)
}

func (w *Watcher) warnDegraded(dir string, err error) {
	w.mu.Lock()
	first := !w.warned
	w.warned = true
	w.mu.Unlock()
	msg := "cannot watch directory; polling it instead"
	if first {
		w.log.Warn(msg+" (the inotify watch limit fs.inotify.max_user_watches may be exhausted)", zap.String("dir", dir), zap.Error(err))
	} else {
		w.log.Debug(msg, zap.String("dir", dir), zap.Error(err))
	}
}

// absAll cleans paths to the form fsnotify reports and drops duplicates.
func absAll(paths []string) ([]string, error) {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		a, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
		out = append(out, a)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
