package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/gowell/gowell/diagnostics"
)

func runRules(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "Usage: gowell rules\n\nLists every rule: ID, default severity, area and title.")
		return exitUsage
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSEVERITY\tAREA\tTITLE")
	for _, r := range diagnostics.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Severity, r.Area, r.Title)
	}
	tw.Flush()
	return exitOK
}

func runExplain(_ context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "Usage: gowell explain ID\n\nPrints what a rule detects, why it matters and how to fix it. 'gowell rules' lists the IDs.")
		return exitUsage
	}
	r := diagnostics.Lookup(args[0])
	if r == nil {
		fmt.Fprintf(stderr, "gowell explain: no rule %q; 'gowell rules' lists them\n", args[0])
		return exitUsage
	}
	fmt.Fprint(stdout, r.Markdown())
	return exitOK
}
