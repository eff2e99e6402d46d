package diagnostics

import (
	"bytes"
	"fmt"
	"go/version"

	"golang.org/x/mod/modfile"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO006a",
	Title:    "go.mod toolchain line that the go command insists on dropping",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `In a go.mod, the go command keeps a ` + "`toolchain`" + ` line only when it names a toolchain newer
than the ` + "`go`" + ` line says and understood by Go 1.21 or later. Three kinds of line it wants to
drop, and since it may not edit go.mod during a build, every go command that loads the module
(build, test, list, vet, run) fails:

    go: updates to go.mod needed; to update it:
    	go mod tidy

- a toolchain spelled exactly like the go line: ` + "`go 1.22.0`" + ` with ` + "`toolchain go1.22.0`" + `, or ` + "`go 1.22`" + ` with
  ` + "`toolchain go1.22`" + ` (` + "`go 1.22`" + ` with ` + "`toolchain go1.22.0`" + ` is fine: the strings differ);
- ` + "`toolchain default`" + `;
- a toolchain older than go1.21 (` + "`toolchain go1.20.5`" + `).

This holds for a module built on its own. In workspace mode the go command does not rewrite the
module's go.mod, so a module that the active go.work uses builds there; gowell then reports a
warning, because the module still fails wherever it is built without the workspace (` + "`GOWORK=off`" + `,
CI, a clone without the go.work). The same lines in go.work are harmless. A toolchain name the
parser rejects (` + "`toolchain 1.22.5`" + `: "invalid toolchain version '1.22.5': must match format go1.23.0
or default") is a parse error, which GO000 reports.

**Fix.** Delete the toolchain line, as ` + "`go mod edit -toolchain=none`" + ` does (the quick fix; it also
removes comment lines attached above it, and leaves the rest of the file as it is). ` + "`go mod tidy`" + `
drops it too, but may make other changes and needs the network.

**Sources.** cmd/go/internal/modload/init.go (UpdateGoModFromReqs: "toolchain matches go line or
isn't valid; drop it"; goModDirtyError); go.dev/ref/mod#go-mod-file-toolchain; each case reproduced
with go1.26.8, in module and in workspace mode.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.GoMod) {
			m := f.Mod().File
			if m == nil || m.Toolchain == nil || !toolchainDropped(m.Toolchain.Name, f.GoVersion()) {
				continue
			}
			tc := m.Toolchain
			where := ""
			if workUsing(s, f.Dir()) != nil {
				where = " outside its workspace (GOWORK=off, CI, a clone without go.work)"
			}
			msg := fmt.Sprintf("%s, so the go command wants to drop it and every go command that loads this module%s fails with \"go: updates to go.mod needed\"",
				droppedWhy(tc.Name, f.GoVersion()), where)
			fd := At(f, f.LineRange(tc.Syntax), msg, dropToolchain(f, tc.Syntax, "go.mod").Prefer().MarkSafe())
			if where != "" {
				fd.Severity = Warning
			}
			out = append(out, fd)
		}
		return out
	},
})

// toolchainDropped reports whether the go command drops the toolchain line
// of a main module's go.mod whose go line says goV: it repeats the go line
// word for word, or is older than go1.21 ("default" is not a version, and
// counts as older).
func toolchainDropped(name, goV string) bool {
	return name == "go"+goV || version.Compare(name, goStrictVersion) < 0
}

// droppedWhy says which of toolchainDropped's cases the line is.
func droppedWhy(name, goV string) string {
	switch {
	case name == "go"+goV:
		return fmt.Sprintf("'toolchain %s' repeats 'go %s'", name, goV)
	case name == "default":
		return "'toolchain default' names no version"
	}
	return fmt.Sprintf("'toolchain %s' is older than go1.21, the first Go that reads toolchain lines", name)
}

// dropToolchain is the fix deleting a toolchain line (with the comment lines
// attached above it). At the end of the file the blank line that separated
// it goes too, as `go mod edit -toolchain=none` leaves no trailing gap.
func dropToolchain(f *workspace.File, l *modfile.Line, file string) Fix {
	e := dropDirective(f, l)
	first := e.Range.Start.Line
	blank := func(n int) bool { return len(bytes.TrimSpace(f.Text.Line(n))) == 0 }
	rest := f.Text.Bytes[f.Text.Offset(e.Range.End):]
	if len(bytes.TrimSpace(rest)) == 0 && first > 0 && blank(first-1) {
		e.Range.Start = f.Text.WholeLine(first - 1).Start
	}
	return Fix{Title: fmt.Sprintf("Remove 'toolchain %s' from %s", l.Token[len(l.Token)-1], file),
		Edits: []FileEdit{{Path: f.Path, Version: f.Version, Edits: []workspace.TextEdit{e}}}}
}
