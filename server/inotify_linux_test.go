package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// A real inotify queue overflow: the server process is stopped while more
// events than fs.inotify.max_queued_events arrive, and the one change that
// matters comes last, when the kernel has already dropped everything after
// the overflow. Only the rescan that the overflow asks for can find it.
func TestQueueOverflowRescans(t *testing.T) {
	maxQueued := readSysctl(t, "/proc/sys/fs/inotify/max_queued_events")
	if maxQueued > 1<<20 {
		t.Skipf("fs.inotify.max_queued_events is %d: overflowing it would take too long", maxQueued)
	}
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	p := serveProcess(t, processConfig{})
	p.call("initialize", initParams(false, dir), nil)
	p.notify("initialized", map[string]any{})
	if d := p.diagnostics(work, nil); len(d.Diagnostics) != 1 {
		t.Fatalf("before: %s", d.raw)
	}

	stop(t, p.cmd.Process.Pid)
	// Each file raises a create and a delete event in the watched folder.
	for i := range maxQueued {
		name := filepath.Join(dir, fmt.Sprintf("storm%06d", i))
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		if err := os.Remove(name); err != nil {
			t.Fatal(err)
		}
	}
	writeFiles(t, dir, map[string]string{"go.work": "go 1.24\n\nuse ./svc\n"})
	if err := p.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}

	p.waitLog("inotify queue overflowed")
	if d := p.diagnostics(work, nil); len(d.Diagnostics) != 0 {
		t.Fatalf("after the overflow: %s", d.raw)
	}
}

// stop sends SIGSTOP and waits until the process is stopped.
func stop(t *testing.T, pid int) {
	t.Helper()
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the server process to stop", func() bool {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return false
		}
		// pid (comm) state …: the comm may hold spaces and parentheses.
		rest := string(b[strings.LastIndexByte(string(b), ')')+1:])
		return strings.HasPrefix(strings.TrimSpace(rest), "T")
	})
}

func readSysctl(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("cannot read %s: %v", path, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return n
}

// With inotify's limits reached, for real (the server runs in a user
// namespace whose limits are lowered), the directories that could not be
// watched are polled: the status and the log say so, and changes in every
// directory still reach the diagnostics. Past the watch budget
// (inotify_add_watch fails with ENOSPC) only some directories are polled;
// past the instance limit (inotify_init1 fails with EMFILE) all are.
func TestInotifyLimitsReached(t *testing.T) {
	for _, c := range []struct {
		name   string
		limit  string
		value  int
		polled string
		log    string
	}{
		// The folder, a and b: one keeps the only watch.
		{"watches", "max_inotify_watches", 1, "2 directories are", "fs.inotify.max_user_watches may be exhausted"},
		{"instances", "max_inotify_instances", 0, "3 directories are", "cannot create a file notifier"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), map[string]string{
				"go.work":  "go 1.24\n\nuse (\n\t./a\n\t./b\n)\n",
				"a/go.mod": "module example.com/a\n\ngo 1.24\n",
				"b/go.mod": "module example.com/b\n\ngo 1.24\n",
			})
			work := filepath.Join(dir, "go.work")
			p := serveProcess(t, processConfig{UserNS: true, Limits: map[string]int{c.limit: c.value}})
			p.call("initialize", initParams(true, dir), nil)
			p.notify("initialized", map[string]any{})

			want := c.polled + ` polled, not watched, because inotify's limits are reached (fs.inotify.max\_user\_watches or max\_user\_instances): changes there show up late`
			st := p.statusWhere(func(s status) bool { return s.Quiescent })
			if st.Health != "warning" || !strings.Contains(st.Message, want) {
				t.Fatalf("status = %+v, want a warning saying %q", st, want)
			}
			p.waitLog(c.log)

			// Whichever directory kept a watch, a change in each is seen.
			for _, m := range []string{"a", "b"} {
				mod := filepath.Join(dir, m, "go.mod")
				if err := os.Remove(mod); err != nil {
					t.Fatal(err)
				}
				if d := p.diagnostics(work, nil); len(d.Diagnostics) != 1 || !strings.HasPrefix(d.Diagnostics[0].Message, "./"+m+" has no go.mod") {
					t.Fatalf("after %s/go.mod was removed: %s", m, d.raw)
				}
				writeFiles(t, dir, map[string]string{m + "/go.mod": "module example.com/" + m + "\n\ngo 1.24\n"})
				if d := p.diagnostics(work, nil); len(d.Diagnostics) != 0 {
					t.Fatalf("after %s/go.mod came back: %s", m, d.raw)
				}
			}
			writeFiles(t, dir, map[string]string{"go.work": "go 1.24\n\nuse (\n\t./a\n\t./b\n\t./gone\n)\n"})
			if d := p.diagnostics(work, nil); len(d.Diagnostics) != 1 || d.Diagnostics[0].Message != goneMessage {
				t.Fatalf("after go.work was edited: %s", d.raw)
			}
		})
	}
}
