package server

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"go.uber.org/zap"
)

// Work-done progress (LSP 3.17) for full scans, which take seconds on a
// Windows drive under WSL2 or in a monorepo. Editors other than VS Code
// (Neovim's fidget, Helix, Zed, Emacs lsp-mode) show only this standard
// progress; gowell/status is for gowell's own extension.

// progressCreate is window/workDoneProgress/create.
type progressCreate struct {
	Token string `json:"token"`
}

// progressParams is $/progress; Value is a progressBegin or a progressEnd.
type progressParams struct {
	Token string `json:"token"`
	Value any    `json:"value"`
}

type progressBegin struct {
	Kind        string `json:"kind"` // "begin"
	Title       string `json:"title"`
	Message     string `json:"message,omitempty"`
	Cancellable bool   `json:"cancellable"` // always false: a scan is not worth a cancel button
}

type progressEnd struct {
	Kind    string `json:"kind"` // "end"
	Message string `json:"message,omitempty"`
}

// progress is the progress of one full scan.
type progress struct {
	s     *Server
	token string
	done  chan struct{} // closed by end: a begin not sent yet never will be

	mu    sync.Mutex // orders the begin before the end
	began bool
	ended bool
}

// startProgress tells the client that a full scan of roots runs, once it
// has run for Options.ProgressDelay: a scan that ends sooner sends nothing,
// rather than a flash. It returns nil when the client does not show
// progress the server creates; the caller must call end either way. Called
// from the scan loop only.
func (s *Server) startProgress(roots []string) *progress {
	s.mu.Lock()
	on := s.caps.progress
	s.mu.Unlock()
	if !on {
		return nil
	}
	s.progressSeq++
	p := &progress{s: s, token: fmt.Sprintf("gowell/scan/%d", s.progressSeq), done: make(chan struct{})}
	begin := progressBegin{Kind: "begin", Title: "gowell", Message: scanning(roots)}
	// A goroutine of its own: the scan must never wait for the client's
	// answer, which may never come.
	s.goBg(func(ctx context.Context) {
		t := time.NewTimer(s.opts.ProgressDelay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-p.done:
			return
		case <-ctx.Done():
			return
		}
		if err := s.conn.Call(ctx, "window/workDoneProgress/create", progressCreate{Token: p.token}); err != nil {
			s.log.Debug("the client created no progress for the scan", zap.String("token", p.token), zap.Error(err))
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		// After the end, a begin would leave the client a progress that
		// never ends.
		if p.ended {
			return
		}
		p.began = p.send(begin)
	})
	return p
}

// end ends the progress once the scan's results are published; v is those
// results, nil when the scan has none (it failed, or the session stops).
// Only the first call counts.
func (p *progress) end(v *view) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ended {
		return
	}
	p.ended = true
	close(p.done)
	if !p.began {
		return
	}
	e := progressEnd{Kind: "end"}
	if v != nil {
		e.Message = problems(len(v.findings))
	}
	// Sent even while the session stops: shutdown waits for the scan loop
	// before it replies, so this still comes first.
	p.send(e)
}

// send sends one $/progress value and reports whether it was sent.
func (p *progress) send(value any) bool {
	// Not the session's context: an end must go out while the session stops.
	if err := p.s.conn.Notify(context.Background(), "$/progress", progressParams{Token: p.token, Value: value}); err != nil {
		p.s.log.Debug("cannot send progress", zap.String("token", p.token), zap.Error(err))
		return false
	}
	return true
}

// scanning names what a scan reads, for a person.
func scanning(roots []string) string {
	switch len(roots) {
	case 0:
		return "Scanning…"
	case 1:
		return "Scanning " + filepath.Base(roots[0]) + "…"
	}
	return fmt.Sprintf("Scanning %d folders…", len(roots))
}

func problems(n int) string {
	if n == 0 {
		return "no problems"
	}
	return plural(n, "problem")
}
