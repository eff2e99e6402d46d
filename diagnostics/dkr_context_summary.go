package diagnostics

import (
	"path"
	"strings"

	"github.com/moby/patternmatcher"

	"github.com/gowell/gowell/workspace"
)

// contextSummary is what DKR002 and DKR004 need from the listing of a build
// context, taken once per version of its ignore file. The listing itself
// (every path of the context: 100 000 on the generated monorepo, 6.5 MiB)
// is dropped; what is kept depends only on the ignore file and the context,
// while what depends on the Dockerfiles reading them is decided per run.
type contextSummary struct {
	Truncated bool // the listing stopped at workspace.MaxContextEntries
	// Nested is, per git-style line of the ignore file (by index in
	// Patterns), nestedMatches of it, in walk order.
	Nested map[int][]nestedPath
	// Candidates is, per git-style exclusion whose fix gowell may apply,
	// the paths "**/<pattern>" matches (they or a parent): the only ones the
	// fix can newly exclude. Empty when Truncated.
	Candidates map[int][]string
	// Secrets are the entries DKR004 looks at: .git at the root and the
	// .env files (isEnvFile), in walk order.
	Secrets []workspace.ContextEntry
}

// nestedPath is a path nestedMatches found.
type nestedPath struct {
	Path     string
	GoSource bool // a .go file, or a directory holding one directly or below
}

// contextSummaryOf lists the build context dir of the ignore file ign once
// per version of that file: DKR002 and DKR004 both read it, and the rules
// run on every change, while a walk of a large context costs milliseconds
// on ext4 and far more on a Windows drive under WSL. A full rescan (a
// directory came or went, a reload) reads the file, and so the context,
// anew.
func contextSummaryOf(s *Snapshot, ign *workspace.File, dir string) *contextSummary {
	return ign.Memo("dockerContextSummary:"+dir, func() any {
		return summarize(ign, s.ContextTree(dir, ign.DockerIgnore()))
	}).(*contextSummary)
}

func summarize(f *workspace.File, tree *workspace.ContextTree) *contextSummary {
	sum := &contextSummary{Truncated: tree.Truncated, Nested: map[int][]nestedPath{}, Candidates: map[int][]string{}}
	for _, e := range tree.Entries {
		if e.Path == ".git" || !e.Dir && isEnvFile(path.Base(e.Path)) {
			sum.Secrets = append(sum.Secrets, e)
		}
	}
	ign := f.DockerIgnore()
	if ign.Err != nil {
		return sum
	}
	var goDirs map[string]bool // computed when a line first needs it
	for i, p := range ign.Patterns {
		written, negated, ok := unanchoredPattern(f, p)
		if !ok || !negated && !strings.ContainsAny(written, "*?[") && !clutterName(strings.TrimRight(written, "/")) {
			continue
		}
		pattern := strings.TrimPrefix(p.Text, "!")
		nested := nestedMatches(ign, pattern, negated, tree)
		if len(nested) == 0 {
			continue
		}
		if goDirs == nil {
			goDirs = goSourceDirs(tree)
		}
		for _, n := range nested {
			sum.Nested[i] = append(sum.Nested[i], nestedPath{Path: n, GoSource: goDirs[n] || strings.HasSuffix(n, ".go")})
		}
		if !negated && outputOrClutter(written) && !tree.Truncated {
			sum.Candidates[i] = anyDepthMatches(pattern, tree)
		}
	}
	return sum
}

// anyDepthMatches lists the paths of tree that "**/pattern" matches, they
// or a parent directory.
func anyDepthMatches(pattern string, tree *workspace.ContextTree) []string {
	anyDepth, err := patternmatcher.New([]string{"**/" + pattern})
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range tree.Entries {
		if m, _ := anyDepth.MatchesOrParentMatches(e.Path); m {
			out = append(out, e.Path)
		}
	}
	return out
}
