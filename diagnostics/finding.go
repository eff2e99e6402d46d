package diagnostics

import (
	"strings"

	"github.com/gowell/gowell/workspace"
)

// Finding is one problem at one place.
type Finding struct {
	Code     string          `json:"code"`
	Severity Severity        `json:"severity"`
	Path     string          `json:"path"` // absolute; "" for a finding about the machine alone
	Range    workspace.Range `json:"range"`
	Message  string          `json:"message"`
	Fixes    []Fix           `json:"fixes,omitempty"`
}

// Fix is one way to resolve a finding: edits to files, or a command to run.
type Fix struct {
	Title     string     `json:"title"`
	Preferred bool       `json:"preferred,omitempty"` // clearly the right fix: editors may apply it on "fix all"
	Safe      bool       `json:"safe,omitempty"`      // `gowell check --fix` may apply it unattended
	Edits     []FileEdit `json:"edits,omitempty"`
	Command   *Command   `json:"command,omitempty"`
}

// FileEdit changes one file.
type FileEdit struct {
	Path    string               `json:"path"`
	Version int32                `json:"version,omitempty"` // the editor version the edits were computed for; 0: the disk
	Create  bool                 `json:"create,omitempty"`  // the file must not exist yet; Edits hold its content
	Edits   []workspace.TextEdit `json:"edits"`
}

// Command is a tool to run, as an argv: never a shell string.
type Command struct {
	Argv []string `json:"argv"`
	Dir  string   `json:"dir"`
	// Outside is true when running it changes state outside the workspace
	// (the user's Go environment, say); editors ask before running it.
	Outside bool `json:"outside,omitempty"`
}

// Prefer marks the fix as clearly the right one.
func (f Fix) Prefer() Fix { f.Preferred = true; return f }

// MarkSafe lets `gowell check --fix` apply the fix unattended: it only adds
// what is missing or corrects what is certainly wrong, and applying it twice
// changes nothing.
func (f Fix) MarkSafe() Fix { f.Safe = true; return f }

func (c *Command) String() string { return strings.Join(c.Argv, " ") }

// At builds a finding on a range of a file.
func At(f *workspace.File, r workspace.Range, msg string, fixes ...Fix) Finding {
	return Finding{Path: f.Path, Range: r, Message: msg, Fixes: fixes}
}

// Replace is a fix that replaces range r of f with text.
func Replace(title string, f *workspace.File, r workspace.Range, text string) Fix {
	return Fix{Title: title, Edits: []FileEdit{{Path: f.Path, Version: f.Version,
		Edits: []workspace.TextEdit{{Range: r, NewText: text}}}}}
}

// DeleteLine is a fix that removes line n of f, newline included.
func DeleteLine(title string, f *workspace.File, n int) Fix {
	return Replace(title, f, f.Text.WholeLine(n), "")
}

// Append is a fix that adds text at the end of f, starting on a new line.
func Append(title string, f *workspace.File, text string) Fix {
	end := f.Text.End()
	if b := f.Text.Bytes; len(b) > 0 && b[len(b)-1] != '\n' {
		text = "\n" + text
	}
	return Replace(title, f, workspace.Range{Start: end, End: end}, text)
}

// Create is a fix that creates the file at path with content.
func Create(title, path, content string) Fix {
	return Fix{Title: title, Edits: []FileEdit{{Path: path, Create: true,
		Edits: []workspace.TextEdit{{NewText: content}}}}}
}
