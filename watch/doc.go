// Package watch notices changes to the few files that decide how Go builds
// (go.mod, go.work, ignore files, Dockerfiles) when they are made outside the
// editor: git checkout, another terminal, a Windows program editing a file on
// a drive mounted into WSL2.
//
// The editor's own notifications (didChange, didChangeWatchedFiles) remain the
// first source; this package is the safety net, so it is built to be cheap:
//
//   - It watches directories, never single files, because editors save by
//     writing a temporary file and renaming it over the original, which a
//     watch on the old inode would miss. It is not recursive: the caller
//     passes the handful of directories that hold watched files plus the
//     workspace roots, because inotify watches are a per-user budget shared
//     with the editor and gopls.
//   - Changes are debounced: a batch is delivered once no relevant change has
//     been seen for Options.Debounce, so one save is one path in one batch and
//     a burst (a checkout touching many files) arrives as one batch shortly
//     after it ends. A stream that never goes quiet is still flushed at least
//     every max(1s, 20×Debounce).
//   - Files on a mount where inotify is blind (a Windows drive under WSL2) are
//     polled with os.Stat via [Watcher.SetPolled]: size, mtime and existence,
//     never the content.
//   - When the inotify budget is exhausted (ENOSPC from inotify_add_watch),
//     or inotify cannot be used at all, the affected directories are polled
//     instead: every PollInterval, a stat of the directory and of each
//     relevant entry, and a directory read only when the directory's mtime
//     moved (or is too recent to trust). [Watcher.Degraded] lists them so the
//     caller can tell the user why changes arrive late.
//   - When idle it uses no CPU: goroutines block on channels, and timers run
//     only while a change is pending or while something is polled.
//
// # Contract for the caller
//
// Read [Watcher.Events] promptly. While the reader is busy, further changes
// are merged into the batch waiting to be read, so nothing is lost and nothing
// queues without bound.
//
// A [Batch] with Rescan set means events were lost (the kernel queue
// overflowed) or a watched directory was removed, renamed or re-created. Its
// Paths may be incomplete: re-read everything, then call [Watcher.SetDirs]
// again with the current set. SetDirs retries every directory that is not
// currently watched, which is how a watch lost with its directory comes back.
// A directory that does not exist when SetDirs runs is remembered and
// retried; its re-creation is only noticed if its parent is watched too.
//
// Paths in a batch are absolute and cleaned, and may name files that no
// longer exist (removed or renamed away). The same change may also arrive
// from the editor; handling it twice must be harmless.
//
// Options.Relevant sees the absolute path of every entry directly inside a
// watched directory, files and subdirectories alike, so it can accept a
// directory that matters (a go.work "use" target). It is called from the
// watcher's goroutines: it must be cheap and safe for concurrent use. It is
// not applied to the files given to SetPolled, which are always relevant.
package watch
