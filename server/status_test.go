package server_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/server"
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

// With the real probe (it runs `go env`, which may be slow), file
// diagnostics need not wait for it, and the status stays busy until it is in.
func TestStatusWaitsForTheLiveProbe(t *testing.T) {
	dir := brokenWork(t)
	c := start(t, server.Options{Host: host.Options{Sysroot: t.TempDir()}})
	c.call("initialize", initParams(true, dir), nil)
	c.notify("initialized", map[string]any{})

	first := c.status()
	if first.Quiescent || first.Message != "Scanning…" {
		t.Errorf("first status = %+v", first)
	}
	for {
		s := c.status()
		if s.Quiescent {
			if s.Health != "error" || s.Counts.Error != 1 {
				t.Errorf("quiescent status = %+v, want the GO003 error", s)
			}
			break
		}
		if s.Health != "error" {
			t.Errorf("busy status = %+v: the file findings come before the probe ends", s)
		}
	}
	c.call("workspace/executeCommand", map[string]any{"command": "gowell.server.rescan", "arguments": []any{}}, nil)
	if s := c.status(); s.Quiescent || s.Health != "error" {
		t.Errorf("status during a rescan = %+v, want busy with the known error", s)
	}
	if s := c.status(); !s.Quiescent || s.Health != "error" {
		t.Errorf("status after a rescan = %+v", s)
	}
}

// A burst of edits is diagnosed once it pauses, for the last version only.
func TestTypingIsDebounced(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)
	c.diagnostics(work, nil)

	broken, fixed := "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n", "go 1.24\n\nuse ./svc\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri(work), "languageId": "go.work", "version": 1, "text": broken}})
	c.diagnostics(work, func(p published) bool { return p.Version == 1 })
	for v := 2; v <= 41; v++ {
		text := broken
		if v%2 == 0 {
			text = fixed
		}
		c.notify("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri(work), "version": v},
			"contentChanges": []map[string]string{{"text": text}},
		})
	}
	publishes := 0
	for {
		p := c.diagnostics(work, nil)
		publishes++
		if p.Version == 41 {
			if len(p.Diagnostics) != 1 {
				t.Errorf("version 41 is broken: %s", p.raw)
			}
			break
		}
	}
	if publishes > 5 {
		t.Errorf("%d publishes for one burst of 40 edits", publishes)
	}
}

// A workspace with more problems than the tooltip shows: the first twenty,
// then how many more, and the counts of them all.
func TestStatusShowsTwentyOfMany(t *testing.T) {
	work := "go 1.24\n\nuse (\n\t./svc\n"
	for i := range 25 {
		work += fmt.Sprintf("\t./gone%02d\n", i)
	}
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":    work + ")\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
	})
	c := open(t, true, dir)
	var s status
	c.next("gowell/status", func(m msg) bool { return jsonInto(m.Params, &s) && s.Quiescent })
	lines := strings.Split(s.Message, "\n")
	if s.Counts.Error != 25 || len(lines) != 21 {
		t.Fatalf("counts %+v, %d lines:\n%s", s.Counts, len(lines), s.Message)
	}
	if !strings.Contains(lines[0], "go.work:5") || !strings.Contains(lines[19], "go.work:24") {
		t.Errorf("the first twenty, in order:\n%s", s.Message)
	}
	if lines[20] != "- … and 5 more: the report lists them all" {
		t.Errorf("last line %q", lines[20])
	}
}
