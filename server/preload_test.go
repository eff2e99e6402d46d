package server_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/gowell/gowell/server"
)

// untilQuiescent returns the diagnostics published, by URI (the last for
// each), until the status says every finding is published.
func untilQuiescent(c *client) map[string]published {
	c.t.Helper()
	out := map[string]published{}
	deadline := time.After(timeout)
	for {
		select {
		case m := <-c.notes:
			var p published
			var st struct{ Quiescent bool }
			switch {
			case m.Method == "textDocument/publishDiagnostics" && jsonInto(m.Params, &p):
				p.raw = string(m.Params)
				out[p.URI] = p
			case m.Method == "gowell/status" && jsonInto(m.Params, &st) && st.Quiescent:
				return out
			}
		case <-deadline:
			c.t.Fatal("no quiescent status arrived")
		}
	}
}

// The first walk starts at initialize. A document the client opens before
// the first scan must still be read from the editor, not from that walk.
func TestFirstScanReadsDocumentsOpenedBeforeIt(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c := start(t, server.Options{})
	c.call("initialize", initParams(true, dir), nil)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri(work), "languageId": "go.work", "version": 1, "text": "go 1.24\n\nuse ./svc\n"}})
	c.notify("initialized", map[string]any{})

	if p, ok := untilQuiescent(c)[uri(work)]; ok {
		t.Errorf("the go.work repaired in the editor was published from the disk: %s", p.raw)
	}

	// Closed, the disk's broken copy counts again.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri(work)}})
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "GO003" {
		t.Errorf("after didClose: %s", p.raw)
	}
}

// Folders that change between initialize and the first scan: the walk of
// the old ones is not used.
func TestFirstScanFollowsFoldersChangedBeforeIt(t *testing.T) {
	old, now := brokenWork(t), brokenWork(t)
	c := start(t, server.Options{})
	c.call("initialize", initParams(true, old), nil)
	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{
		"added":   []map[string]string{{"uri": uri(now), "name": "now"}},
		"removed": []map[string]string{{"uri": uri(old), "name": "old"}},
	}})
	c.notify("initialized", map[string]any{})

	got := untilQuiescent(c)
	if p := got[uri(filepath.Join(now, "go.work"))]; len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "GO003" {
		t.Errorf("the folder added before the first scan: %+v", p)
	}
	if p, ok := got[uri(filepath.Join(old, "go.work"))]; ok {
		t.Errorf("the folder removed before the first scan was published: %s", p.raw)
	}
}
