package diagnostics

import (
	_ "embed"
	"path"
	"strings"
)

// gitignoreTemplate is gowell's recommended .gitignore for a Go project: the
// github/gitignore Go template with !coverage.go, /bin/ and /dist/ added, each
// line checked with git check-ignore (RULES-FACTS D.1). It is embedded so the
// binary needs no file beside it.
//
//go:embed templates/gitignore.go-project
var gitignoreTemplate string

// ignoreEntry is one pattern of the template and the path that shows whether
// a .gitignore already covers it.
type ignoreEntry struct {
	pattern string
	probe   string // slash-separated, relative to the repository root; "*" read as "x"
	dir     bool   // the pattern names a directory ("/bin/"): probed with a file inside
}

// templateLine is a line of the template with the entry it belongs to: a
// pattern's own, the entry a "!" line re-includes from, or -1 for a comment
// or blank line that belongs to no single entry.
type templateLine struct {
	text  string
	entry int
}

// templateGroup is a paragraph of the template: its comment, then its lines.
type templateGroup struct {
	comment []string
	lines   []templateLine
}

var ignoreEntries, ignoreGroups = parseGitignoreTemplate(gitignoreTemplate)

// parseGitignoreTemplate splits the template into paragraphs and entries. A
// "!" line belongs to the entry it carves an exception from ("!coverage.go"
// to "coverage.*"), as do the "!" lines and the comment around it, so they
// are only ever added together with that entry.
func parseGitignoreTemplate(t string) ([]ignoreEntry, []templateGroup) {
	var entries []ignoreEntry
	var groups []templateGroup
	for _, para := range strings.Split(strings.TrimSpace(t), "\n\n") {
		var g templateGroup
		var pending []string // comments waiting for the line they explain
		for line := range strings.Lines(para) {
			line = strings.TrimSuffix(line, "\n")
			switch {
			case strings.HasPrefix(line, "#") && len(g.lines) == 0:
				g.comment = append(g.comment, line)
			case strings.HasPrefix(line, "#"):
				pending = append(pending, line)
			case strings.HasPrefix(line, "!"):
				owner := -1
				for i, e := range entries {
					if ok, _ := path.Match(e.pattern, line[1:]); ok {
						owner = i
					}
				}
				if n := len(g.lines); owner < 0 && n > 0 && strings.HasPrefix(g.lines[n-1].text, "!") {
					owner = g.lines[n-1].entry // "!coverage_test.go" goes with "!coverage.go"
				}
				for _, c := range pending {
					g.lines = append(g.lines, templateLine{c, owner})
				}
				pending = nil
				g.lines = append(g.lines, templateLine{line, owner})
			default:
				dir := strings.HasSuffix(line, "/")
				probe := strings.ReplaceAll(strings.Trim(line, "/"), "*", "x")
				if dir {
					probe += "/x"
				}
				entries = append(entries, ignoreEntry{pattern: line, probe: probe, dir: dir})
				g.lines = append(g.lines, templateLine{line, len(entries) - 1})
			}
		}
		if len(g.lines) == 0 { // comments only ("# vendor/"): kept in a new file
			g.comment = append(g.comment, pending...)
		}
		groups = append(groups, g)
	}
	return entries, groups
}

// gitignoreBlock renders the template lines of the entries in want. With
// whole, it is the content of a new .gitignore: every comment of the template
// is kept. Otherwise it is a block to add to an existing file: a header, then
// each paragraph with something wanted, under its last comment line.
func gitignoreBlock(want map[int]bool, whole bool) string {
	var paras []string
	for _, g := range ignoreGroups {
		var body []string
		for _, l := range g.lines {
			if l.entry >= 0 && want[l.entry] || l.entry < 0 && whole {
				body = append(body, l.text)
			}
		}
		comment := g.comment
		switch {
		case len(body) == 0 && (!whole || len(g.lines) > 0):
			continue
		case !whole && len(comment) > 0:
			comment = comment[len(comment)-1:]
		}
		paras = append(paras, strings.Join(append(comment, body...), "\n")+"\n")
	}
	block := strings.Join(paras, "\n")
	if !whole {
		block = "# Added by gowell (IGN001): Go build outputs and local files\n" + block
	}
	return block
}
