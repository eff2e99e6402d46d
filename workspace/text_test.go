package workspace

import (
	"bytes"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func TestPositions(t *testing.T) {
	// "é" is 2 bytes, 1 UTF-16 unit; "😀" is 4 bytes, 2 units.
	txt := NewText([]byte("go 1.22\r\nuse ./é😀x\n"))
	for _, c := range []struct {
		off  int
		want Position
	}{
		{0, Position{0, 0}},
		{3, Position{0, 3}},
		{9, Position{1, 0}},
		{15, Position{1, 6}},  // after "use ./"
		{17, Position{1, 7}},  // after "é"
		{21, Position{1, 9}},  // after "😀"
		{22, Position{1, 10}}, // after "x"
		{23, Position{2, 0}},  // the empty last line
		{999, Position{2, 0}}, // clamped
	} {
		if got := txt.Pos(c.off); got != c.want {
			t.Errorf("Pos(%d) = %v, want %v", c.off, got, c.want)
		}
	}
	if got := txt.Offset(Position{1, 9}); got != 21 {
		t.Errorf("Offset(1:9) = %d, want 21", got)
	}
	if got := string(txt.Line(0)); got != "go 1.22" {
		t.Errorf("Line(0) = %q: a CRLF line must not keep its \\r", got)
	}
	if got := txt.LineSpan(1); got != (Range{Position{1, 0}, Position{1, 10}}) {
		t.Errorf("LineSpan(1) = %v", got)
	}
}

func TestApply(t *testing.T) {
	txt := NewText([]byte("go 1.22\n\nuse ./a\n"))
	got, err := txt.Apply([]TextEdit{
		{Range: txt.WholeLine(2), NewText: ""},
		{Range: Range{Position{0, 3}, Position{0, 7}}, NewText: "1.24"},
	})
	if err != nil || string(got) != "go 1.24\n\n" {
		t.Fatalf("Apply = %q, %v", got, err)
	}
	if _, err := txt.Apply([]TextEdit{
		{Range: Range{Position{0, 0}, Position{0, 5}}},
		{Range: Range{Position{0, 3}, Position{0, 7}}},
	}); err == nil {
		t.Error("overlapping edits were applied")
	}
}

// FuzzPositions checks that byte offsets and UTF-16 positions round-trip on
// any input, valid UTF-8 or not, and that nothing panics.
func FuzzPositions(f *testing.F) {
	f.Add([]byte("go 1.22\r\nuse ./é😀x\n"), 5)
	f.Add([]byte("\xff\xfe\n\x00"), 1)
	f.Add([]byte(""), 0)
	f.Fuzz(func(t *testing.T, b []byte, off int) {
		txt := NewText(b)
		p := txt.Pos(off)
		back := txt.Offset(p)
		exact := utf8.Valid(b) && !bytes.ContainsRune(b, '\r')
		if off >= 0 && off <= len(b) && (off == len(b) || utf8.RuneStart(b[off])) {
			// A position names a rune boundary; a CR of a CRLF is not part of the line.
			if back > off || exact && back != off {
				t.Fatalf("Offset(Pos(%d)) = %d", off, back)
			}
		}
		if p.Line >= txt.LineCount() || p.Character > len(utf16.Encode([]rune(string(txt.Line(p.Line)))))+1 {
			t.Fatalf("Pos(%d) = %v out of range", off, p)
		}
		if _, err := txt.Apply([]TextEdit{{Range: Range{p, txt.End()}, NewText: "x"}}); err != nil {
			t.Fatal(err)
		}
	})
}
