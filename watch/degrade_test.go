package watch

import (
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

// These replace parts of the backend to make happen what a test machine will
// not do on demand: no watches left, no inotify at all, a queue overflow.

func startWith(t *testing.T, opts Options, be backend) *Watcher {
	t.Helper()
	if opts.Relevant == nil {
		opts.Relevant = relevant
	}
	w := newWatcher(opts, be)
	t.Cleanup(func() { w.Close() })
	return w
}

// budgetBackend is real fsnotify whose adds fail with ENOSPC while full is set.
func budgetBackend(t *testing.T, full *atomic.Bool) backend {
	t.Helper()
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	be := fsnotifyBackend(fsw)
	be.add = func(dir string) error {
		if full.Load() {
			return syscall.ENOSPC // what inotify_add_watch returns past max_user_watches
		}
		return fsw.Add(dir)
	}
	return be
}

func TestOutOfWatchesDegradesToPolling(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	var full atomic.Bool
	full.Store(true)
	core, logs := observer.New(zapcore.WarnLevel)
	w := startWith(t, Options{PollInterval: 20 * time.Millisecond, Logger: zap.New(core)}, budgetBackend(t, &full))

	setDirs(t, w, a, b)
	if got := w.Degraded(); !reflect.DeepEqual(got, []string{a, b}) {
		t.Fatalf("Degraded() = %v, want %v", got, []string{a, b})
	}
	if n := logs.Len(); n != 1 {
		t.Fatalf("%d warnings for two degraded dirs, want one: %v", n, logs.All())
	}

	// Polling sees changes, created files, and applies Relevant.
	write(t, filepath.Join(a, "go.mod"), "module a\n")
	write(t, filepath.Join(a, "main.go"), "package main\n")
	write(t, filepath.Join(b, "Dockerfile"), "FROM scratch\n")
	got := await(t, w, false, filepath.Join(a, "go.mod"), filepath.Join(b, "Dockerfile"))
	mustNotSee(t, got, filepath.Join(a, "main.go"))

	// Watches freed (the user raised the limit): the next SetDirs moves the
	// directories back to inotify.
	full.Store(false)
	setDirs(t, w, a, b)
	if got := w.Degraded(); len(got) != 0 {
		t.Fatalf("still degraded: %v", got)
	}
	write(t, filepath.Join(a, "go.mod"), "module a // edited\n")
	await(t, w, false, filepath.Join(a, "go.mod"))
}

func TestDegradedDirRemovedAsksForRescan(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "svc")
	os.Mkdir(dir, 0o755)
	var full atomic.Bool
	full.Store(true)
	w := startWith(t, Options{PollInterval: 20 * time.Millisecond}, budgetBackend(t, &full))
	setDirs(t, w, dir)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	await(t, w, true)
}

func TestNoNotifierPollsEverything(t *testing.T) {
	dir := t.TempDir()
	// inotify_init1 fails with EMFILE past fs.inotify.max_user_instances.
	w := startWith(t, Options{PollInterval: 20 * time.Millisecond}, unavailableBackend(syscall.EMFILE))
	setDirs(t, w, dir)
	if got := w.Degraded(); !reflect.DeepEqual(got, []string{dir}) {
		t.Fatalf("Degraded() = %v", got)
	}
	mod := filepath.Join(dir, "go.mod")
	write(t, mod, "module a\n")
	await(t, w, false, mod)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// fakeBackend accepts every directory and delivers what the test sends.
func fakeBackend() (backend, chan fsnotify.Event, chan error) {
	events, errs := make(chan fsnotify.Event), make(chan error)
	return backend{
		events: events,
		errors: errs,
		add:    func(string) error { return nil },
		remove: func(string) error { return nil },
		close:  func() error { return nil },
	}, events, errs
}

func TestOverflowAsksForRescan(t *testing.T) {
	be, _, errs := fakeBackend()
	w := startWith(t, Options{}, be)
	setDirs(t, w, t.TempDir())
	errs <- fsnotify.ErrEventOverflow
	if got := await(t, w, true); len(got[0].Paths) != 0 {
		t.Fatalf("got %+v", got)
	}
}

func TestSetDirEventMarksItForReAdd(t *testing.T) {
	be, events, _ := fakeBackend()
	var adds atomic.Int32
	be.add = func(string) error { adds.Add(1); return nil }
	root := t.TempDir()
	sub := filepath.Join(root, "svc")
	os.Mkdir(sub, 0o755)
	w := startWith(t, Options{}, be)
	setDirs(t, w, root, sub)

	// A directory renamed over a watched one shows up as a Create of its
	// name in the watched parent.
	events <- fsnotify.Event{Name: sub, Op: fsnotify.Create}
	await(t, w, true)
	setDirs(t, w, root, sub)
	if n := adds.Load(); n != 3 {
		t.Fatalf("%d adds, want root, svc and svc again", n)
	}
	// Chmod alone is not a change.
	events <- fsnotify.Event{Name: filepath.Join(sub, "go.mod"), Op: fsnotify.Chmod}
	events <- fsnotify.Event{Name: filepath.Join(sub, "Dockerfile"), Op: fsnotify.Write}
	got := await(t, w, false, filepath.Join(sub, "Dockerfile"))
	mustNotSee(t, got, filepath.Join(sub, "go.mod"))
}
