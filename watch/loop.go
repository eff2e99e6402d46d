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
	var ready Batch // waiting for the consumer while hasReady
	hasReady := false

	for {
		var out chan<- Batch
		if hasReady {
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
				if hasReady {
					b = ready.merge(b)
				}
				ready, hasReady = b, true
			}
		case out <- ready: // evaluated even when out is nil, hence a value
			ready, hasReady = Batch{}, false
		}
		if due, ok := w.deb.due(); ok && !armed {
			timer.Reset(time.Until(due))
			armed = true
		}
	}
}

// classify turns a notifier event into a changed path, a rescan, or nothing.
func (w *Watcher) classify(ev fsnotify.Event) (path string, rescan bool) {
	// Chmod alone is noise (touch, indexers, antivirus on a Windows drive):
	// content changes also raise Write, Create, Remove or Rename.
	structural := ev.Has(fsnotify.Create) || ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)
	if !structural && !ev.Has(fsnotify.Write) {
		return "", false
	}
	name := filepath.Clean(ev.Name)

	w.mu.Lock()
	// Only a change of structure can concern a directory of the set itself;
	// a Write there means a file sits where a directory was expected.
	st, isDir := w.dirs[name]
	isDir = isDir && structural
	if isDir && st == watched {
		// The directory went away or was replaced: its watch is gone or
		// stale. Marked, the SetDirs that follows the rescan adds it again
		// (adding a watch that is in fact still live costs nothing).
		w.dirs[name] = unwatched
	}
	// Events still queued from a directory SetDirs has just dropped are not
	// wanted any more. Membership, not state, decides: a directory marked
	// unwatched above may have been watched again since, and its events
	// must not be lost.
	_, fromSet := w.dirs[filepath.Dir(name)]
	w.mu.Unlock()

	if isDir {
		w.log.Debug("watched directory changed; asking for a rescan", zap.String("dir", name), zap.Stringer("op", ev.Op))
		return "", true
	}
	if !fromSet || !w.relevant(name) {
		return "", false
	}
	return name, false
}
