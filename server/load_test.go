package server_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/gowell/gowell/server"
)

// Under load, the last word wins and nothing piles up: 10 000 edits of an
// open go.work in a burst, each carrying 4 KiB of text, interleaved with
// changes on disk to the modules it uses. The diagnostics end as the final
// text and the final disk say; the heap holds no trace of the 40 MB sent;
// and once the session ends, every goroutine it started is gone.
func TestLoadEditsAndDiskChanges(t *testing.T) {
	const (
		edits   = 10000
		padding = 4 << 10
		// The heap after a collection, with the session still open: about
		// 1 MiB in fact. Keeping the text of every version would take 40 MiB,
		// and a snapshot of each more.
		maxHeap = 16 << 20
	)
	goroutines := runtime.NumGoroutine()

	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":     "go 1.24\n\nuse ./svc\n",
		"svc/go.mod":  "module example.com/svc\n\ngo 1.24\n",
		"gone/go.mod": "module example.com/gone\n",
	})
	work := filepath.Join(dir, "go.work")
	gone := filepath.Join(dir, "gone", "go.mod")
	c := start(t, server.Options{})
	c.call("initialize", initParams(false, dir), nil)
	c.notify("initialized", map[string]any{})
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri(work), "languageId": "go.work", "version": 1, "text": "go 1.24\n\nuse ./svc\n"}})

	// Publishes pile up while the burst is sent; read them meanwhile.
	var pubs []published
	stopReading, readerDone := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(readerDone)
		for {
			select {
			case m := <-c.notes:
				var p published
				if m.Method == "textDocument/publishDiagnostics" && jsonInto(m.Params, &p) && p.URI == uri(work) {
					p.raw = string(m.Params)
					pubs = append(pubs, p)
				}
			case <-stopReading:
				return
			}
		}
	}()

	pad := "// " + strings.Repeat("x", padding) + "\n"
	for v := 2; v <= edits+1; v++ {
		// Every version differs, and whether ./gone or ./other is used
		// changes all the time.
		text := fmt.Sprintf("go 1.24\n\n%suse (\n\t./svc\n\t./gone\n)\n// v%d\n", pad, v)
		if v%3 == 0 {
			text = fmt.Sprintf("go 1.24\n\n%suse (\n\t./svc\n\t./other\n)\n// v%d\n", pad, v)
		}
		if v == edits+1 {
			text = fmt.Sprintf("go 1.24\n\n%suse (\n\t./svc\n\t./gone\n\t./other\n)\n", pad)
		}
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri(work), "version": v},
			"contentChanges": []map[string]string{{"text": text}},
		})
		if v%250 == 0 {
			// On disk, the module ./gone comes and goes, and svc/go.mod changes.
			if v%500 == 0 {
				writeFiles(t, dir, map[string]string{"gone/go.mod": "module example.com/gone\n"})
			} else if err := os.Remove(gone); err != nil {
				t.Fatal(err)
			}
			writeFiles(t, dir, map[string]string{"svc/go.mod": fmt.Sprintf("module example.com/svc\n\ngo 1.24\n// %d\n", v)})
		}
	}
	// The last disk change: ./gone exists. So the final text is wrong about
	// ./other only.
	writeFiles(t, dir, map[string]string{"gone/go.mod": "module example.com/gone\n"})
	// A rescan answers once the disk as it is now has been read and its
	// findings published.
	c.call("workspace/executeCommand", map[string]any{"command": "gowell.server.rescan", "arguments": []any{}}, nil)
	close(stopReading)
	<-readerDone

	if len(pubs) == 0 {
		t.Fatal("nothing was published for go.work")
	}
	last := pubs[len(pubs)-1]
	want := `./other does not exist: every go command in this workspace fails with "cannot load module … listed in go.work file"`
	if last.Version != edits+1 || len(last.Diagnostics) != 1 || last.Diagnostics[0].Message != want {
		t.Fatalf("the last publish of %d is %.500s\nwant version %d with one diagnostic: %s", len(pubs), last.raw, edits+1, want)
	}
	t.Logf("%d edits, %d publishes for go.work", edits, len(pubs))

	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	if ms.HeapAlloc > maxHeap {
		t.Errorf("heap after GC is %d MiB with the session open, want at most %d MiB", ms.HeapAlloc>>20, maxHeap>>20)
	}

	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	if err := c.ended(); err != nil {
		t.Fatalf("Serve = %v", err)
	}
	c.conn.Close()
	waitGoroutines(t, goroutines)
}

// waitGoroutines waits until no more than n goroutines are left, and fails
// with their stacks if that does not happen.
func waitGoroutines(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for runtime.NumGoroutine() > n {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before the session, %d after it ended:\n%s", n, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// An edit of 50 MB, over the 16 MiB limit for one message, is skipped
// without being decoded, with a log line: the document stays as its last
// version had it, and the next edit is diagnosed as usual.
func TestOversizedEditIsSkipped(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	core, logs := observer.New(zapcore.WarnLevel)
	c := start(t, server.Options{Logger: zap.New(core)})
	c.call("initialize", initParams(false, dir), nil)
	c.notify("initialized", map[string]any{})
	c.diagnostics(work, nil)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri(work), "languageId": "go.work", "version": 1, "text": "go 1.24\n\nuse ./svc\n"}})
	c.diagnostics(work, func(p published) bool { return p.Version == 1 && len(p.Diagnostics) == 0 })

	huge := mustJSON(t, map[string]any{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": map[string]any{
		"textDocument":   map[string]any{"uri": uri(work), "version": 2},
		"contentChanges": []map[string]string{{"text": "go 1.24\n\nuse ./gone\n// " + strings.Repeat("x", 50<<20) + "\n"}},
	}})
	frame := fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(huge), huge)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	c.writeRaw(frame)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri(work), "version": 3},
		"contentChanges": []map[string]string{{"text": "go 1.24\n\nuse ./other\n"}},
	})
	p := c.diagnostics(work, func(p published) bool {
		if p.Version == 2 {
			t.Errorf("version 2 was diagnosed: %.300s", p.raw)
		}
		return p.Version == 3
	})
	runtime.ReadMemStats(&after)
	if len(p.Diagnostics) != 1 || !strings.HasPrefix(p.Diagnostics[0].Message, "./other does not exist") {
		t.Errorf("version 3: %s", p.raw)
	}
	// Sending it costs a copy; decoding it and running the rules over it
	// cost about twenty.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
		t.Errorf("%d MiB allocated while a 50 MB edit went by", alloc>>20)
	}
	if logs.FilterMessage("skipping an oversized message").Len() != 1 {
		t.Errorf("no log line for the skipped edit: %v", logs.All())
	}
}
