package server

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/gowell/gowell/workspace"
)

// The editor's move flow (copy the folder off a Windows drive, reopen the
// copy) runs in the client, with the user's answers, so the server offers it
// as a client-side command, and only to a client that said it has one
// (initializationOptions.moveWorkspaceCommand, docs/protocol.md).
const (
	cmdMoveWorkspace = "gowell.moveWorkspace"
	moveRule         = "WSL003"
	moveTitle        = "Move this workspace to the Linux filesystem…"
)

func moveCommand(title, folder string) lspCommand {
	return lspCommand{Title: title, Command: cmdMoveWorkspace, Arguments: []any{folder}}
}

// moveAction is the quick fix for a WSL003 diagnostic on path: moving the
// workspace folder that holds it.
func moveAction(d lspDiagnostic, path string, roots []string) (codeAction, bool) {
	root := rootOf(roots, path)
	if fmt.Sprint(d.Code) != moveRule || root == "" {
		return codeAction{}, false
	}
	c := moveCommand(moveTitle, root)
	return codeAction{Title: moveTitle, Kind: quickFix, Diagnostics: []lspDiagnostic{d}, Command: &c}, true
}

// statusAction is a command link in the status tooltip.
type statusAction struct {
	Title     string `json:"title"`
	Command   string `json:"command"`
	Arguments []any  `json:"arguments"`
}

// moveActions offers to move each workspace folder that holds a WSL003
// finding, naming the folder when there are several.
func moveActions(v *view) []statusAction {
	if v == nil {
		return nil
	}
	var folders []string
	for _, f := range v.findings {
		if root := rootOf(v.snap.Roots, f.Path); f.Code == moveRule && root != "" && !slices.Contains(folders, root) {
			folders = append(folders, root)
		}
	}
	slices.Sort(folders)
	var out []statusAction
	for _, root := range folders {
		title := moveTitle
		if len(v.snap.Roots) > 1 {
			title = fmt.Sprintf("Move %s to the Linux filesystem…", filepath.Base(root))
		}
		c := moveCommand(title, root)
		out = append(out, statusAction{Title: c.Title, Command: c.Command, Arguments: c.Arguments})
	}
	return out
}

// rootOf is the innermost workspace folder holding path, or "".
func rootOf(roots []string, path string) string {
	best := ""
	for _, r := range roots {
		if path != "" && workspace.Within(r, path) && len(r) > len(best) {
			best = r
		}
	}
	return best
}
