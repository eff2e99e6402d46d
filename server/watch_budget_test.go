package server_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/gowell/gowell/internal/lspbench"
	"github.com/gowell/gowell/internal/wsgen"
	"github.com/gowell/gowell/server"
)

// Inotify watches are a per-user budget shared with the editor and gopls:
// a session watches the directories that hold the files it reads, and no
// more — not the parents of the modules go.work uses when they exist.
func TestWatchesOnlyDirectoriesWithWatchedFiles(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts inotify watches")
	}
	root := filepath.Join(t.TempDir(), "ws")
	c := wsgen.Config{Files: 120, Dirs: 20, Modules: 5}
	st, err := wsgen.Generate(root, c)
	if err != nil {
		t.Fatal(err)
	}
	before, err := lspbench.ReadUsage(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	s, stop := benchSession(t, root, server.Options{})
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.Until(ctx, func(lspbench.Note) bool { return s.Quiescent }); err != nil {
		t.Fatal(err)
	}
	after, err := lspbench.ReadUsage(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if n := after.Watches - before.Watches; n != st.WatchedDirs {
		t.Errorf("the session holds %d inotify watches; %d directories hold files it reads", n, st.WatchedDirs)
	}
}

// A module directory go.work uses is watched itself, not through its
// parent, so its removal must still be seen: the error appears on go.work.
func TestRemovedModuleIsSeen(t *testing.T) {
	root := filepath.Join(t.TempDir(), "ws")
	if _, err := wsgen.Generate(root, wsgen.Small); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.work"), []byte(wsgen.WorkFixed(wsgen.Small)), 0o644); err != nil {
		t.Fatal(err)
	}
	s, stop := benchSession(t, root, server.Options{})
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.Until(ctx, func(lspbench.Note) bool { return s.Quiescent }); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(root, "services", "svc001")); err != nil {
		t.Fatal(err)
	}
	work := lspbench.URI(filepath.Join(root, "go.work"))
	_, err := s.Until(ctx, func(n lspbench.Note) bool {
		var p lspbench.Published
		if n.Method != "textDocument/publishDiagnostics" || json.Unmarshal(n.Params, &p) != nil || p.URI != work {
			return false
		}
		for _, d := range p.Diagnostics {
			if d.Code == "GO003" {
				return true
			}
		}
		return false
	})
	if err != nil {
		t.Fatalf("no GO003 on go.work after a used module was removed: %v", err)
	}
}
