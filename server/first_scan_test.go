package server_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/gowell/gowell/server"
)

// untilQuiescentWith returns the diagnostics published, by URI (the last
// for each), until a status says every finding is published after what was
// published satisfies ok.
func untilQuiescentWith(c *client, ok func(map[string]published) bool) map[string]published {
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
			case m.Method == "gowell/status" && jsonInto(m.Params, &st) && st.Quiescent && ok(out):
				return out
			}
		case <-deadline:
			c.t.Fatal("no quiescent status arrived")
		}
	}
}

// The first scan starts as soon as the initialize reply is out, before the
// client's initialized. A document the client opens then is read from the
// editor:
// what stays published for the go.work repaired there (version 1) is clean.
func TestFirstScanReadsDocumentsOpenedBeforeIt(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c := start(t, server.Options{})
	c.call("initialize", initParams(true, dir), nil)
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri(work), "languageId": "go.work", "version": 1, "text": "go 1.24\n\nuse ./svc\n"}})
	c.notify("initialized", map[string]any{})

	got := untilQuiescentWith(c, func(got map[string]published) bool {
		p, ok := got[uri(work)]
		return !ok || p.Version == 1 // published from the editor's text, or never
	})
	if p := got[uri(work)]; len(p.Diagnostics) != 0 {
		t.Errorf("the go.work repaired in the editor: %s", p.raw)
	}

	// Closed, the disk's broken copy counts again.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri(work)}})
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "GO003" {
		t.Errorf("after didClose: %s", p.raw)
	}
}

// Folders that change right after initialize, as the first scan starts:
// what stays published is the new folder's.
func TestFirstScanFollowsFoldersChangedBeforeIt(t *testing.T) {
	old, now := brokenWork(t), brokenWork(t)
	c := start(t, server.Options{})
	c.call("initialize", initParams(true, old), nil)
	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{
		"added":   []map[string]string{{"uri": uri(now), "name": "now"}},
		"removed": []map[string]string{{"uri": uri(old), "name": "old"}},
	}})
	c.notify("initialized", map[string]any{})

	got := untilQuiescentWith(c, func(got map[string]published) bool {
		return len(got[uri(filepath.Join(now, "go.work"))].Diagnostics) > 0
	})
	if p := got[uri(filepath.Join(now, "go.work"))]; len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "GO003" {
		t.Errorf("the folder added: %+v", p)
	}
	if p := got[uri(filepath.Join(old, "go.work"))]; len(p.Diagnostics) != 0 {
		t.Errorf("the folder removed is still published: %s", p.raw)
	}
}
