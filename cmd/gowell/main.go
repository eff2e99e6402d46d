// Command gowell keeps a Go developer's workspace and environment healthy: a
// language server for editors (serve) and a doctor for terminals and CI (check).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes: findings decide 0 or 1; 2 is a usage or internal failure.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"serve", "run the language server on stdin/stdout (for editors)", runServe},
		{"check", "diagnose a workspace and print a report", runCheck},
		{"rules", "list every rule", runRules},
		{"explain", "print a rule's documentation", runExplain},
		{"move-workspace", "copy this workspace to a new folder (e.g. off a Windows drive) and verify the copy", runMoveWorkspace},
		{"env", "print the machine as the rules see it; --save DIR writes a replayable snapshot", runEnv},
		{"version", "print gowell's version", runVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "gowell: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "gowell keeps a Go workspace and its environment healthy.\n\nUsage: gowell <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'gowell <command> -h' for a command's flags.")
}

func runVersion(_ context.Context, _ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "gowell %s\n", version)
	return exitOK
}
