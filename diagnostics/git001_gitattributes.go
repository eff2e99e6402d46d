package diagnostics

import (
	"errors"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// eolPatterns are the .gitattributes patterns GIT001 asks LF for: what
// breaks on Linux with CRLF, and go.sum beside go.mod.
var eolPatterns = []string{"*.sh", "*.go", "go.mod", "go.sum"}

// plainPattern is a path that reads the same as a .gitattributes pattern:
// no blanks (which end a pattern), quotes or glob characters.
var plainPattern = regexp.MustCompile(`^[A-Za-z0-9._/+-]+$`)

// gitattributesFix appends to dir/.gitattributes (or creates it) the
// "<pattern> text eol=lf" lines it lacks: eolPatterns, and an anchored line
// for each CRLF script that *.sh does not match. git then checks those
// files out with LF whatever core.autocrlf says, and commits them with LF.
// It returns false when nothing is missing or the file cannot be read.
func gitattributesFix(s *Snapshot, dir string, scripts []workspace.CRLFScript) (Fix, bool) {
	path := filepath.Join(dir, ".gitattributes")
	f := s.File(path)
	if f.Err != nil && !errors.Is(f.Err, fs.ErrNotExist) {
		return Fix{}, false
	}
	patterns := slices.Clone(eolPatterns)
	for _, sc := range scripts {
		rel := relTo(dir, sc.Path)
		if filepath.Ext(sc.Path) != ".sh" && workspace.Within(dir, sc.Path) && plainPattern.MatchString(rel) {
			patterns = append(patterns, "/"+rel)
		}
	}
	var missing strings.Builder
	for _, p := range patterns {
		if f.Err != nil || !asksLF(f.Text, p) {
			missing.WriteString(p + " text eol=lf\n")
		}
	}
	if missing.Len() == 0 {
		return Fix{}, false
	}
	const title = "Add eol=lf rules to .gitattributes"
	fix := Create(title, path, missing.String())
	if f.Err == nil {
		fix = Append(title, f, missing.String())
	}
	return fix.Prefer().MarkSafe(), true
}

// asksLF reports whether a line of the .gitattributes text sets eol=lf for
// pattern, or for every path ("*").
func asksLF(t *workspace.Text, pattern string) bool {
	for line := range strings.Lines(string(t.Bytes)) {
		fields := strings.Fields(line)
		if len(fields) > 1 && (fields[0] == pattern || fields[0] == "*") && slices.Contains(fields[1:], "eol=lf") {
			return true
		}
	}
	return false
}
