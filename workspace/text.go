package workspace

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// Position is a place in a text in LSP terms: a 0-based line and a 0-based
// column counted in UTF-16 code units. Editors, the JSON and SARIF reports and
// the fixtures all use it, so no other unit leaks out of this package.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is a half-open span [Start, End).
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

// Before reports whether p comes before q.
func (p Position) Before(q Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Character < q.Character
}

// Contains reports whether p lies in r, counting both ends (a cursor at the end
// of a token still asks about that token).
func (r Range) Contains(p Position) bool {
	return !p.Before(r.Start) && !r.End.Before(p)
}

// Overlaps reports whether r and o share a position.
func (r Range) Overlaps(o Range) bool {
	return !r.End.Before(o.Start) && !o.End.Before(r.Start)
}

func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line+1, p.Character+1) }

// TextEdit replaces Range with NewText.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// Text is file content with a line index, for converting between byte offsets
// and Positions.
type Text struct {
	Bytes []byte
	lines []int // byte offset of the start of each line
}

// NewText indexes b. It keeps b; the caller must not change it afterwards.
func NewText(b []byte) *Text {
	lines := []int{0}
	for i, c := range b {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &Text{Bytes: b, lines: lines}
}

// LineCount is the number of lines; a trailing newline starts an empty last line.
func (t *Text) LineCount() int { return len(t.lines) }

// Line returns line n (0-based) without its line ending.
func (t *Text) Line(n int) []byte {
	if n < 0 || n >= len(t.lines) {
		return nil
	}
	end := len(t.Bytes)
	if n+1 < len(t.lines) {
		end = t.lines[n+1] - 1
	}
	return bytes.TrimSuffix(t.Bytes[t.lines[n]:end], []byte("\r"))
}

// Pos converts a byte offset to a Position. Offsets past the end clamp to the
// end; an offset inside a multi-byte rune names the rune's start, so that a
// later offset never gets an earlier position.
func (t *Text) Pos(off int) Position {
	off = max(0, min(off, len(t.Bytes)))
	line := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	start, end := t.lines[line], off
	for s := off - 1; s >= start && s > off-utf8.UTFMax; s-- {
		if utf8.RuneStart(t.Bytes[s]) {
			if _, size := utf8.DecodeRune(t.Bytes[s:]); s+size > off {
				end = s
			}
			break
		}
	}
	return Position{Line: line, Character: utf16Len(t.Bytes[start:end])}
}

// Offset converts a Position to a byte offset. A character past the end of its
// line clamps to the line end; a line past the end clamps to the end of text.
func (t *Text) Offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(t.lines) {
		return len(t.Bytes)
	}
	start := t.lines[p.Line]
	line := t.Line(p.Line)
	if p.Line == len(t.lines)-1 {
		// No line ending follows the last line, so a "\r" ending it is text,
		// which Pos counts: End and WholeLine must reach past it.
		line = t.Bytes[start:]
	}
	n := 0
	for i, r := range string(line) {
		if n >= p.Character {
			return start + i
		}
		n += utf16.RuneLen(r)
	}
	return start + len(line)
}

// Span converts the byte offsets [start, end) to a Range.
func (t *Text) Span(start, end int) Range { return Range{t.Pos(start), t.Pos(end)} }

// LineSpan is the range of line n from its first non-blank character to its end,
// the range a diagnostic about "this line" should underline.
func (t *Text) LineSpan(n int) Range {
	if n >= len(t.lines) {
		n = len(t.lines) - 1
	}
	line := t.Line(n)
	indent := len(line) - len(bytes.TrimLeft(line, " \t"))
	return t.Span(t.lines[n]+indent, t.lines[n]+len(line))
}

// WholeLine is the range covering line n including its newline, the range an
// edit that deletes the line replaces.
func (t *Text) WholeLine(n int) Range {
	start := t.lines[n]
	end := len(t.Bytes)
	if n+1 < len(t.lines) {
		end = t.lines[n+1]
	}
	return t.Span(start, end)
}

// End is the position after the last byte.
func (t *Text) End() Position { return t.Pos(len(t.Bytes)) }

// Apply returns the text with edits applied. Edits must not overlap; they may
// come in any order.
func (t *Text) Apply(edits []TextEdit) ([]byte, error) {
	type span struct {
		start, end int
		text       string
	}
	spans := make([]span, len(edits))
	for i, e := range edits {
		s, en := t.Offset(e.Range.Start), t.Offset(e.Range.End)
		if en < s {
			return nil, fmt.Errorf("edit %d: end %v before start %v", i, e.Range.End, e.Range.Start)
		}
		spans[i] = span{s, en, e.NewText}
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var out bytes.Buffer
	last := 0
	for i, s := range spans {
		if s.start < last {
			return nil, fmt.Errorf("edits %d and %d overlap", i-1, i)
		}
		out.Write(t.Bytes[last:s.start])
		out.WriteString(s.text)
		last = s.end
	}
	out.Write(t.Bytes[last:])
	return out.Bytes(), nil
}

// utf16Len counts UTF-16 code units. An invalid byte decodes as U+FFFD, one
// unit, which is how editors show it.
func utf16Len(b []byte) int {
	n := 0
	for _, r := range string(b) {
		n += utf16.RuneLen(r)
	}
	return n
}
