package host

// TestInotifyLive is apart from the replayed inotify tests because it makes a
// real inotify instance, which only Linux has.

import (
	"os"
	"strconv"
	"syscall"
	"testing"
)

// TestInotifyLive counts the watches of an inotify instance this test makes,
// through the real /proc: the fd link tells inotify descriptors apart and
// fdinfo lists one line per watch.
func TestInotifyLive(t *testing.T) {
	if _, err := os.Stat("/proc/self/fdinfo"); err != nil {
		t.Skip("no /proc")
	}
	fd, err := syscall.InotifyInit1(syscall.IN_CLOEXEC)
	if err != nil {
		t.Skip("no inotify:", err)
	}
	defer syscall.Close(fd)
	for _, dir := range []string{t.TempDir(), t.TempDir()} {
		if _, err := syscall.InotifyAddWatch(fd, dir, syscall.IN_CREATE); err != nil {
			t.Fatal(err)
		}
	}
	live := &Info{Sysroot: "/"}
	pid := strconv.Itoa(os.Getpid())
	if n := live.inotifyWatches(pid, strconv.Itoa(fd)); n != 2 {
		t.Errorf("inotify descriptor: %d watches, want 2", n)
	}
	if n := live.inotifyWatches(pid, "0"); n != 0 {
		t.Errorf("stdin counted %d watches", n)
	}
	in := live.probeInotify()
	if in == nil || in.MaxUserWatches == 0 || in.Used < 2 {
		t.Errorf("live budget %+v: want the limit and at least this test's 2 watches", in)
	}
}
