package diagnostics

import (
	"fmt"
	"go/version"
	"path/filepath"

	"github.com/gowell/gowell/workspace"
)

// goStrictVersion is the first Go version whose go line is a requirement the
// go command enforces (cmd/go/internal/gover.GoStrictVersion): a workspace
// module with an older go line never trips the go.work check.
const goStrictVersion = "go1.21"

var _ = register(&Rule{
	ID:       "GO001",
	Title:    "go.work go line is older than a module it uses",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `The ` + "`go`" + ` line of go.work must be at least the ` + "`go`" + ` line of every module it uses
(for modules at go 1.21 or later). A go.work without a go line counts as go 1.18. Until it is raised,
every go command in the workspace fails:

    go: module a listed in go.work file requires go >= 1.25.0, but go.work lists go 1.22; to update it:
    	go work use

(or "…but go.work implicitly requires go 1.18" when the go line is missing). The module is named by
its directory relative to where the command runs; from the go.work's directory, as gowell quotes it.

**Fix.** Raise the go.work go line to the highest go line among its modules, spelled as that module
spells it. The quick fix makes the change ` + "`go work use`" + ` with no arguments makes: it sets the go line
(adding one above the first directive, below a separate header comment, when there is none) and drops
a ` + "`toolchain`" + ` line the new go line makes redundant (older than it, equal to it, or older than go1.21),
with the comment above it. Unlike ` + "`go work use`" + `, it does not reformat the rest of the file. The
toolchain line plays no part in the check itself.

**Sources.** go.dev/doc/toolchain ("run go work use with no arguments"); go.dev/ref/mod#go-work-file-go;
cmd/go/internal/modload/init.go (errWorkTooOld, UpdateWorkGoVersion).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.GoWork) {
			if fd, ok := workGoOlder(s, f); ok {
				out = append(out, fd)
			}
		}
		return out
	},
})

func workGoOlder(s *Snapshot, f *workspace.File) (Finding, bool) {
	w := f.Work().File
	if w == nil {
		return Finding{}, false // GO000
	}
	workV := f.GoVersion()
	var (
		need string // the highest go line among the modules that need more
		dir  string // the first module with that go line
		more int    // how many other modules need more than go.work lists
	)
	seen := map[string]bool{} // a directory listed twice is GO005's, and counts once here
	for _, u := range s.WorkUses(f) {
		if seen[u.Dir] || u.GoMod.Err != nil || u.GoMod.Mod().File == nil {
			continue // GO003 and GO000 report missing and broken modules
		}
		seen[u.Dir] = true
		v := u.GoMod.GoVersion()
		if version.Compare("go"+v, goStrictVersion) < 0 || version.Compare("go"+v, "go"+workV) <= 0 {
			continue
		}
		switch {
		case need == "":
			need, dir = v, u.Dir
		case version.Compare("go"+v, "go"+need) > 0:
			need, dir, more = v, u.Dir, more+1
		default:
			more++
		}
	}
	if need == "" {
		return Finding{}, false
	}
	verb, at := "lists", f.Text.LineSpan(0)
	if w.Go == nil {
		verb = "implicitly requires"
	} else {
		at = f.TokenRange(w.Go.Syntax, 1)
	}
	msg := fmt.Sprintf("every go command in this workspace fails: \"module %s listed in go.work file requires go >= %s, but go.work %s go %s\"",
		cmdShortPath(f.Dir(), dir), need, verb, workV)
	switch more {
	case 0:
	case 1:
		msg += " (and 1 more module)"
	default:
		msg += fmt.Sprintf(" (and %d more modules)", more)
	}
	return At(f, at, msg, raiseWorkGo(f, need)), true
}

// cmdShortPath names dir as the go command does when run from base: relative
// when that is shorter (cmd/go/internal/base.ShortPath).
func cmdShortPath(base, dir string) string {
	if rel, err := filepath.Rel(base, dir); err == nil && len(rel) < len(dir) {
		return rel
	}
	return dir
}
