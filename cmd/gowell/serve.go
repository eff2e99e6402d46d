package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/report"
	"github.com/gowell/gowell/server"
)

const serveUsage = `Usage: gowell serve [flags]

Runs the language server: LSP 3.17 over stdin/stdout, for editors (the VS Code
extension starts it). stdout carries the protocol only; logs go to stderr or
to --log-file. docs/protocol.md describes what the server offers.

Flags:
`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Bool("stdio", true, "speak LSP on stdin/stdout, the only transport (accepted because editors pass it)")
	level := fl.String("log-level", "warn", "log level: debug, info, warn or error (editors keep what a server writes to stderr in their own logs, Neovim as errors)")
	logFile := fl.String("log-file", "", "append logs to this file instead of stderr")
	sysroot := fl.String("sysroot", "/", "read the machine's files (/proc, /etc/wsl.conf) below this directory, to replay another machine")
	fl.Usage = func() { fmt.Fprint(stderr, serveUsage); fl.PrintDefaults() }
	if err := fl.Parse(args); err != nil {
		return usageErr(err)
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "gowell serve: unexpected argument %q\n", fl.Arg(0))
		return exitUsage
	}
	log, closeLog, err := newLogger(*level, *logFile, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "gowell serve: %v\n", err)
		return exitUsage
	}
	defer closeLog()

	// stdout is the protocol stream: a stray print anywhere else in the
	// process would corrupt it, so os.Stdout points at stderr from here on.
	if stdout == os.Stdout {
		os.Stdout = os.Stderr
	}
	log.Info("gowell serve", zap.String("version", version), zap.String("sysroot", *sysroot))
	err = server.Serve(ctx, stdio{os.Stdin, stdout}, server.Options{
		Logger:     log,
		Version:    version,
		Host:       host.Options{Sysroot: *sysroot},
		ReportText: reportText,
	})
	if err != nil {
		log.Info("session ended", zap.Error(err))
		return 1
	}
	return exitOK
}

// reportText renders the `gowell check` text report for the editor.
func reportText(findings []diagnostics.Finding, s *diagnostics.Snapshot) string {
	c := report.Context{Version: version, Roots: s.Roots, Machine: report.Machine(s.Host)}
	if len(s.Roots) == 1 {
		c.Dir = s.Roots[0]
	}
	var b strings.Builder
	report.Text(&b, c, findings)
	return b.String()
}

// newLogger logs to stderr, or appends to path, never to stdout.
func newLogger(level, path string, stderr io.Writer) (*zap.Logger, func(), error) {
	lvl, err := zapcore.ParseLevel(level)
	if err != nil || lvl < zapcore.DebugLevel || lvl > zapcore.ErrorLevel {
		return nil, nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	out, closeOut := zapcore.AddSync(stderr), func() {}
	if path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return nil, nil, err
		}
		out, closeOut = zapcore.AddSync(f), func() { f.Close() }
	}
	enc := zap.NewProductionEncoderConfig()
	enc.EncodeTime = zapcore.ISO8601TimeEncoder
	enc.EncodeDuration = zapcore.StringDurationEncoder
	core := zapcore.NewCore(zapcore.NewConsoleEncoder(enc), zapcore.Lock(out), lvl)
	log := zap.New(core, zap.ErrorOutput(zapcore.Lock(zapcore.AddSync(stderr))))
	return log, func() { log.Sync(); closeOut() }, nil
}

// stdio joins stdin and stdout into the stream the server speaks on.
type stdio struct {
	io.Reader
	io.Writer
}

// Close unblocks a pending read of stdin when the session ends.
func (s stdio) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
