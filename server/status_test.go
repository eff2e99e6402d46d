package server_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type status struct {
	Health    string `json:"health"`
	Quiescent bool   `json:"quiescent"`
	Message   string `json:"message"`
	Counts    struct {
		Error   int `json:"error"`
		Warning int `json:"warning"`
		Info    int `json:"info"`
	} `json:"counts"`
}

func (c *client) status() status {
	c.t.Helper()
	var s status
	m := c.next("gowell/status", nil)
	if err := json.Unmarshal(m.Params, &s); err != nil {
		c.t.Fatal(err)
	}
	return s
}

// The status is busy while the first scan runs, then says what is wrong, and
// is sent again only when it changes.
func TestStatusSequence(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c := open(t, true, dir)

	if s := c.status(); s.Quiescent || s.Health != "ok" || s.Message != "Scanning…" {
		t.Errorf("first status = %+v, want a busy ok status", s)
	}
	s := c.status()
	wantLine := fmt.Sprintf("- ✗ `GO003` go.work:5 — %s", strings.NewReplacer("*", `\*`).Replace(goneMessage))
	if !s.Quiescent || s.Health != "error" || s.Counts.Error != 1 || s.Counts.Warning != 0 || s.Message != wantLine {
		t.Errorf("status after the scan = %+v\nwant error, quiescent, one error, message %q", s, wantLine)
	}

	// Opening the file changes the diagnostics' data but not the status.
	text := "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri(work), "languageId": "go.work", "version": 1, "text": text}})
	c.diagnostics(work, nil)
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri(work), "version": 2},
		"contentChanges": []map[string]string{{"text": "go 1.24\n\nuse ./svc\n"}},
	})
	if s := c.status(); !s.Quiescent || s.Health != "ok" || s.Counts.Error != 0 || s.Message != "No problems found." {
		t.Errorf("status after the fix = %+v", s)
	}
	c.expectQuiet("gowell/status", 200*time.Millisecond)
}

// Without the opt-in, no gowell/status is ever sent.
func TestStatusOptIn(t *testing.T) {
	dir := brokenWork(t)
	c := open(t, false, dir)
	c.diagnostics(filepath.Join(dir, "go.work"), nil)
	c.expectQuiet("gowell/status", 200*time.Millisecond)
}
