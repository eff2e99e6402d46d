package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

// A monorepo on C: with more watched files than polling should stat every
// second: the go.work and go.mod files are kept, the status says how many of
// how many, and files in the Linux filesystem are never polled.
func TestDrivePolledIsBounded(t *testing.T) {
	root := t.TempDir()
	onC, onD, linux := filepath.Join(root, "c"), filepath.Join(root, "d"), filepath.Join(root, "home")
	files := map[string]string{
		"c/go.work":    "go 1.24\n\nuse ./svc\n",
		"c/svc/go.mod": "module example.com/svc\n",
		"d/go.mod":     "module example.com/d\n",
		"home/go.mod":  "module example.com/home\n",
	}
	for i := range maxPolled {
		files[fmt.Sprintf("c/img%03d/Dockerfile", i)] = "FROM scratch\n"
	}
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws, err := workspace.Load(context.Background(), []string{onC, onD, linux}, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := &host.Info{WSL: host.WSL{Version: 2}, Mounts: []host.Mount{
		{Point: "/", FSType: "ext4", Source: "/dev/sdc"},
		{Point: onC, FSType: "9p", Source: "drvfs", Options: map[string]string{"aname": `drvfs;path=C:\;uid=1000`}},
		{Point: onD, FSType: "virtiofs", Source: "8f3c2b1a"},
	}}
	h.WSLConf.AutomountRoot = root + "/"
	snap := &diagnostics.Snapshot{Snapshot: ws, Host: h}
	used := []string{filepath.Join(onC, "svc", "go.mod"), filepath.Join(onC, "gone", "go.mod")}

	paths, note := drivePolled(snap, used)
	total := len(files) // all but home/go.mod, plus c/gone/go.mod
	want := fmt.Sprintf("Watching %d of %d files on C: and the Windows drive at %s by polling: Windows-side edits are not reported by inotify", maxPolled, total, onD)
	if note != want {
		t.Errorf("note = %q\nwant %q", note, want)
	}
	if len(paths) != maxPolled {
		t.Fatalf("%d files polled, want %d", len(paths), maxPolled)
	}
	for _, p := range []string{"c/go.work", "c/svc/go.mod", "c/gone/go.mod", "d/go.mod"} {
		if !slices.Contains(paths, filepath.Join(root, p)) {
			t.Errorf("%s is not polled", p)
		}
	}
	if slices.Contains(paths, filepath.Join(linux, "go.mod")) {
		t.Error("a file in the Linux filesystem is polled")
	}

	// Outside WSL nothing is a Windows drive.
	snap.Host = &host.Info{Mounts: h.Mounts}
	if paths, note := drivePolled(snap, used); paths != nil || note != "" {
		t.Errorf("outside WSL: %d paths, note %q", len(paths), note)
	}
}
