package diagnostics

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "IGN002",
	Title:    ".gitignore hides go.mod or go.sum",
	Severity: Error,
	Area:     AreaIgnore,
	Since:    "0.1.0",
	Doc: `"Both go.mod and go.sum should be checked into version control" (the Go blog, *Using Go Modules*).
A .gitignore line that matches either one keeps ` + "`git add .`" + ` from picking it up, so unless the file was
committed before the line was written, every clone and every CI run goes without it:

- without go.sum, builds fail with
  ` + "`missing go.sum entry for module providing package rsc.io/quote (imported by example.com/a)`" + `;
- without go.mod, the module does not exist in the clone at all
  (` + "`go: go.mod file not found in current directory or any parent directory`" + ` at a repository root).

gowell checks every go.mod it finds and the go.sum beside it, whether or not that go.sum exists yet:
a go.sum created later by ` + "`go mod tidy`" + ` is ignored just the same. It applies git's own rules, line by
line: .gitignore files from the repository root down, a deeper file overriding a shallower one, the
last matching line winning, nothing inside an excluded directory re-included; so ` + "`*.sum`" + `
followed by ` + "`!go.sum`" + ` is fine. The error sits on the line that decides. Not reported: modules under
testdata/ and vendor/ (test inputs and vendored copies, which gowell does not treat as the user's
modules), and a module whose whole directory is excluded (` + "`/scratch/`" + `): that is a deliberate
choice, not a slip.

Limits, all on the quiet side: only .gitignore files count (.git/info/exclude and
` + "`core.excludesFile`" + ` belong to one machine, not to the clone); matching is case-sensitive, as git's is
unless ` + "`core.ignoreCase`" + ` is set (the default on case-insensitive file systems); a line using a POSIX
class such as ` + "`[[:digit:]]`" + ` is skipped. gowell cannot ask git whether the file is already tracked,
hence "unless already committed" in the message.

**Fix.** Two quick fixes, offered in the editor and never applied by ` + "`gowell check --fix`" + `, because
un-ignoring a file changes what the next ` + "`git add .`" + ` commits:

- when the line is exactly ` + "`go.sum`" + ` or ` + "`go.mod`" + ` (or the anchored ` + "`/go.sum`" + `) and no other
  line would hide the file without it, "Remove 'go.sum' from .gitignore" deletes the line: hiding
  that file is its only effect;
- when the line is broader (` + "`*.sum`" + `, ` + "`go.*`" + `), "Add '!go.sum' to .gitignore" appends the
  negation to the end of the same .gitignore, where it is the last word, and keeps the broad
  pattern for whatever else it was meant to hide (go.work.sum, say).

A line in a .gitignore above the workspace folder is reported on the module's ` + "`module`" + ` line,
without a fix: gowell writes only inside the workspace. Afterwards, commit the file:
` + "`git add go.sum`" + ` (run ` + "`go mod tidy`" + ` first if it does not exist).

**Sources.** go.dev/blog/using-go-modules ("Both go.mod and go.sum should be checked into version
control"); go.dev/ref/mod#go-sum-files; git-scm.com/docs/gitignore (pattern format and precedence);
the ` + "`missing go.sum entry`" + ` error reproduced with go1.26.8.`,
	Check: checkIgnoredGoMod,
})

// ignHidden is one .gitignore line and the go.mod and go.sum files it hides.
type ignHidden struct {
	match   *workspace.IgnoreMatch
	mod     *workspace.File // the first module it hides a file of, for a finding outside the workspace
	paths   []string
	removes bool // deleting the line un-hides every one of them
}

func checkIgnoredGoMod(s *Snapshot) (out []Finding) {
	var lines []*ignHidden
	for _, mod := range s.Files(workspace.GoMod) {
		for _, name := range []string{"go.mod", "go.sum"} {
			path := filepath.Join(mod.Dir(), name)
			m := s.GitIgnored(path, false)
			if !m.Ignored() || m.Path != path {
				continue // not ignored, or inside an excluded directory
			}
			i := slices.IndexFunc(lines, func(h *ignHidden) bool { return h.match.File == m.File && h.match.Line == m.Line })
			if i < 0 {
				lines = append(lines, &ignHidden{match: m, mod: mod, removes: true})
				i = len(lines) - 1
			}
			h := lines[i]
			h.paths = append(h.paths, path)
			h.removes = h.removes && ignOnlyHides(m.Pattern, name) && !m.Prev.Ignored()
		}
	}
	for _, h := range lines {
		out = append(out, ignHiddenFinding(s, h))
	}
	return out
}

// ignOnlyHides reports whether pattern names the file and nothing else.
func ignOnlyHides(pattern, name string) bool {
	return pattern == name || pattern == "/"+name
}

func ignHiddenFinding(s *Snapshot, h *ignHidden) Finding {
	m, gi := h.match, h.match.File
	outside := s.RootOf(gi.Path) == ""
	base := gi.Dir()
	if outside {
		base = h.mod.Dir()
	}
	var names, what []string
	for _, p := range h.paths {
		rel, _ := filepath.Rel(base, p)
		names = append(names, filepath.ToSlash(rel))
		if n := filepath.Base(p); !slices.Contains(what, n) {
			what = append(what, n)
		}
	}
	slices.Sort(what)
	consequence := `clones and CI get no go.sum and fail with "missing go.sum entry for module providing package …"`
	if what[0] == "go.mod" {
		consequence = "clones and CI get no go.mod, so the module does not exist there"
	}
	msg := fmt.Sprintf("'%s' makes git ignore %s: unless already committed, %s", m.Pattern, ignAndList(names), consequence)
	if outside {
		return ignAt(s, m, h.mod, ignModuleRange(h.mod), msg)
	}
	if h.removes {
		return At(gi, m.Range, msg, DeleteLine(fmt.Sprintf("Remove '%s' from .gitignore", m.Pattern), gi, m.Line).Prefer())
	}
	var negations, quoted []string
	for _, n := range what {
		negations = append(negations, "!"+n+"\n")
		quoted = append(quoted, "'!"+n+"'")
	}
	fix := Append(fmt.Sprintf("Add %s to .gitignore", ignAndList(quoted)), gi, strings.Join(negations, ""))
	return At(gi, m.Range, msg, fix.Prefer())
}

// ignAt reports msg, without fixes, on the .gitignore line m. When that
// .gitignore lies outside the workspace folders, the finding goes on owner at
// rng instead, where the user is looking, with the line's place in front
// ("../.gitignore:2: …"): gowell edits nothing outside.
func ignAt(s *Snapshot, m *workspace.IgnoreMatch, owner *workspace.File, rng workspace.Range, msg string) Finding {
	if s.RootOf(m.File.Path) != "" {
		return At(m.File, m.Range, msg)
	}
	rel, _ := filepath.Rel(owner.Dir(), m.File.Path)
	return At(owner, rng, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(rel), m.Line+1, msg))
}

// ignModuleRange is the range of a go.mod's module line, or of its first
// line when it has none.
func ignModuleRange(f *workspace.File) workspace.Range {
	if f.Text == nil {
		return workspace.Range{} // unreadable: GO000 says why
	}
	if mf := f.Mod().File; mf != nil && mf.Module != nil {
		return f.LineRange(mf.Module.Syntax)
	}
	return f.Text.LineSpan(0)
}

// ignAndList joins "a", "a and b", "a, b and c".
func ignAndList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
