package diagnostics

import (
	"fmt"
	"strings"
	"unicode"

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

gowell reports a line when its pattern has no slash (a trailing one aside) and no ` + "`**`" + `, matches
nothing at the context root, and ` + "`**/`" + ` plus the pattern matches paths deeper in the context that a
Dockerfile reading the file copies (with the whole context, or below a directory it names) and that
the file still sends (for an exception: still leaves out). To stay certain it leaves alone what the
line most likely did not mean: a plain name (no wildcard) counts only when it is clutter at any depth
— .env files, node_modules, .DS_Store, editor and cache directories — because a name such as
` + "`server`" + ` or ` + "`bin`" + ` usually means a root build output not built yet, while ` + "`cmd/server`" + ` holds
sources; and for an exclusion, nested Go sources (a .go file, a directory holding one) and paths a
Dockerfile copies by name never count. A pattern that starts with ` + "`/`" + ` says it means the root.
gowell judges with Docker's own matcher, takes the context to be the ignore file's directory (for a
` + "`<Dockerfile>.dockerignore`" + `, its Dockerfile's build context, worked out as DKR001 says), and
looks at it breadth first up to 10,000 entries, without entering .git or directories the file already
excludes: a match deeper than that is not seen, and the rule stays silent rather than guess. In the
editor the listing is taken once per version of the ignore file and again on each rescan.

**Fix.** The quick fix writes the pattern with ` + "`**/`" + ` in front (` + "`!`" + ` stays first:
` + "`!**/README.md`" + `), which matches at any depth, the root included. It leaves out more of the
context, so ` + "`gowell check --fix`" + ` applies it only for build and test output and clutter
(` + "`*.exe`" + `, ` + "`*.test`" + `, ` + "`*.out`" + `, ` + "`*.log`" + `, .env files, node_modules, …), and only when no path that a
Dockerfile reading the file copies by name (nor a path below one) would become excluded. Other
patterns (` + "`*.json`" + `, ` + "`*.txt`" + `) may match files a ` + "`//go:embed`" + ` or a test reads: check before applying.
An exception's fix, which sends more, is never applied unattended. To keep a pattern at the root on
purpose, write it with a leading ` + "`/`" + `.

**Sources.** docs.docker.com/build/concepts/context/#dockerignore-files; github.com/moby/patternmatcher
(the matcher Docker runs); RULES-FACTS D.2 (checked with patternmatcher v0.6.1).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.DockerIgnore) {
			if f.Err != nil || f.DockerIgnore().Err != nil {
				continue
			}
			users := dockerignoreUsers(s, f)
			if len(users) == 0 {
				continue // nothing known to read the context
			}
			sum := contextSummaryOf(s, f, ignoreContext(s, users))
			for _, g := range gitStylePatterns(f, sum, contextUseOf(users)) {
				out = append(out, At(f, f.Text.LineSpan(g.Pattern.Line), gitStyleMessage(g), anyDepthFix(s, f, sum, g)))
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
func anyDepthFix(s *Snapshot, f *workspace.File, sum *contextSummary, g gitStylePattern) Fix {
	pos := f.Text.Pos(patternStart(f, g.Pattern.Line, g.Negated))
	written := "**/" + g.Written
	if g.Negated {
		written = "!" + written
	}
	fix := Replace("Use "+written, f, workspace.Range{Start: pos, End: pos}, "**/").Prefer()
	if !g.Negated && outputOrClutter(g.Written) && excludesNothingNamed(s, f, sum, g, fix) {
		fix = fix.MarkSafe()
	}
	return fix
}

// outputOrClutter reports whether a pattern names build and test output or
// clutter, which no build needs at any depth; any other pattern (*.txt,
// *.json) may also match files a //go:embed or a test reads.
func outputOrClutter(written string) bool {
	switch name := strings.TrimRight(written, "/"); name {
	case "*.exe", "*.exe~", "*.dll", "*.so", "*.dylib", "*.test", "*.out", "*.coverprofile", "*.prof", "*.log", "*.tmp", "*.swp":
		return true
	default:
		return clutterName(name)
	}
}

// patternStart is the byte offset where the pattern on line n begins: after
// a byte order mark, blanks, and the "!" of an exception with blanks after it.
func patternStart(f *workspace.File, n int, negated bool) int {
	line := patternLine(f, n)
	rest := strings.TrimLeftFunc(string(line), unicode.IsSpace) // as ignorefile.ReadAll trims
	if negated {
		rest = strings.TrimLeftFunc(rest[1:], unicode.IsSpace)
	}
	bom := len(f.Text.Line(n)) - len(line)
	return f.Text.Offset(workspace.Position{Line: n}) + bom + len(line) - len(rest)
}

// excludesNothingNamed reports whether the ignore file f after fix still
// sends every path that a Dockerfile reading it copies by name, and what
// lies below those paths in the context. Only paths the line of g matches
// at any depth can change; a cut listing cannot tell.
func excludesNothingNamed(s *Snapshot, f *workspace.File, sum *contextSummary, g gitStylePattern, fix Fix) bool {
	if sum.Truncated {
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
	for _, p := range sum.Candidates[g.Index] {
		if underAny(p, named) && newlyExcluded(p) {
			return false
		}
	}
	return true
}
