package diagnostics

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/gowell/gowell/workspace"
)

// addUse is the fix adding `use path` to the go.work f, in the file's own
// layout: into its last use block, with the indentation of the block's first
// entry, in order when the entries are sorted (else at the end); without a
// block, as a line after the last use line; with no use at all, at the end.
func addUse(f *workspace.File, path string) Fix {
	w := f.Work().File
	nl := "\n"
	if bytes.Contains(f.Text.Bytes, []byte("\r\n")) {
		nl = "\r\n"
	}
	title := "Add 'use " + path + "' to go.work"
	quoted := modfile.AutoQuote(path)

	var block *modfile.LineBlock
	for _, st := range w.Syntax.Stmt {
		if b, ok := st.(*modfile.LineBlock); ok && len(b.Token) == 1 && b.Token[0] == "use" {
			block = b
		}
	}
	switch {
	case block != nil:
		return insertLine(title, f, blockSlot(f, w, block, path), blockIndent(f, block)+quoted+nl)
	case len(w.Use) > 0:
		last := w.Use[len(w.Use)-1].Syntax
		at := f.Text.WholeLine(last.End.Line - 1).End
		text := "use " + quoted + nl
		if at == f.Text.End() && !bytes.HasSuffix(f.Text.Bytes, []byte("\n")) {
			text = nl + "use " + quoted
		}
		return Replace(title, f, workspace.Range{Start: at, End: at}, text)
	}
	return Append(title, f, nl+"use "+quoted+nl)
}

// blockSlot is the 0-based line before which the new entry goes: before the
// first entry sorting after path (and the comments attached above it) when
// the block is sorted, else before the closing parenthesis.
func blockSlot(f *workspace.File, w *modfile.WorkFile, block *modfile.LineBlock, path string) int {
	var paths []string
	for _, l := range block.Line {
		i := slices.IndexFunc(w.Use, func(u *modfile.Use) bool { return u.Syntax == l })
		if i < 0 {
			return block.RParen.Pos.Line - 1
		}
		paths = append(paths, w.Use[i].Path)
	}
	if slices.IsSorted(paths) {
		for i, p := range paths {
			if strings.Compare(path, p) < 0 {
				l := block.Line[i]
				if before := l.Comments.Before; len(before) > 0 {
					return before[0].Start.Line - 1
				}
				return l.Start.Line - 1
			}
		}
	}
	return block.RParen.Pos.Line - 1
}

// blockIndent is the whitespace before the block's first entry, or a tab.
func blockIndent(f *workspace.File, block *modfile.LineBlock) string {
	if len(block.Line) == 0 {
		return "\t"
	}
	line := f.Text.Line(block.Line[0].Start.Line - 1)
	return string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
}

// insertLine is a fix inserting text at the start of line n.
func insertLine(title string, f *workspace.File, n int, text string) Fix {
	at := f.Text.WholeLine(n).Start
	return Replace(title, f, workspace.Range{Start: at, End: at}, text)
}
