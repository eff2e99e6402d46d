package server

import (
	"context"
	"encoding/json"
	"errors"
	"os/exec"
	"slices"
	"time"

	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
)

// The server's commands (docs/protocol.md). Their names carry ".server." so
// they never collide with the extension's own command IDs.
const (
	cmdRunTool = "gowell.server.runTool"
	cmdReport  = "gowell.server.report"
	cmdRescan  = "gowell.server.rescan"
	cmdExplain = "gowell.server.explain"
)

func commandNames() []string { return []string{cmdRunTool, cmdReport, cmdRescan, cmdExplain} }

// toolArgs is runTool's argument, as a code action sends it.
type toolArgs struct {
	Title string   `json:"title"`
	Argv  []string `json:"argv"`
	Dir   string   `json:"dir"`
}

type toolResult struct {
	ExitCode int    `json:"exitCode"`
	Output   string `json:"output"`
}

// A tool runs this long at most, and this much of its output is returned.
const (
	toolTimeout   = 2 * time.Minute
	maxToolOutput = 64 << 10
)

func (s *Server) executeCommand(_ context.Context, m *incoming) (any, error) {
	var p executeCommandParams
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	switch p.Command {
	case cmdRunTool:
		var args toolArgs
		if err := argument(p.Arguments, &args); err != nil {
			return nil, err
		}
		if err := s.offered(args); err != nil {
			return nil, err
		}
		return s.async(m, func(ctx context.Context) (any, error) { return s.runTool(ctx, args), nil })
	case cmdReport:
		return s.report()
	case cmdRescan:
		return s.async(m, func(ctx context.Context) (any, error) {
			done := make(chan struct{})
			s.schedule(change{reload: true, reprobe: true, done: done})
			select {
			case <-done:
			case <-ctx.Done():
			}
			return nil, nil
		})
	case cmdExplain:
		var id string
		if err := argument(p.Arguments, &id); err != nil {
			return nil, err
		}
		r := diagnostics.Lookup(id)
		if r == nil {
			return nil, rpcError(codeInvalidParams, "no rule %q: `gowell rules` lists them", id)
		}
		return struct {
			Markdown string `json:"markdown"`
		}{r.Markdown()}, nil
	}
	return nil, rpcError(codeInvalidParams, "unknown command %q", p.Command)
}

// argument decodes a command's only argument.
func argument(args []any, v any) error {
	if len(args) != 1 {
		return rpcError(codeInvalidParams, "expected one argument, got %d", len(args))
	}
	b, err := json.Marshal(args[0])
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		return rpcError(codeInvalidParams, "invalid argument: %v", err)
	}
	return nil
}

// offered checks that a tool run is one the server itself offers for a
// current finding: runTool must not become a way to run anything at all.
func (s *Server) offered(args toolArgs) error {
	v, err := s.currentView()
	if err != nil {
		return err
	}
	for _, f := range v.findings {
		for _, fix := range f.Fixes {
			if c := fix.Command; c != nil && len(args.Argv) > 0 && slices.Equal(c.Argv, args.Argv) && c.Dir == args.Dir {
				return nil
			}
		}
	}
	return rpcError(codeInvalidParams, "refusing to run %q: gowell offers no such fix for a current finding", args.Argv)
}

// runTool runs argv directly, never through a shell, and rescans afterwards:
// the tool exists to change what gowell reports.
func (s *Server) runTool(ctx context.Context, args toolArgs) toolResult {
	ctx, cancel := context.WithTimeout(ctx, toolTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, args.Argv[0], args.Argv[1:]...)
	cmd.Dir = args.Dir
	out := &cappedBuffer{max: maxToolOutput}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	s.log.Info("ran a tool", zap.Strings("argv", args.Argv), zap.String("dir", args.Dir), zap.Error(err))
	defer s.schedule(change{reload: true, reprobe: true})
	var exit *exec.ExitError
	switch {
	case err == nil:
		return toolResult{Output: out.String()}
	case errors.As(err, &exit) && exit.ExitCode() >= 0:
		return toolResult{ExitCode: exit.ExitCode(), Output: out.String()}
	}
	return toolResult{ExitCode: -1, Output: out.String() + err.Error()}
}

// cappedBuffer keeps the first max bytes written to it.
type cappedBuffer struct {
	buf []byte
	max int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := b.max - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (b *cappedBuffer) String() string { return string(b.buf) }

func (s *Server) report() (any, error) {
	if s.opts.ReportText == nil {
		return nil, errors.New("this build of gowell has no report")
	}
	v, err := s.currentView()
	if err != nil {
		return nil, err
	}
	if v.snap.Host == nil {
		return nil, errors.New("gowell has not finished probing the machine yet")
	}
	return struct {
		Text string `json:"text"`
	}{s.opts.ReportText(v.findings, v.snap)}, nil
}
