package workspace

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzGitIgnored asks GitIgnored about a path under a repository with a
// fuzzed .gitignore at its root and another in sub/. The deciding line must
// be a pattern line of one of them, above the path, with its range on that
// line; the answer must not change when git would read the files the same
// way (a byte order mark, CRLF line ends, a comment shifting the lines); and
// with the deciding line removed, its Prev must decide.
func FuzzGitIgnored(f *testing.F) {
	texts := fixtureTexts(f, GitIgnore)
	paths := []string{"go.sum", "sub/go.mod", "bin/app", "sub/vendor/x/y", "sub"}
	for i, b := range texts {
		f.Add(b, texts[(i+1)%len(texts)], paths[i%len(paths)], i%3 == 0)
	}
	f.Add([]byte("*\n!*/\n!go.sum\n"), []byte("/bin\n!bin/keep\n"), "sub/bin/keep", false)
	f.Add([]byte("x\n!x\n"), []byte("!x/\n"), "x/x", true)
	root := f.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		f.Fatal(err)
	}
	topPath, subPath := filepath.Join(root, ".gitignore"), filepath.Join(root, "sub", ".gitignore")
	f.Fuzz(func(t *testing.T, top, sub []byte, path string, isDir bool) {
		rel := filepath.Clean(filepath.FromSlash(path))
		if filepath.IsAbs(rel) || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return
		}
		full := filepath.Join(root, rel)
		ask := func(top, sub []byte, path string, isDir bool) *IgnoreMatch {
			return loadOverlays(t, root, map[string][]byte{topPath: top, subPath: sub}).GitIgnored(path, isDir)
		}
		m := ask(top, sub, full, isDir)
		if !bytes.HasPrefix(top, utf8BOM) {
			sameMatch(t, "with a byte order mark", m, ask(append(bytes.Clone(utf8BOM), top...), sub, full, isDir), "")
			sameMatch(t, "after a comment line", m, ask(append([]byte("# c\n"), top...), sub, full, isDir), topPath)
		}
		if !bytes.ContainsRune(top, '\r') && !bytes.ContainsRune(sub, '\r') {
			crlf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
			sameMatch(t, "with CRLF line ends", m, ask(crlf(top), crlf(sub), full, isDir), "")
		}
		if m == nil {
			return
		}
		checkIgnoreMatch(t, m, root, full)
		if m.Prev != nil {
			checkIgnoreMatch(t, m.Prev, root, m.Path)
			if m.Prev.Path != m.Path || m.Prev.File == m.File && m.Prev.Line == m.Line {
				t.Fatalf("Prev %+v of %+v", m.Prev, m)
			}
		}

		// Without the deciding line, the line it shadowed decides.
		without := map[string][]byte{topPath: top, subPath: sub}
		txt := m.File.Text
		start := txt.lines[m.Line]
		without[m.File.Path] = append(bytes.Clone(txt.Bytes[:start]), txt.Bytes[start+len(rawLine(txt, m.Line)):]...)
		again := ask(without[topPath], without[subPath], m.Path, isDir || m.Path != full)
		switch {
		case again == nil && m.Prev != nil:
			t.Fatalf("without line %d nothing matches %s, but Prev is %+v", m.Line, m.Path, m.Prev)
		case again != nil && again.Path == m.Path && (m.Prev == nil || again.File.Path != m.Prev.File.Path || again.Line != m.Prev.Line):
			t.Fatalf("without line %d, %s:%d decides %s, but Prev is %+v", m.Line, again.File.Path, again.Line, m.Path, m.Prev)
		}
	})
}

// checkIgnoreMatch: m is a pattern line of a .gitignore above m.Path, and
// m.Path is path or a directory above it that git excludes.
func checkIgnoreMatch(t *testing.T, m *IgnoreMatch, root, path string) {
	t.Helper()
	txt := m.File.Text
	if m.Line < 0 || m.Line >= txt.LineCount() {
		t.Fatalf("%+v: line %d is not in %s", m, m.Line, m.File.Path)
	}
	checkRange(t, "IgnoreMatch.Range", txt, m.Range)
	if m.Range.Start.Line != m.Line || m.Range.End.Line != m.Line || rangeText(txt, m.Range) != m.Pattern {
		t.Fatalf("%+v: range %v holds %q", m, m.Range, rangeText(txt, m.Range))
	}
	if m.Negated != strings.HasPrefix(m.Pattern, "!") {
		t.Fatalf("%+v: Negated does not follow the pattern", m)
	}
	if !Within(root, m.Path) || m.Path == root || !Within(m.Path, path) || m.Path != path && m.Negated {
		t.Fatalf("%+v: Path is not %s or an excluded directory above it", m, path)
	}
	if dir := m.File.Dir(); !Within(dir, m.Path) || dir == m.Path {
		t.Fatalf("%+v: %s does not apply to %s", m, m.File.Path, m.Path)
	}
}

// sameMatch fails unless got decides as want does; a match in the file
// shifted must be one line further down.
func sameMatch(t *testing.T, how string, want, got *IgnoreMatch, shifted string) {
	t.Helper()
	switch {
	case want == nil && got == nil:
		return
	case want == nil:
		t.Fatalf("%s %s:%d %q decides %s; without, nothing matches", how, got.File.Path, got.Line, got.Pattern, got.Path)
	case got == nil:
		t.Fatalf("%s nothing matches; without, %s:%d %q decides %s", how, want.File.Path, want.Line, want.Pattern, want.Path)
	}
	line := want.Line
	if want.File.Path == shifted {
		line++
	}
	if got.File.Path != want.File.Path || got.Line != line || got.Pattern != want.Pattern || got.Negated != want.Negated || got.Path != want.Path {
		t.Fatalf("%s %s:%d %q decides %s; without, %s:%d %q decides %s", how,
			got.File.Path, got.Line, got.Pattern, got.Path, want.File.Path, want.Line, want.Pattern, want.Path)
	}
}
