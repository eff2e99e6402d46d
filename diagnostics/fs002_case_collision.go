package diagnostics

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "FS002",
	Title:    "Paths that differ only in case",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `Two files or directories whose names differ only in case (` + "`Util.go`" + ` and ` + "`util.go`" + `) are two on Linux
but one on macOS, on Windows and in a case-insensitive directory of a Windows drive under WSL (FS003): a clone
there keeps one of them, and git warns "the following paths have collided (e.g. case-sensitive paths on a
case-insensitive filesystem) and only one from the same colliding group is in the working tree".

The go command refuses them even on Linux, to keep builds portable:

- **error**: two Go files of one package — ` + "`package cs/q: case-insensitive file name collision: \"Util.go\" and \"util.go\"`" + `;
  or two package directories of a module — ` + "`case-insensitive import collision: \"cs/p\" and \"cs/P\"`" + ` when a
  build loads both (` + "`go build ./...`" + ` does);
- **warning**: any other pair (` + "`README.md`" + ` and ` + "`readme.md`" + `, two directories that are not both packages, pairs in
  testdata/ or in directories the go command skips): nothing fails on Linux, but clones on a case-insensitive file
  system lose one of each.

gowell compares the names within each directory as the go command does (Unicode simple case folding), in two
places: git's index (the one read-only ` + "`git ls-files`" + ` per repository, so a pair shows even in a checkout that
already kept only one of them) and the directories its discovery walks (untracked files too, but not vendor/,
testdata/ or .git). One finding per module, on the module line of the innermost go.mod holding the pairs, naming
them.

**Fix.** None automatic: which name is right is yours to say. Rename or delete one of each pair with git
(` + "`git mv Util.go util_windows.go`" + `, ` + "`git rm --cached Util.go`" + `) and commit, on Linux, where both exist.

**Sources.** Go 1.26.8 cmd/go/internal/load/pkg.go (case-insensitive file name collision, import collision) and
internal/str.FoldDup; git t/t5601-clone.sh (paths have collided); learn.microsoft.com/windows/wsl/case-sensitivity;
both go errors reproduced with go1.26.8.`,
	Check: func(s *Snapshot) (out []Finding) {
		groups := map[*workspace.File][]workspace.CaseCollision{}
		var targets []*workspace.File
		for _, c := range caseCollisions(s) {
			f := collisionTarget(s, c)
			if f == nil {
				continue
			}
			if groups[f] == nil {
				targets = append(targets, f)
			}
			groups[f] = append(groups[f], c)
		}
		for _, f := range targets {
			out = append(out, collisionFinding(f, groups[f]))
		}
		return out
	},
})

// caseCollisions merges the pairs from the walk and from every
// repository's index, inside the workspace folders, sorted.
func caseCollisions(s *Snapshot) []workspace.CaseCollision {
	all := s.CaseCollisions()
	for _, repo := range repositories(s) {
		c, _ := s.GitCaseCollisions(repo)
		all = append(all, c...)
	}
	all = slices.DeleteFunc(all, func(c workspace.CaseCollision) bool { return s.RootOf(c.Paths[0]) == "" })
	slices.SortFunc(all, func(a, b workspace.CaseCollision) int {
		return strings.Compare(a.Paths[0]+"\x00"+a.Paths[1], b.Paths[0]+"\x00"+b.Paths[1])
	})
	var out []workspace.CaseCollision
	for _, c := range all {
		if n := len(out); n > 0 && out[n-1].Paths == c.Paths {
			out[n-1].GoDirs = out[n-1].GoDirs || c.GoDirs // untracked Go files count on disk
			continue
		}
		out = append(out, c)
	}
	return out
}

// collisionTarget is the go.mod of the innermost module holding the pair,
// else the first top-level go.mod or go.work of its workspace folder.
func collisionTarget(s *Snapshot, c workspace.CaseCollision) *workspace.File {
	dir := filepath.Dir(c.Paths[0])
	var best *workspace.File
	for _, f := range s.Files(workspace.GoMod) {
		if workspace.Within(f.Dir(), dir) && (best == nil || len(f.Dir()) > len(best.Dir())) {
			best = f
		}
	}
	if best != nil {
		return best
	}
	for _, f := range topLevelFiles(s) {
		if s.RootOf(f.Path) == s.RootOf(c.Paths[0]) {
			return f
		}
	}
	return nil
}

func collisionFinding(f *workspace.File, pairs []workspace.CaseCollision) Finding {
	// The pairs the go command refuses come first: they are why it is an error.
	slices.SortStableFunc(pairs, func(a, b workspace.CaseCollision) int {
		return boolRank(goRefuses(f, b)) - boolRank(goRefuses(f, a))
	})
	first := pairs[0]
	a, b := relTo(f.Dir(), first.Paths[0]), relTo(f.Dir(), first.Paths[1])
	msg := fmt.Sprintf("%s and %s differ only in case: ", a, b)
	severity := Warning
	const collapse = "a checkout on macOS, Windows or a case-insensitive WSL directory keeps only one of them"
	switch {
	case !goRefuses(f, first):
		msg += collapse + " (git warns that the paths have collided)"
	case first.Dirs:
		severity = Error
		mod := f.Mod().File.Module.Mod.Path
		msg += fmt.Sprintf("the go command refuses to build both (case-insensitive import collision: %q and %q), and %s",
			mod+"/"+filepath.ToSlash(a), mod+"/"+filepath.ToSlash(b), collapse)
	default:
		severity = Error
		msg += fmt.Sprintf("the go command refuses the package (case-insensitive file name collision: %q and %q), and %s",
			filepath.Base(a), filepath.Base(b), collapse)
	}
	if rest := pairs[1:]; len(rest) > 0 {
		var names []string
		for _, c := range rest[:min(len(rest), 3)] {
			names = append(names, relTo(f.Dir(), c.Paths[0])+" and "+relTo(f.Dir(), c.Paths[1]))
		}
		if len(rest) > 3 {
			names = append(names, fmt.Sprintf("%d more", len(rest)-3))
		}
		msg += fmt.Sprintf("; so do %s", strings.Join(names, ", "))
	}
	msg += "; rename or delete one of each pair with git mv or git rm"
	fd := At(f, anchorRange(f), msg)
	fd.Severity = severity
	return fd
}

// goRefuses reports whether the go command rejects the pair, building the
// module of f: two .go files of one package, or two package directories —
// not where the go command never looks for packages (testdata, _ and .
// directories).
func goRefuses(f *workspace.File, c workspace.CaseCollision) bool {
	if f.Kind != workspace.GoMod || f.Mod().File == nil || f.Mod().File.Module == nil {
		return false
	}
	rel := relTo(f.Dir(), c.Paths[0])
	for _, elem := range strings.Split(rel, "/") {
		if elem == "testdata" || strings.HasPrefix(elem, "_") || strings.HasPrefix(elem, ".") {
			return false
		}
	}
	if c.Dirs {
		return c.GoDirs
	}
	return strings.HasSuffix(c.Paths[0], ".go") && strings.HasSuffix(c.Paths[1], ".go")
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
