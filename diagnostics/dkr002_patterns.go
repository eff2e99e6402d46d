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
// paths it would match in git exist in the context.
type gitStylePattern struct {
	Pattern workspace.IgnorePattern
	Written string // the pattern as written, without "!" and blanks
	Negated bool
	// Nested are the topmost context paths below the root that
	// "**/<pattern>" matches and that the file leaves as they are: still sent
	// for an exclusion, still left out for an exception. In walk order.
	Nested []string
}

// gitStylePatterns finds the git-style lines of the ignore file f, whose
// build context (f's directory) holds tree.
func gitStylePatterns(f *workspace.File, tree *workspace.ContextTree) []gitStylePattern {
	ign := f.DockerIgnore()
	if ign.Err != nil {
		return nil
	}
	var out []gitStylePattern
	for _, p := range ign.Patterns {
		written, negated, ok := unanchoredPattern(f, p)
		if !ok {
			continue
		}
		g := gitStylePattern{Pattern: p, Written: written, Negated: negated}
		if g.Nested = nestedMatches(ign, strings.TrimPrefix(p.Text, "!"), negated, tree); g.Nested != nil {
			out = append(out, g)
		}
	}
	return out
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
