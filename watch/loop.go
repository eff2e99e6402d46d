package watch

import (
	"errors"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
	"go.uber.org/zap"
)

// run owns the debouncer and the delivery. It only ever blocks in its select,
// so it keeps draining the notifier while the consumer is slow: a batch
// nobody has read yet absorbs the next ones.
func (w *Watcher) run() {
	defer w.wg.Done()
	events, errs := w.be.events, w.be.errors
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	armed := false
	var ready *Batch

	for {
		var out chan<- Batch
		if ready != nil {
			out = w.out
		}
		var fire <-chan time.Time
		if armed {
			fire = timer.C
		}
		select {
		case <-w.done:
			timer.Stop()
			return
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			path, rescan := w.classify(ev)
			w.deb.add(time.Now(), path, rescan)
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.log.Warn("inotify queue overflowed; asking for a rescan")
				w.deb.add(time.Now(), "", true)
			} else {
				w.log.Warn("file notifier error", zap.Error(err))
			}
		case r := <-w.polled:
			now := time.Now()
			for _, p := range r.paths {
				w.deb.add(now, p, false)
			}
			w.deb.add(now, "", r.rescan)
		case <-fire:
			armed = false
			if b, ok := w.deb.flush(time.Now()); ok {
				if ready != nil {
					b = ready.merge(b)
				}
				ready = &b
			}
		case out <- *ready:
			ready = nil
		}
		if due, ok := w.deb.due(); ok && !armed {
			timer.Reset(time.Until(due))
			armed = true
		}
	}
}

// classify turns a notifier event into a changed path, a rescan, or nothing.
func (w *Watcher) classify(ev fsnotify.Event) (path string, rescan bool) {
	// Chmod alone is noise (touch, indexers, antivirus on a Windows drive);
	// content changes also raise Write, Create or Rename.
	if !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Remove) && !ev.Has(fsnotify.Rename) {
		return "", false
	}
	name := filepath.Clean(ev.Name)

	w.mu.Lock()
	st, isDir := w.dirs[name]
	if isDir && st == watched {
		// The directory went away or was replaced: its watch is gone or
		// stale. Marked, the SetDirs that follows the rescan adds it again.
		w.dirs[name] = unwatched
	}
	// Events still queued from a directory SetDirs has just dropped are not
	// wanted any more.
	fromWatched := w.dirs[filepath.Dir(name)] == watched
	w.mu.Unlock()

	if isDir {
		w.log.Debug("watched directory changed; asking for a rescan", zap.String("dir", name), zap.Stringer("op", ev.Op))
		return "", true
	}
	if !fromWatched || !w.relevant(name) {
		return "", false
	}
	return name, false
}
