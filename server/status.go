package server

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"

	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/workspace"
)

// statusParams is the gowell/status notification, the shape of
// rust-analyzer's experimental/serverStatus (see docs/protocol.md).
type statusParams struct {
	Health    string       `json:"health"` // "ok", "warning" or "error"
	Quiescent bool         `json:"quiescent"`
	Message   string       `json:"message"` // Markdown, one list item per problem
	Counts    statusCounts `json:"counts"`
	// Actions are commands the client shows as links; only those the client
	// said it runs (moveActions).
	Actions []statusAction `json:"actions,omitempty"`
}

type statusCounts struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// The status lists this many problems at most; the report has them all.
const (
	maxStatusLines   = 20
	maxStatusMessage = 240
)

// sendStatus sends the status for v when the client opted in and the value
// changed. settled is false while a scan of the folders runs; a probe of the
// machine in flight, or findings computed before it ended, also keep the
// status busy.
func (s *Server) sendStatus(ctx context.Context, v *view, settled bool) {
	s.mu.Lock()
	on, probing, move := s.statusOn, s.probing, s.caps.moveWorkspace
	s.mu.Unlock()
	if !on {
		return
	}
	st := statusOf(v, s.disk.degraded(), s.disk.note, settled && !probing && v != nil && v.final)
	if move {
		st.Actions = moveActions(v)
	}
	if s.lastStatus != nil && reflect.DeepEqual(*s.lastStatus, st) {
		return
	}
	if err := s.conn.Notify(ctx, "gowell/status", st); err != nil {
		s.log.Debug("cannot send the status", zap.Error(err))
		return
	}
	s.lastStatus = &st
}

// polling, when set, says how files on a Windows drive are watched: not a
// problem, so it does not change the health, but the reason edits made there
// by Windows programs are noticed only at the next poll.
func statusOf(v *view, degraded []string, polling string, quiescent bool) statusParams {
	st := statusParams{Health: "ok", Quiescent: quiescent}
	var trouble []string
	var machine, files []diagnostics.Finding
	var roots []string
	if v != nil {
		trouble, roots = v.trouble, v.snap.Roots
		for _, f := range v.findings {
			if f.Path == "" {
				machine = append(machine, f)
			} else {
				files = append(files, f)
			}
			switch f.Severity {
			case diagnostics.Error:
				st.Counts.Error++
			case diagnostics.Warning:
				st.Counts.Warning++
			default:
				st.Counts.Info++
			}
		}
	}
	if len(degraded) > 0 {
		are := " are"
		if len(degraded) == 1 {
			are = " is"
		}
		trouble = append(trouble, plural(len(degraded), "directory")+are+" polled, not watched, because inotify's limits are reached (fs.inotify.max_user_watches or max_user_instances): changes there show up late")
	}
	switch {
	case st.Counts.Error > 0:
		st.Health = "error"
	case st.Counts.Warning > 0 || len(trouble) > 0:
		st.Health = "warning"
	}

	// Only the lines shown are formatted: a monorepo has hundreds of
	// findings, and the status is worked out on every keystroke.
	var lines []string
	total := len(machine) + len(trouble) + len(files)
	for _, f := range machine {
		if len(lines) < maxStatusLines {
			lines = append(lines, fmt.Sprintf("- %s `%s` %s", icon(f.Severity), f.Code, escape(f.Message)))
		}
	}
	for _, t := range trouble {
		if len(lines) < maxStatusLines {
			lines = append(lines, "- "+icon(diagnostics.Warning)+" gowell: "+escape(t))
		}
	}
	for _, f := range files {
		if len(lines) < maxStatusLines {
			lines = append(lines, fmt.Sprintf("- %s `%s` %s:%d — %s", icon(f.Severity), f.Code,
				escape(display(roots, f.Path)), f.Range.Start.Line+1, escape(f.Message)))
		}
	}
	switch {
	case total == 0 && quiescent:
		st.Message = "No problems found."
	case total == 0:
		st.Message = "Scanning…"
	default:
		if more := total - len(lines); more > 0 {
			lines = append(lines, fmt.Sprintf("- … and %d more: the report lists them all", more))
		}
		st.Message = strings.Join(lines, "\n")
	}
	if polling != "" {
		st.Message += "\n\nℹ " + escape(polling)
	}
	return st
}

func icon(sev diagnostics.Severity) string {
	switch sev {
	case diagnostics.Error:
		return "✗"
	case diagnostics.Warning:
		return "⚠"
	}
	return "ℹ"
}

// display names a file for a person: relative to its folder, under the
// folder's name when there are several.
func display(roots []string, path string) string {
	best := ""
	for _, r := range roots {
		if workspace.Within(r, path) && len(r) > len(best) {
			best = r
		}
	}
	if best == "" {
		return path
	}
	rel, _ := filepath.Rel(best, path)
	if len(roots) > 1 {
		rel = filepath.Join(filepath.Base(best), rel)
	}
	return filepath.ToSlash(rel)
}

var markdownEscaper = strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`)

// escape keeps a message from being read as Markdown and bounds its length.
func escape(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if r := []rune(s); len(r) > maxStatusMessage {
		s = string(r[:maxStatusMessage]) + "…"
	}
	return markdownEscaper.Replace(s)
}
