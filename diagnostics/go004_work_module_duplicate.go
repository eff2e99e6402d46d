package diagnostics

import (
	"fmt"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO004",
	Title:    "go.work uses two modules with the same module path",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `Every module a go.work uses must have its own module path. When two ` + "`use`" + ` directories hold
go.mod files with the same ` + "`module`" + ` line (a copy of a module, a fork checked out beside the
original, a template not yet renamed), every go command in the workspace fails:

    go: module example.com/dup appears multiple times in workspace

gowell reports the second and every later ` + "`use`" + ` line of that module path, naming the first one.
A directory listed twice is GO005's, not this rule's.

**Fix.** There is no automatic fix: which of the two the workspace should build is the user's
choice. Remove one ` + "`use`" + ` line (` + "`go work edit -dropuse=./b`" + `), or give one module a path of its own
with ` + "`go mod edit -module`" + ` (and update its imports).

**Sources.** cmd/go/internal/modload/init.go (makeMainModules); the error reproduced with go1.26.8.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.GoWork) {
			out = append(out, workModuleDuplicates(s, f)...)
		}
		return out
	},
})

func workModuleDuplicates(s *Snapshot, f *workspace.File) (out []Finding) {
	first := map[string]workspace.WorkUse{} // module path → the first use of it
	seen := map[string]bool{}               // directories, each counted once (GO005)
	for _, u := range s.WorkUses(f) {
		if seen[u.Dir] || u.GoMod.Err != nil {
			continue // GO003 reports a missing go.mod
		}
		seen[u.Dir] = true
		m := u.GoMod.Mod().File
		if m == nil || m.Module == nil {
			continue // GO000
		}
		path := m.Module.Mod.Path
		prev, dup := first[path]
		if !dup {
			first[path] = u
			continue
		}
		out = append(out, At(f, f.LineRange(u.Use.Syntax), fmt.Sprintf(
			"%s holds module %s, like %s on line %d: every go command in this workspace fails with \"go: module %s appears multiple times in workspace\"",
			u.Use.Path, path, prev.Use.Path, prev.Use.Syntax.Start.Line, path)))
	}
	return out
}
