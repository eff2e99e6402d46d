package server_test

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowell/gowell/workspace"
)

// File system faults at the server level: each degrades to a diagnostic or
// a log line, never a crash, a hang or a fix that writes somewhere else.

// escapedURI is the file URI of path as the server sends it: percent-encoded,
// so that a name that is not UTF-8 survives JSON.
func escapedURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// Linux names are bytes, not UTF-8 text; JSON replaces every invalid byte
// with U+FFFD. The diagnostics of a file in such a directory reach the
// client under a URI that names it, and the quick fix edits that file, not
// one in a directory named with U+FFFD.
func TestNonUTF8Names(t *testing.T) {
	bad := "m\xff\xfe"
	dir := writeFiles(t, t.TempDir(), map[string]string{
		bad + "/go.work":    "go 1.24\n\nuse (\n\t./svc\n\t./gone\xff\n)\n",
		bad + "/svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
	})
	work := filepath.Join(dir, bad, "go.work")
	c := open(t, false, dir)

	var p published
	c.next("textDocument/publishDiagnostics", func(m msg) bool {
		p = published{raw: string(m.Params)}
		return jsonInto(m.Params, &p) && p.URI == escapedURI(work)
	})
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Code != "GO003" {
		t.Fatalf("diagnostics for %q: %s", work, p.raw)
	}
	var actions []action
	c.call("textDocument/codeAction", map[string]any{
		"textDocument": map[string]string{"uri": p.URI},
		"range":        p.Diagnostics[0].Range,
		"context":      map[string]any{"diagnostics": p.Diagnostics},
	}, &actions)
	if len(actions) != 1 || actions[0].Edit == nil || len(actions[0].Edit.DocumentChanges) != 1 {
		t.Fatalf("code actions = %+v, want the fix that removes the use line", actions)
	}
	dc := actions[0].Edit.DocumentChanges[0]
	u, err := url.Parse(dc.TextDocument.URI)
	if err != nil || u.Path != work {
		t.Fatalf("the fix edits %q (%v), want %q", dc.TextDocument.URI, err, work)
	}
	fixed, err := workspace.NewText(readFile(t, work)).Apply(dc.Edits)
	if err != nil {
		t.Fatal(err)
	}
	if want := "go 1.24\n\nuse (\n\t./svc\n)\n"; string(fixed) != want {
		t.Errorf("fixed go.work = %q, want %q", fixed, want)
	}
	if strings.Contains(p.raw, `\ufffd/`) {
		t.Errorf("a path in the published diagnostic was mangled: %s", p.raw)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
