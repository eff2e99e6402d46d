package workspace

import (
	"bytes"
	"errors"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// Mod is a parsed go.mod.
type Mod struct {
	File *modfile.File // nil when the file does not parse
	Err  *ParseError
}

// Work is a parsed go.work.
type Work struct {
	File *modfile.WorkFile // nil when the file does not parse
	Err  *ParseError
}

// ParseError is the first syntax error in a go.mod or go.work, where the go
// command would report it.
type ParseError struct {
	Line int // 0-based
	Msg  string
}

// Mod parses f as a go.mod, once, with the go command's own parser.
func (f *File) Mod() *Mod {
	return f.Memo("modfile", func() any {
		if f.Err != nil {
			return &Mod{Err: &ParseError{Msg: f.Err.Error()}}
		}
		m, err := modfile.Parse(f.Path, f.Text.Bytes, nil)
		return &Mod{File: m, Err: parseError(err)}
	}).(*Mod)
}

// Work parses f as a go.work, once, with the go command's own parser.
func (f *File) Work() *Work {
	return f.Memo("workfile", func() any {
		if f.Err != nil {
			return &Work{Err: &ParseError{Msg: f.Err.Error()}}
		}
		w, err := modfile.ParseWork(f.Path, f.Text.Bytes, nil)
		return &Work{File: w, Err: parseError(err)}
	}).(*Work)
}

func parseError(err error) *ParseError {
	if err == nil {
		return nil
	}
	var list modfile.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		e := list[0]
		return &ParseError{Line: max(e.Pos.Line-1, 0), Msg: e.Err.Error()}
	}
	return &ParseError{Msg: err.Error()}
}

// LineRange is the range of a modfile syntax line or block entry, in f's
// UTF-16 positions. The parser counts bytes; editors count UTF-16 units.
func (f *File) LineRange(l *modfile.Line) Range {
	return f.Text.Span(l.Start.Byte, l.End.Byte)
}

// TokenRange is the range of the i-th token of a modfile line: the version in
// "go 1.22", the path in "use ./a" (a line inside a block has no verb token).
// Tokens are found in the source text, so spacing does not shift them; a
// quoted token is found inside its quotes, and one written with escapes is
// not found and falls back to the whole line.
func (f *File) TokenRange(l *modfile.Line, i int) Range {
	if i >= len(l.Token) {
		return f.LineRange(l)
	}
	src := f.Text.Bytes[l.Start.Byte:l.End.Byte]
	off := 0
	for k := 0; k <= i; k++ {
		tok := l.Token[k]
		at := bytes.Index(src[off:], []byte(tok))
		if at < 0 {
			return f.LineRange(l)
		}
		if k == i {
			start := l.Start.Byte + off + at
			return f.Text.Span(start, start+len(tok))
		}
		off += at + len(tok)
	}
	return f.LineRange(l)
}

// ModuleDir resolves a go.work use path against the go.work's directory.
func (f *File) ModuleDir(usePath string) string {
	if filepath.IsAbs(usePath) {
		return filepath.Clean(usePath)
	}
	return filepath.Join(f.Dir(), filepath.FromSlash(usePath))
}
