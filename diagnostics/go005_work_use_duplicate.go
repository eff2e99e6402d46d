package diagnostics

import (
	"fmt"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO005",
	Title:    "go.work lists the same directory twice",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `Each directory may appear in go.work once. Spellings that name the same directory (` + "`./a`" + `
and ` + "`./a/`" + `, ` + "`a`" + `, ` + "`./x/../a`" + `, or an absolute path to it) make every go command in the
workspace fail:

    go: error loading go.work:
    go.work:5: path /home/me/src/ws/a appears multiple times in workspace

(When one of the spellings is an unclean absolute path, such as ` + "`/home/me/src/ws/a/`" + `, the go command
does not see that the paths are the same and fails later, with "go: module example.com/a appears
multiple times in workspace".) gowell cleans each path against the go.work's directory and reports
every spelling after the first.

**Fix.** The quick fix deletes the later line, leaving the first spelling and any comments as they
are; ` + "`go work edit -dropuse=./a/`" + ` does the same. ` + "`go work use -r .`" + ` also removes duplicates, but
rewrites the whole use list.

**Sources.** cmd/go/internal/modload/init.go (LoadWorkFile); go.dev/ref/mod#go-work-file-use; the
error reproduced with go1.26.8.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.GoWork) {
			first := map[string]workspace.WorkUse{}
			for _, u := range s.WorkUses(f) {
				prev, dup := first[u.Dir]
				if !dup {
					first[u.Dir] = u
					continue
				}
				line := u.Use.Syntax.Start.Line
				fix := DeleteLine(fmt.Sprintf("Remove duplicate 'use %s' from go.work", u.Use.Path), f, line-1)
				out = append(out, At(f, f.LineRange(u.Use.Syntax), fmt.Sprintf(
					"%s is the same directory as %s on line %d: every go command in this workspace fails (\"… appears multiple times in workspace\")",
					u.Use.Path, prev.Use.Path, prev.Use.Syntax.Start.Line), fix.Prefer().MarkSafe()))
			}
		}
		return out
	},
})
