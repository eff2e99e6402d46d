package workspace

import (
	"bytes"
	"encoding/json"
	"unicode"
)

// Words finds words of ins in its source text, in order, each as a whole
// whitespace-separated word of the instruction's own lines (not the comment
// lines inside a continued instruction, not heredoc bodies), and returns the
// byte offset where each starts. ok is false when one is not found as written:
// BuildKit unquoted it, or a line continuation splits it.
func (d *ParsedDockerfile) Words(ins *Instruction, words ...string) (offs []int, ok bool) {
	src := d.sourceWords(ins)
	i := 0
	for _, w := range words {
		for i < len(src) && src[i].text != w {
			i++
		}
		if i == len(src) {
			return nil, false
		}
		offs = append(offs, src[i].off)
		i++
	}
	return offs, true
}

// WordRange is the range of the first source word of ins equal to word; in
// the JSON form, whose arguments come unquoted, the inside of the first string
// literal that spells word; else the instruction's first line.
func (d *ParsedDockerfile) WordRange(ins *Instruction, word string) Range {
	if offs, ok := d.Words(ins, word); ok {
		return d.text.Span(offs[0], offs[0]+len(word))
	}
	if ins.Node.Attributes["json"] {
		if r, ok := d.jsonStringRange(ins, word); ok {
			return r
		}
	}
	return d.text.LineSpan(ins.Start)
}

// jsonStringRange finds word as a JSON string literal in the lines of ins.
func (d *ParsedDockerfile) jsonStringRange(ins *Instruction, word string) (Range, bool) {
	lit, err := json.Marshal(word)
	if err != nil {
		return Range{}, false
	}
	start := d.text.Offset(Position{Line: ins.Start})
	end := d.text.Offset(Position{Line: ins.End + 1})
	at := bytes.Index(d.text.Bytes[start:end], lit)
	if at < 0 {
		return Range{}, false
	}
	return d.text.Span(start+at+1, start+at+len(lit)-1), true
}

type sourceWord struct {
	text string
	off  int
}

// sourceWords splits the lines BuildKit joined into ins: the first line, then
// each line after one that ends in the escape character, skipping the comment
// and blank lines the parser skips there.
func (d *ParsedDockerfile) sourceWords(ins *Instruction) []sourceWord {
	var out []sourceWord
	for n := ins.Start; n <= ins.End && n < d.text.LineCount(); n++ {
		line := d.text.Line(n)
		trimmed := bytes.TrimLeftFunc(line, unicode.IsSpace)
		if n > ins.Start && (len(trimmed) == 0 || trimmed[0] == '#') {
			continue
		}
		body, continued := d.cutContinuation(line)
		start := d.text.Offset(Position{Line: n})
		for i := 0; i < len(body); {
			if isBlank(body[i]) {
				i++
				continue
			}
			j := i
			for j < len(body) && !isBlank(body[j]) {
				j++
			}
			out = append(out, sourceWord{string(body[i:j]), start + i})
			i = j
		}
		if !continued {
			break
		}
	}
	return out
}

// cutContinuation strips a trailing escape character that continues the
// instruction on the next line, as the parser's continuation pattern does: the
// escape character last on the line (blanks after it allowed), not itself
// escaped.
func (d *ParsedDockerfile) cutContinuation(line []byte) ([]byte, bool) {
	t := bytes.TrimRight(line, " \t")
	esc := byte(d.Escape)
	if len(t) == 0 || t[len(t)-1] != esc {
		return line, false
	}
	if len(t) >= 2 && t[len(t)-2] == esc {
		return line, false
	}
	return t[:len(t)-1], true
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }
