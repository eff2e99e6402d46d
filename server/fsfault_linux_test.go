package server_test

// TestUnreadableDirectory is apart from the other file system faults because
// it runs the server in a user namespace, which only Linux has.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A directory the server cannot read. Root reads everything, so the server
// runs as root of a user namespace that does not map the directory's owner:
// there the kernel refuses it, as it refuses another user's private
// directory to anyone. Discovery skips it; the use line that points into it
// is an error, and the go.mod there is reported unreadable (every go command
// fails on it too); no rule breaks, and the server goes on.
func TestUnreadableDirectory(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving a directory to another user needs root")
	}
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"go.work":           "go 1.24\n\nuse (\n\t./svc\n\t./locked\n)\n",
		"svc/go.mod":        "module example.com/svc\n\ngo 1.24\n",
		"locked/go.mod":     "module example.com/locked\n\ngo 1.24\n",
		"locked/Dockerfile": "FROM golang:1.24\nCOPY . .\n",
		".gitignore":        "/bin/\n",
	})
	locked := filepath.Join(dir, "locked")
	for _, p := range []string{locked, filepath.Join(locked, "go.mod"), filepath.Join(locked, "Dockerfile")} {
		if err := os.Chown(p, 12345, 12345); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(locked, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })

	p := serveProcess(t, processConfig{UserNS: true})
	openAll(t, p.client, dir)
	st := p.settled()
	// These also show the premise: the server could not read locked/go.mod,
	// which this process (real root) can.
	for _, want := range []string{"go.work:5 — ./locked", "locked/go.mod:1 — go.mod cannot be read", "permission denied"} {
		if !strings.Contains(st.Message, want) {
			t.Errorf("the status does not say %q:\n%s", want, st.Message)
		}
	}
	if strings.Contains(st.Message, "locked/Dockerfile") {
		t.Errorf("a finding in the unreadable directory:\n%s", st.Message)
	}
	p.rescan()
	p.settled()
}
