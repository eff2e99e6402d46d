package diagnostics

import (
	"fmt"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR002",
	Title:    ".dockerignore pattern written with .gitignore semantics",
	Severity: Info,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `In .gitignore a pattern with no slash matches at any depth; in .dockerignore every pattern is
anchored at the root of the build context. ` + "`*.test`" + ` leaves out ` + "`pkg.test`" + ` but sends
` + "`sub/pkg.test`" + `; ` + "`.env`" + ` does not cover ` + "`config/.env`" + `; ` + "`bin`" + ` does not cover ` + "`cmd/tool/bin`" + `
(Docker's docs: "markdown files under subdirectories are still included" for ` + "`*.md`" + `). A file
written with git's rules in mind therefore sends nested test binaries, secrets and build output to the
builder, and re-includes (` + "`!README.md`" + `) only at the root.

gowell reports a pattern when it has no slash (a trailing one aside) and no ` + "`**`" + `, matches nothing
at the context root, and ` + "`**/`" + ` plus the pattern matches paths that exist deeper in the context
and that the file still sends (for an exception: still leaves out). It judges with Docker's own
matcher, taking the context to be the ignore file's directory, and looks at the context breadth first
up to 10,000 entries, without entering .git or directories the file already excludes: a match
deeper than that is not seen, and the rule stays silent rather than guess. A pattern that starts
with ` + "`/`" + ` says it means the root and is left alone.

**Fix.** The quick fix writes the pattern with ` + "`**/`" + ` in front (` + "`!`" + ` stays first:
` + "`!**/README.md`" + `), which matches at any depth, the root included. It leaves out more of the
context, so ` + "`gowell check --fix`" + ` applies it only when no path that a Dockerfile reading this
file copies by name (or a path below such a directory) would become excluded; an exception's fix,
which sends more, is never applied unattended. To keep a pattern at the root on purpose, write it
with a leading ` + "`/`" + `.

**Sources.** docs.docker.com/build/concepts/context/#dockerignore-files; github.com/moby/patternmatcher
(the matcher Docker runs); RULES-FACTS D.2 (checked with patternmatcher v0.6.1).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.DockerIgnore) {
			if f.Err != nil || f.DockerIgnore().Err != nil {
				continue
			}
			tree := s.ContextTree(f.Dir(), f.DockerIgnore())
			for _, g := range gitStylePatterns(f, tree) {
				out = append(out, At(f, f.Text.LineSpan(g.Pattern.Line), gitStyleMessage(g), anyDepthFix(s, f, tree, g)))
			}
		}
		return out
	},
})

func gitStyleMessage(g gitStylePattern) string {
	examples, verb := g.Nested[0], "is"
	if n := len(g.Nested) - 1; n > 0 {
		examples, verb = fmt.Sprintf("%s and %d more", examples, n), "are"
	}
	what, effect, bang := "matches", verb+" still sent to the builder", ""
	if g.Negated {
		what, effect, bang = "brings back paths", verb+" still excluded", "!"
	}
	return fmt.Sprintf("%q %s at the context root only, where nothing matches it, so %s %s: unlike .gitignore, .dockerignore patterns are anchored at the context root; %s**/%s matches at any depth",
		bang+g.Written, what, examples, effect, bang, g.Written)
}

// anyDepthFix puts "**/" in front of the pattern as written, after any "!".
func anyDepthFix(s *Snapshot, f *workspace.File, tree *workspace.ContextTree, g gitStylePattern) Fix {
	pos := f.Text.Pos(patternStart(f, g.Pattern.Line, g.Negated))
	written := "**/" + g.Written
	if g.Negated {
		written = "!" + written
	}
	fix := Replace("Use "+written, f, workspace.Range{Start: pos, End: pos}, "**/").Prefer()
	if !g.Negated && excludesNothingNamed(s, f, tree, fix) {
		fix = fix.MarkSafe()
	}
	return fix
}

// patternStart is the byte offset where the pattern on line n begins: after
// a byte order mark, blanks, and the "!" of an exception with blanks after it.
func patternStart(f *workspace.File, n int, negated bool) int {
	line := patternLine(f, n)
	rest := strings.TrimLeft(string(line), " \t")
	if negated {
		rest = strings.TrimLeft(rest[1:], " \t")
	}
	bom := len(f.Text.Line(n)) - len(line)
	return f.Text.Offset(workspace.Position{Line: n}) + bom + len(line) - len(rest)
}

// excludesNothingNamed reports whether the ignore file f after fix still
// sends every path that a Dockerfile reading it copies by name, and what
// lies below those paths in tree. A cut tree cannot tell.
func excludesNothingNamed(s *Snapshot, f *workspace.File, tree *workspace.ContextTree, fix Fix) bool {
	if tree.Truncated {
		return false
	}
	after, err := f.Text.Apply(fix.Edits[0].Edits)
	if err != nil {
		return false
	}
	before, next := f.DockerIgnore(), workspace.ParseDockerIgnore(after)
	newlyExcluded := func(p string) bool {
		was, _ := before.Excluded(p)
		now, _ := next.Excluded(p)
		return now && !was
	}
	named := namedContextSources(dockerignoreUsers(s, f))
	for _, n := range named {
		if newlyExcluded(n) {
			return false
		}
	}
	for _, e := range tree.Entries {
		if underAny(e.Path, named) && newlyExcluded(e.Path) {
			return false
		}
	}
	return true
}
