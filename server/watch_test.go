package server_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A client that allows it is asked to watch the files gowell reads.
func TestRegistersWatchedFiles(t *testing.T) {
	c := open(t, false, t.TempDir())
	var m msg
	select {
	case m = <-c.calls:
	case <-c.done:
		t.Fatal("server stopped")
	}
	var p struct {
		Registrations []struct {
			Method          string `json:"method"`
			RegisterOptions struct {
				Watchers []struct {
					GlobPattern string `json:"globPattern"`
				} `json:"watchers"`
			} `json:"registerOptions"`
		} `json:"registrations"`
	}
	if err := json.Unmarshal(m.Params, &p); err != nil || m.Method != "client/registerCapability" || len(p.Registrations) != 1 {
		t.Fatalf("server request = %s %s", m.Method, m.Params)
	}
	r := p.Registrations[0]
	var globs []string
	for _, w := range r.RegisterOptions.Watchers {
		globs = append(globs, w.GlobPattern)
	}
	for _, want := range []string{"**/go.mod", "**/go.work", "**/.gitignore", "**/.dockerignore", "**/*.dockerignore", "**/Dockerfile*", "**/*.Dockerfile", "**/*.dockerfile", "**/Containerfile"} {
		if !slices.Contains(globs, want) {
			t.Errorf("no watcher for %s in %v", want, globs)
		}
	}
	if r.Method != "workspace/didChangeWatchedFiles" {
		t.Errorf("registered %s", r.Method)
	}
}

// A change the editor reports through didChangeWatchedFiles is diagnosed.
func TestDidChangeWatchedFiles(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":    "go 1.24\n\nuse ./svc\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
	})
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)
	c.call("workspace/executeCommand", map[string]any{"command": "gowell.server.rescan", "arguments": []any{}}, nil)
	if err := os.RemoveAll(filepath.Join(dir, "svc")); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{
		{"uri": uri(filepath.Join(dir, "svc", "go.mod")), "type": 3}}})
	p := c.diagnostics(work, nil)
	if len(p.Diagnostics) != 1 || !strings.HasPrefix(p.Diagnostics[0].Message, "./svc does not exist") {
		t.Fatalf("after svc was deleted: %s", p.raw)
	}
}

// Changes made outside the editor (another terminal, a checkout) are seen
// without any notification from the client.
func TestDiskChangesOutsideTheEditor(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":    "go 1.24\n\nuse ./svc\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
	})
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)
	c.call("workspace/executeCommand", map[string]any{"command": "gowell.server.rescan", "arguments": []any{}}, nil)

	writeFiles(t, dir, map[string]string{"go.work": "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n"})
	p := c.diagnostics(work, nil)
	if len(p.Diagnostics) != 1 || p.Diagnostics[0].Message != goneMessage {
		t.Fatalf("after go.work was edited on disk: %s", p.raw)
	}

	// The module appears where the use line points: a new directory.
	writeFiles(t, dir, map[string]string{"gone/go.mod": "module example.com/gone\n\ngo 1.24\n"})
	p = c.diagnostics(work, nil)
	if !strings.Contains(p.raw, `"diagnostics":[]`) {
		t.Fatalf("after the module was created on disk: %s", p.raw)
	}
}
