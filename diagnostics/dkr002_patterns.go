package diagnostics

import (
	"bytes"
	"path"
	"strings"

	"github.com/moby/patternmatcher"

	"github.com/gowell/gowell/workspace"
)

// gitStylePattern is a .dockerignore line written as if for .gitignore: a
// pattern with no "/" (a trailing one aside) and no "**", which Docker
// matches at the context root only, where nothing matches it, while deeper
// paths it would match in git exist in the context and reach the builder.
type gitStylePattern struct {
	Pattern workspace.IgnorePattern
	Written string // the pattern as written, without "!" and blanks
	Negated bool
	Index   int // of Pattern in the file's Patterns
	// Nested are the topmost context paths below the root that
	// "**/<pattern>" matches, that a Dockerfile reading the file copies, and
	// that the file leaves as they are: still sent for an exclusion, still
	// left out for an exception. In walk order.
	Nested []string
}

// contextUse is what the Dockerfiles reading an ignore file copy from the
// context.
type contextUse struct {
	Whole bool     // some Dockerfile reads the whole context
	Named []string // the paths they copy by name
}

func contextUseOf(users []*workspace.File) contextUse {
	u := contextUse{Named: namedContextSources(users)}
	for _, f := range users {
		u.Whole = u.Whole || wholeContextUse(f.Dockerfile()) != nil
	}
	return u
}

// copies reports whether a build copies p: with the whole context, or below
// a directory it names.
func (u contextUse) copies(p string) bool {
	return u.Whole || underAny(path.Dir(p), u.Named)
}

// wants reports whether a build names p, or a path below it, outright.
func (u contextUse) wants(p string) bool {
	for _, n := range u.Named {
		if n == p || strings.HasPrefix(n, p+"/") {
			return true
		}
	}
	return false
}

// gitStylePatterns finds the git-style lines of the ignore file f, whose
// build context (f's directory) sum summarizes and is read by the builds
// use.
//
// An exclusion written without wildcards is a name, and a name that matches
// nothing at the root often means a root artifact not built yet (the
// binary "server" while cmd/server holds sources): only names that are
// clutter at any depth (.env files, node_modules, …) count (summarize picks
// the lines). Nested paths a build names, and Go sources (a .go file, a
// directory holding one), never count for an exclusion: the rule must not
// suggest cutting them out.
func gitStylePatterns(f *workspace.File, sum *contextSummary, use contextUse) []gitStylePattern {
	ign := f.DockerIgnore()
	if ign.Err != nil {
		return nil
	}
	var out []gitStylePattern
	for i, p := range ign.Patterns {
		nested := sum.Nested[i]
		if nested == nil {
			continue
		}
		written, negated, _ := unanchoredPattern(f, p)
		g := gitStylePattern{Pattern: p, Written: written, Negated: negated, Index: i}
		for _, n := range nested {
			if !use.copies(n.Path) || !negated && (use.wants(n.Path) || n.GoSource) {
				continue
			}
			g.Nested = append(g.Nested, n.Path)
		}
		if g.Nested != nil {
			out = append(out, g)
		}
	}
	return out
}

// clutterName reports whether a file or directory name is never a source
// wherever it sits: dotenv files, dependency and editor directories, OS
// droppings.
func clutterName(name string) bool {
	switch name {
	case "node_modules", ".DS_Store", "Thumbs.db", "__pycache__", ".idea", ".vscode", ".terraform", ".pytest_cache":
		return true
	}
	return isEnvFile(name)
}

// goSourceDirs returns the directories of the tree that hold a .go file,
// directly or below.
func goSourceDirs(tree *workspace.ContextTree) map[string]bool {
	dirs := map[string]bool{}
	for _, e := range tree.Entries {
		if e.Dir || !strings.HasSuffix(e.Path, ".go") {
			continue
		}
		for d := path.Dir(e.Path); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}

// unanchoredPattern reads the line of p as written: a pattern that starts
// with "/", has a "/" inside or a "**" anywhere says where it matches, and
// is not git-style.
func unanchoredPattern(f *workspace.File, p workspace.IgnorePattern) (written string, negated, ok bool) {
	line := string(patternLine(f, p.Line))
	written, negated = strings.CutPrefix(strings.TrimSpace(line), "!")
	written = strings.TrimSpace(written)
	core := strings.TrimRight(written, "/")
	if core == "" || core == "." || strings.HasPrefix(written, "/") || strings.Contains(core, "/") || strings.Contains(core, "**") {
		return "", false, false
	}
	return written, negated, true
}

// patternLine is line n of an ignore file without a leading byte order mark,
// which Docker strips from the first line.
func patternLine(f *workspace.File, n int) []byte {
	return bytes.TrimPrefix(f.Text.Line(n), []byte("\xEF\xBB\xBF"))
}

// nestedMatches lists the topmost paths below the context root that
// "**/pattern" matches, provided the pattern matches nothing at the root;
// only those the file sends (for an exclusion) or leaves out (for an
// exception) count. Docker's matcher decides both.
func nestedMatches(ign *workspace.ParsedDockerIgnore, pattern string, negated bool, tree *workspace.ContextTree) []string {
	atRoot, err1 := patternmatcher.New([]string{pattern})
	anyDepth, err2 := patternmatcher.New([]string{"**/" + pattern})
	if err1 != nil || err2 != nil {
		return nil
	}
	var nested []string
	for _, e := range tree.Entries {
		if !strings.Contains(e.Path, "/") {
			if m, _ := atRoot.MatchesOrParentMatches(e.Path); m {
				return nil
			}
			continue
		}
		if underAny(path.Dir(e.Path), nested) {
			continue
		}
		if m, _ := anyDepth.MatchesOrParentMatches(e.Path); !m {
			continue
		}
		if excluded, _ := ign.Excluded(e.Path); excluded == negated {
			nested = append(nested, e.Path)
		}
	}
	return nested
}
