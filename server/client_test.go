package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/server"
)

// The tests talk to a real server over net.Pipe with a client written here
// from the LSP base protocol, independent of the server's own framing: it
// sees the raw bytes, so it can check that [] is sent rather than null, and
// it can send malformed input.

const timeout = 10 * time.Second

// msg is any JSON-RPC message, with its raw body.
type msg struct {
	ID     json.RawMessage `json:"id,omitempty"`
	Method string          `json:"method,omitempty"`
	Params json.RawMessage `json:"params,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *rpcErr         `json:"error,omitempty"`
	raw    string
}

type rpcErr struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type client struct {
	t        *testing.T
	conn     net.Conn
	done     chan struct{} // closed when Serve returns
	serveErr error         // what it returned

	writeMu sync.Mutex
	closed  atomic.Bool
	mu      sync.Mutex
	nextID  int
	waiting map[string]chan msg
	notes   chan msg // notifications, in order
	orphans chan msg // responses to no request of ours (to malformed input)
	calls   chan msg // requests from the server, answered with null unless answer is set

	answer func(msg) string // guarded by mu; see answerWith
}

// start runs a server over a pipe. A zero opts.Host gets a test default: a
// recorded go env (no process runs) and an empty machine under a temporary
// sysroot, so host rules see nothing.
func start(t *testing.T, opts server.Options) *client {
	t.Helper()
	if opts.Host.GoEnv == nil && opts.Host.Sysroot == "" {
		opts.Host = host.Options{Sysroot: t.TempDir(), Env: map[string]string{},
			GoEnv: &host.GoEnv{Path: "/usr/local/go/bin/go", Vars: map[string]string{"GOVERSION": "go1.26.8", "GOTOOLCHAIN": "auto"}}}
	}
	srv, cli := net.Pipe()
	c := &client{t: t, conn: cli, done: make(chan struct{}), waiting: map[string]chan msg{},
		notes: make(chan msg, 1000), orphans: make(chan msg, 100), calls: make(chan msg, 100)}
	go func() {
		c.serveErr = server.Serve(context.Background(), srv, opts)
		close(c.done)
	}()
	go c.read()
	t.Cleanup(func() {
		c.closed.Store(true)
		cli.Close()
		select {
		case <-c.done:
		case <-time.After(timeout):
			t.Error("server did not stop after the connection closed")
		}
	})
	return c
}

func (c *client) read() {
	r := bufio.NewReader(c.conn)
	for {
		length := -1
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSpace(line)
			if line == "" {
				break
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.Atoi(v)
			}
		}
		if length < 0 {
			c.t.Errorf("server sent a message without Content-Length")
			return
		}
		body := make([]byte, length)
		if _, err := io.ReadFull(r, body); err != nil {
			return
		}
		var m msg
		if err := json.Unmarshal(body, &m); err != nil {
			c.t.Errorf("server sent invalid JSON: %s", body)
			return
		}
		m.raw = string(body)
		switch {
		case m.Method != "" && m.ID != nil:
			c.calls <- m
			c.mu.Lock()
			answer := c.answer
			c.mu.Unlock()
			// Never write from the reading goroutine: net.Pipe has no
			// buffer, and a server writing to us would wait forever.
			go func() {
				member := `"result":null`
				if answer != nil {
					member = answer(m)
				}
				c.write(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,%s}`, m.ID, member))
			}()
		case m.Method != "":
			c.notes <- m
		default:
			c.mu.Lock()
			ch := c.waiting[string(m.ID)]
			delete(c.waiting, string(m.ID))
			c.mu.Unlock()
			if ch != nil {
				ch <- m
			} else {
				c.orphans <- m
			}
		}
	}
}

// answerWith makes the client answer each request from the server with
// f's member of the response (`"result":…` or `"error":…`) instead of a null
// result. f runs on a goroutine of its own, so it may block to delay the
// answer.
func (c *client) answerWith(f func(msg) string) {
	c.mu.Lock()
	c.answer = f
	c.mu.Unlock()
}

// write sends one well-framed body.
func (c *client) write(body string) {
	c.writeRaw(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
}

func (c *client) writeRaw(b string) {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	c.conn.SetWriteDeadline(time.Now().Add(timeout))
	if _, err := io.WriteString(c.conn, b); err != nil && !c.closed.Load() {
		c.t.Errorf("write: %v", err)
	}
}

// request sends a request with the given params JSON and returns the
// channel its response arrives on.
func (c *client) request(method, params string) <-chan msg {
	c.mu.Lock()
	c.nextID++
	id := strconv.Itoa(c.nextID)
	ch := make(chan msg, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	c.write(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"method":%q,"params":%s}`, id, method, params))
	return ch
}

// callRaw sends a request with the given params JSON and returns the response.
func (c *client) callRaw(method, params string) msg {
	c.t.Helper()
	select {
	case m := <-c.request(method, params):
		return m
	case <-time.After(timeout):
		c.t.Fatalf("no response to %s", method)
		return msg{}
	}
}

// call sends a request and decodes its result into result (when not nil); it
// fails the test on an error response.
func (c *client) call(method string, params, result any) {
	c.t.Helper()
	m := c.callRaw(method, mustJSON(c.t, params))
	if m.Error != nil {
		c.t.Fatalf("%s: error %d %s", method, m.Error.Code, m.Error.Message)
	}
	if result != nil {
		if err := json.Unmarshal(m.Result, result); err != nil {
			c.t.Fatalf("%s: result %s: %v", method, m.Result, err)
		}
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.write(fmt.Sprintf(`{"jsonrpc":"2.0","method":%q,"params":%s}`, method, mustJSON(c.t, params)))
}

// next returns the next notification of method that satisfies ok, skipping
// the others.
func (c *client) next(method string, ok func(msg) bool) msg {
	c.t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case m := <-c.notes:
			if m.Method == method && (ok == nil || ok(m)) {
				return m
			}
		case <-deadline:
			c.t.Fatalf("no %s notification arrived", method)
			return msg{}
		}
	}
}

// published is a publishDiagnostics notification.
type published struct {
	URI         string       `json:"uri"`
	Version     int32        `json:"version"`
	Diagnostics []diagnostic `json:"diagnostics"`
	raw         string
}

type diagnostic struct {
	Range           lspRange `json:"range"`
	Severity        int      `json:"severity"`
	Code            string   `json:"code"`
	CodeDescription struct{ Href string }
	Source          string          `json:"source"`
	Message         string          `json:"message"`
	Data            json.RawMessage `json:"data,omitempty"`
}

type lspRange struct {
	Start lspPos `json:"start"`
	End   lspPos `json:"end"`
}

type lspPos struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// diagnostics waits for the next publish for path that satisfies ok.
func (c *client) diagnostics(path string, ok func(published) bool) published {
	c.t.Helper()
	var p published
	c.next("textDocument/publishDiagnostics", func(m msg) bool {
		p = published{raw: string(m.Params)}
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatalf("publishDiagnostics: %v", err)
		}
		return p.URI == uri(path) && (ok == nil || ok(p))
	})
	return p
}

// ended waits for Serve to return and returns its result.
func (c *client) ended() error {
	c.t.Helper()
	select {
	case <-c.done:
		return c.serveErr
	case <-time.After(timeout):
		c.t.Fatal("the session did not end")
		return nil
	}
}

// expectQuiet fails if a notification of method arrives within d.
func (c *client) expectQuiet(method string, d time.Duration) {
	c.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case m := <-c.notes:
			if m.Method == method {
				c.t.Fatalf("unexpected %s: %s", method, m.Params)
			}
		case <-deadline:
			return
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func uri(path string) string { return "file://" + filepath.ToSlash(path) }

// onlyGO003 turns every other rule off, so that these tests stay about the
// server while rules are added.
func onlyGO003() map[string]string {
	rules := map[string]string{}
	for _, r := range diagnostics.Rules() {
		if r.ID != "GO003" {
			rules[r.ID] = "off"
		}
	}
	return rules
}

// initParams builds an initialize request for the folders.
func initParams(status bool, folders ...string) map[string]any {
	var wf []map[string]string
	for _, f := range folders {
		wf = append(wf, map[string]string{"uri": uri(f), "name": filepath.Base(f)})
	}
	return map[string]any{
		"processId":        nil,
		"rootUri":          nil,
		"workspaceFolders": wf,
		"capabilities": map[string]any{
			"workspace": map[string]any{
				"workspaceEdit":         map[string]any{"documentChanges": true, "resourceOperations": []string{"create", "rename", "delete"}},
				"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
				"workspaceFolders":      true,
			},
			"textDocument": map[string]any{"publishDiagnostics": map[string]any{"dataSupport": true}},
		},
		"initializationOptions": map[string]any{"statusNotification": status, "rules": onlyGO003()},
	}
}

// open starts a server on the folders and completes the handshake.
func open(t *testing.T, status bool, folders ...string) *client {
	t.Helper()
	c := start(t, server.Options{})
	c.call("initialize", initParams(status, folders...), nil)
	c.notify("initialized", map[string]any{})
	return c
}

// writeFiles writes files (slash paths relative to dir) and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// brokenWork is a workspace whose go.work uses a directory that is gone:
// GO003 on line 5.
func brokenWork(t *testing.T) string {
	return writeFiles(t, t.TempDir(), map[string]string{
		"go.work":    "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
	})
}

const goneMessage = `./gone does not exist: every go command in this workspace fails with "cannot load module … listed in go.work file"`

func jsonInto(b []byte, v any) bool { return json.Unmarshal(b, v) == nil }
