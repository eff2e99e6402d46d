// Package report renders findings for people (a doctor-style text report)
// and for machines (JSON, SARIF 2.1.0). The CLI and the language server's
// report command both use it, so the terminal and the editor say the same.
package report

import (
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gowell/gowell/diagnostics"
)

// Context is what a report says about where it ran.
type Context struct {
	Version string   // gowell's
	Roots   []string // the workspace folders checked
	Dir     string   // paths are shown relative to this directory when inside it
	Machine string   // one line about the machine: "go1.26.8 on WSL2 (Ubuntu)"
	Fixed   []string // lines saying what --fix changed
}

// Rel shows path relative to c.Dir when it lies inside it.
func (c Context) Rel(path string) string {
	if path == "" || c.Dir == "" {
		return path
	}
	rel, err := filepath.Rel(c.Dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return path
	}
	return rel
}

var marks = map[diagnostics.Severity]string{diagnostics.Error: "✗", diagnostics.Warning: "!", diagnostics.Info: "i"}

// Text writes the doctor report: one block per area, worst first within it.
func Text(w io.Writer, c Context, findings []diagnostics.Finding) {
	fmt.Fprintf(w, "gowell %s · %s\n", c.Version, c.Machine)
	for _, r := range c.Roots {
		fmt.Fprintf(w, "workspace %s\n", r)
	}
	fmt.Fprintln(w)
	byArea := map[diagnostics.Area][]diagnostics.Finding{}
	for _, f := range findings {
		a := diagnostics.AreaMachine
		if r := diagnostics.Lookup(f.Code); r != nil {
			a = r.Area
		}
		byArea[a] = append(byArea[a], f)
	}
	for _, a := range diagnostics.Areas {
		fs := byArea[a]
		slices.SortStableFunc(fs, func(x, y diagnostics.Finding) int { return cmp.Compare(x.Severity, y.Severity) })
		worst := Worst(fs)
		mark := "✓"
		if worst != 0 {
			mark = marks[worst]
		}
		fmt.Fprintf(w, "[%s] %s", mark, a)
		if len(fs) > 0 {
			fmt.Fprintf(w, " (%s)", Counts(fs))
		}
		fmt.Fprintln(w)
		for _, f := range fs {
			where := c.Rel(f.Path)
			if where != "" {
				where = fmt.Sprintf("%s:%d:%d: ", where, f.Range.Start.Line+1, f.Range.Start.Character+1)
			}
			fmt.Fprintf(w, "    %s %s%s %s\n", marks[f.Severity], where, f.Code, f.Message)
			for _, fix := range f.Fixes {
				how := "quick fix in the editor"
				if fix.Safe {
					how = "gowell check --fix applies it"
				}
				if fix.Command != nil {
					how = "runs: " + fix.Command.String()
				}
				fmt.Fprintf(w, "        fix: %s (%s)\n", fix.Title, how)
			}
		}
	}
	for _, line := range c.Fixed {
		fmt.Fprintf(w, "\nfixed: %s", line)
	}
	if len(c.Fixed) > 0 {
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)
	if len(findings) == 0 {
		fmt.Fprintln(w, "No problems found.")
		return
	}
	fmt.Fprintf(w, "%s. Run 'gowell explain <ID>' for what a rule means and how to fix it.\n", Counts(findings))
}

// Worst is the most severe severity among fs, or 0 for none.
func Worst(fs []diagnostics.Finding) diagnostics.Severity {
	var worst diagnostics.Severity
	for _, f := range fs {
		if worst == 0 || f.Severity < worst {
			worst = f.Severity
		}
	}
	return worst
}

// Counts says "1 error, 2 warnings" for fs.
func Counts(fs []diagnostics.Finding) string {
	n := map[diagnostics.Severity]int{}
	for _, f := range fs {
		n[f.Severity]++
	}
	var parts []string
	for _, s := range []diagnostics.Severity{diagnostics.Error, diagnostics.Warning, diagnostics.Info} {
		if n[s] > 0 {
			parts = append(parts, plural(n[s], s.String()))
		}
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
