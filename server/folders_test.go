package server_test

import (
	"path/filepath"
	"strings"
	"testing"
)

// Every workspace folder is diagnosed; removing one clears its diagnostics
// and adding one diagnoses it.
func TestMultiRootFolders(t *testing.T) {
	a, b, added := brokenWork(t), brokenWork(t), brokenWork(t)
	c := open(t, false, a, b)
	seen := map[string]bool{}
	for range 2 {
		c.next("textDocument/publishDiagnostics", func(m msg) bool {
			for _, dir := range []string{a, b} {
				if strings.Contains(string(m.Params), uri(filepath.Join(dir, "go.work"))) &&
					strings.Contains(string(m.Params), "GO003") {
					seen[dir] = true
					return true
				}
			}
			return false
		})
	}
	if !seen[a] || !seen[b] {
		t.Fatalf("diagnostics for both folders: %v", seen)
	}

	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{
		"added":   []map[string]string{{"uri": uri(added), "name": "added"}},
		"removed": []map[string]string{{"uri": uri(b), "name": "b"}},
	}})
	// The two publishes come in either order.
	last := map[string]published{}
	for range 2 {
		var p published
		c.next("textDocument/publishDiagnostics", func(m msg) bool {
			p = published{raw: string(m.Params)}
			return jsonInto(m.Params, &p)
		})
		last[p.URI] = p
	}
	if p := last[uri(filepath.Join(b, "go.work"))]; !strings.Contains(p.raw, `"diagnostics":[]`) {
		t.Errorf("removed folder: %s", p.raw)
	}
	if p := last[uri(filepath.Join(added, "go.work"))]; len(p.Diagnostics) != 1 {
		t.Errorf("added folder: %s", p.raw)
	}
}

// Each folder's .gowell.json applies to its own files only.
func TestFolderConfigStaysInItsFolder(t *testing.T) {
	quiet := brokenWork(t)
	writeFiles(t, quiet, map[string]string{".gowell.json": `{"rules": {"GO003": "warning"}}`})
	loud := brokenWork(t)
	c := open(t, false, quiet, loud)
	got := map[string]int{}
	for range 2 {
		var p published
		c.next("textDocument/publishDiagnostics", func(m msg) bool {
			p = published{}
			return jsonInto(m.Params, &p) && len(p.Diagnostics) == 1
		})
		got[p.URI] = p.Diagnostics[0].Severity
	}
	if got[uri(filepath.Join(quiet, "go.work"))] != 2 || got[uri(filepath.Join(loud, "go.work"))] != 1 {
		t.Errorf("severities by file = %v, want warning (2) in the configured folder and error (1) in the other", got)
	}
}

// workspace/didChangeConfiguration turns rules off or changes their severity.
func TestDidChangeConfiguration(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)
	c.diagnostics(work, nil)

	rules := onlyGO003()
	rules["GO003"] = "off"
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"gowell": map[string]any{"rules": rules}}})
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 0 {
		t.Fatalf("GO003 off: %s", p.raw)
	}
	rules["GO003"] = "warning"
	c.notify("workspace/didChangeConfiguration", map[string]any{"settings": map[string]any{"gowell": map[string]any{"rules": rules}}})
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 1 || p.Diagnostics[0].Severity != 2 {
		t.Fatalf("GO003 as a warning: %s", p.raw)
	}
}
