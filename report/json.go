package report

import (
	"encoding/json"
	"io"

	"github.com/gowell/gowell/diagnostics"
)

// JSON writes {"findings": [...]} with LSP-style 0-based ranges and paths as
// the text report shows them.
func JSON(w io.Writer, c Context, findings []diagnostics.Finding) error {
	out := struct {
		Findings []diagnostics.Finding `json:"findings"`
	}{Findings: make([]diagnostics.Finding, 0, len(findings))}
	for _, f := range findings {
		f.Path = c.Rel(f.Path)
		out.Findings = append(out.Findings, f)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
