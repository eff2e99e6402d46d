package diagnostics

import (
	"cmp"
	"fmt"
	"path/filepath"

	"golang.org/x/mod/modfile"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO012",
	Title:    "go.sum is missing or not committed",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `A module that requires other modules needs their checksums in go.sum: "Both go.mod and go.sum
should be checked into version control" (the Go blog). Without them, building a package that imports
a dependency fails:

    a.go:3:8: missing go.sum entry for module providing package golang.org/x/mod/semver (imported by example.com/a); to add:
    	go get example.com/a

gowell reports, on the go.mod's module line:

- **missing** (error): go.mod has requirements and there is no go.sum beside it. In a module that an
  active go.work uses it is a warning instead: in the workspace the other modules' go.sum files and
  go.work.sum may supply the checksums, but building the module on its own (GOWORK=off, CI, a clone
  without go.work) fails;
- **not committed** (warning): git tracks go.mod but not go.sum, so clones and CI go without it.
  Not reported while go.mod itself is untracked (a module not yet committed), nor when git is not
  installed or the folder is not a repository.

Not reported either: a go.mod whose requirements are all replaced by local directories
(` + "`replace example.com/x => ../x`" + `; it needs a go.sum only when those directories have requirements
of their own, which gowell does not follow), and a module with a ` + "`vendor/modules.txt`" + ` (its builds
read vendor/). When a .gitignore line hides go.sum, IGN002 reports that line and this rule stays
quiet about the same file, whether or not it is tracked: one finding, where the cause is; the same
when .gitignore excludes the module's whole directory, which is deliberate.

**Fix.** Missing: run ` + "`go mod tidy`" + ` in the module; gowell does not run it for you, because it
needs the network and may change go.mod. Not committed: ` + "`git add go.sum`" + ` and commit.

**Sources.** go.dev/blog/using-go-modules; go.dev/ref/mod#go-sum-files; the error reproduced with
go1.26.8, and that a workspace build succeeds without the module's go.sum when another workspace
module's go.sum holds the checksums.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.GoMod) {
			if fd, ok := goSumFinding(s, f); ok {
				out = append(out, fd)
			}
		}
		return out
	},
})

func goSumFinding(s *Snapshot, f *workspace.File) (Finding, bool) {
	m := f.Mod().File
	if m == nil || s.Exists(filepath.Join(f.Dir(), "vendor", "modules.txt")) {
		return Finding{}, false
	}
	needs := requiresChecksums(m)
	if len(needs) == 0 {
		return Finding{}, false
	}
	what := needs[0]
	if len(needs) > 1 {
		what = fmt.Sprintf("%s and %d more", needs[0], len(needs)-1)
	}
	at := moduleLineRange(f)
	if m.Module == nil {
		at = f.LineRange(m.Require[0].Syntax)
	}
	sum := filepath.Join(f.Dir(), "go.sum")
	if !s.Exists(sum) {
		fd := At(f, at, fmt.Sprintf("go.sum is missing but this module requires %s: building packages that import them fails with \"missing go.sum entry for module providing package …\"; run 'go mod tidy' (it needs the network, so gowell does not run it for you)", what))
		if workUsing(s, f.Dir()) != nil {
			fd.Severity = Warning
			fd.Message = fmt.Sprintf("go.sum is missing but this module requires %s: outside its workspace (GOWORK=off, CI, a clone without go.work), building packages that import them fails with \"missing go.sum entry for module providing package …\"; run 'go mod tidy' (it needs the network, so gowell does not run it for you)", what)
		}
		return fd, true
	}
	if s.GitIgnored(sum, false).Ignored() {
		return Finding{}, false // IGN002 reports the line that hides it
	}
	sumTracked, known := s.Tracked(sum)
	if modTracked, _ := s.Tracked(f.Path); !known || sumTracked || !modTracked {
		return Finding{}, false
	}
	fd := At(f, at, fmt.Sprintf("git tracks go.mod but not go.sum, and this module requires %s: clones and CI get no go.sum and fail with \"missing go.sum entry for module providing package …\"; run 'git add go.sum'", what))
	fd.Severity = Warning
	return fd, true
}

// requiresChecksums lists the required modules whose checksums go.sum must
// hold: all but those that a replace in this go.mod points at a local
// directory.
func requiresChecksums(m *modfile.File) []string {
	var out []string
	for _, r := range m.Require {
		var exact, all *modfile.Replace // a replace of the required version wins over one of every version
		for _, rep := range m.Replace {
			switch {
			case rep.Old.Path != r.Mod.Path:
			case rep.Old.Version == r.Mod.Version:
				exact = rep
			case rep.Old.Version == "":
				all = rep
			}
		}
		if rep := cmp.Or(exact, all); rep == nil || rep.New.Version != "" {
			out = append(out, r.Mod.Path) // not replaced, or by a module version rather than a directory
		}
	}
	return out
}
