package workspace

import (
	"bytes"
	"testing"
)

// FuzzTextEdits applies edits built from byte offsets to any text: one edit
// replaces exactly the bytes its range maps back to, two disjoint edits give
// the same text in either order, LineSpan stays on its line, and deleting a
// WholeLine removes that line and nothing else.
func FuzzTextEdits(f *testing.F) {
	f.Add([]byte("go 1.22\r\nuse ./é😀x\n"), 3, 7, 12, 20, "1.24", "")
	f.Add([]byte("a\r\n\r\n\xff\n"), 0, 2, 3, 9, "\n", "x\r")
	f.Add([]byte(""), 0, 0, 0, 0, "x", "y")
	f.Fuzz(func(t *testing.T, b []byte, i, j, k, l int, s1, s2 string) {
		txt := NewText(b)
		clamp := func(n int) int { return max(0, min(n, len(b))) }
		i, j, k, l = clamp(i), clamp(j), clamp(k), clamp(l)
		i, j = min(i, j), max(i, j)
		k, l = min(k, l), max(k, l)

		r1 := txt.Span(i, j)
		checkRange(t, "Span", txt, r1)
		one, err := txt.Apply([]TextEdit{{Range: r1, NewText: s1}})
		if err != nil {
			t.Fatal(err)
		}
		a, z := txt.Offset(r1.Start), txt.Offset(r1.End)
		if want := string(b[:a]) + s1 + string(b[z:]); string(one) != want {
			t.Fatalf("replacing %v (bytes %d-%d) with %q gave %q, want %q", r1, a, z, s1, one, want)
		}

		// Disjoint edits, unless both insert at one place: the LSP leaves
		// their order to the array then.
		r2 := txt.Span(k, l)
		if c, e := txt.Offset(r2.Start), txt.Offset(r2.End); j < k && (a < z || z < c) {
			want := string(b[:a]) + s1 + string(b[z:c]) + s2 + string(b[e:])
			for _, edits := range [][]TextEdit{{{r1, s1}, {r2, s2}}, {{r2, s2}, {r1, s1}}} {
				got, err := txt.Apply(edits)
				if err != nil || string(got) != want {
					t.Fatalf("Apply(%v) = %q, %v; want %q", edits, got, err, want)
				}
			}
		}

		for n := range min(txt.LineCount(), 64) {
			if r := txt.LineSpan(n); r.Start.Line != n || r.End.Line != n {
				t.Fatalf("LineSpan(%d) = %v", n, r)
			}
			out, err := txt.Apply([]TextEdit{{Range: txt.WholeLine(n)}})
			if err != nil {
				t.Fatal(err)
			}
			want := append(bytes.Clone(b[:txt.lines[n]]), b[min(len(b), txt.lines[n]+len(rawLine(txt, n))+1):]...)
			if !bytes.Equal(out, want) {
				t.Fatalf("deleting line %d of %q gave %q, want %q", n, b, out, want)
			}
		}
	})
}
