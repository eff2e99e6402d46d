package workspace

import (
	"bytes"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// ignoreLine is one pattern line of a .gitignore, parsed as git parses it
// (gitignore(5), dir.c). Matching a single path component is go-git's
// gitignore.Pattern; the structure around it is done here, because go-git's
// Pattern.Match departs from git in ways the differential test against
// `git check-ignore` shows:
//   - it also matches paths below a matching directory ("bin" matches
//     "bin/keep"), so a "!bin/keep" after "bin" would wrongly re-include a
//     file that git keeps ignored; here each path is matched on its own and
//     GitIgnored walks the directories above it first, as git does;
//   - "**" is matched greedily without backtracking ("a/**/b/c" misses
//     "a/b/x/b/c"), "a/**" also matches "a" itself, and a component holding
//     "**" next to other characters never matches; here "**" is expanded into
//     single-component "*" runs and the rest is matched at a fixed depth;
//   - it trims every trailing space when the last one is escaped or not, and
//     treats a pattern left starting with "!" ("!!x") as a negation.
//
// Deviations that remain, documented rather than guessed: POSIX classes such
// as "[[:digit:]]" are not supported by Go's filepath.Match, so a line using
// one matches nothing here; a line with an empty component ("a//b") matches
// nothing, as in git.
type ignoreLine struct {
	line    int    // 0-based
	text    string // the pattern as git reports it
	rng     Range
	negated bool
	// anchored: the pattern holds a "/" other than a trailing one, so it is
	// matched against the path relative to the .gitignore's directory rather
	// than against the last component alone.
	anchored bool
	dirOnly  bool
	comps    []string          // the anchored pattern's components, normalized for filepath.Match
	stars    bool              // comps holds a "**" component
	fixed    gitignore.Pattern // go-git's parse when there is no "**"
}

var utf8BOM = []byte("\xef\xbb\xbf")

// ignoreLines parses f once; git skips a UTF-8 byte order mark and a "\r"
// before each newline, and so does this.
func ignoreLines(f *File) []ignoreLine {
	return f.Memo("gitignore", func() any {
		var out []ignoreLine
		for n := range f.Text.LineCount() {
			start := f.Text.Offset(Position{Line: n})
			raw := f.Text.Line(n)
			if n == 0 && bytes.HasPrefix(raw, utf8BOM) {
				raw, start = raw[len(utf8BOM):], start+len(utf8BOM)
			}
			if l, ok := parseIgnoreLine(string(raw)); ok {
				l.line = n
				l.rng = f.Text.Span(start, start+len(l.text))
				out = append(out, l)
			}
		}
		return out
	}).([]ignoreLine)
}

func parseIgnoreLine(raw string) (ignoreLine, bool) {
	if raw == "" || raw[0] == '#' {
		return ignoreLine{}, false
	}
	text := trimTrailingSpaces(raw)
	l := ignoreLine{text: text}
	body := text
	if strings.HasPrefix(body, "!") {
		l.negated, body = true, body[1:]
	}
	if strings.HasSuffix(body, "/") {
		l.dirOnly, body = true, body[:len(body)-1]
	}
	if body == "" || hasPOSIXClass(body) {
		return ignoreLine{}, false
	}
	l.anchored = strings.Contains(body, "/")
	comps := strings.Split(strings.TrimPrefix(body, "/"), "/")
	for i, c := range comps {
		if c == "" {
			return ignoreLine{}, false
		}
		if c == "**" && l.anchored {
			l.stars = true
			continue
		}
		comps[i] = normalizeComponent(c)
	}
	l.comps = comps
	if !l.stars {
		l.fixed = goGitPattern(comps, l.dirOnly)
	}
	return l, true
}

// goGitPattern builds go-git's Pattern for components matched one per path
// component. The leading "/" keeps go-git from matching a single component at
// any depth and from reading a literal leading "!" ("!!x") as a negation; a
// trailing "/" makes it check that the path is a directory.
func goGitPattern(comps []string, dirOnly bool) gitignore.Pattern {
	p := "/" + strings.Join(comps, "/")
	if dirOnly {
		p += "/"
	}
	return gitignore.ParsePattern(p, nil)
}

// matches reports whether the line matches the path given by comps, relative
// to the .gitignore's directory: the path itself, not a directory above it.
func (l *ignoreLine) matches(comps []string, isDir bool) bool {
	if l.dirOnly && !isDir {
		return false
	}
	if !l.anchored {
		comps = comps[len(comps)-1:]
	}
	if !l.stars {
		return len(comps) == len(l.comps) && l.fixed.Match(comps, isDir) == gitignore.Exclude
	}
	return l.expand(0, nil, comps, isDir)
}

// expand tries every way of replacing the "**" components from l.comps[i] on
// with runs of "*" (one path component each) that give the path's depth: zero
// or more for a leading or inner "**", one or more for a trailing one, which
// matches what is inside a directory but not the directory itself.
func (l *ignoreLine) expand(i int, done, comps []string, isDir bool) bool {
	if i == len(l.comps) {
		return len(done) == len(comps) && goGitPattern(done, l.dirOnly).Match(comps, isDir) == gitignore.Exclude
	}
	if l.comps[i] != "**" {
		return l.expand(i+1, append(done, l.comps[i]), comps, isDir)
	}
	fixedAfter := 0
	for _, c := range l.comps[i+1:] {
		if c != "**" {
			fixedAfter++
		}
	}
	least := 0
	if i == len(l.comps)-1 {
		least = 1
	}
	for n := least; len(done)+n+fixedAfter <= len(comps); n++ {
		run := slices.Clone(done)
		for range n {
			run = append(run, "*")
		}
		if l.expand(i+1, run, comps, isDir) {
			return true
		}
	}
	return false
}

// trimTrailingSpaces drops trailing spaces unless a backslash quotes them, as
// git does ("x\ " keeps its space; of "x\  " one space stays).
func trimTrailingSpaces(s string) string {
	run := -1 // where the current run of unquoted spaces starts
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			if run < 0 {
				run = i
			}
			continue
		case '\\':
			i++ // the next byte is quoted, a space included
		}
		run = -1
	}
	if run < 0 {
		return s
	}
	return s[:run]
}

// normalizeComponent turns a git glob component into the filepath.Match form
// go-git uses: a run of "*" inside a component is one "*" to git (go-git
// rejects it), and classes are rewritten by normalizeClass.
func normalizeComponent(c string) string {
	var b strings.Builder
	star := false
	for i := 0; i < len(c); i++ {
		ch := c[i]
		switch {
		case ch == '\\' && i+1 < len(c):
			b.WriteString(c[i : i+2])
			i++
		case ch == '[':
			class, n := normalizeClass(c[i:])
			b.WriteString(class)
			i += n - 1
		case ch != '*' || !star:
			b.WriteByte(ch)
		}
		star = ch == '*'
	}
	return b.String()
}

// normalizeClass rewrites the class at the start of s for filepath.Match and
// returns it with the number of bytes it spans. Git negates with "[!…]" as
// well as "[^…]", and takes a "]" first in a class and a "-" first or last
// literally, where Go wants them quoted. An unclosed "[" is left alone: it
// matches nothing in git and is a bad pattern (no match) in Go.
func normalizeClass(s string) (string, int) {
	out := []byte{'['}
	j := 1
	if j < len(s) && (s[j] == '!' || s[j] == '^') {
		out = append(out, '^')
		j++
	}
	for first := true; j < len(s); j, first = j+1, false {
		switch ch := s[j]; {
		case ch == ']' && !first:
			return string(append(out, ']')), j + 1
		case ch == '\\' && j+1 < len(s):
			out = append(out, s[j:j+2]...)
			j++
		case ch == ']', ch == '-' && (first || j+1 < len(s) && s[j+1] == ']'):
			out = append(out, '\\', ch)
		default:
			out = append(out, ch)
		}
	}
	return "[", 1
}

// hasPOSIXClass reports a "[:name:]" class, which filepath.Match lacks.
func hasPOSIXClass(p string) bool {
	i := strings.Index(p, "[:")
	return i >= 0 && strings.Contains(p[i:], ":]")
}
