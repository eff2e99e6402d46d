package diagnostics

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO000",
	Title:    "go.mod or go.work does not parse",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `A go.mod or go.work that the go command cannot parse stops every go command that reads it, in the
module or in the whole workspace:

    go: errors parsing go.mod:
    go.mod:4: unknown directive: foo

gowell parses these files with the go command's own parser (golang.org/x/mod/modfile) and reports the
first error at its line. While a file does not parse, gowell's other checks of it are skipped.

The rule also reports a go.mod or go.work that gowell could not read at all: one larger than 4 MiB
(a warning: gowell skips it, the go command may not), or one the user may not read (an error: the go
command cannot read it either).

**Fix.** Correct the line the message points at; there is no automatic fix, because the intent of a
broken line is not known. ` + "`go mod edit -fmt`" + ` does not help: it needs a file that parses.

**Sources.** go.dev/ref/mod#go-mod-file and go.dev/ref/mod#go-work-file (the grammar);
golang.org/x/mod/modfile (the parser the go command uses).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range modAndWorkFiles(s) {
			if f.Err != nil {
				if fd, ok := unreadableFinding(f); ok {
					out = append(out, fd)
				}
				continue
			}
			var perr *workspace.ParseError
			scope := "module"
			if f.Kind == workspace.GoWork {
				perr, scope = f.Work().Err, "workspace"
			} else {
				perr = f.Mod().Err
			}
			if perr == nil {
				continue
			}
			name := filepath.Base(f.Path)
			// The parser names the file by the path it was given; the go
			// command prints it relative to the directory it runs in. Some
			// messages span lines ("usage: … or …"); a diagnostic is one.
			msg := strings.Join(strings.Fields(strings.ReplaceAll(perr.Msg, f.Path, name)), " ")
			out = append(out, At(f, f.Text.LineSpan(perr.Line),
				fmt.Sprintf("%s: every go command in this %s fails (\"go: errors parsing %s\") until it is fixed", msg, scope, name)))
		}
		return out
	},
})

// modAndWorkFiles is every discovered go.mod and go.work, plus the go.mod files
// the go.work files use from outside the workspace folders: a broken one
// breaks the workspace just the same.
func modAndWorkFiles(s *Snapshot) []*workspace.File {
	files := append(s.Files(workspace.GoWork), s.Files(workspace.GoMod)...)
	seen := map[string]bool{}
	for _, f := range files {
		seen[f.Path] = true
	}
	for _, w := range s.Files(workspace.GoWork) {
		for _, u := range s.WorkUses(w) {
			if !seen[u.GoMod.Path] && !errors.Is(u.GoMod.Err, fs.ErrNotExist) {
				seen[u.GoMod.Path] = true
				files = append(files, u.GoMod)
			}
		}
	}
	return files
}

// unreadableFinding reports a file gowell could not read. A file that vanished
// mid-scan is no finding; GO003 reports a used module's missing go.mod.
func unreadableFinding(f *workspace.File) (Finding, bool) {
	name := filepath.Base(f.Path)
	switch {
	case errors.Is(f.Err, fs.ErrNotExist):
		return Finding{}, false
	case errors.Is(f.Err, fs.ErrPermission):
		return Finding{Path: f.Path, Severity: Error,
			Message: fmt.Sprintf("%s cannot be read (%v): the go command cannot read it either, so every go command that needs it fails", name, f.Err)}, true
	}
	return Finding{Path: f.Path, Severity: Warning,
		Message: fmt.Sprintf("gowell skips its checks of %s: %v", name, f.Err)}, true
}
