package diagnostics

import (
	"fmt"
	"path/filepath"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO003",
	Title:    "go.work uses a directory that is not a module",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `Every directory named by a ` + "`use`" + ` line in go.work must exist and contain a go.mod.
Until it does, every go command in the workspace fails:

    go: cannot load module gone listed in go.work file: open gone/go.mod: no such file or directory

**Fix.** Remove the line (the quick fix does this, like ` + "`go work edit -dropuse=./gone`" + `), or restore
the module. Note that ` + "`go work use ./gone`" + ` does not remove a directory that no longer exists: in Go 1.26 it
fails with "directory gone does not exist", although ` + "`go help work use`" + ` says otherwise.

**Sources.** go.dev/ref/mod#go-work-file-use; cmd/go/internal/workcmd/use.go.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.GoWork) {
			w := f.Work().File
			if w == nil {
				continue
			}
			for _, u := range w.Use {
				dir := f.ModuleDir(u.Path)
				why := "does not exist"
				if s.IsDir(dir) {
					if s.Exists(filepath.Join(dir, "go.mod")) {
						continue
					}
					why = "has no go.mod"
				}
				line := u.Syntax.Start.Line - 1
				out = append(out, At(f, f.LineRange(u.Syntax),
					fmt.Sprintf("%s %s: every go command in this workspace fails with \"cannot load module … listed in go.work file\"", u.Path, why),
					DeleteLine(fmt.Sprintf("Remove 'use %s' from go.work", u.Path), f, line).Prefer()))
			}
		}
		return out
	},
})
