package diagnostics

import (
	"fmt"
	"slices"
	"strings"
)

var _ = register(&Rule{
	ID:       "IGN005",
	Title:    "Unanchored bin or dist in .gitignore also hides nested directories",
	Severity: Info,
	Area:     AreaIgnore,
	Since:    "0.1.0",
	Doc: `A .gitignore line without a slash in front or in the middle matches at any depth: ` + "`bin`" + ` or
` + "`bin/`" + ` ignores the top-level build output directory, and also ` + "`cmd/tool/bin/`" + `, ` + "`scripts/dist/`" + ` and
every other directory of that name below the .gitignore. When such a nested directory holds scripts or
sources meant to be committed, ` + "`git add .`" + ` silently skips them. The github/gitignore Go template has
no bin/ or dist/ entry, so these lines are hand-written or come from other templates (the Node.js one
has an unanchored ` + "`dist`" + `); gowell's recommended .gitignore uses the anchored ` + "`/bin/`" + ` and ` + "`/dist/`" + `.

gowell reports a line that is exactly ` + "`bin`" + `, ` + "`bin/`" + `, ` + "`dist`" + ` or ` + "`dist/`" + ` only when a directory of that
name exists below the .gitignore's own directory (not directly in it), holds something, and is
ignored by that very line: a later ` + "`!cmd/tool/bin/`" + `, a deeper .gitignore deciding otherwise, or an
excluded directory above it keep the rule quiet. It is **info**: a nested bin/ may well be build output
you mean to ignore. Only .gitignore files inside the workspace folders are checked.

**Fix.** "Change 'bin/' to '/bin/'" anchors the line to its .gitignore's directory by putting a
` + "`/`" + ` in front, and changes nothing else. It is offered in the editor only, never applied by
` + "`gowell check --fix`" + `: it un-hides the nested directories, so look at what they hold (and ignore
build outputs there by their own path) before committing.

**Sources.** github.com/github/gitignore/blob/main/Node.gitignore (` + "`dist`" + `); git-scm.com/docs/gitignore ("If there is a separator at the beginning or middle … the
pattern is relative to the directory level of the particular .gitignore file itself. Otherwise the
pattern may also match at any level below the .gitignore level"); RULES-FACTS D.1 and G.9 (checked
with git check-ignore: an unanchored bin hides cmd/tool/bin).`,
	Check: checkNestedOutputDirs,
})

func checkNestedOutputDirs(s *Snapshot) (out []Finding) {
	var groups []*ignGroup
	for _, dir := range s.OutputDirs() {
		m := s.GitIgnored(dir, true)
		if !m.Ignored() || m.Path != dir || s.RootOf(m.File.Path) == "" || !slices.Contains(unanchoredOutputs, m.Pattern) {
			continue
		}
		if rel := ignRel(m.File.Dir(), dir); !strings.Contains(rel, "/") {
			continue // the directory the line is meant for
		}
		groups = ignGroupAdd(groups, m, nil, dir)
	}
	for _, g := range groups {
		m := g.match
		var nested []string
		for _, it := range g.items {
			nested = append(nested, ignRel(m.File.Dir(), it.path)+"/")
		}
		are, hold := "is", "it holds"
		if len(nested) > 1 {
			are, hold = "are", "they hold"
		}
		if len(nested) > 3 {
			nested = append(nested[:3], fmt.Sprintf("%d more", len(nested)-3))
		}
		msg := fmt.Sprintf("'%s' hides every directory named %s below this .gitignore, not only the top one: %s %s ignored too, so `git add .` skips what %s",
			m.Pattern, strings.TrimSuffix(m.Pattern, "/"), ignAndList(nested), are, hold)
		fix := Replace(fmt.Sprintf("Change '%s' to '/%[1]s'", m.Pattern), m.File, m.Range, "/"+m.Pattern).Prefer()
		out = append(out, At(m.File, m.Range, msg, fix))
	}
	return out
}

// unanchoredOutputs are the lines that look meant for a top-level build
// output directory but match at any depth.
var unanchoredOutputs = []string{"bin", "bin/", "dist", "dist/"}
