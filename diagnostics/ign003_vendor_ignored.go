package diagnostics

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "IGN003",
	Title:    ".gitignore hides vendor/ while the project vendors",
	Severity: Warning,
	Area:     AreaIgnore,
	Since:    "0.1.0",
	Doc: `A module that vendors keeps its dependencies in ` + "`vendor/`" + `, listed in ` + "`vendor/modules.txt`" + `, and
commits them: that is the point of vendoring. A .gitignore line such as ` + "`vendor/`" + ` (the github/gitignore Go
template carries it commented out, for projects that do not vendor) keeps ` + "`git add .`" + ` from picking the tree
up, so clones and CI get none of it beyond files committed before the line was written:

- with no vendor/ at all they build from the module cache, downloading every module (and fail where
  the network or the proxy is out of reach, which is often why a project vendors);
- where part of vendor/ was committed earlier, or CI sets ` + "`-mod=vendor`" + `, the go command is in vendor
  mode (the default when go.mod says ` + "`go 1.14`" + ` or later and a vendor/ directory exists) and fails on
  what is missing:
  ` + "`cannot find module providing package golang.org/x/sys/unix: import lookup disabled by -mod=vendor`" + `,
  or, without modules.txt,
  ` + "`go: inconsistent vendoring in …: golang.org/x/mod@v0.42.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt`" + `.

gowell looks for ` + "`vendor/modules.txt`" + ` beside every go.mod and go.work (a workspace vendors with
` + "`go work vendor`" + ` since Go 1.22) and asks git's rules whether it is ignored; the warning sits on the line
that decides, once per line. Not reported: a module whose whole directory is excluded (` + "`/scratch/`" + `),
which is a deliberate choice. Like IGN002, gowell cannot ask git whether vendor/ is already tracked,
and only .gitignore files count.

**Fix.** None automatic: whether a project vendors is a policy choice, and either way something must
be committed or deleted. If the project vendors, remove the line (or add ` + "`!vendor/`" + ` after it) and
` + "`git add vendor`" + `. If it does not, delete vendor/ (` + "`rm -r vendor`" + `): builds then use the module cache,
and the line can stay.

**Sources.** go.dev/ref/mod#vendoring (vendor mode is the default at go 1.14 and later when vendor/
exists); go.dev/ref/mod#build-commands (` + "`-mod=vendor`" + `); go.dev/doc/go1.22 (` + "`go work vendor`" + `);
RULES-FACTS D.1 (never ignore vendor/ when the project vendors); both errors reproduced with go1.26.8 on
clones of a repository whose .gitignore holds ` + "`vendor/`" + `.`,
	Check: checkVendorIgnored,
})

func checkVendorIgnored(s *Snapshot) (out []Finding) {
	var groups []*ignGroup
	var seen []string
	for _, owner := range append(s.Files(workspace.GoMod), s.Files(workspace.GoWork)...) {
		vendor := filepath.Join(owner.Dir(), "vendor")
		list := filepath.Join(vendor, "modules.txt")
		if owner.Err != nil || slices.Contains(seen, vendor) || !s.Exists(list) {
			continue
		}
		seen = append(seen, vendor)
		m := s.GitIgnored(list, false)
		if !m.Ignored() || !workspace.Within(vendor, m.Path) {
			continue // kept, or the whole module is excluded on purpose
		}
		groups = ignGroupAdd(groups, m, owner, list)
	}
	for _, g := range groups {
		msg := fmt.Sprintf(`'%s' makes git ignore %s of a project that vendors its dependencies: clones and CI get no vendored tree beyond files committed earlier, so they download modules instead or, in vendor mode, fail with "inconsistent vendoring" or "cannot find module providing package"`,
			g.match.Pattern, ignAndList(g.matched(s)))
		out = append(out, ignAt(s, g.match, g.owner, ignOwnerRange(g.owner), msg))
	}
	return out
}

// ignOwnerRange is where a finding about a module or workspace goes when the
// .gitignore line is outside the workspace: go.mod's module line, go.work's
// first line.
func ignOwnerRange(f *workspace.File) workspace.Range {
	if f.Kind == workspace.GoMod {
		return ignModuleRange(f)
	}
	return f.Text.LineSpan(0)
}

// ignGroup is one .gitignore line and what it hides, for one finding per line.
type ignGroup struct {
	match *workspace.IgnoreMatch
	owner *workspace.File // the file to report on when the .gitignore is outside the workspace
	items []ignItem
}

type ignItem struct {
	path    string // the path asked about
	matched string // what the line matched: path, or an excluded directory above it
}

// ignGroupAdd files path, which m decides, under m's line.
func ignGroupAdd(groups []*ignGroup, m *workspace.IgnoreMatch, owner *workspace.File, path string) []*ignGroup {
	i := slices.IndexFunc(groups, func(g *ignGroup) bool { return g.match.File == m.File && g.match.Line == m.Line })
	if i < 0 {
		groups = append(groups, &ignGroup{match: m, owner: owner})
		i = len(groups) - 1
	}
	groups[i].items = append(groups[i].items, ignItem{path: path, matched: m.Path})
	return groups
}

// base is the directory names are given relative to: the .gitignore's, or
// the owner's when the .gitignore is outside the workspace.
func (g *ignGroup) base(s *Snapshot) string {
	if s.RootOf(g.match.File.Path) == "" {
		return g.owner.Dir()
	}
	return g.match.File.Dir()
}

// matched lists what the line matched, relative to base, directories with a
// trailing slash, without repeats.
func (g *ignGroup) matched(s *Snapshot) []string {
	var out []string
	for _, it := range g.items {
		name := ignRel(g.base(s), it.matched)
		if it.matched != it.path {
			name += "/"
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

func ignRel(base, path string) string {
	rel, _ := filepath.Rel(base, path)
	return filepath.ToSlash(rel)
}
