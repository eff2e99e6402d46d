package diagnostics

import (
	"regexp"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// goCommand matches a go command that loads the module graph, and so
// downloads what go.mod requires when it is not there yet.
var goCommand = regexp.MustCompile(`\bgo\s+(build|install|run|test|vet|generate|list|get|mod\s+download|work\s+sync)\b`)

// instructionText is the instruction as written, heredoc bodies included:
// where a RUN's commands and variables are.
func instructionText(in *workspace.Instruction) string {
	t := in.Node.Original
	for _, h := range in.Heredocs {
		t += "\n" + h.Content
	}
	return t
}

// goCommandOf is the first go command a RUN runs, spaces collapsed ("go mod
// download"), or "".
func goCommandOf(in *workspace.Instruction) string {
	if in.Cmd != "run" {
		return ""
	}
	return strings.Join(strings.Fields(goCommand.FindString(instructionText(in))), " ")
}

// cacheMounts returns the cleaned targets of the RUN's --mount=type=cache
// flags.
func cacheMounts(in *workspace.Instruction) []string {
	var out []string
	for _, m := range in.Mounts() {
		if m.Type == "cache" && m.Target != "" {
			out = append(out, m.Target)
		}
	}
	return out
}

// keyword spells kw in the case the instruction in spells its own keyword,
// so inserted lines match the file (copy/run or COPY/RUN).
func keyword(in *workspace.Instruction, kw string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(in.Node.Original), " ")
	if first != "" && first == strings.ToLower(first) {
		return strings.ToLower(kw)
	}
	return strings.ToUpper(kw)
}

// lineStyle returns the indentation of line n and the line ending its
// file uses there, for lines inserted before it.
func lineStyle(f *workspace.File, n int) (indent, eol string) {
	line := f.Text.Line(n)
	indent = string(line[:len(line)-len(strings.TrimLeft(string(line), " \t"))])
	eol = "\n"
	end := f.Text.Offset(workspace.Position{Line: n + 1})
	if end >= 2 && f.Text.Bytes[end-1] == '\n' && f.Text.Bytes[end-2] == '\r' {
		eol = "\r\n"
	}
	return indent, eol
}
