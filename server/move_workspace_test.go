package server_test

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.uber.org/zap/zaptest"

	"github.com/gowell/gowell/server"
)

type moveStatus struct {
	Quiescent bool           `json:"quiescent"`
	Message   string         `json:"message"`
	Actions   []statusAction `json:"actions"`
	raw       string
}

type statusAction struct {
	Title     string `json:"title"`
	Command   string `json:"command"`
	Arguments []any  `json:"arguments"`
}

// openOnDrive starts a session on a replayed WSL2 machine on which the
// first folder is drive C:, every rule on, and the move command opted into
// or not.
func openOnDrive(t *testing.T, optIn bool, folders ...string) *client {
	t.Helper()
	c := start(t, server.Options{Host: wslMachine(t, folders[0]), Logger: zaptest.NewLogger(t)})
	p := initParams(true, folders...)
	opts := map[string]any{"statusNotification": true}
	if optIn {
		opts["moveWorkspaceCommand"] = true
	}
	p["initializationOptions"] = opts
	c.call("initialize", p, nil)
	c.notify("initialized", map[string]any{})
	return c
}

// wsl003 waits for the WSL003 diagnostic on the go.mod at path.
func wsl003(c *client, path string) diagnostic {
	c.t.Helper()
	var found diagnostic
	c.diagnostics(path, func(p published) bool {
		for _, d := range p.Diagnostics {
			if d.Code == "WSL003" {
				found = d
				return true
			}
		}
		return false
	})
	return found
}

// settledStatus waits for the status of a finished scan that mentions want.
func (c *client) settledStatus(want string) moveStatus {
	c.t.Helper()
	var s moveStatus
	c.next("gowell/status", func(m msg) bool {
		s = moveStatus{raw: string(m.Params)}
		return jsonInto(m.Params, &s) && s.Quiescent && strings.Contains(s.Message, want)
	})
	return s
}

func moveOnly(actions []action) []action {
	var out []action
	for _, a := range actions {
		if a.Command != nil && a.Command.Command == "gowell.moveWorkspace" {
			out = append(out, a)
		}
	}
	return out
}

// A client that runs gowell.moveWorkspace gets it as the quick fix of WSL003
// and as a link in the status, with the workspace folder to move.
func TestMoveWorkspaceOffered(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"go.mod": "module example.com/app\n\ngo 1.24\n"})
	gomod := filepath.Join(dir, "go.mod")
	c := openOnDrive(t, true, dir)

	d := wsl003(c, gomod)
	got := moveOnly(codeActions(c, gomod, d))
	if len(got) != 1 {
		t.Fatalf("want one move action for %+v, got %+v", d, got)
	}
	a := got[0]
	if a.Title != "Move this workspace to the Linux filesystem…" || a.Kind != "quickfix" || a.Edit != nil {
		t.Errorf("action = %+v", a)
	}
	var arg string
	if len(a.Command.Arguments) != 1 || json.Unmarshal(a.Command.Arguments[0], &arg) != nil || arg != dir {
		t.Errorf("command arguments = %s, want [%q]", a.Command.Arguments, dir)
	}
	if len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != "WSL003" {
		t.Errorf("the action does not name its diagnostic: %+v", a.Diagnostics)
	}

	st := c.settledStatus("WSL003")
	want := []statusAction{{Title: "Move this workspace to the Linux filesystem…", Command: "gowell.moveWorkspace", Arguments: []any{dir}}}
	if !reflect.DeepEqual(st.Actions, want) {
		t.Errorf("status actions = %+v, want %+v", st.Actions, want)
	}
}

// A client that did not opt in never sees a command it cannot run.
func TestMoveWorkspaceNotOffered(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"go.mod": "module example.com/app\n\ngo 1.24\n"})
	gomod := filepath.Join(dir, "go.mod")
	c := openOnDrive(t, false, dir)

	d := wsl003(c, gomod)
	if got := moveOnly(codeActions(c, gomod, d)); len(got) != 0 {
		t.Errorf("offered to a client that did not opt in: %+v", got)
	}
	if st := c.settledStatus("WSL003"); strings.Contains(st.raw, `"actions"`) {
		t.Errorf("status carries actions: %s", st.raw)
	}
}

// With several folders, the status offers to move only those on the drive,
// by name.
func TestMoveWorkspaceNamesTheFolder(t *testing.T) {
	onDrive := writeFiles(t, t.TempDir(), map[string]string{"go.mod": "module example.com/app\n\ngo 1.24\n"})
	linux := writeFiles(t, t.TempDir(), map[string]string{"go.mod": "module example.com/lib\n\ngo 1.24\n"})
	c := openOnDrive(t, true, onDrive, linux)

	st := c.settledStatus("WSL003")
	want := []statusAction{{Title: "Move " + filepath.Base(onDrive) + " to the Linux filesystem…", Command: "gowell.moveWorkspace", Arguments: []any{onDrive}}}
	if !reflect.DeepEqual(st.Actions, want) {
		t.Errorf("status actions = %+v, want %+v", st.Actions, want)
	}
}
