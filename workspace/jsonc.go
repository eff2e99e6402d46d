package workspace

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// StripJSONC turns JSON with comments (VS Code's JSONC, which devcontainer.json
// is written in) into JSON: it blanks out // and /* */ comments, a comma left
// before a closing ] or }, and a leading byte order mark, with spaces. Line
// breaks stay and no byte moves, so an offset in the result is the same
// offset in the input. Text inside strings is never touched.
func StripJSONC(b []byte) []byte {
	out := bytes.Clone(b)
	blank := func(i, j int) {
		for k := i; k < j; k++ {
			if out[k] != '\n' && out[k] != '\r' {
				out[k] = ' '
			}
		}
	}
	if bytes.HasPrefix(out, []byte("\xEF\xBB\xBF")) {
		blank(0, 3)
	}
	lastComma := -1 // a comma with only blanks after it so far
	for i := 0; i < len(out); i++ {
		switch c := out[i]; {
		case c == '"':
			i = stringEnd(out, i)
			lastComma = -1
		case c == '/' && i+1 < len(out) && out[i+1] == '/':
			end := bytes.IndexByte(out[i:], '\n')
			if end < 0 {
				end = len(out) - i
			}
			blank(i, i+end)
			i += end - 1
		case c == '/' && i+1 < len(out) && out[i+1] == '*':
			end := bytes.Index(out[i+2:], []byte("*/"))
			if end < 0 {
				end = len(out) - i - 2 // unterminated: to the end, as VS Code reads it
			} else {
				end += 2
			}
			blank(i, i+2+end)
			i += 1 + end
		case c == ',':
			lastComma = i
		case c == ']' || c == '}':
			if lastComma >= 0 {
				out[lastComma] = ' '
			}
			lastComma = -1
		case c != ' ' && c != '\t' && c != '\n' && c != '\r':
			lastComma = -1
		}
	}
	return out
}

// stringEnd returns the index of the quote that closes the string starting
// at b[i], or the last index when it is not closed.
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return len(b) - 1
}

// jsonNode is a JSON value with where it lies in its text.
type jsonNode struct {
	Kind       byte   // '{', '[', '"' for a string, 'v' for a number, a boolean or null
	Str        string // a string's value
	Start, End int    // a string's literal, quotes included; the opening delimiter of an object or array
	Keys       []string
	Elems      []*jsonNode // an object's values (in step with Keys) or an array's elements
}

// get returns the value of key in an object, or nil; JSON's last duplicate
// wins, as in encoding/json.
func (n *jsonNode) get(key string) *jsonNode {
	if n == nil || n.Kind != '{' {
		return nil
	}
	var v *jsonNode
	for i, k := range n.Keys {
		if k == key {
			v = n.Elems[i]
		}
	}
	return v
}

// str is the value of a string node, or "".
func (n *jsonNode) str() string {
	if n == nil || n.Kind != '"' {
		return ""
	}
	return n.Str
}

// maxJSONDepth bounds the nesting parseJSON follows: configuration files are
// shallow, and a file of a million "[" must not exhaust the stack.
const maxJSONDepth = 64

// parseJSON parses b, JSON that StripJSONC has made of JSONC, into nodes that
// know their offsets.
func parseJSON(b []byte) (*jsonNode, error) {
	p := &jsonParser{dec: json.NewDecoder(bytes.NewReader(b)), b: b}
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("invalid character after top-level value")
	}
	return n, nil
}

type jsonParser struct {
	dec *json.Decoder
	b   []byte
	off int // just past the last token read
}

// next reads a token and returns it with the offset where it starts: after
// the blanks, commas and colons the decoder passes over before it.
func (p *jsonParser) next() (json.Token, int, error) {
	start := p.off
	for start < len(p.b) && bytes.IndexByte([]byte(" \t\r\n,:"), p.b[start]) >= 0 {
		start++
	}
	tok, err := p.dec.Token()
	p.off = int(p.dec.InputOffset())
	return tok, start, err
}

func (p *jsonParser) value(depth int) (*jsonNode, error) {
	if depth > maxJSONDepth {
		return nil, errors.New("JSON nested too deeply")
	}
	tok, start, err := p.next()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case string:
		return &jsonNode{Kind: '"', Str: t, Start: start, End: p.off}, nil
	case json.Delim:
		n := &jsonNode{Kind: byte(t), Start: start, End: start + 1}
		for p.dec.More() {
			if t == '{' {
				key, _, err := p.next()
				if err != nil {
					return nil, err
				}
				k, ok := key.(string)
				if !ok {
					return nil, errors.New("object key is not a string")
				}
				n.Keys = append(n.Keys, k)
			}
			v, err := p.value(depth + 1)
			if err != nil {
				return nil, err
			}
			n.Elems = append(n.Elems, v)
		}
		if _, _, err := p.next(); err != nil { // the closing delimiter
			return nil, err
		}
		return n, nil
	}
	return &jsonNode{Kind: 'v', Start: start, End: p.off}, nil
}
