package workspace

import (
	"bytes"
	"path/filepath"
	"sync"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// ParsedDockerIgnore is a .dockerignore read with the code Docker runs:
// ignorefile.ReadAll for the lines, patternmatcher for the matching.
type ParsedDockerIgnore struct {
	Patterns []IgnorePattern // in file order
	// Err is set when Docker cannot use the file (a malformed pattern such as
	// "[", or a lone "!"); `docker build` then fails before sending anything.
	Err *ParseError

	mu     sync.Mutex // patternmatcher compiles lazily and is not safe for concurrent use
	all    *patternmatcher.PatternMatcher
	single []*patternmatcher.PatternMatcher // each pattern alone, without its "!"
}

// IgnorePattern is one pattern and the line it came from.
type IgnorePattern struct {
	Text string // as ReadAll returns it: cleaned, leading "/" dropped, "!" kept
	Line int    // 0-based
}

// DockerIgnore parses f as a .dockerignore, once.
func (f *File) DockerIgnore() *ParsedDockerIgnore {
	return f.Memo("dockerignore", func() any {
		if f.Err != nil {
			return &ParsedDockerIgnore{Err: &ParseError{Msg: f.Err.Error()}}
		}
		return ParseDockerIgnore(f.Text.Bytes)
	}).(*ParsedDockerIgnore)
}

// ParseDockerIgnore reads the patterns of a .dockerignore. ReadAll drops the
// line numbers, so it is fed one line at a time: it treats every line alone
// (comment test, trimming, filepath.Clean, "/" and "!" handling) except that
// it strips a UTF-8 byte order mark from its first line only, so every line
// after the first goes in behind an empty line, leaving a BOM there as Docker
// would.
func ParseDockerIgnore(b []byte) *ParsedDockerIgnore {
	d := &ParsedDockerIgnore{}
	for n, line := range bytes.SplitAfter(b, []byte("\n")) {
		in := line
		if n > 0 {
			in = append([]byte("\n"), line...)
		}
		pats, err := ignorefile.ReadAll(bytes.NewReader(in))
		if err != nil {
			d.Err = &ParseError{Line: n, Msg: err.Error()}
			return d
		}
		for _, p := range pats {
			d.Patterns = append(d.Patterns, IgnorePattern{Text: p, Line: n})
		}
	}
	texts := make([]string, len(d.Patterns))
	for i, p := range d.Patterns {
		texts[i] = p.Text
		// New cleans again, so "!/" is the lone "!" it refuses: check the
		// pattern as Docker reads it, so the error lands on its line.
		_, err := patternmatcher.New([]string{p.Text})
		var one *patternmatcher.PatternMatcher
		if err == nil {
			one, err = patternmatcher.New([]string{trimBang(p.Text)})
		}
		if err == nil {
			_, err = one.MatchesOrParentMatches("x") // compile now, so a bad pattern shows here
		}
		if err != nil {
			d.Err = &ParseError{Line: p.Line, Msg: err.Error()}
			return d
		}
		d.single = append(d.single, one)
	}
	all, err := patternmatcher.New(texts)
	if err != nil {
		d.Err = &ParseError{Msg: err.Error()}
		return d
	}
	d.all = all
	return d
}

// trimBang turns an exception into the pattern it matches with, to be used
// as an inclusion. "!!x" excepts a file named "!x": its second "!" is escaped
// so that New does not read another exception (patternmatcher takes a
// backslash as an escape except on Windows, where gowell does not run).
func trimBang(p string) string {
	if len(p) > 1 && p[0] == '!' {
		if p[1] == '!' {
			return `\` + p[1:]
		}
		return p[1:]
	}
	return p
}

// HasExceptions reports whether a "!" pattern can bring back a path below an
// excluded directory, so that excluding a directory does not settle what is
// below it.
func (d *ParsedDockerIgnore) HasExceptions() bool {
	for _, p := range d.Patterns {
		if p.Text[0] == '!' {
			return true
		}
	}
	return false
}

// Excluded reports whether Docker leaves the context path rel (slash
// separated, relative to the context root) out of the build context, and the
// 0-based line of the pattern that decided: the last matching exclusion, or
// the "!" exception that brought it back; -1 when no pattern matched. A path
// is excluded when it or a parent directory matches, as in
// patternmatcher.MatchesOrParentMatches.
func (d *ParsedDockerIgnore) Excluded(rel string) (excluded bool, line int) {
	if d.Err != nil || d.all == nil {
		return false, -1
	}
	rel = filepath.Clean(filepath.FromSlash(rel))
	if rel == "." {
		return false, -1 // Docker never excludes the context itself
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	excluded, _ = d.all.MatchesOrParentMatches(rel)
	// The deciding line: replay MatchesOrParentMatches's loop, which only
	// looks at a pattern that can flip the current answer.
	matched, line := false, -1
	for i, p := range d.Patterns {
		exclusion := p.Text[0] == '!'
		if exclusion != matched {
			continue
		}
		if ok, _ := d.single[i].MatchesOrParentMatches(rel); ok {
			matched, line = !exclusion, p.Line
		}
	}
	return excluded, line
}

// excludedBelow reports whether a walk from the context root leaves rel out:
// the answer of Excluded, given parent, what the call for rel's directory
// returned (the zero MatchInfo for the root's entries), so that each path
// is matched once rather than with all its parents again.
func (d *ParsedDockerIgnore) excludedBelow(rel string, parent patternmatcher.MatchInfo) (bool, patternmatcher.MatchInfo) {
	if d.Err != nil || d.all == nil {
		return false, patternmatcher.MatchInfo{}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	excluded, info, err := d.all.MatchesUsingParentResults(rel, parent)
	if err != nil {
		// A pattern that does not compile matches nothing, as in Excluded.
		return false, patternmatcher.MatchInfo{}
	}
	return excluded, info
}

// DockerIgnoreFor returns the ignore file Docker applies to a build of
// dockerfile with the given context directory: <Dockerfile>.dockerignore next
// to the Dockerfile takes precedence over the context root's .dockerignore.
// It returns nil when neither exists.
func (s *Snapshot) DockerIgnoreFor(dockerfile *File, context string) *File {
	for _, p := range DockerIgnorePaths(dockerfile, context) {
		if s.Exists(p) {
			return s.File(p)
		}
	}
	return nil
}

// DockerIgnorePaths are the places Docker looks for the ignore file of a
// build of dockerfile, in order of precedence.
func DockerIgnorePaths(dockerfile *File, context string) []string {
	return []string{dockerfile.Path + ".dockerignore", filepath.Join(context, ".dockerignore")}
}
