package diagnostics

import (
	"bytes"
	"go/version"

	"golang.org/x/mod/modfile"

	"github.com/gowell/gowell/workspace"
)

// raiseWorkGo sets the go line of the go.work f to v the way `go work use`
// does (cmd/go/internal/modload.UpdateWorkGoVersion), as edits that leave the
// rest of the file as the user wrote it: the version token is replaced, or a
// go line is added before the first statement; a toolchain line the new go
// line makes redundant is dropped with the comments above it.
func raiseWorkGo(f *workspace.File, v string) Fix {
	w := f.Work().File
	var edits []workspace.TextEdit
	if w.Go != nil {
		edits = append(edits, workspace.TextEdit{Range: f.TokenRange(w.Go.Syntax, 1), NewText: v})
	} else {
		nl := "\n"
		if bytes.Contains(f.Text.Bytes, []byte("\r\n")) {
			nl = "\r\n"
		}
		at := f.Text.WholeLine(firstStatementLine(w)).Start
		edits = append(edits, workspace.TextEdit{Range: workspace.Range{Start: at, End: at}, NewText: "go " + v + nl + nl})
	}
	if tc := w.Toolchain; tc != nil && !tc.Syntax.InBlock && toolchainRedundant(tc.Name, v) {
		edits = append(edits, dropDirective(f, tc.Syntax))
	}
	return Fix{Title: "Set go.work go version to " + v,
		Edits: []FileEdit{{Path: f.Path, Version: f.Version, Edits: edits}}}.Prefer().MarkSafe()
}

// firstStatementLine is the 0-based line where a new first statement goes:
// above the first directive and the comments attached to it, below any
// comment block that stands apart (a file header), as modfile places it.
func firstStatementLine(w *modfile.WorkFile) int {
	for _, st := range w.Syntax.Stmt {
		if _, ok := st.(*modfile.CommentBlock); ok {
			continue
		}
		start, _ := st.Span()
		if before := st.Comment().Before; len(before) > 0 {
			start = before[0].Start
		}
		return start.Line - 1
	}
	return 0
}

// toolchainRedundant reports whether `go work use` drops a toolchain line
// once the go line says v: it names that very release, is older, or is older
// than go1.21 and would not be understood ("default" counts as older).
func toolchainRedundant(name, v string) bool {
	return name == "go"+v || version.Compare(name, "go"+v) < 0 || version.Compare(name, goStrictVersion) < 0
}

// dropDirective deletes a single-line directive with the comment lines attached
// above it. When blank lines surround it, one of them goes too, so the file
// does not end up with a double gap.
func dropDirective(f *workspace.File, l *modfile.Line) workspace.TextEdit {
	first, last := l.Start.Line-1, l.End.Line-1
	if before := l.Comments.Before; len(before) > 0 {
		first = before[0].Start.Line - 1
	}
	blank := func(n int) bool { return len(bytes.TrimSpace(f.Text.Line(n))) == 0 }
	if (first == 0 || blank(first-1)) && last+1 < f.Text.LineCount()-1 && blank(last+1) {
		last++
	}
	return workspace.TextEdit{Range: workspace.Range{Start: f.Text.WholeLine(first).Start, End: f.Text.WholeLine(last).End}}
}
