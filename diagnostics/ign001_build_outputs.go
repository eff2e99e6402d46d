package diagnostics

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "IGN001",
	Title:    "Go build outputs not ignored by .gitignore",
	Severity: Info,
	Area:     AreaIgnore,
	Since:    "0.1.0",
	Doc: `Go leaves files in the tree that belong to one machine: test binaries (` + "`go test -c`" + ` writes
` + "`pkg.test`" + `), coverage profiles (` + "`-coverprofile=coverage.out`" + `), binaries built with ` + "`go build -o`" + `
or for Windows (` + "`app.exe`" + `), plugins and shared libraries, a local ` + "`.env`" + `, and the workspace files
` + "`go.work`" + ` and ` + "`go.work.sum`" + `. When .gitignore does not name them they crowd ` + "`git status`" + ` and end up
committed by a hurried ` + "`git add .`" + `.

gowell checks each repository in the workspace that holds a go.mod (or the workspace folder, when the
repository starts above it) against its recommended .gitignore: the github/gitignore Go template plus
` + "`!coverage.go`" + ` (the template's ` + "`coverage.*`" + ` also hides Go files named coverage.go) and the anchored
` + "`/bin/`" + ` and ` + "`/dist/`" + `. For every entry it asks git's rules whether a sample path is already
decided by a line of the repository's .gitignore files (` + "`x.test`" + `, ` + "`x.out`" + `, ` + "`bin/x`" + `, …):
an entry counts as present when any line matches the sample, ignoring it or explicitly keeping it
with ` + "`!`" + `, so your own exceptions are never overruled. Two entries are left out on purpose:

- ` + "`go.work`" + ` and ` + "`go.work.sum`" + ` when the repository has a go.work: it may be committed on purpose
  (a tightly coupled multi-module repository), and gowell cannot ask git whether it is tracked;
- ` + "`/bin/`" + ` and ` + "`/dist/`" + ` when that directory exists and is not ignored: it may hold committed scripts.

It is a **warning** when no .gitignore applies at all (reported on the go.mod's ` + "`module`" + ` line) and
**info** when one exists but misses entries (reported on its first line).

**Fix.** "Create .gitignore from the recommended Go template" writes the template when there is
none. Otherwise "Add N missing Go entries to .gitignore" inserts only the missing lines, with the
template's comments and a header, as one block **at the top** of the file, never touching the
existing lines. At the top rather than at the end because in a .gitignore the last matching line
wins: appended, ` + "`*.out`" + ` would override a ` + "`!testdata/golden.out`" + ` you wrote earlier; inserted first,
every one of your lines keeps the last word. When the repository starts above the workspace folder
and its .gitignore files miss entries, "Create .gitignore with N missing Go entries" puts just those
in a new .gitignore in the folder (gowell writes nothing outside the workspace). The fixes are safe
for ` + "`gowell check --fix`" + `, and applying one twice changes nothing.

**Sources.** github.com/github/gitignore/blob/main/Go.gitignore; git-scm.com/docs/gitignore (pattern
format and precedence); go.dev/ref/mod#workspaces (on committing go.work); RULES-FACTS D.1 (the
template's coverage.* pitfall, checked with git check-ignore).`,
	Check: checkBuildOutputs,
})

func checkBuildOutputs(s *Snapshot) (out []Finding) {
	for _, root := range ignoreRoots(s) {
		if f, ok := buildOutputsFinding(s, root.dir, root.mod); ok {
			out = append(out, f)
		}
	}
	return out
}

type ignoreRoot struct {
	dir string          // where the .gitignore belongs
	mod *workspace.File // the go.mod nearest to dir, for a finding when it has none
}

// ignoreRoots lists the repository roots of the workspace's modules. A
// repository that starts above the workspace folder is handled at the
// folder: gowell edits nothing outside.
func ignoreRoots(s *Snapshot) []ignoreRoot {
	var roots []ignoreRoot
	for _, mod := range s.Files(workspace.GoMod) {
		dir := s.RepoRoot(mod.Path)
		if ws := s.RootOf(mod.Path); !workspace.Within(ws, dir) {
			dir = ws
		}
		i := slices.IndexFunc(roots, func(r ignoreRoot) bool { return r.dir == dir })
		switch {
		case i < 0:
			roots = append(roots, ignoreRoot{dir, mod})
		case ignDepth(mod.Path) < ignDepth(roots[i].mod.Path):
			roots[i].mod = mod
		}
	}
	return roots
}

func buildOutputsFinding(s *Snapshot, dir string, mod *workspace.File) (Finding, bool) {
	gi := s.File(filepath.Join(dir, ".gitignore"))
	if gi.Err != nil && !errors.Is(gi.Err, fs.ErrNotExist) {
		return Finding{}, false // unreadable: nothing sure to say
	}
	missing := map[int]bool{}
	var names []string
	for i, e := range ignoreEntries {
		if skipEntry(s, dir, e) || s.GitIgnored(filepath.Join(dir, filepath.FromSlash(e.probe)), false) != nil {
			continue
		}
		missing[i] = true
		names = append(names, e.pattern)
	}
	if len(names) == 0 {
		return Finding{}, false
	}
	entries := fmt.Sprintf("%d missing Go entries", len(names))
	if len(names) == 1 {
		entries = "1 missing Go entry"
	}
	if gi.Err == nil {
		msg := fmt.Sprintf(".gitignore does not ignore %s: these files show up in git status and are easily committed", ignAndList(names))
		return At(gi, gi.Text.LineSpan(0), msg, prependBlock(gi, "Add "+entries+" to .gitignore", gitignoreBlock(missing, false))), true
	}
	path := gi.Path
	if !anyGitignore(s, dir) {
		f := At(mod, ignModuleRange(mod), "No .gitignore: test binaries, coverage profiles, built binaries and .env files show up in git status and are easily committed",
			Create("Create .gitignore from the recommended Go template", path, gitignoreBlock(missing, true)).MarkSafe().Prefer())
		f.Severity = Warning
		return f, true
	}
	msg := fmt.Sprintf("The .gitignore files above this module do not ignore %s: these files show up in git status and are easily committed", ignAndList(names))
	return At(mod, ignModuleRange(mod), msg, Create("Create .gitignore with "+entries, path, gitignoreBlock(missing, false)).MarkSafe().Prefer()), true
}

func ignDepth(path string) int { return strings.Count(path, string(filepath.Separator)) }

// skipEntry leaves out what may be committed on purpose: go.work when the
// repository has one, and a /bin/ or /dist/ directory that already exists
// unignored (it shows in git status, so it is most likely tracked).
func skipEntry(s *Snapshot, dir string, e ignoreEntry) bool {
	if strings.HasPrefix(e.pattern, "go.work") {
		return slices.ContainsFunc(s.Files(workspace.GoWork), func(w *workspace.File) bool { return workspace.Within(dir, w.Path) })
	}
	return e.dir && s.IsDir(filepath.Join(dir, filepath.Dir(filepath.FromSlash(e.probe))))
}

// anyGitignore reports whether a .gitignore exists in dir or above it up to
// its repository's root.
func anyGitignore(s *Snapshot, dir string) bool {
	top := s.RepoRoot(filepath.Join(dir, ".gitignore"))
	for d := dir; workspace.Within(top, d); d = filepath.Dir(d) {
		if s.File(filepath.Join(d, ".gitignore")).Err == nil {
			return true
		}
		if d == top {
			break
		}
	}
	return false
}

// prependBlock inserts block before the first line of gi (after a byte order
// mark, which git skips only at the very start), with a blank line after it.
func prependBlock(gi *workspace.File, title, block string) Fix {
	at := gi.Text.Pos(0)
	if bytes.HasPrefix(gi.Text.Bytes, []byte("\xef\xbb\xbf")) {
		at = gi.Text.Pos(3)
	}
	if len(bytes.TrimSpace(gi.Text.Bytes)) > 0 {
		block += "\n"
	}
	return Replace(title, gi, workspace.Range{Start: at, End: at}, block).MarkSafe().Prefer()
}
