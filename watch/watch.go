package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"go.uber.org/zap"
)

// ErrClosed is returned by SetDirs after Close.
var ErrClosed = errors.New("watch: watcher closed")

// Options configure a Watcher. The zero value is usable.
type Options struct {
	// Debounce is the quiet period before changes are delivered (default 50ms).
	Debounce time.Duration
	// PollInterval paces polled files and degraded directories (default 1s).
	PollInterval time.Duration
	// Relevant selects which entries of watched directories matter, by
	// absolute path; nil means all. See the package doc for its contract.
	Relevant func(path string) bool
	// Logger receives warnings about degraded watching; nil discards them.
	Logger *zap.Logger
}

type dirState uint8

const (
	unwatched dirState = iota // missing, refused, or its watch was lost: SetDirs retries it
	watched                   // inotify watches it
	degraded                  // out of inotify watches: polled instead
)

// Watcher watches directories with inotify and files by polling, and
// delivers debounced batches of changed paths.
type Watcher struct {
	be       backend
	relevant func(string) bool
	log      *zap.Logger
	poll     *poller
	deb      *debouncer

	setMu sync.Mutex // serialises SetDirs calls; never taken by the goroutines

	mu       sync.Mutex
	dirs     map[string]dirState
	closed   bool
	warnedNS bool // the out-of-watches warning is logged once

	out    chan Batch
	polled chan pollResult
	kick   chan struct{} // wakes pollLoop when the polled set changes
	done   chan struct{}
	wg     sync.WaitGroup

	closeOnce sync.Once
	closeErr  error
}

// New starts a watcher that watches nothing yet. If inotify cannot be set up
// at all, it still succeeds: every directory given to SetDirs is then
// degraded to polling and reported by Degraded.
func New(opts Options) (*Watcher, error) {
	log := opts.Logger
	if log == nil {
		log = zap.NewNop()
	}
	opts.Logger = log
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		log.Warn("cannot create a file notifier; watched directories will be polled", zap.Error(err))
		return newWatcher(opts, unavailableBackend(err)), nil
	}
	return newWatcher(opts, fsnotifyBackend(fsw)), nil
}

func newWatcher(opts Options, be backend) *Watcher {
	if opts.Debounce <= 0 {
		opts.Debounce = 50 * time.Millisecond
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = time.Second
	}
	if opts.Relevant == nil {
		opts.Relevant = func(string) bool { return true }
	}
	if opts.Logger == nil {
		opts.Logger = zap.NewNop()
	}
	w := &Watcher{
		be:       be,
		relevant: opts.Relevant,
		log:      opts.Logger,
		poll:     newPoller(opts.Relevant),
		deb:      newDebouncer(opts.Debounce),
		dirs:     make(map[string]dirState),
		out:      make(chan Batch),
		polled:   make(chan pollResult),
		kick:     make(chan struct{}, 1),
		done:     make(chan struct{}),
	}
	w.wg.Add(2)
	go w.run()
	go w.pollLoop(opts.PollInterval)
	return w
}

// Events delivers debounced batches. It is closed by Close.
func (w *Watcher) Events() <-chan Batch { return w.out }

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
	first := !w.warnedNS
	w.warnedNS = true
	w.mu.Unlock()
	msg := "cannot watch directory; polling it instead"
	if first {
		w.log.Warn(msg+" (the inotify watch limit fs.inotify.max_user_watches may be exhausted)", zap.String("dir", dir), zap.Error(err))
	} else {
		w.log.Debug(msg, zap.String("dir", dir), zap.Error(err))
	}
}

// SetPolled replaces the set of files watched by polling. Changes made after
// it returns are seen at the next poll. It does nothing after Close.
func (w *Watcher) SetPolled(paths []string) {
	abs, err := absAll(paths)
	if err != nil {
		w.log.Warn("cannot resolve polled paths", zap.Error(err))
		return
	}
	w.poll.setFiles(abs)
	w.wake()
}

// Degraded lists, sorted, the directories being polled because they could
// not be watched for lack of inotify resources.
func (w *Watcher) Degraded() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for dir, st := range w.dirs {
		if st == degraded {
			out = append(out, dir)
		}
	}
	slices.Sort(out)
	return out
}

// Close stops the watcher and closes the Events channel; a batch not yet
// read is dropped. It is safe to call more than once.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		w.mu.Lock()
		w.closed = true
		w.mu.Unlock()
		// The notifier closes first, while run still drains its channels:
		// fsnotify can block on an unread error while holding the lock its
		// Close needs.
		w.closeErr = w.be.close()
		close(w.done)
		w.wg.Wait()
		close(w.out)
	})
	return w.closeErr
}

func (w *Watcher) wake() {
	select {
	case w.kick <- struct{}{}:
	default:
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
