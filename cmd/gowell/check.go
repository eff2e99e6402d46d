package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/report"
	"github.com/gowell/gowell/workspace"
)

const checkUsage = `Usage: gowell check [flags] [PATH ...]

Diagnoses the workspaces at PATH (default: the current directory; "dir/..."
means dir) and prints a report. Exit status: 0 when no error was found, 1 when
one was, 2 for a usage or internal failure.

Flags:
`

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("check", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: text, json or sarif")
	sysroot := fl.String("sysroot", "/", "read the machine's files (/proc, /etc/wsl.conf) below this directory, to replay another machine")
	fix := fl.Bool("fix", false, "apply the fixes marked safe and report what changed")
	fl.Usage = func() { fmt.Fprint(stderr, checkUsage); fl.PrintDefaults() }
	if err := fl.Parse(args); err != nil {
		return usageErr(err)
	}
	render, ok := map[string]func(io.Writer, report.Context, []diagnostics.Finding) error{
		"text":  func(w io.Writer, c report.Context, fs []diagnostics.Finding) error { report.Text(w, c, fs); return nil },
		"json":  report.JSON,
		"sarif": report.SARIF,
	}[*format]
	if !ok {
		fmt.Fprintf(stderr, "gowell check: unknown format %q (want text, json or sarif)\n", *format)
		return exitUsage
	}
	roots, err := checkRoots(fl.Args())
	if err != nil {
		fmt.Fprintf(stderr, "gowell check: %v\n", err)
		return exitUsage
	}
	// The probe runs `go env`, a process that takes milliseconds to
	// seconds: the folders are walked meanwhile.
	probed := make(chan *host.Info, 1)
	go func() { probed <- host.Probe(ctx, host.Options{Sysroot: *sysroot}) }()
	ws, err := workspace.Load(ctx, roots, nil)
	info := <-probed
	var findings []diagnostics.Finding
	if err == nil {
		findings, err = evaluate(ws, info)
	}
	if err != nil {
		fmt.Fprintf(stderr, "gowell check: %v\n", err)
		return exitUsage
	}
	cwd, _ := os.Getwd()
	rc := report.Context{Version: version, Roots: roots, Dir: cwd, Machine: report.Machine(info)}
	if *fix {
		rc.Fixed, findings, err = applySafeFixes(ctx, roots, info, findings, rc)
		if err != nil {
			fmt.Fprintf(stderr, "gowell check: %v\n", err)
			return exitUsage
		}
	}
	if err := render(stdout, rc, findings); err != nil {
		fmt.Fprintf(stderr, "gowell check: %v\n", err)
		return exitUsage
	}
	if report.Worst(findings) == diagnostics.Error {
		return exitFindings
	}
	return exitOK
}

// diagnose runs the rules as the editor does, each workspace folder with its
// own .gowell.json; a settings file that does not parse is an error.
func diagnose(ctx context.Context, roots []string, info *host.Info) ([]diagnostics.Finding, error) {
	ws, err := workspace.Load(ctx, roots, nil)
	if err != nil {
		return nil, err
	}
	return evaluate(ws, info)
}

// evaluate runs the rules over a loaded workspace.
func evaluate(ws *workspace.Snapshot, info *host.Info) ([]diagnostics.Finding, error) {
	findings, problems := diagnostics.RunFolders(&diagnostics.Snapshot{Snapshot: ws, Host: info}, diagnostics.Config{})
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	return findings, nil
}

// applySafeFixes applies one safe fix at a time and re-diagnoses after each,
// so that two fixes to one file never apply stale edits. It stops when no
// unapplied safe fix remains.
func applySafeFixes(ctx context.Context, roots []string, info *host.Info, findings []diagnostics.Finding, rc report.Context) ([]string, []diagnostics.Finding, error) {
	var fixed []string
	tried := map[string]bool{}
	for {
		fix, f, ok := nextSafeFix(findings, tried)
		if !ok {
			return fixed, findings, nil
		}
		tried[f.Code+"\x00"+fix.Title] = true
		written, err := diagnostics.WriteFix(fix, roots)
		if err != nil {
			fixed = append(fixed, fmt.Sprintf("%s %s: not applied: %v", f.Code, fix.Title, err))
		} else {
			for _, p := range written {
				fixed = append(fixed, fmt.Sprintf("%s: %s (%s)", rc.Rel(p), fix.Title, f.Code))
			}
		}
		if findings, err = diagnose(ctx, roots, info); err != nil {
			return fixed, nil, err
		}
	}
}

func nextSafeFix(findings []diagnostics.Finding, tried map[string]bool) (diagnostics.Fix, diagnostics.Finding, bool) {
	for _, f := range findings {
		for _, fix := range f.Fixes {
			if fix.Safe && fix.Command == nil && !tried[f.Code+"\x00"+fix.Title] {
				return fix, f, true
			}
		}
	}
	return diagnostics.Fix{}, diagnostics.Finding{}, false
}

// checkRoots turns PATH arguments into workspace roots: absolute directories,
// with Go's "dir/..." spelling accepted.
func checkRoots(args []string) ([]string, error) {
	if len(args) == 0 {
		args = []string{"."}
	}
	var roots []string
	for _, a := range args {
		a = strings.TrimSuffix(strings.TrimSuffix(a, "..."), "/")
		if a == "" {
			a = "."
		}
		abs, err := filepath.Abs(a)
		if err != nil {
			return nil, err
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			return nil, fmt.Errorf("%s is not a directory", a)
		}
		roots = append(roots, abs)
	}
	return roots, nil
}

func usageErr(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}
