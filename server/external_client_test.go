package server_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestExternalClient drives the built gowell binary with a real LSP client:
// vscode-jsonrpc under Node, the library vscode-languageclient is built on
// (server/testdata/client). It checks what an editor relies on end to end:
// process start with --stdio, framing, the watcher registration, the first
// diagnostics, the quick fix, the status and a clean exit.
//
// Run it alone with:
//
//	go test ./server -run TestExternalClient -v
//
// The first run installs vscode-jsonrpc with npm into .cache/lsp-client.
func TestExternalClient(t *testing.T) {
	for _, tool := range []string{"node", "npm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: the external-client test needs Node.js and npm", tool)
		}
	}
	bin := filepath.Join(t.TempDir(), "gowell")
	build := exec.Command("go", "build", "-o", bin, "../cmd/gowell")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := brokenWork(t)
	opts := mustJSON(t, map[string]any{"statusNotification": true, "rules": onlyGO003()})

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "testdata/client/run.sh", bin, dir, opts)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("client: %v\nstdout: %s", err, out)
	}

	var got struct {
		Diagnostics   []diagnostic
		Actions       []action
		Registrations []string
		Status        []status
		ExitCode      int
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("client output %q: %v", out, err)
	}
	if len(got.Diagnostics) != 1 {
		t.Fatalf("diagnostics = %+v", got.Diagnostics)
	}
	d := got.Diagnostics[0]
	if d.Code != "GO003" || d.Source != "gowell" || d.Message != goneMessage || d.Range != (lspRange{lspPos{4, 1}, lspPos{4, 7}}) {
		t.Errorf("diagnostic = %+v", d)
	}
	if len(got.Actions) != 1 || !got.Actions[0].IsPreferred || got.Actions[0].Edit == nil ||
		len(got.Actions[0].Edit.DocumentChanges) != 1 || got.Actions[0].Edit.DocumentChanges[0].Edits[0].NewText != "" {
		t.Errorf("code actions = %+v", got.Actions)
	}
	if !slices.Contains(got.Registrations, "workspace/didChangeWatchedFiles") {
		t.Errorf("registrations = %v", got.Registrations)
	}
	if n := len(got.Status); n == 0 || got.Status[n-1].Health != "error" || !got.Status[n-1].Quiescent {
		t.Errorf("status = %+v", got.Status)
	}
	if got.ExitCode != 0 {
		t.Errorf("gowell exited with %d after shutdown and exit", got.ExitCode)
	}
}
