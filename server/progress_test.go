package server_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/gowell/gowell/server"
)

// Work-done progress, as an editor that shows only standard LSP progress
// (Neovim's fidget, Helix, Zed) sees it.

const createProgress = "window/workDoneProgress/create"

// gate holds a scan at its end until the test lets it go: a scan exactly
// as slow as a test needs, where a workspace large enough to be slow would
// only be slow most of the time. It holds at the scan's "scanned" debug
// log, which comes after the scan publishes and before its progress ends.
type gate struct {
	t    *testing.T
	logs *observer.ObservedLogs

	mu   sync.Mutex
	open chan struct{} // closed by release; nil when no scan is to be held
	held chan struct{} // closed once a scan is held
}

// newGate returns a gate and the logger the server must log to for it.
func newGate(t *testing.T) (*gate, *zap.Logger) {
	core, logs := observer.New(zap.DebugLevel)
	g := &gate{t: t, logs: logs}
	return g, zap.New(core, zap.Hooks(g.pass))
}

// hold makes the next scan wait at its end until release.
func (g *gate) hold() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.open, g.held = make(chan struct{}), make(chan struct{})
}

func (g *gate) pass(e zapcore.Entry) error {
	if e.Message != "scanned" {
		return nil
	}
	g.mu.Lock()
	open, held := g.open, g.held
	g.mu.Unlock()
	if open != nil {
		// One scan runs at a time, and release clears open: held is
		// closed once.
		close(held)
		<-open
	}
	return nil
}

// waitHeld waits until a scan is held.
func (g *gate) waitHeld() {
	g.t.Helper()
	g.mu.Lock()
	held := g.held
	g.mu.Unlock()
	select {
	case <-held:
	case <-time.After(timeout):
		g.t.Fatal("no scan reached its end (is its \"scanned\" debug log gone?)")
	}
}

func (g *gate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.open != nil {
		close(g.open)
		g.open = nil
	}
}

// progressSession starts a server whose scans a gate can hold.
func progressSession(t *testing.T, delay time.Duration) (*client, *gate) {
	t.Helper()
	g, log := newGate(t)
	c := start(t, server.Options{Logger: log, ProgressDelay: delay})
	// After a failed test, let the held scan go before the session is
	// stopped: cleanups run last first.
	t.Cleanup(g.release)
	return c, g
}

// progressInit is initialize for dir from a client that shows work-done
// progress, and gowell/status when status is set.
func progressInit(status bool, dir string) map[string]any {
	p := initParams(status, dir)
	p["capabilities"].(map[string]any)["window"] = map[string]any{"workDoneProgress": true}
	return p
}

// initWithProgress sends initialize for dir, from a client that shows
// work-done progress (and not gowell/status).
func initWithProgress(c *client, dir string) {
	c.t.Helper()
	c.call("initialize", progressInit(false, dir), nil)
}

// nextCall returns the next request of method from the server.
func (c *client) nextCall(method string) msg {
	c.t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case m := <-c.calls:
			if m.Method == method {
				return m
			}
		case <-deadline:
			c.t.Fatalf("no %s request arrived", method)
			return msg{}
		}
	}
}

// progressValue is one $/progress as the client reads it.
type progressValue struct {
	Token string
	Value struct {
		Kind, Title, Message string
		Cancellable          *bool
	}
}

func (c *client) nextProgress() progressValue {
	c.t.Helper()
	var p progressValue
	m := c.next("$/progress", nil)
	if err := json.Unmarshal(m.Params, &p); err != nil {
		c.t.Fatalf("$/progress: %s: %v", m.Params, err)
	}
	return p
}

// createdToken reads the token of a create request: LSP allows an integer
// or a string; gowell promises a string.
func createdToken(t *testing.T, m msg) string {
	t.Helper()
	var p struct{ Token json.RawMessage }
	var token string
	if err := json.Unmarshal(m.Params, &p); err != nil || json.Unmarshal(p.Token, &token) != nil {
		t.Fatalf("%s: want a string token: %s", createProgress, m.Params)
	}
	return token
}

// expectNoProgress fails if the server asks to create a progress or sends
// one within d.
func (c *client) expectNoProgress(d time.Duration) {
	c.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case m := <-c.calls:
			if m.Method == createProgress {
				c.t.Fatalf("unexpected %s: %s", createProgress, m.Params)
			}
		case m := <-c.notes:
			if m.Method == "$/progress" {
				c.t.Fatalf("unexpected $/progress: %s", m.Params)
			}
		case <-deadline:
			return
		}
	}
}

// holdCreate makes the client answer the server's create requests only
// once the returned channel is closed.
func holdCreate(c *client) chan struct{} {
	answered := make(chan struct{})
	c.answerWith(func(m msg) string {
		if m.Method == createProgress {
			<-answered
		}
		return `"result":null`
	})
	return answered
}

// scanProgress follows the progress of a held full scan: create, then
// (only once answered) begin, then, once the scan ends, end. It returns the
// token.
func scanProgress(t *testing.T, c *client, g *gate, answered chan struct{}, wantBegin, wantEnd string) string {
	t.Helper()
	g.waitHeld()
	token := createdToken(t, c.nextCall(createProgress))
	if !strings.HasPrefix(token, "gowell/scan/") {
		t.Errorf("token %q, want gowell/scan/N", token)
	}
	// Nothing may use the token before the client has answered.
	c.expectNoProgress(100 * time.Millisecond)
	close(answered)

	begin := c.nextProgress()
	if begin.Token != token || begin.Value.Kind != "begin" || begin.Value.Title != "gowell" ||
		begin.Value.Message != wantBegin || begin.Value.Cancellable == nil || *begin.Value.Cancellable {
		t.Errorf("begin = %+v, want token %q, title gowell, message %q, cancellable false", begin, token, wantBegin)
	}
	// The scan is still running: no end yet.
	c.expectNoProgress(50 * time.Millisecond)
	g.release()
	end := c.nextProgress()
	if end.Token != token || end.Value.Kind != "end" || end.Value.Message != wantEnd {
		t.Errorf("end = %+v, want token %q, message %q", end, token, wantEnd)
	}
	return token
}

// A client that shows progress sees the first scan, and the scan of a
// folder added later, as create → begin → end, each with a token of its own.
func TestScanProgress(t *testing.T) {
	dir, added := brokenWork(t), brokenWork(t)
	c, g := progressSession(t, time.Nanosecond)
	answered := holdCreate(c)
	g.hold()
	initWithProgress(c, dir)
	c.notify("initialized", map[string]any{})
	first := scanProgress(t, c, g, answered, "Scanning "+filepath.Base(dir)+"…", "1 problem")

	// This create is answered at once: answered is closed.
	g.hold()
	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{
		"added": []map[string]string{{"uri": uri(added), "name": "added"}}, "removed": []map[string]string{}}})
	g.waitHeld()
	token := createdToken(t, c.nextCall(createProgress))
	if token == first {
		t.Errorf("the second scan reused the token %q", token)
	}
	if begin := c.nextProgress(); begin.Token != token || begin.Value.Message != "Scanning 2 folders…" {
		t.Errorf("second scan: begin = %+v", begin)
	}
	g.release()
	if end := c.nextProgress(); end.Token != token || end.Value.Kind != "end" || end.Value.Message != "2 problems" {
		t.Errorf("second scan: end = %+v", end)
	}
}

// No progress, however long the scan, for a client without the capability,
// nor for one that asked for gowell/status: it shows the scan there (the VS
// Code extension spins its own item), and a second spinner would say the same.
func TestNoProgress(t *testing.T) {
	for name, init := range map[string]func(dir string) map[string]any{
		"without the capability": func(dir string) map[string]any { return initParams(false, dir) },
		"with gowell/status":     func(dir string) map[string]any { return progressInit(true, dir) },
	} {
		t.Run(name, func(t *testing.T) {
			c, g := progressSession(t, time.Nanosecond)
			g.hold()
			c.call("initialize", init(brokenWork(t)), nil)
			c.notify("initialized", map[string]any{})
			g.waitHeld()
			c.expectNoProgress(300 * time.Millisecond)
			g.release()
			c.expectNoProgress(100 * time.Millisecond)
		})
	}
}

// A scan that ends before the delay shows nothing: no flash of progress.
func TestFastScanShowsNoProgress(t *testing.T) {
	const delay = 300 * time.Millisecond
	c, g := progressSession(t, delay)
	initWithProgress(c, brokenWork(t))
	c.notify("initialized", map[string]any{})
	var took time.Duration
	waitFor(t, "the first scan", func() bool {
		for _, e := range g.logs.FilterMessage("scanned").All() {
			took, _ = e.ContextMap()["took"].(time.Duration)
			return true
		}
		return false
	})
	if took > delay/2 {
		t.Skipf("the scan took %v, too close to the delay of %v to tell", took, delay)
	}
	c.expectNoProgress(2 * delay)
}

// Typing re-diagnoses in milliseconds: no progress, however long it takes.
func TestTypingShowsNoProgress(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c, g := progressSession(t, time.Nanosecond)
	answered := holdCreate(c)
	g.hold()
	initWithProgress(c, dir)
	c.notify("initialized", map[string]any{})
	scanProgress(t, c, g, answered, "Scanning "+filepath.Base(dir)+"…", "1 problem")
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri(work), "languageId": "go.work", "version": 1, "text": "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n"}})
	c.diagnostics(work, func(p published) bool { return p.Version == 1 })
	c.expectNoProgress(100 * time.Millisecond)

	g.hold()
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri(work), "version": 2},
		"contentChanges": []map[string]string{{"text": "go 1.24\n\nuse ./svc\n"}},
	})
	g.waitHeld()
	// Published before the scan ends: this is the edit's scan.
	if p := c.diagnostics(work, nil); p.Version != 2 || len(p.Diagnostics) != 0 {
		t.Fatalf("after the edit: %s", p.raw)
	}
	c.expectNoProgress(300 * time.Millisecond)
	g.release()
	c.expectNoProgress(100 * time.Millisecond)
}

// A client that refuses to create the progress gets none, and the server
// says why in its debug log.
func TestRefusedProgressSendsNone(t *testing.T) {
	c, g := progressSession(t, time.Nanosecond)
	c.answerWith(func(m msg) string {
		if m.Method == createProgress {
			return `"error":{"code":-32603,"message":"no progress here"}`
		}
		return `"result":null`
	})
	g.hold()
	initWithProgress(c, brokenWork(t))
	c.notify("initialized", map[string]any{})
	g.waitHeld()
	c.nextCall(createProgress)
	waitFor(t, "the refusal in the log", func() bool {
		return g.logs.FilterMessageSnippet("no progress").FilterFieldKey("token").Len() > 0
	})
	c.expectNoProgress(200 * time.Millisecond)
	g.release()
	c.expectNoProgress(200 * time.Millisecond)
}

// shutdown sends shutdown while a scan is held, lets the scan go once the
// server is stopping, and returns the reply.
func shutdown(t *testing.T, c *client, g *gate) msg {
	t.Helper()
	replied := c.request("shutdown", "null")
	// Time for the server to start stopping: its scan sees the cancel.
	time.Sleep(100 * time.Millisecond)
	g.release()
	select {
	case m := <-replied:
		return m
	case <-time.After(timeout):
		t.Fatal("no reply to shutdown")
		return msg{}
	}
}

// drainProgress returns the $/progress notifications already received.
func (c *client) drainProgress() []string {
	var out []string
	for {
		select {
		case m := <-c.notes:
			if m.Method == "$/progress" {
				out = append(out, string(m.Params))
			}
		default:
			return out
		}
	}
}

// A session that stops during a scan whose progress has begun still ends
// it, before the shutdown reply, and sends nothing after.
func TestShutdownEndsProgress(t *testing.T) {
	c, g := progressSession(t, time.Nanosecond)
	g.hold()
	initWithProgress(c, brokenWork(t))
	c.notify("initialized", map[string]any{})
	g.waitHeld()
	c.nextCall(createProgress)
	if begin := c.nextProgress(); begin.Value.Kind != "begin" {
		t.Fatalf("begin = %+v", begin)
	}
	shutdown(t, c, g)
	// The client reads in order: what came before the reply is queued.
	if got := c.drainProgress(); len(got) != 1 || !strings.Contains(got[0], `"kind":"end"`) {
		t.Errorf("$/progress before the shutdown reply: %v, want the end", got)
	}
	c.expectNoProgress(200 * time.Millisecond)
}

// A session that stops while the client has not yet answered the create
// sends no progress at all, even once the answer comes.
func TestShutdownBeforeCreateAnswered(t *testing.T) {
	c, g := progressSession(t, time.Nanosecond)
	answered := holdCreate(c)
	g.hold()
	initWithProgress(c, brokenWork(t))
	c.notify("initialized", map[string]any{})
	g.waitHeld()
	c.nextCall(createProgress)
	if m := shutdown(t, c, g); m.Error != nil {
		t.Fatalf("shutdown: %+v", m.Error)
	}
	close(answered)
	if got := c.drainProgress(); len(got) != 0 {
		t.Errorf("$/progress before the shutdown reply: %v", got)
	}
	c.expectNoProgress(200 * time.Millisecond)
}
