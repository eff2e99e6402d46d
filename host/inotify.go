package host

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Inotify is the inotify watch budget of the user the probe runs as. The
// kernel counts watches per user and fails inotify_add_watch with ENOSPC
// once they reach max_user_watches: file watchers and editors then stop
// noticing changes.
type Inotify struct {
	MaxUserWatches int // /proc/sys/fs/inotify/max_user_watches
	// Used counts the watches the user's processes hold: the "inotify wd:"
	// lines in /proc/<pid>/fdinfo/<fd> of their inotify descriptors. It is a
	// lower bound: processes that exit meanwhile, or whose descriptors the
	// probe may not read, count nothing.
	Used int
}

// maxFDsExamined bounds the probe's walk of /proc: beyond it, Used stays
// the lower bound counted so far.
const maxFDsExamined = 200_000

// probeInotify reads the budget through the sysroot; nil when the limit, the
// probe's own user or the process table cannot be read (macOS, a replay
// without them).
func (i *Info) probeInotify() *Inotify {
	s, ok := i.read("/proc/sys/fs/inotify/max_user_watches")
	if !ok {
		return nil
	}
	limit, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return nil
	}
	uid, ok := i.procUID("self")
	if !ok {
		return nil
	}
	procs, err := os.ReadDir(i.Real("/proc"))
	if err != nil {
		return nil
	}
	in := &Inotify{MaxUserWatches: limit}
	examined := 0
	for _, p := range procs {
		if _, err := strconv.Atoi(p.Name()); err != nil {
			continue
		}
		if u, ok := i.procUID(p.Name()); !ok || u != uid {
			continue
		}
		fds, err := os.ReadDir(i.Real(filepath.Join("/proc", p.Name(), "fdinfo")))
		if err != nil {
			continue // gone, or not ours to read
		}
		for _, fd := range fds {
			if examined++; examined > maxFDsExamined {
				return in
			}
			in.Used += i.inotifyWatches(p.Name(), fd.Name())
		}
	}
	return in
}

// inotifyWatches counts the watches of one descriptor. Live, the fd link
// says which descriptors are inotify instances ("anon_inode:inotify"), so
// only those are read; a replay without the links reads every fdinfo.
func (i *Info) inotifyWatches(pid, fd string) int {
	link, err := os.Readlink(i.Real(filepath.Join("/proc", pid, "fd", fd)))
	if err == nil && link != "anon_inode:inotify" {
		return 0
	}
	b, err := i.readFile(filepath.Join("/proc", pid, "fdinfo", fd))
	if err != nil {
		return 0
	}
	n := 0
	for line := range bytes.Lines(b) {
		if bytes.HasPrefix(line, []byte("inotify wd:")) {
			n++
		}
	}
	return n
}

// procUID is the real user ID of a process, from the "Uid:" line of
// /proc/<pid>/status: the ID the kernel charges inotify watches to.
func (i *Info) procUID(pid string) (string, bool) {
	b, err := i.readFile(filepath.Join("/proc", pid, "status"))
	if err != nil {
		return "", false
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Uid:"); ok {
			if f := strings.Fields(rest); len(f) > 0 {
				return f[0], true
			}
		}
	}
	return "", false
}

// saveInotify writes what a replay needs to count the same budget: the
// limit, the probe's user, and one process of that user holding Used
// watches. Inode numbers and the processes themselves are left out.
func (s *saver) saveInotify() {
	in := s.info.Inotify
	if in == nil {
		return
	}
	uid, _ := s.info.procUID("self")
	status := "Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n"
	s.write("/proc/sys/fs/inotify/max_user_watches", strconv.Itoa(in.MaxUserWatches)+"\n", 0o644)
	s.write("/proc/self/status", status, 0o644)
	s.write("/proc/1/status", status, 0o644)
	var b strings.Builder
	for wd := range in.Used {
		fmt.Fprintf(&b, "inotify wd:%x ino:0 sdev:0 mask:fce ignored_mask:0\n", wd+1)
	}
	s.write("/proc/1/fdinfo/3", b.String(), 0o644)
}
