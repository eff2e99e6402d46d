package server

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/workspace"
)

// No rule that creates a file is stable enough to drive a session test, so
// the wire form of file creation is checked here: a create operation, then
// the content as an edit of the new, unversioned document.
func TestCreateFileEdit(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".dockerignore")
	fix := diagnostics.Create("Create .dockerignore", path, ".git\n")

	edit, ok := toWorkspaceEdit(fix.Edits, clientCaps{documentChanges: true, createFiles: true})
	if !ok {
		t.Fatal("a client that can create files gets no edit")
	}
	got, _ := json.Marshal(edit)
	want := fmt.Sprintf(`{"documentChanges":[{"kind":"create","uri":%[1]q,"options":{"overwrite":false,"ignoreIfExists":false}},`+
		`{"textDocument":{"uri":%[1]q,"version":null},"edits":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"newText":".git\n"}]}]}`,
		"file://"+path)
	if string(got) != want {
		t.Errorf("edit =\n%s\nwant\n%s", got, want)
	}

	for _, caps := range []clientCaps{{documentChanges: true}, {}} {
		if _, ok := toWorkspaceEdit(fix.Edits, caps); ok {
			t.Errorf("client %+v cannot create files but got an edit that does", caps)
		}
	}

	if err := fresh(fix, nil, nil); err != nil {
		t.Errorf("creating a missing file: %v", err)
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := fresh(fix, nil, nil); err == nil {
		t.Error("a fix that creates a file is offered after the file appeared")
	}
}

// Without documentChanges, text edits go in the plain changes map.
func TestPlainChangesEdit(t *testing.T) {
	edits := []diagnostics.FileEdit{{Path: "/w/go.work", Version: 3, Edits: []workspace.TextEdit{{NewText: "x"}}}}
	edit, ok := toWorkspaceEdit(edits, clientCaps{})
	if !ok || len(edit.Changes["file:///w/go.work"]) != 1 || edit.DocumentChanges != nil {
		t.Errorf("edit = %+v", edit)
	}
}

// $/cancelRequest must find a request by its ID whether the client numbers
// its requests or names them (protocol's own cancel handler misses numbers).
func TestCancelIDMatchesRequestID(t *testing.T) {
	for _, c := range []struct {
		params string
		id     jsonrpc2.ID
	}{
		{`{"id":7}`, jsonrpc2.NewNumberID(7)},
		{`{"id":"7"}`, jsonrpc2.NewStringID("7")},
	} {
		got, ok := cancelID(json.RawMessage(c.params))
		if want := fmt.Sprintf("%q", c.id); !ok || got != want {
			t.Errorf("cancelID(%s) = %q, want %q", c.params, got, want)
		}
	}
}

func TestPathOf(t *testing.T) {
	for uri, want := range map[string]string{
		"file:///home/u/a%20b/go.mod":  "/home/u/a b/go.mod",
		"file://localhost/w/go.work":   "/w/go.work",
		"untitled:Untitled-1":          "",
		"vscode-notebook-cell:/x#y":    "",
		"file://server/share/go.mod":   "",
		"file:relative/go.mod":         "",
		"::not a uri":                  "",
		"file:///w/./sub/../go.work":   "/w/go.work",
		"vscode-remote://wsl+u/w/go.x": "",
	} {
		got, ok := pathOf(uri)
		if got != want || ok != (want != "") {
			t.Errorf("pathOf(%q) = %q, %v; want %q", uri, got, ok, want)
		}
	}
	if got := fileURI("/home/u/a b/go.mod"); got != "file:///home/u/a%20b/go.mod" {
		t.Errorf("fileURI = %q", got)
	}
}

// The framer reads every well-framed message and skips what cannot be
// framed, however it is spread over the stream.
func TestFramerResynchronises(t *testing.T) {
	in := "\r\n\r\nContent-Length: 2\r\n\r\n{}" + // stray blank lines first
		"content-length: 3\r\nContent-Type: x\r\n\r\n[1]" + // any case, other headers
		"Content-Length: nope\r\n\r\n{\"lost\":1}" + // bad length: dropped
		"no colon here\r\n\r\n{\"lost\":2}" + // not a header: dropped
		"Content-Length: 4\r\n\r\n\"ok\"" // found again mid-line
	f := newFramer(strings.NewReader(in), io.Discard, zap.NewNop())
	var got []string
	for {
		b, err := f.read()
		if err != nil {
			break
		}
		got = append(got, string(b))
	}
	if want := []string{"{}", "[1]", `"ok"`}; !slices.Equal(got, want) {
		t.Errorf("bodies = %q, want %q", got, want)
	}
}
