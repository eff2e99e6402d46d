package server_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"go.uber.org/zap/zaptest"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/server"
)

// blindMount mounts a FUSE view of a new backing directory with Debian's
// bindfs and returns both. It stands in for a Windows drive under WSL2: an
// edit made through the mount raises inotify events, an edit made directly
// in the backing directory (a Windows program writing to C:) raises none, yet
// reads through the mount see it. The test skips, saying why, only where
// FUSE or bindfs cannot work.
func blindMount(t *testing.T) (backing, mnt string) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("FUSE mounts are tested on Linux only")
	}
	f, err := os.OpenFile("/dev/fuse", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("FUSE cannot work in this sandbox: %v", err)
	}
	f.Close()
	setup := exec.Command("sh", filepath.Join("testdata", "fuse", "bindfs.sh"))
	var stderr bytes.Buffer
	setup.Stderr = &stderr
	if err := setup.Run(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 2 {
			t.Skipf("bindfs is not available: %s", strings.TrimSpace(lastLine(stderr.String())))
		}
		t.Fatalf("testdata/fuse/bindfs.sh: %v\n%s", err, stderr.String())
	}

	dir := t.TempDir()
	backing, mnt = filepath.Join(dir, "backing"), filepath.Join(dir, "mnt")
	for _, d := range []string{backing, mnt} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command("bindfs", backing, mnt).CombinedOutput(); err != nil {
		t.Skipf("FUSE cannot work in this sandbox: bindfs %s %s: %v: %s", backing, mnt, err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { unmount(t, mnt) })
	return backing, mnt
}

// unmount unmounts mnt, lazily when something still holds it (a watcher
// the test failed to close), so that a failed test leaves no mount behind.
func unmount(t *testing.T, mnt string) {
	out, err := exec.Command("fusermount", "-u", mnt).CombinedOutput()
	if err == nil {
		return
	}
	if out2, err2 := exec.Command("umount", "-l", mnt).CombinedOutput(); err2 != nil {
		t.Errorf("cannot unmount %s: fusermount: %v: %s; umount -l: %v: %s", mnt, err, out, err2, out2)
	}
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// proveBlind checks the premise the test rests on, so that it cannot pass
// for want of a blind spot: an inotify watch on the mount hears an edit made
// through the mount and nothing of one made in the backing directory, while
// reads through the mount see both.
func proveBlind(t *testing.T, backing, mnt string) {
	t.Helper()
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Add(mnt); err != nil {
		t.Fatal(err)
	}
	hidden, sentinel := "premise-hidden", "premise-sentinel"
	writeFiles(t, backing, map[string]string{hidden: "written behind the mount\n"})
	// Events arrive in order: once the sentinel's is in, an event for the
	// hidden write would have come first.
	writeFiles(t, mnt, map[string]string{sentinel: "written through the mount\n"})
	deadline := time.After(timeout)
	for seen := false; !seen; {
		select {
		case ev := <-w.Events:
			switch filepath.Base(ev.Name) {
			case hidden:
				t.Fatalf("inotify on the bindfs mount reported %s, written in the backing directory: the mount no longer models a Windows drive", ev)
			case sentinel:
				seen = true
			}
		case err := <-w.Errors:
			t.Fatal(err)
		case <-deadline:
			t.Fatal("inotify on the bindfs mount reported no event for a write through the mount")
		}
	}
	waitFor(t, "the hidden write read through the mount", func() bool {
		b, err := os.ReadFile(filepath.Join(mnt, hidden))
		return err == nil && string(b) == "written behind the mount\n"
	})
	for _, name := range []string{hidden, sentinel} {
		if err := os.Remove(filepath.Join(backing, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
	}
}

// waitFor polls cond until it holds, failing the test after timeout.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// wslMachine is a replayed WSL2 machine on which mnt is drive C:, mounted
// over 9p as WSL2 mounts it, so the server treats files there as on a
// Windows drive.
func wslMachine(t *testing.T, mnt string) host.Options {
	t.Helper()
	root := t.TempDir()
	writeFiles(t, root, map[string]string{
		"proc/sys/kernel/osrelease": "5.15.167.4-microsoft-standard-WSL2\n",
		"proc/self/mountinfo": "60 1 8:32 / / rw,relatime shared:1 - ext4 /dev/sdc rw,discard,errors=remount-ro,data=ordered\n" +
			"65 60 0:56 / " + mnt + " rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5\n",
	})
	return host.Options{Sysroot: root, Env: map[string]string{"WSL_DISTRO_NAME": "Ubuntu"},
		GoEnv: &host.GoEnv{Path: "/usr/local/go/bin/go", Vars: map[string]string{"GOVERSION": "go1.26.8", "GOTOOLCHAIN": "auto"}}}
}

// A workspace on a Windows drive: edits made by Windows programs raise no
// inotify event in WSL2, yet the diagnostics follow them, and the status
// says how the files are watched.
func TestWindowsSideEditsAreSeen(t *testing.T) {
	backing, mnt := blindMount(t)
	proveBlind(t, backing, mnt)
	writeFiles(t, backing, map[string]string{
		"go.work":    "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
	})
	work := filepath.Join(mnt, "go.work")

	c := start(t, server.Options{Host: wslMachine(t, mnt), Logger: zaptest.NewLogger(t)})
	c.call("initialize", initParams(true, mnt), nil)
	c.notify("initialized", map[string]any{})
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 1 || p.Diagnostics[0].Message != goneMessage {
		t.Fatalf("before: %s", p.raw)
	}
	st := c.statusWhere(func(s status) bool { return s.Quiescent })
	// go.work, svc/go.mod and gone/go.mod, where a module may appear.
	note := "ℹ Watching 3 files on C: by polling: Windows-side edits are not reported by inotify"
	if strings.Count(st.Message, note) != 1 {
		t.Errorf("status message %q does not say once %q", st.Message, note)
	}

	// A Windows editor fixes go.work.
	writeFiles(t, backing, map[string]string{"go.work": "go 1.24\n\nuse ./svc\n"})
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 0 {
		t.Fatalf("after go.work was fixed on the Windows side: %s", p.raw)
	}
	// Polling is how things work there, not a problem; go.work no longer
	// uses ./gone, so its go.mod is no longer polled.
	st = c.statusWhere(func(s status) bool { return s.Quiescent })
	if want := "No problems found.\n\n" + strings.Replace(note, "3 files", "2 files", 1); st.Health != "ok" || st.Message != want {
		t.Errorf("status = %+v, want ok with message %q", st, want)
	}

	// It breaks it again, and then the missing module appears, both from
	// Windows: a directory inotify never reported.
	writeFiles(t, backing, map[string]string{"go.work": "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n"})
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 1 {
		t.Fatalf("after go.work was broken again on the Windows side: %s", p.raw)
	}
	writeFiles(t, backing, map[string]string{"gone/go.mod": "module example.com/gone\n\ngo 1.24\n"})
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 0 {
		t.Fatalf("after the used module appeared on the Windows side: %s", p.raw)
	}
}

// statusWhere returns the next gowell/status that satisfies ok.
func (c *client) statusWhere(ok func(status) bool) status {
	c.t.Helper()
	var s status
	c.next("gowell/status", func(m msg) bool {
		s = status{}
		return jsonInto(m.Params, &s) && ok(s)
	})
	return s
}
