package watch

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// backend is the seam to the kernel notifier. Tests replace parts of it to
// simulate what a real machine rarely does on demand: an exhausted watch
// budget, a queue overflow, no inotify at all.
type backend struct {
	events <-chan fsnotify.Event
	errors <-chan error
	add    func(dir string) error
	remove func(dir string) error
	close  func() error
}

func fsnotifyBackend(fsw *fsnotify.Watcher) backend {
	return backend{
		events: fsw.Events,
		errors: fsw.Errors,
		add:    fsw.Add,
		remove: fsw.Remove,
		close:  fsw.Close,
	}
}

// errNoNotifier marks every add when the notifier could not be created (for
// example the user's inotify instance limit is reached): the directories are
// then polled like those refused for lack of watches.
var errNoNotifier = errors.New("watch: no file notifier")

// unavailableBackend stands in when fsnotify.NewWatcher failed. Its nil
// channels never deliver.
func unavailableBackend(cause error) backend {
	err := fmt.Errorf("%w: %w", errNoNotifier, cause)
	return backend{
		add:    func(string) error { return err },
		remove: func(string) error { return nil },
		close:  func() error { return nil },
	}
}

// outOfWatches reports whether an add failed for lack of kernel resources
// rather than because of the directory itself.
func outOfWatches(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.ENOMEM) || errors.Is(err, errNoNotifier)
}
