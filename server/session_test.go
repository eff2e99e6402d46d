package server_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowell/gowell/workspace"
)

type action struct {
	Title       string       `json:"title"`
	Kind        string       `json:"kind"`
	IsPreferred bool         `json:"isPreferred"`
	Diagnostics []diagnostic `json:"diagnostics"`
	Edit        *struct {
		DocumentChanges []struct {
			Kind         string `json:"kind"`
			URI          string `json:"uri"`
			TextDocument struct {
				URI     string `json:"uri"`
				Version *int32 `json:"version"`
			} `json:"textDocument"`
			Edits []workspace.TextEdit `json:"edits"`
		} `json:"documentChanges"`
	} `json:"edit"`
	Command *struct {
		Command   string            `json:"command"`
		Arguments []json.RawMessage `json:"arguments"`
	} `json:"command"`
}

func codeActions(c *client, path string, diags ...diagnostic) []action {
	c.t.Helper()
	var out []action
	c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]string{"uri": uri(path)},
		"range":        diags[0].Range,
		"context":      map[string]any{"diagnostics": diags},
	}, &out)
	return out
}

// The whole loop a user goes through: the diagnostic appears without
// opening the file, the quick fix edits the open document, and the
// diagnostic clears from the unsaved text.
func TestSessionFixesGO003(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)

	p := c.diagnostics(work, nil)
	if len(p.Diagnostics) != 1 {
		t.Fatalf("want one diagnostic, got %s", p.raw)
	}
	d := p.Diagnostics[0]
	want := diagnostic{Range: lspRange{lspPos{4, 1}, lspPos{4, 7}}, Severity: 1, Code: "GO003", Source: "gowell", Message: goneMessage}
	if d.Range != want.Range || d.Severity != want.Severity || d.Code != want.Code || d.Source != want.Source || d.Message != want.Message {
		t.Errorf("diagnostic = %+v\nwant %+v", d, want)
	}
	if !strings.HasSuffix(d.CodeDescription.Href, "/docs/rules/GO003.md") {
		t.Errorf("codeDescription.href = %q", d.CodeDescription.Href)
	}

	text := "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri(work), "languageId": "go.work", "version": 1, "text": text}})
	// Opening changes where the fix's text comes from (version 1, not the
	// disk), so the diagnostic is published again with fresh data.
	p = c.diagnostics(work, nil)
	if p.Version != 1 || len(p.Diagnostics) != 1 {
		t.Fatalf("after didOpen: %s", p.raw)
	}

	actions := codeActions(c, work, p.Diagnostics[0])
	if len(actions) != 1 {
		t.Fatalf("want one code action, got %+v", actions)
	}
	a := actions[0]
	if a.Title != "Remove 'use ./gone' from go.work" || a.Kind != "quickfix" || !a.IsPreferred || a.Edit == nil {
		t.Fatalf("code action = %+v", a)
	}
	if len(a.Edit.DocumentChanges) != 1 {
		t.Fatalf("edit = %+v", a.Edit)
	}
	dc := a.Edit.DocumentChanges[0]
	if dc.TextDocument.URI != uri(work) || dc.TextDocument.Version == nil || *dc.TextDocument.Version != 1 {
		t.Errorf("edit targets %s version %v, want %s version 1", dc.TextDocument.URI, dc.TextDocument.Version, uri(work))
	}
	fixed, err := workspace.NewText([]byte(text)).Apply(dc.Edits)
	if err != nil {
		t.Fatal(err)
	}
	if want := "go 1.24\n\nuse (\n\t./svc\n)\n"; string(fixed) != want {
		t.Fatalf("applying the edit gives %q, want %q", fixed, want)
	}

	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri(work), "version": 2},
		"contentChanges": []map[string]string{{"text": string(fixed)}},
	})
	p = c.diagnostics(work, nil)
	if !strings.Contains(p.raw, `"diagnostics":[]`) {
		t.Fatalf("clearing publish must carry [], got %s", p.raw)
	}
	if disk, _ := os.ReadFile(work); string(disk) != text {
		t.Errorf("the server wrote the file: %q", disk)
	}

	// Closing the unsaved document brings back the disk's truth.
	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri(work)}})
	if p = c.diagnostics(work, nil); len(p.Diagnostics) != 1 {
		t.Fatalf("after didClose: %s", p.raw)
	}
}

// A fix computed for version 1 must not be offered once the document is at
// version 2: applying it would clobber what the user typed.
func TestStaleFixRefused(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)
	c.diagnostics(work, nil)

	text := "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri(work), "languageId": "go.work", "version": 1, "text": text}})
	v1 := c.diagnostics(work, func(p published) bool { return p.Version == 1 }).Diagnostics[0]

	edited := "// a comment the user is typing\n" + text
	c.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": uri(work), "version": 2},
		"contentChanges": []map[string]string{{"text": edited}},
	})
	if got := codeActions(c, work, v1); len(got) != 0 {
		t.Fatalf("a fix for version 1 was offered at version 2: %+v", got)
	}

	v2 := c.diagnostics(work, func(p published) bool { return p.Version == 2 }).Diagnostics[0]
	got := codeActions(c, work, v2)
	if len(got) != 1 || *got[0].Edit.DocumentChanges[0].TextDocument.Version != 2 {
		t.Fatalf("fix for version 2: %+v", got)
	}
	fixed, _ := workspace.NewText([]byte(edited)).Apply(got[0].Edit.DocumentChanges[0].Edits)
	if want := "// a comment the user is typing\ngo 1.24\n\nuse (\n\t./svc\n)\n"; string(fixed) != want {
		t.Errorf("fix at version 2 gives %q", fixed)
	}
}

// A fix computed from the disk is refused once the file changed on disk.
func TestStaleDiskFixRefused(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)
	d := c.diagnostics(work, nil).Diagnostics[0]

	if got := codeActions(c, work, d); len(got) != 1 || got[0].Edit.DocumentChanges[0].TextDocument.Version != nil {
		t.Fatalf("fix from disk must target the file without a version: %+v", got)
	}
	if err := os.WriteFile(work, []byte("go 1.24\n\nuse (\n\t./gone\n\t./svc\n)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := codeActions(c, work, d); len(got) != 0 {
		t.Fatalf("a fix for the old disk content was offered: %+v", got)
	}
}

// A client that does not send data back (no dataSupport) still gets the
// fix, looked up among the current findings.
func TestCodeActionWithoutData(t *testing.T) {
	dir := brokenWork(t)
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)
	d := c.diagnostics(work, nil).Diagnostics[0]
	d.Data = nil
	if got := codeActions(c, work, d); len(got) != 1 || !got[0].IsPreferred {
		t.Fatalf("code actions without data: %+v", got)
	}
	d.Message = "something else"
	if got := codeActions(c, work, d); len(got) != 0 {
		t.Fatalf("a diagnostic that matches no finding got actions: %+v", got)
	}
}
