package diagnostics

import (
	"fmt"
	"go/version"
	"path/filepath"

	"golang.org/x/mod/modfile"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO006b",
	Title:    "toolchain line older than the go line",
	Severity: Warning,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `A ` + "`toolchain`" + ` line asks for a minimum toolchain to run; a ` + "`go`" + ` line already asks for at least
that Go version. A toolchain older than the go line (` + "`go 1.22.0`" + ` with ` + "`toolchain go1.21.0`" + `)
therefore never selects anything: the line has no effect, and whoever wrote it probably meant
something else (a newer toolchain, or the go line lower). The Go module reference says the
toolchain "cannot be less than" the go version, but the go command does not enforce it: the
module loads and builds, ` + "`go mod tidy`" + ` keeps the line, and ` + "`go get go@1.22.0`" + ` drops it
("go: removed toolchain go1.21.0").

gowell reports it in go.mod and go.work. In a go.mod, toolchain lines the go command refuses to
build with (older than go1.21, ` + "`default`" + `, or equal to the go line) are GO006a's instead.

**Fix.** Delete the line (the quick fix, the same as ` + "`go mod edit -toolchain=none`" + ` or
` + "`go work edit -toolchain=none`" + `; it changes nothing the go command does), or raise it to the
toolchain that was meant.

**Sources.** go.dev/ref/mod#go-mod-file-toolchain; cmd/go/internal/toolchain/select.go (a toolchain
line is used only when newer than the go line); reproduced with go1.26.8: the module builds and
the line is ignored.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.GoWork) {
			if w := f.Work().File; w != nil {
				out = append(out, toolchainLower(f, w.Go, w.Toolchain)...)
			}
		}
		for _, f := range s.Files(workspace.GoMod) {
			if m := f.Mod().File; m != nil && (m.Toolchain == nil || !toolchainDropped(m.Toolchain.Name, f.GoVersion())) {
				out = append(out, toolchainLower(f, m.Go, m.Toolchain)...)
			}
		}
		return out
	},
})

func toolchainLower(f *workspace.File, goLine *modfile.Go, tc *modfile.Toolchain) []Finding {
	if goLine == nil || tc == nil || !version.IsValid(tc.Name) || version.Compare(tc.Name, "go"+goLine.Version) >= 0 {
		return nil
	}
	name := filepath.Base(f.Path)
	msg := fmt.Sprintf("toolchain %s is older than 'go %s' on line %d, so it never selects a toolchain: the go line already requires go %s or later",
		tc.Name, goLine.Version, goLine.Syntax.Start.Line, goLine.Version)
	return []Finding{At(f, f.LineRange(tc.Syntax), msg, dropToolchain(f, tc.Syntax, name).Prefer().MarkSafe())}
}
