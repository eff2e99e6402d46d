package server_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/gowell/gowell/server"
	"github.com/gowell/gowell/workspace"
)

// File system faults at the server level: each degrades to a diagnostic or
// a log line, never a crash, a hang or a fix that writes somewhere else.

// escapedURI is the file URI of path as the server sends it: percent-encoded,
// so that a name that is not UTF-8 survives JSON.
func escapedURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// Linux names are bytes, not UTF-8 text; JSON replaces every invalid byte
// with U+FFFD. The diagnostics of a file in such a directory reach the
// client under a URI that names it, and the quick fix edits that file, not
// one in a directory named with U+FFFD.
func TestNonUTF8Names(t *testing.T) {
	bad := "m\xff\xfe"
	dir := writeFiles(t, t.TempDir(), map[string]string{
		bad + "/go.work":    "go 1.24\n\nuse (\n\t./svc\n\t./gone\xff\n)\n",
		bad + "/svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
	})
	work := filepath.Join(dir, bad, "go.work")
	c := open(t, false, dir)

	var p published
	c.next("textDocument/publishDiagnostics", func(m msg) bool {
		p = published{raw: string(m.Params)}
		return jsonInto(m.Params, &p) && p.URI == escapedURI(work)
	})
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "GO003" {
		t.Fatalf("diagnostics for %q: %s", work, p.raw)
	}
	var actions []action
	c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]string{"uri": p.URI},
		"range":        p.Diagnostics[0].Range,
		"context":      map[string]any{"diagnostics": p.Diagnostics},
	}, &actions)
	if len(actions) != 1 || actions[0].Edit == nil || len(actions[0].Edit.DocumentChanges) != 1 {
		t.Fatalf("code actions = %+v, want the fix that removes the use line", actions)
	}
	dc := actions[0].Edit.DocumentChanges[0]
	u, err := url.Parse(dc.TextDocument.URI)
	if err != nil || u.Path != work {
		t.Fatalf("the fix edits %q (%v), want %q", dc.TextDocument.URI, err, work)
	}
	fixed, err := workspace.NewText(readFile(t, work)).Apply(dc.Edits)
	if err != nil {
		t.Fatal(err)
	}
	if want := "go 1.24\n\nuse (\n\t./svc\n)\n"; string(fixed) != want {
		t.Errorf("fixed go.work = %q, want %q", fixed, want)
	}
	if strings.Contains(p.raw, `\ufffd/`) {
		t.Errorf("a path in the published diagnostic was mangled: %s", p.raw)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// openAll starts a session on dir with every rule on and the status on:
// faults must not trip any rule either.
func openAll(t *testing.T, c *client, dir string) {
	t.Helper()
	p := initParams(true, dir)
	p["initializationOptions"] = map[string]any{"statusNotification": true}
	c.call("initialize", p, nil)
	c.notify("initialized", map[string]any{})
}

// settled waits for the status of a finished scan and fails when a rule
// broke on what it found.
func (c *client) settled() status {
	c.t.Helper()
	st := c.statusWhere(func(s status) bool { return s.Quiescent })
	if strings.Contains(st.Message, "internal error") {
		c.t.Errorf("a rule failed: %s", st.Message)
	}
	return st
}

// rescan asks for a full rescan and waits for it.
func (c *client) rescan() {
	c.t.Helper()
	c.call("workspace/executeCommand", map[string]any{"command": "gowell.server.rescan", "arguments": []any{}}, nil)
}

// Symbolic links that loop, point at their own parent or at a go.mod:
// discovery does not follow them, a use line through one is reported as
// missing, and a go.mod that cannot be opened for the loop says why.
func TestSymlinkLoops(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":           "go 1.24\n\nuse (\n\t./svc\n\t./loop\n\t./a\n)\n",
		"svc/go.mod":        "module example.com/svc\n\ngo 1.24\n",
		"svc/Dockerfile":    "FROM golang:1.24\nWORKDIR /src\nCOPY . .\nRUN go build ./...\n",
		"svc/.dockerignore": "*.md\n",
		".gitignore":        "/bin/\n",
	})
	for link, target := range map[string]string{
		"loop": "loop", "a": "b", "b": "a", // loops
		"svc/up": "..", "svc/self": ".", // cycles through directories
		"svc/sub/go.mod": "../go.mod", // a go.mod that is a link
	} {
		p := filepath.Join(dir, link)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	work := filepath.Join(dir, "go.work")
	c := start(t, server.Options{})
	openAll(t, c, dir)
	st := c.settled()
	for _, want := range []string{"go.work:5 — ./loop does not exist", "go.work:6 — ./a does not exist", "too many levels of symbolic links"} {
		if !strings.Contains(st.Message, want) {
			t.Errorf("status does not say %q:\n%s", want, st.Message)
		}
	}
	writeFiles(t, dir, map[string]string{"go.work": "go 1.24\n\nuse ./svc\n"})
	c.diagnostics(work, func(p published) bool { return !strings.Contains(p.raw, "GO003") })
	c.rescan()
	c.settled()
}

// Files of hundreds of megabytes (sparse, so they cost no disk) are read no
// further than gowell's 4 MiB limit, and said so: the whole session
// allocates less than one of them.
func TestHugeSparseFiles(t *testing.T) {
	const size = 512 << 20
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":    "go 1.24\n\nuse (\n\t./svc\n\t./big\n)\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
		".gitignore": "/bin/\n",
	})
	for _, name := range []string{"big/go.mod", "svc/Dockerfile", "svc/.dockerignore"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		f, err := os.Create(p)
		if err == nil {
			err = f.Truncate(size)
			f.Close()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	c := start(t, server.Options{})
	openAll(t, c, dir)
	st := c.settled()
	if want := "big/go.mod:1 — gowell skips its checks of go.mod: go.mod is larger than 4 MiB"; !strings.Contains(st.Message, want) {
		t.Errorf("status does not say %q:\n%s", want, st.Message)
	}
	c.rescan()
	c.settled()

	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size/2 {
		t.Errorf("the session allocated %d MiB: a huge file was read whole", alloc>>20)
	}
}

// A directory with 100 000 entries, beside 2 000 directories that hold
// nothing gowell reads: no entry is read or watched for itself, changes in
// the big directory are seen, and the server keeps no per-entry state.
//
// A million entries (in tmpfs) take 15 s to create and 13 s to remove here,
// and the scan grows linearly (4.7 s and 244 MiB allocated for a million
// entries, none of it kept); a tenth shows the same in a tenth of the time.
func TestManyEntries(t *testing.T) {
	const entries, dirs = 100000, 2000
	root := fastTempDir(t)
	writeFiles(t, root, map[string]string{
		"go.work":    "go 1.24\n\nuse ./big\n",
		"big/go.mod": "module example.com/big\n\ngo 1.24\n",
		".gitignore": "/bin/\n",
	})
	big := filepath.Join(root, "big")
	parallel(t, entries, func(i int) error {
		return syscall.Mknod(filepath.Join(big, fmt.Sprintf("f%07d", i)), syscall.S_IFREG|0o644, 0)
	})
	parallel(t, dirs, func(i int) error {
		return os.MkdirAll(filepath.Join(root, "node_modules", fmt.Sprintf("p%04d", i), "lib"), 0o755)
	})

	goroutines := runtime.NumGoroutine()
	c := start(t, server.Options{})
	openAll(t, c, root)
	c.settled()
	// The folder and big (the directory of go.mod, and the use target and
	// its parent): nothing else.
	if n := inotifyWatches(t); n > 2 {
		t.Errorf("%d inotify watches for a folder with %d directories, want 2", n, dirs*2+2)
	}
	// About 1 MiB in fact; keeping a path per entry would take more than 8.
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > 8<<20 {
		t.Errorf("heap after GC is %d MiB with the session open", ms.HeapAlloc>>20)
	}

	if err := os.Remove(filepath.Join(big, "go.mod")); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(root, "go.work")
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 1 || !strings.HasPrefix(p.Diagnostics[0].Message, "./big has no go.mod") {
		t.Fatalf("after big/go.mod was removed: %s", p.raw)
	}
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	c.ended()
	c.conn.Close()
	waitGoroutines(t, goroutines)
}

// fastTempDir is a temporary directory in tmpfs when there is one, where
// creating and removing many entries is quick.
func fastTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("/dev/shm", "gowell-test-")
	if err != nil {
		return t.TempDir()
	}
	t.Cleanup(func() {
		if err := os.RemoveAll(dir); err != nil {
			t.Error(err)
		}
	})
	return dir
}

// parallel runs f(0) … f(n-1) on a few goroutines.
func parallel(t *testing.T, n int, f func(int) error) {
	t.Helper()
	const workers = 4
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			var err error
			for i := w; i < n && err == nil; i += workers {
				err = f(i)
			}
			errs <- err
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// inotifyWatches counts the inotify watches this process holds, from the
// fdinfo of its inotify descriptors.
func inotifyWatches(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("cannot count inotify watches: %v", err)
	}
	n := 0
	for _, fd := range fds {
		if target, _ := os.Readlink(filepath.Join("/proc/self/fd", fd.Name())); target != "anon_inode:inotify" {
			continue
		}
		info, err := os.ReadFile(filepath.Join("/proc/self/fdinfo", fd.Name()))
		if err != nil {
			continue // closed meanwhile
		}
		n += strings.Count(string(info), "inotify wd:")
	}
	return n
}

// Files deleted, replaced by rename, turned into directories and back, and
// whole modules removed while the workspace is rescanned again and again and
// the watcher reports the changes: no scan breaks a rule or the server, and
// once the churn stops the diagnostics are those of the final tree.
func TestChurnDuringScans(t *testing.T) {
	const modules = 8
	files := map[string]string{".gitignore": "/bin/\n"}
	work := "go 1.24\n\nuse (\n"
	for k := range modules {
		m := fmt.Sprintf("m%d", k)
		work += "\t./" + m + "\n"
		files[m+"/go.mod"] = "module example.com/" + m + "\n\ngo 1.24\n"
		files[m+"/Dockerfile"] = "FROM golang:1.24\nCOPY . .\nRUN go build ./...\n"
	}
	files["go.work"] = work + ")\n"
	dir := writeFiles(t, t.TempDir(), files)
	c := start(t, server.Options{})
	openAll(t, c, dir)
	c.settled()

	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			m := filepath.Join(dir, fmt.Sprintf("m%d", i%modules))
			mod := filepath.Join(m, "go.mod")
			// Errors are expected: the tree changes under each step too.
			switch i % 6 {
			case 0:
				os.Remove(mod)
			case 1:
				os.MkdirAll(m, 0o755)
				os.WriteFile(mod+".tmp", []byte("module example.com/x\n\ngo 1.24\n"), 0o644)
				os.Rename(mod+".tmp", mod)
			case 2:
				os.RemoveAll(mod)
				os.MkdirAll(filepath.Join(mod, "inside"), 0o755) // go.mod is a directory now
			case 3:
				os.RemoveAll(mod)
				os.WriteFile(filepath.Join(m, "Dockerfile"), []byte("FROM scratch\n"), 0o644)
			case 4:
				os.Rename(m, m+".old")
				os.WriteFile(m, []byte("a file where a module was\n"), 0o644)
			case 5:
				os.Remove(m)
				os.Rename(m+".old", m)
				os.RemoveAll(m + ".old")
			}
		}
	}()
	var last status
	for range 20 {
		c.rescan()
		if st, ok := c.lastStatus(); ok {
			last = st
		}
	}
	close(stop)
	<-stopped

	// The final tree: m6 is gone, m7 has no go.mod, the rest are modules.
	for k := range modules {
		m := filepath.Join(dir, fmt.Sprintf("m%d", k))
		os.Remove(m)
		if err := os.RemoveAll(m); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(m + ".old")
		switch k {
		case 6:
		case 7:
			writeFiles(t, m, map[string]string{"Dockerfile": "FROM scratch\n"})
		default:
			writeFiles(t, m, map[string]string{"go.mod": fmt.Sprintf("module example.com/m%d\n\ngo 1.24\n", k)})
		}
	}
	c.rescan()
	if st, ok := c.lastStatus(); ok {
		last = st
	}
	for _, want := range []string{"go.work:10 — ./m6 does not exist", "go.work:11 — ./m7 has no go.mod"} {
		if !strings.Contains(last.Message, want) {
			t.Errorf("final status does not say %q:\n%s", want, last.Message)
		}
	}
	if n := strings.Count(last.Message, "`GO003`"); n != 2 {
		t.Errorf("%d GO003 findings in the final status, want 2:\n%s", n, last.Message)
	}
}

// lastStatus reads the notifications that have arrived and returns the last
// status among them, failing the test if any says a rule broke.
func (c *client) lastStatus() (status, bool) {
	c.t.Helper()
	var last status
	found := false
	for {
		select {
		case m := <-c.notes:
			var s status
			if m.Method != "gowell/status" || !jsonInto(m.Params, &s) {
				continue
			}
			if strings.Contains(s.Message, "internal error") {
				c.t.Errorf("a rule failed: %s", s.Message)
			}
			last, found = s, true
		default:
			return last, found
		}
	}
}

// A go.mod that is a named pipe, where a use line points: reading it must
// not block the scan (os.Open of a FIFO waits for a writer).
func TestFIFONamedGoMod(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":    "go 1.24\n\nuse (\n\t./svc\n\t./pipe\n)\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
		".gitignore": "/bin/\n",
	})
	if err := os.Mkdir(filepath.Join(dir, "pipe"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe", "go.mod"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := start(t, server.Options{})
	openAll(t, c, dir)
	c.settled()
	c.rescan()
	c.settled()
}
