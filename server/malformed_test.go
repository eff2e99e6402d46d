package server_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/server"
)

func (c *client) orphan() msg {
	c.t.Helper()
	select {
	case m := <-c.orphans:
		return m
	case <-time.After(timeout):
		c.t.Fatal("no error response arrived")
		return msg{}
	}
}

func wantError(t *testing.T, m msg, code int) {
	t.Helper()
	if m.Error == nil || m.Error.Code != code {
		t.Fatalf("want error %d, got %s", code, m.raw)
	}
}

// Bad input gets an error (or is dropped with a log line) and the session
// goes on: each step below is followed by a request that must still work.
func TestMalformedInput(t *testing.T) {
	dir := brokenWork(t)
	c := start(t, server.Options{})
	alive := func(step string) {
		t.Helper()
		m := c.callRaw("workspace/executeCommand", `{"command":"gowell.server.explain","arguments":["GO003"]}`)
		if m.Error != nil && m.Error.Code != -32002 {
			t.Fatalf("after %s the server answers %s", step, m.raw)
		}
	}

	wantError(t, c.callRaw("textDocument/codeAction", `{}`), -32002) // before initialize
	c.notify("textDocument/didOpen", map[string]any{})               // dropped before initialize

	c.write(`{"jsonrpc":"2.0","id":99,"method":"initialize","params":{`)
	m := c.orphan()
	wantError(t, m, -32700)
	if !strings.Contains(m.raw, `"id":null`) {
		t.Errorf("a parse error answers id null: %s", m.raw)
	}
	alive("bad JSON")

	c.writeRaw("Content-Length: abc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":98,\"method\":\"shutdown\"}")
	alive("a bad Content-Length")
	c.writeRaw("Content-Type: x\r\n\r\n{}")
	alive("a missing Content-Length")
	c.writeRaw("garbage without any header at all\r\n\r\n")
	alive("garbage")

	c.write(`{"jsonrpc":"2.0","id":97,"method":5}`)
	m = c.orphan()
	wantError(t, m, -32600)
	if !strings.Contains(m.raw, `"id":97`) {
		t.Errorf("an invalid request echoes its id: %s", m.raw)
	}
	alive("a method that is not a string")

	if len(c.orphans) > 0 {
		t.Fatalf("a dropped message was answered: %s", (<-c.orphans).raw)
	}

	c.call("initialize", initParams(false, dir), nil)
	wantError(t, c.callRaw("initialize", `{}`), -32600)
	c.notify("initialized", map[string]any{})
	c.diagnostics(filepath.Join(dir, "go.work"), nil)

	wantError(t, c.callRaw("textDocument/codeAction", `{"textDocument":5}`), -32602)
	wantError(t, c.callRaw("workspace/executeCommand", `{"command":"gowell.server.explain","arguments":[42]}`), -32602)
	wantError(t, c.callRaw("workspace/executeCommand", `{"command":"gowell.server.nope"}`), -32602)
	wantError(t, c.callRaw("textDocument/hover", `{}`), -32601)
	c.notify("textDocument/didChange", map[string]any{"textDocument": "not an object"})
	c.notify("$/setTrace", map[string]any{"value": "off"})
	c.notify("custom/unknown", map[string]any{})
	alive("unknown and ill-typed notifications")

	// untitled: and other schemes are not files: ignored, never a crash.
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": "untitled:Untitled-1", "languageId": "go.work", "version": 1, "text": "go 1.24\nuse ./gone\n"}})
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": "untitled:Untitled-1", "version": 2},
		"contentChanges": []map[string]string{{"text": "x"}}})
	var actions []action
	c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]string{"uri": "untitled:Untitled-1"},
		"range": lspRange{}, "context": map[string]any{"diagnostics": []any{}}}, &actions)
	if len(actions) != 0 {
		t.Errorf("code actions for an untitled document: %+v", actions)
	}
	c.expectQuiet("textDocument/publishDiagnostics", 200*time.Millisecond)

	c.call("shutdown", nil, nil)
	wantError(t, c.callRaw("textDocument/codeAction", `{}`), -32600)
	c.notify("exit", nil)
	if err := c.ended(); err != nil {
		t.Errorf("Serve after shutdown and exit = %v, want nil", err)
	}
}

// exit without shutdown ends the session with an error (exit status 1).
func TestExitWithoutShutdown(t *testing.T) {
	c := start(t, server.Options{})
	c.call("initialize", initParams(false, t.TempDir()), nil)
	c.notify("exit", nil)
	if err := c.ended(); !errors.Is(err, server.ErrNoShutdown) {
		t.Errorf("Serve = %v, want ErrNoShutdown", err)
	}
}

// A panic in a handler is an InternalError reply, and the server lives on.
func TestPanicIsRecovered(t *testing.T) {
	c := start(t, server.Options{ReportText: func([]diagnostics.Finding, *diagnostics.Snapshot) string {
		panic("renderer bug")
	}})
	dir := brokenWork(t)
	c.call("initialize", initParams(false, dir), nil)
	c.notify("initialized", map[string]any{})
	c.diagnostics(filepath.Join(dir, "go.work"), nil)
	m := c.callRaw("workspace/executeCommand", `{"command":"gowell.server.report","arguments":[]}`)
	wantError(t, m, -32603)
	if !strings.Contains(m.Error.Message, "renderer bug") {
		t.Errorf("error message %q does not say what failed", m.Error.Message)
	}
	var res struct{ Markdown string }
	c.call("workspace/executeCommand", map[string]any{"command": "gowell.server.explain", "arguments": []string{"GO003"}}, &res)
	if !strings.HasPrefix(res.Markdown, "# GO003:") {
		t.Errorf("explain after a panic: %q", res.Markdown)
	}
}
