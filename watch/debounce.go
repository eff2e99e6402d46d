package watch

import (
	"slices"
	"time"
)

// Batch is one delivery of changes.
type Batch struct {
	// Paths are the files created, written, removed or renamed, absolute,
	// sorted and without duplicates.
	Paths []string
	// Rescan means changes may have been missed (kernel queue overflow, or a
	// watched directory removed or replaced): Paths may be incomplete and the
	// consumer must rescan everything.
	Rescan bool
}

// merge folds b into a, for batches that pile up while the consumer is busy.
func (a Batch) merge(b Batch) Batch {
	paths := append(slices.Clone(a.Paths), b.Paths...)
	slices.Sort(paths)
	return Batch{Paths: slices.Compact(paths), Rescan: a.Rescan || b.Rescan}
}

// debouncer collects changes until the watcher has been quiet for a while.
// One quiet period for all paths, rather than one timer per path, is what
// turns a checkout touching many files into a single batch; because every
// change restarts it, each path has also been quiet for at least that long.
// It holds no timer and no goroutine: the caller asks when it is due.
type debouncer struct {
	quiet   time.Duration // wait this long after the last change
	maxWait time.Duration // but never longer than this after the first

	paths       map[string]struct{}
	rescan      bool
	first, last time.Time
}

func newDebouncer(quiet time.Duration) *debouncer {
	return &debouncer{
		quiet:   quiet,
		maxWait: max(time.Second, 20*quiet),
		paths:   make(map[string]struct{}),
	}
}

func (d *debouncer) pending() bool { return len(d.paths) > 0 || d.rescan }

// add records a change seen at now. An empty path with rescan set records
// only the need to rescan.
func (d *debouncer) add(now time.Time, path string, rescan bool) {
	if path == "" && !rescan {
		return
	}
	if !d.pending() {
		d.first = now
	}
	d.last = now
	if path != "" {
		d.paths[path] = struct{}{}
	}
	d.rescan = d.rescan || rescan
}

// due reports when the pending changes should be delivered. The time only
// moves later as changes arrive, so a timer set for an earlier due time
// merely fires early and is set again.
func (d *debouncer) due() (time.Time, bool) {
	if !d.pending() {
		return time.Time{}, false
	}
	quiet, capped := d.last.Add(d.quiet), d.first.Add(d.maxWait)
	if capped.Before(quiet) {
		return capped, true
	}
	return quiet, true
}

// flush returns the pending changes as a batch if they are due at now.
func (d *debouncer) flush(now time.Time) (Batch, bool) {
	due, ok := d.due()
	if !ok || now.Before(due) {
		return Batch{}, false
	}
	b := Batch{Paths: make([]string, 0, len(d.paths)), Rescan: d.rescan}
	for p := range d.paths {
		b.Paths = append(b.Paths, p)
	}
	slices.Sort(b.Paths)
	clear(d.paths)
	d.rescan = false
	return b, true
}
