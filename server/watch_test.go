package server_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
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
	for _, want := range []string{"**/go.mod", "**/go.work", "**/.gitignore", "**/.dockerignore", "**/*.dockerignore", "**/Dockerfile*", "**/*.Dockerfile", "**/*.dockerfile", "**/Containerfile", "**/compose*.y*ml", "**/docker-compose*.y*ml", "**/.devcontainer/devcontainer.json"} {
		if !slices.Contains(globs, want) {
			t.Errorf("no watcher for %s in %v", want, globs)
		}
	}
	if r.Method != "workspace/didChangeWatchedFiles" {
		t.Errorf("registered %s", r.Method)
	}
}

// A change the editor reports through didChangeWatchedFiles is diagnosed.
// The module appears three levels below a directory gowell has no reason to
// watch itself, so only the editor's notification can tell.
func TestDidChangeWatchedFiles(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":  "go 1.24\n\nuse ./a/b/c\n",
		"a/README": "not a module\n",
	})
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 1 || !strings.HasPrefix(p.Diagnostics[0].Message, "./a/b/c does not exist") {
		t.Fatalf("before: %s", p.raw)
	}
	mod := filepath.Join(dir, "a", "b", "c", "go.mod")
	writeFiles(t, dir, map[string]string{"a/b/c/go.mod": "module example.com/c\n\ngo 1.24\n"})
	c.expectQuiet("textDocument/publishDiagnostics", 300*time.Millisecond)

	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": uri(mod), "type": 1}}})
	if p := c.diagnostics(work, nil); !strings.Contains(p.raw, `"diagnostics":[]`) {
		t.Fatalf("after the editor reported a/b/c/go.mod: %s", p.raw)
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

// A module checked out where a use line points, in a directory that held no
// file gowell reads, is seen too: the used directory's parent is watched.
func TestModuleAppearsOnDisk(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":         "go 1.24\n\nuse ./services/api\n",
		"services/README": "modules live here\n",
	})
	work := filepath.Join(dir, "go.work")
	c := open(t, false, dir)
	if p := c.diagnostics(work, nil); len(p.Diagnostics) != 1 {
		t.Fatalf("before: %s", p.raw)
	}
	writeFiles(t, dir, map[string]string{"services/api/go.mod": "module example.com/api\n\ngo 1.24\n"})
	if p := c.diagnostics(work, nil); !strings.Contains(p.raw, `"diagnostics":[]`) {
		t.Fatalf("after services/api/go.mod appeared: %s", p.raw)
	}
}
