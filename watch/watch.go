package watch

import (
	"errors"
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

	mu     sync.Mutex
	dirs   map[string]dirState
	closed bool
	warned bool // the out-of-watches warning is logged once

	out    chan Batch
	polled chan pollResult
	kick   chan struct{} // wakes pollLoop when the polled set changes
	done   chan struct{}
	wg     sync.WaitGroup

	closeOnce sync.Once
	closeErr  error
}

// New starts a watcher that watches nothing yet. It does not fail when
// inotify cannot be set up (the per-user instance limit is reached, or the
// platform has none): every directory given to SetDirs is then degraded to
// polling and reported by Degraded. The error is for future options.
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

// SetPolled replaces the set of files watched by polling. Changes made after
// it returns are seen at the next poll. It does nothing after Close.
func (w *Watcher) SetPolled(paths []string) {
	w.mu.Lock()
	closed := w.closed
	w.mu.Unlock()
	if closed {
		return
	}
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
