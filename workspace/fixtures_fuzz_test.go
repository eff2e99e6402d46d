package workspace

import (
	"context"
	"strings"
	"testing"

	"github.com/gowell/gowell/internal/testfs"
)

// fixtureTexts returns the distinct texts of the rule fixtures' files of kind
// k, fix goldens included, so each fuzz corpus starts from the inputs the
// rules are known to meet rather than from hand-copied samples.
func fixtureTexts(f *testing.F, k Kind) [][]byte {
	f.Helper()
	out := testfs.FixtureSections(f, func(name string) bool { return !strings.HasPrefix(name, "host/") && KindOf(name) == k })
	if len(out) == 0 {
		f.Fatalf("the fixtures hold no %s to seed from", k)
	}
	return out
}

// loadOverlays builds a snapshot of root in which files holds the text of
// each path as unsaved editor buffers; nothing is written to disk.
func loadOverlays(t *testing.T, root string, files map[string][]byte) *Snapshot {
	t.Helper()
	overlays := map[string]Overlay{}
	for p, b := range files {
		overlays[p] = Overlay{Version: 1, Text: b}
	}
	s, err := Load(context.Background(), []string{root}, overlays)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkRange fails unless r is an ordered range of positions that exist in
// txt. A position may sit after the "\r" of a CRLF line: Pos counts it.
func checkRange(t *testing.T, what string, txt *Text, r Range) {
	t.Helper()
	for _, p := range []Position{r.Start, r.End} {
		if p.Line < 0 || p.Line >= txt.LineCount() || p.Character < 0 || p.Character > utf16Len(rawLine(txt, p.Line)) {
			t.Fatalf("%s: %v is not a position in the text (%d lines)", what, r, txt.LineCount())
		}
	}
	if r.End.Before(r.Start) {
		t.Fatalf("%s: %v ends before it starts", what, r)
	}
}

// rangeText is the source text r covers.
func rangeText(txt *Text, r Range) string {
	return string(txt.Bytes[txt.Offset(r.Start):txt.Offset(r.End)])
}

// rawLine is line n with its "\r" but without its "\n".
func rawLine(txt *Text, n int) []byte {
	end := len(txt.Bytes)
	if n+1 < len(txt.lines) {
		end = txt.lines[n+1] - 1
	}
	return txt.Bytes[txt.lines[n]:end]
}
