package watch

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// stamp is what polling compares. Size and mtime catch writes, mode catches a
// file replaced by a directory; content is never read because polled files
// live on slow mounts (9p to a Windows drive).
type stamp struct {
	exists bool
	size   int64
	mtime  int64 // UnixNano, so stamps compare with ==
	mode   fs.FileMode
}

func statStamp(path string) stamp {
	fi, err := os.Stat(path)
	if err != nil {
		return stamp{}
	}
	return stamp{exists: true, size: fi.Size(), mtime: fi.ModTime().UnixNano(), mode: fi.Mode()}
}

// dirStamp is a degraded directory as last polled: whether it could be read,
// the stamps of its relevant entries by name, and when it was listed and
// what its own mtime was then.
type dirStamp struct {
	readable bool
	entries  map[string]stamp
	mtime    time.Time
	listed   time.Time
}

// racyWindow is how long after its last change a directory's mtime is not
// trusted to show the next one: file systems stamp with a coarse clock (a
// kernel tick) or coarser (a second, two on FAT), so a change right after a
// listing can leave the mtime as it was.
const racyWindow = 3 * time.Second

func readDirStamp(dir string, relevant func(string) bool) dirStamp {
	fi, err := os.Stat(dir)
	if err != nil {
		return dirStamp{}
	}
	listed := time.Now()
	// os.ReadDir costs one getdents; names are filtered before any stat.
	des, err := os.ReadDir(dir)
	if err != nil {
		return dirStamp{}
	}
	ds := dirStamp{readable: true, entries: make(map[string]stamp), mtime: fi.ModTime(), listed: listed}
	for _, de := range des {
		p := filepath.Join(dir, de.Name())
		if relevant(p) {
			ds.entries[de.Name()] = statStamp(p)
		}
	}
	return ds
}

// pollDirStamp polls a degraded directory. Adding, removing or renaming an
// entry moves the directory's mtime; while it has not moved (and was not too
// recent when last listed), only the relevant entries already known are
// stat'ed, for changes of content. Listing a directory of 100 000 entries
// every poll interval would cost a fifth of a core.
func pollDirStamp(dir string, old dirStamp, relevant func(string) bool) dirStamp {
	if !old.readable {
		return readDirStamp(dir, relevant)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return dirStamp{}
	}
	if !fi.ModTime().Equal(old.mtime) || old.listed.Sub(old.mtime) < racyWindow {
		return readDirStamp(dir, relevant)
	}
	ds := old
	ds.entries = make(map[string]stamp, len(old.entries))
	for name := range old.entries {
		ds.entries[name] = statStamp(filepath.Join(dir, name))
	}
	return ds
}

// poller holds the baselines of polled files and degraded directories. Its
// own mutex, not the watcher's, guards them: a stat on a hung mount must not
// stall the goroutine that drains inotify.
type poller struct {
	relevant func(string) bool

	mu    sync.Mutex
	files map[string]stamp
	dirs  map[string]dirStamp
}

func newPoller(relevant func(string) bool) *poller {
	return &poller{relevant: relevant, files: map[string]stamp{}, dirs: map[string]dirStamp{}}
}

func (p *poller) empty() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.files) == 0 && len(p.dirs) == 0
}

// setFiles replaces the polled files. Kept paths keep their baseline so a
// change just before the call is not lost; new paths get one now, so any
// change after the call returns is seen.
func (p *poller) setFiles(paths []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := make(map[string]stamp, len(paths))
	for _, path := range paths {
		if s, ok := p.files[path]; ok {
			next[path] = s
		} else {
			next[path] = statStamp(path)
		}
	}
	p.files = next
}

// setDirs replaces the degraded directories, with the same baseline rules as
// setFiles.
func (p *poller) setDirs(dirs []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := make(map[string]dirStamp, len(dirs))
	for _, dir := range dirs {
		if ds, ok := p.dirs[dir]; ok {
			next[dir] = ds
		} else {
			next[dir] = readDirStamp(dir, p.relevant)
		}
	}
	p.dirs = next
}

// poll stats everything once and returns what changed since the last poll.
// A degraded directory that appears or disappears asks for a rescan, as a
// watched one does.
func (p *poller) poll() (changed []string, rescan bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for path, old := range p.files {
		if s := statStamp(path); s != old {
			p.files[path] = s
			changed = append(changed, path)
		}
	}
	for dir, old := range p.dirs {
		cur := pollDirStamp(dir, old, p.relevant)
		p.dirs[dir] = cur
		if cur.readable != old.readable {
			rescan = true
			continue
		}
		for name, s := range cur.entries {
			if o, ok := old.entries[name]; !ok || o != s {
				changed = append(changed, filepath.Join(dir, name))
			}
		}
		for name := range old.entries {
			if _, ok := cur.entries[name]; !ok {
				changed = append(changed, filepath.Join(dir, name))
			}
		}
	}
	return changed, rescan
}

type pollResult struct {
	paths  []string
	rescan bool
}

// pollLoop polls every interval while there is something to poll, and
// sleeps on its channels otherwise.
func (w *Watcher) pollLoop(interval time.Duration) {
	defer w.wg.Done()
	t := time.NewTimer(interval)
	t.Stop()
	var tick <-chan time.Time
	for {
		if tick == nil && !w.poll.empty() {
			t.Reset(interval)
			tick = t.C
		}
		select {
		case <-w.done:
			t.Stop()
			return
		case <-w.kick:
		case <-tick:
			tick = nil
			paths, rescan := w.poll.poll()
			if len(paths) == 0 && !rescan {
				continue
			}
			select {
			case w.polled <- pollResult{paths, rescan}:
			case <-w.done:
				return
			}
		}
	}
}
