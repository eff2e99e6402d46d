package diagnostics

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GIT001",
	Title:    "Shell scripts or Go files with CRLF line endings",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `A repository checked out with ` + "`core.autocrlf=true`" + ` (Git for Windows' default, or a Linux git
configured so — see GIT002), or edited by a Windows editor, has CRLF line endings in its working tree. On
Linux that breaks:

- **shell scripts** (error): the ` + "`\\r`" + ` that ends the ` + "`#!`" + ` line becomes part of the interpreter's name, so
  ` + "`./build.sh`" + ` fails with ` + "`cannot execute: required file not found`" + ` (older bash: ` + "`/bin/bash^M: bad interpreter`" + `);
  ` + "`bash build.sh`" + ` reads each ` + "`\\r`" + ` as part of the line and fails with ` + "`set: pipefail\\r: invalid option name`" + `;
- **Go files** (warning): ` + "`go build`" + ` still works, but ` + "`gofmt -l`" + ` lists every CRLF file, so a gofmt check in CI
  fails;
- **go.mod** (warning): the next ` + "`go mod tidy`" + ` or ` + "`go get`" + ` rewrites it with LF, changing every line.
  (A CRLF go.sum is harmless: the go command reads it and keeps its line endings.)

gowell asks git's index which files are tracked (the one read-only ` + "`git ls-files`" + ` per repository) and reads
the first line of each tracked ` + "`*.sh`" + `, ` + "`*.bash`" + ` and executable file (a script when it starts with ` + "`#!`" + `),
go.mod and ` + "`*.go`" + ` file in the workspace folders: a line ending in CRLF counts. It reads at most 2 000 files
per repository (scripts first), so a very large repository is sampled and the message says so; a file whose
first line ends in LF but later lines in CRLF is not seen. Untracked files are not read. One finding per
repository, on the first line of the most telling file — a script with a ` + "`#!`" + ` line, another script,
go.mod, then a Go file — counting the others.

**Fix.** Step 1, automatic and safe: add to the repository's .gitattributes (creating it) the lines it lacks,

    *.sh text eol=lf
    *.go text eol=lf
    go.mod text eol=lf
    go.sum text eol=lf

plus ` + "`/path/to/script text eol=lf`" + ` for a CRLF script not named ` + "`*.sh`" + `. git then checks these files out with
LF whatever core.autocrlf says, and commits them with LF. Commit .gitattributes.

Step 2, by hand: the files already checked out keep their CRLF until git writes them again.
` + "`git add --renormalize .`" + ` alone is not enough: it fixes what the index holds but leaves the working tree CRLF
(verified). If ` + "`git ls-files --eol <file>`" + ` shows ` + "`i/crlf`" + `, the CRLF was committed: run
` + "`git add --renormalize .`" + ` and commit first. Then, when ` + "`git status --porcelain`" + ` prints nothing, rewrite the
working tree with ` + "`git rm --cached -r -q . && git reset -q --hard`" + ` — it discards uncommitted changes, which is
why gowell never runs it; with changes in progress, delete and restore only the affected unmodified files
instead (` + "`rm build.sh && git checkout -- build.sh`" + `). To stop it recurring, see GIT002.

**Sources.** git-config(1) core.autocrlf and core.eol; gitattributes(5) text and eol; learn.microsoft.com/windows/wsl/tutorials/wsl-git;
the errors and both checkout steps reproduced with git 2.39.5, GNU bash 5.2.15 and go1.26.8 (gofmt -l lists CRLF
files; go build and a CRLF go.sum are fine; go mod tidy rewrites a CRLF go.mod).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, repo := range repositories(s) {
			c, known := s.CRLF(repo)
			if !known {
				continue
			}
			c = inWorkspace(s, c)
			if !c.Empty() {
				out = append(out, crlfFinding(s, repo, c))
			}
		}
		return out
	},
})

// inWorkspace keeps the files inside the workspace folders: a folder may be
// one directory of a larger repository.
func inWorkspace(s *Snapshot, c *workspace.CRLF) *workspace.CRLF {
	in := func(p string) bool { return s.RootOf(p) != "" }
	out := &workspace.CRLF{Checked: c.Checked, Candidates: c.Candidates}
	for _, sc := range c.Scripts {
		if in(sc.Path) {
			out.Scripts = append(out.Scripts, sc)
		}
	}
	for _, p := range c.GoMods {
		if in(p) {
			out.GoMods = append(out.GoMods, p)
		}
	}
	for _, p := range c.GoFiles {
		if in(p) {
			out.GoFiles = append(out.GoFiles, p)
		}
	}
	return out
}

func crlfFinding(s *Snapshot, repo string, c *workspace.CRLF) Finding {
	var anchor, why string
	var kind int // of the anchor: 0 script, 1 go.mod, 2 Go file
	severity := Warning
	scripts, mods, gos := len(c.Scripts), len(c.GoMods), len(c.GoFiles)
	switch {
	case scripts > 0:
		sc := c.Scripts[0]
		for _, x := range c.Scripts {
			if x.Shebang {
				sc = x
				break
			}
		}
		anchor, severity, scripts = sc.Path, Error, scripts-1
		why = `bash reads each "\r" as part of its line, so commands fail ("set: pipefail\r: invalid option name")`
		if sc.Shebang {
			why = `the "\r" ending its #! line becomes part of the interpreter's name, so running it fails with "cannot execute: required file not found"`
		}
	case mods > 0:
		anchor, mods, kind = c.GoMods[0], mods-1, 1
		why = "the next go mod tidy or go get rewrites it with LF, changing every line"
	default:
		anchor, gos, kind = c.GoFiles[0], gos-1, 2
		why = "gofmt -l lists it, so a gofmt check in CI fails"
	}
	msg := fmt.Sprintf("%s has CRLF line endings: %s", filepath.Base(anchor), why)
	if others := crlfOthers([3]int{scripts, mods, gos}, kind); others != "" {
		msg += "; so do " + others
	}
	if c.Checked < c.Candidates {
		msg += fmt.Sprintf(" (gowell read %d of the %d tracked scripts and Go files)", c.Checked, c.Candidates)
	}
	dir := repo
	if s.RootOf(repo) == "" {
		dir = s.RootOf(anchor) // the folder is one directory of the repository
	}
	var fixes []Fix
	if fix, ok := gitattributesFix(s, dir, c.Scripts); ok {
		fixes = append(fixes, fix)
		msg += "; add eol=lf rules to .gitattributes, then check the files out again"
	} else {
		msg += "; .gitattributes asks for LF already: check the files out again (see GIT001's page)"
	}
	f := s.File(anchor)
	fd := Finding{Path: anchor, Message: msg, Severity: severity, Fixes: fixes}
	if f.Text != nil {
		fd.Range = f.Text.LineSpan(0)
	}
	return fd
}

// crlfOthers counts the other files of each kind (scripts, go.mod, Go),
// "2 other scripts, 1 go.mod file and 40 Go files"; the anchor is of kind
// anchor.
func crlfOthers(n [3]int, anchor int) string {
	nouns := [3][2]string{{"script", "scripts"}, {"go.mod file", "go.mod files"}, {"Go file", "Go files"}}
	var parts []string
	for k, count := range n {
		if count == 0 {
			continue
		}
		other := ""
		if k == anchor {
			other = "other "
		}
		parts = append(parts, fmt.Sprintf("%d %s%s", count, other, plural(count, nouns[k][0], nouns[k][1])))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
