package workspace

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
)

// FuzzGoMod parses any text as a go.mod: a parse error names a line of the
// file, and every syntax line and token of a parsed one maps to a range
// inside the text that holds that token.
func FuzzGoMod(f *testing.F) {
	for _, b := range fixtureTexts(f, GoMod) {
		f.Add(b)
	}
	root := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(root, "go.mod")
		file := loadOverlays(t, root, map[string][]byte{path: b}).File(path)
		m := file.Mod()
		if file.Mod() != m {
			t.Fatal("Mod parsed the file twice")
		}
		if m.File == nil {
			checkParseError(t, file, m.Err)
			if v := file.GoVersion(); v != "" {
				t.Fatalf("GoVersion of an unparsed go.mod = %q", v)
			}
			return
		}
		checkSyntax(t, file, m.File.Syntax)
		if m.File.Go != nil && file.GoVersion() != m.File.Go.Version || m.File.Go == nil && file.GoVersion() != DefaultGoModVersion {
			t.Fatalf("GoVersion = %q for go line %+v", file.GoVersion(), m.File.Go)
		}
	})
}

// FuzzGoWork parses any text as a go.work beside a module a/go.mod: besides
// the ranges, every use line resolves to a clean absolute directory whose
// go.mod is read through the snapshot, overlays included.
func FuzzGoWork(f *testing.F) {
	for _, b := range fixtureTexts(f, GoWork) {
		f.Add(b)
	}
	f.Add([]byte("go 1.24\n\nuse (\n\t./a\n\t.\n\t\"./a\"\n\t../../x\n\t/abs/path\n)\n"))
	root := f.TempDir()
	modA := []byte("module example.com/a\n")
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(root, "go.work")
		dirA := filepath.Join(root, "a")
		s := loadOverlays(t, root, map[string][]byte{path: b, filepath.Join(dirA, "go.mod"): modA})
		file := s.File(path)
		w := file.Work()
		uses := s.WorkUses(file)
		if w.File == nil {
			checkParseError(t, file, w.Err)
			if uses != nil || file.GoVersion() != "" {
				t.Fatalf("an unparsed go.work has uses %v and go version %q", uses, file.GoVersion())
			}
			return
		}
		checkSyntax(t, file, w.File.Syntax)
		if w.File.Go == nil && file.GoVersion() != DefaultGoWorkVersion {
			t.Fatalf("GoVersion without a go line = %q", file.GoVersion())
		}
		if len(uses) != len(w.File.Use) {
			t.Fatalf("%d uses for %d use lines", len(uses), len(w.File.Use))
		}
		for i, u := range uses {
			if u.Use != w.File.Use[i] || !filepath.IsAbs(u.Dir) || filepath.Clean(u.Dir) != u.Dir {
				t.Fatalf("use %d (%q) resolved to %q", i, w.File.Use[i].Path, u.Dir)
			}
			if want := filepath.Join(u.Dir, "go.mod"); u.GoMod == nil || u.GoMod.Path != want {
				t.Fatalf("use %q: GoMod is not %s", u.Use.Path, want)
			}
			if u.Dir == dirA && (u.GoMod.Err != nil || !bytes.Equal(u.GoMod.Text.Bytes, modA)) {
				t.Fatalf("use %q: the overlay a/go.mod was not read: %v", u.Use.Path, u.GoMod.Err)
			}
		}
	})
}

func checkParseError(t *testing.T, f *File, e *ParseError) {
	t.Helper()
	if e == nil {
		t.Fatal("the file did not parse, but there is no error")
	}
	if e.Line < 0 || e.Line >= f.Text.LineCount() || e.Msg == "" {
		t.Fatalf("parse error %+v is not on a line of the %d-line file", e, f.Text.LineCount())
	}
}

// checkSyntax checks LineRange and TokenRange for every line of a parsed file.
func checkSyntax(t *testing.T, f *File, syntax *modfile.FileSyntax) {
	t.Helper()
	for _, stmt := range syntax.Stmt {
		switch x := stmt.(type) {
		case *modfile.Line:
			checkLine(t, f, x)
		case *modfile.LineBlock:
			for _, l := range x.Line {
				checkLine(t, f, l)
			}
		}
	}
}

// checkLine: a token's range is the token as written, or, when the token
// is not found as written, the line's range. On a line without quotes every
// token is written as is, so each must be found exactly where it stands.
func checkLine(t *testing.T, f *File, l *modfile.Line) {
	t.Helper()
	lr := f.LineRange(l)
	checkRange(t, "LineRange", f.Text, lr)
	src := string(f.Text.Bytes[l.Start.Byte:l.End.Byte])
	fields := fieldOffsets(src)
	exact := !strings.ContainsAny(src, "\"`") && len(fields) == len(l.Token)
	for i := 0; exact && i < len(fields); i++ {
		exact = strings.HasPrefix(src[fields[i]:], l.Token[i])
	}
	for i, tok := range l.Token {
		r := f.TokenRange(l, i)
		checkRange(t, "TokenRange", f.Text, r)
		if r.Start.Before(lr.Start) || lr.End.Before(r.End) {
			t.Fatalf("token %d %q of %q: %v is outside the line's %v", i, tok, src, r, lr)
		}
		if got := rangeText(f.Text, r); r != lr && got != tok {
			t.Fatalf("token %d %q of %q: range %v holds %q", i, tok, src, r, got)
		}
		if exact {
			start := l.Start.Byte + fields[i]
			if want := f.Text.Span(start, start+len(tok)); r != want {
				t.Fatalf("token %d %q of %q: range %v, want %v", i, tok, src, r, want)
			}
		}
	}
	if r := f.TokenRange(l, len(l.Token)); r != lr {
		t.Fatalf("a token past the end of %q: %v, want the line %v", src, r, lr)
	}
}

// fieldOffsets is where each blank-separated field of s starts, with the
// blanks the modfile scanner skips.
func fieldOffsets(s string) []int {
	var offs []int
	blank := func(c byte) bool { return slices.Contains([]byte(" \t\r"), c) }
	for i := 0; i < len(s); i++ {
		if !blank(s[i]) && (i == 0 || blank(s[i-1])) {
			offs = append(offs, i)
		}
	}
	return offs
}
