package diagnostics

import (
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// Machine findings — about WSL, the mounts, `go env` — have no line of their
// own. They attach where a user will look:
//
//   - a problem that breaks or slows building this workspace goes on the
//     workspace's top-level modules (attachToWorkspace): the module line of
//     each go.mod not nested in another module or go.work of the same
//     workspace folder, or the go line of a go.work whose directory has no
//     go.mod — one finding per independent module, not one per nested
//     module, so a monorepo is not sprayed with copies;
//   - pure machine context (WSL settings, memory) has no path at all
//     (onMachine): the status item and the CLI report show it, no file does.
//
// A workspace with neither go.mod nor go.work gets the workspace kind as a
// machine finding too, so that it is still seen.

// attachToWorkspace places one finding with msg on each top-level go.mod or
// go.work of the workspace, or one on the machine when there is none.
func attachToWorkspace(s *Snapshot, msg string, fixes ...Fix) []Finding {
	var out []Finding
	for _, f := range topLevelFiles(s) {
		out = append(out, At(f, anchorRange(f), msg, fixes...))
	}
	if len(out) == 0 {
		return onMachine(msg, fixes...)
	}
	return out
}

// onMachine is a finding about the machine alone: no file, no range.
func onMachine(msg string, fixes ...Fix) []Finding {
	return []Finding{{Message: msg, Fixes: fixes}}
}

// topLevelFiles are the go.mod and go.work files that stand for independent
// modules or workspaces: per workspace folder, those whose directory is not
// inside the directory of another one; in one directory, go.mod stands for
// it rather than go.work (its module line is what users read).
func topLevelFiles(s *Snapshot) []*workspace.File {
	// Each file's directory and folder, once: a monorepo has hundreds, and
	// the machine's rules ask on every keystroke in go.work.
	type candidate struct {
		f         *workspace.File
		dir, root string
	}
	var files []candidate
	for _, f := range append(s.Files(workspace.GoMod), s.Files(workspace.GoWork)...) {
		files = append(files, candidate{f, f.Dir(), s.RootOf(f.Path)})
	}
	// Shallow directories first, and go.mod before go.work in one directory.
	slices.SortStableFunc(files, func(a, b candidate) int { return len(a.dir) - len(b.dir) })
	var top []candidate
	for _, c := range files {
		covered := slices.ContainsFunc(top, func(t candidate) bool {
			return t.root == c.root && workspace.Within(t.dir, c.dir)
		})
		if !covered {
			top = append(top, c)
		}
	}
	out := make([]*workspace.File, len(top))
	for i, t := range top {
		out[i] = t.f
	}
	slices.SortFunc(out, func(a, b *workspace.File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// anchorRange is where a machine finding sits in a top-level file: the
// module path of a go.mod, the go line of a go.work.
func anchorRange(f *workspace.File) workspace.Range {
	if f.Kind == workspace.GoWork {
		return workGoLineRange(f)
	}
	return moduleLineRange(f)
}

// kindNoun is what a top-level file stands for, in messages.
func kindNoun(f *workspace.File) string {
	if f.Kind == workspace.GoWork {
		return "workspace"
	}
	return "module"
}

// moduleLineRange is the module path of a go.mod, or its first line when it
// has none or does not parse.
func moduleLineRange(f *workspace.File) workspace.Range {
	if f.Text == nil {
		return workspace.Range{}
	}
	if mod := f.Mod().File; mod != nil && mod.Module != nil {
		return f.TokenRange(mod.Module.Syntax, 1)
	}
	return f.Text.LineSpan(0)
}

// workGoLineRange is the go line of a go.work, or its first line.
func workGoLineRange(f *workspace.File) workspace.Range {
	if f.Text == nil {
		return workspace.Range{}
	}
	if w := f.Work().File; w != nil && w.Go != nil {
		return f.LineRange(w.Go.Syntax)
	}
	return f.Text.LineSpan(0)
}
