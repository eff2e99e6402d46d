package diagnostics

import (
	"path/filepath"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO011",
	Title:    "go.work is tracked by git",
	Severity: Info,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `The Go module reference: "It is generally inadvisable to commit go.work files into version
control systems". A committed go.work overrides the go.work a developer keeps in a parent
directory, and it makes CI build the repository's modules against each other instead of against
the versions their go.mod files require, so a broken requirement goes unnoticed until someone
depends on the module. The reference allows exceptions: in a repository of tightly coupled
modules that are always developed together, committing go.work can be the right choice, with CI
also testing each module with ` + "`GOWORK=off`" + `. Hence info, not a warning; turn the rule off in
.gowell.json for such a repository.

gowell asks git's index (one read-only ` + "`git ls-files`" + ` per repository) and reports a tracked
go.work on its go line. A tracked go.work.sum is mentioned with it; a go.work.sum tracked without
its go.work is reported on its own, since nothing but that go.work reads it. Nothing is reported
when git is not installed or the folder is not a repository.

**Fix.** A policy choice, so no automatic fix. To stop tracking it: ` + "`git rm --cached go.work go.work.sum`" + `,
and add both to .gitignore (the github/gitignore Go template does). To keep it, commit go.work.sum
with it (golang/go#51941) and run CI with ` + "`GOWORK=off`" + ` as well.

**Sources.** go.dev/ref/mod#workspaces; golang/go#53502 and #51941; the github/gitignore Go
template (go.work, go.work.sum).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.GoWork) {
			work, known := s.Tracked(f.Path)
			sum, _ := s.Tracked(filepath.Join(f.Dir(), "go.work.sum"))
			switch {
			case !known:
			case work && sum:
				out = append(out, At(f, workGoLineRange(f), `git tracks go.work and go.work.sum: the Go docs call committing go.work "generally inadvisable", since it overrides developers' own go.work, and CI builds against the workspace's modules instead of the required versions unless it sets GOWORK=off`))
			case work:
				out = append(out, At(f, workGoLineRange(f), `git tracks go.work: the Go docs call committing it "generally inadvisable", since it overrides developers' own go.work, and CI builds against the workspace's modules instead of the required versions unless it sets GOWORK=off`))
			case sum:
				out = append(out, At(f, workGoLineRange(f), `git tracks go.work.sum but not go.work: only this go.work reads it, so clones never use it and it changes with every developer's workspace`))
			}
		}
		return out
	},
})
