package diagnostics

import (
	"fmt"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "IGN004",
	Title:    ".gitignore's coverage pattern hides Go source files",
	Severity: Warning,
	Area:     AreaIgnore,
	Since:    "0.1.0",
	Doc: `The github/gitignore Go template ignores coverage profiles with ` + "`coverage.*`" + `, which also matches Go
source files named ` + "`coverage.go`" + ` (` + "`internal/coverage/coverage.go`" + ` is a common one). A coverage
directory pattern such as ` + "`coverage`" + ` or ` + "`coverage/`" + ` (the Node.js template has it) hides a whole Go
package named coverage. Either way ` + "`git add .`" + ` silently leaves the source out: the commit looks
complete, and clones and CI build without the file, usually failing on an undefined name.

gowell notes every Go file named ` + "`coverage*.go`" + ` while it scans the workspace (outside vendor/ and
testdata/) and asks git's rules whether it is ignored. The warning sits on the line that decides:
either it matches the file itself, or it excludes a directory named ` + "`coverage*`" + ` above it. A file inside
any other excluded directory (` + "`/scratch/`" + `) is left alone: that is a deliberate choice. When the
.gitignore lies above the workspace folder, the warning goes on the Go file's package clause, without
a fix. As with IGN002, gowell cannot ask git whether the file is already tracked, and only .gitignore
files count.

**Fix.** "Add '!coverage.go' to .gitignore" appends a negation for each hidden file's name to the end
of the same .gitignore: in a .gitignore the last matching line wins, so the profiles stay ignored and
the sources come back (checked with ` + "`git check-ignore`" + `). It only re-includes Go files by their names,
so it is safe for ` + "`gowell check --fix`" + `. For a hidden directory the negation names it, anchored
(` + "`!/internal/coverage/`" + `), since git never looks inside an excluded directory; that re-includes
everything in it, so that fix is offered in the editor only. Then ` + "`git add`" + ` the files.

**Sources.** github.com/github/gitignore/blob/main/Go.gitignore (` + "`coverage.*`" + `) and Node.gitignore
(` + "`coverage`" + `); git-scm.com/docs/gitignore ("It is not possible to re-include a file if a parent
directory of that file is excluded"); RULES-FACTS D.1 and G.9 (the template's coverage.* pitfall,
checked with git check-ignore).`,
	Check: checkCoverageHidden,
})

func checkCoverageHidden(s *Snapshot) (out []Finding) {
	var groups []*ignGroup
	for _, p := range s.CoverageGoFiles() {
		m := s.GitIgnored(p, false)
		if !m.Ignored() || m.Path != p && !strings.HasPrefix(filepath.Base(m.Path), "coverage") {
			continue // kept, or inside a directory excluded on purpose
		}
		groups = ignGroupAdd(groups, m, nil, p)
	}
	for _, g := range groups {
		if f, ok := coverageFinding(s, g); ok {
			out = append(out, f)
		}
	}
	return out
}

func coverageFinding(s *Snapshot, g *ignGroup) (Finding, bool) {
	m, gi := g.match, g.match.File
	if s.RootOf(gi.Path) == "" {
		g.owner = s.File(g.items[0].path)
		if g.owner.Err != nil {
			return Finding{}, false
		}
	}
	var files, dirs []string
	for _, it := range g.items {
		files = append(files, ignRel(g.base(s), it.path))
	}
	for _, name := range g.matched(s) {
		if strings.HasSuffix(name, "/") {
			dirs = append(dirs, name)
		}
	}
	what := "the Go source file " + ignAndList(files)
	it := "it"
	if len(files) > 1 {
		what, it = "the Go source files "+ignAndList(files), "them"
	}
	if len(dirs) > 0 {
		what = ignAndList(dirs) + ", and with it " + what
	}
	msg := fmt.Sprintf("'%s' makes git ignore %s: unless already committed, `git add .` silently leaves %s out and clones and CI build without %[3]s", m.Pattern, what, it)
	if g.owner != nil {
		return ignAt(s, m, g.owner, goPackageRange(g.owner), msg), true
	}
	return At(gi, m.Range, msg, coverageFix(g)), true
}

// coverageFix appends a negation per hidden name: the file's base name, or,
// for an excluded directory, its path anchored to the .gitignore's directory.
func coverageFix(g *ignGroup) Fix {
	var lines, quoted []string
	safe := true
	for _, it := range g.items {
		neg := "!" + ignEscape(filepath.Base(it.path))
		if it.matched != it.path {
			neg, safe = "!/"+ignEscape(ignRel(g.match.File.Dir(), it.matched))+"/", false
		}
		if q := "'" + neg + "'"; !slices.Contains(quoted, q) {
			lines, quoted = append(lines, neg+"\n"), append(quoted, q)
		}
	}
	fix := Append(fmt.Sprintf("Add %s to .gitignore", ignAndList(quoted)), g.match.File, strings.Join(lines, "")).Prefer()
	if safe {
		fix = fix.MarkSafe()
	}
	return fix
}

// ignEscape quotes the characters a .gitignore pattern reads as wildcards.
func ignEscape(name string) string {
	var b strings.Builder
	for _, r := range name {
		if strings.ContainsRune(`\*?[`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// goPackageRange is the package clause of a Go file, or its first line when
// that cannot be found.
func goPackageRange(f *workspace.File) workspace.Range {
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, f.Path, f.Text.Bytes, parser.PackageClauseOnly)
	if err != nil || af.Name == nil {
		return f.Text.LineSpan(0)
	}
	return f.Text.Span(fset.Position(af.Package).Offset, fset.Position(af.Name.End()).Offset)
}
