package diagnostics

import (
	"fmt"
	"strings"
)

// Markdown renders the rule's page: the same text `gowell explain` prints and
// docs/rules/<ID>.md holds.
func (r *Rule) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n", r.ID, r.Title)
	fmt.Fprintf(&b, "Severity: **%s** · Area: %s · Since: gowell %s\n\n", r.Severity, r.Area, r.Since)
	b.WriteString(strings.TrimSpace(r.Doc))
	b.WriteString("\n")
	return b.String()
}

// Index renders the table of every rule, for docs/rules/README.md.
func Index() string {
	var b strings.Builder
	b.WriteString("# gowell rules\n\nGenerated from the catalogue in `diagnostics/`; `gowell rules` prints the same list.\n\n")
	b.WriteString("| ID | Severity | Area | Title |\n|---|---|---|---|\n")
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s |\n", r.ID, r.ID, r.Severity, r.Area, r.Title)
	}
	return b.String()
}
