// Package server is gowell's language server: LSP over a byte stream, with
// one file per group of methods. It owns no rule logic: it keeps the editor's
// documents and the workspace folders, asks workspace, host and diagnostics
// for findings, and turns them into diagnostics, code actions and a status.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/host"
)

// Options configure a server.
type Options struct {
	// Logger receives the server's logs; nil discards them. It must never
	// write to the protocol stream.
	Logger *zap.Logger
	// Version is reported to the client in serverInfo.
	Version string
	// Host says how to probe the machine (sysroot, environment, a recorded
	// `go env`); the zero value probes the live machine.
	Host host.Options
	// ReportText renders the `gowell check` text report for the
	// gowell.server.report command; nil makes that command fail.
	ReportText func(findings []diagnostics.Finding, s *diagnostics.Snapshot) string
	// Debounce is how long typing must pause before open documents are
	// diagnosed again (default 30ms).
	Debounce time.Duration
}

// ErrNoShutdown is what Serve returns when the client ends the session
// without a shutdown request; LSP asks for exit status 1 then.
var ErrNoShutdown = errors.New("the client ended the session without a shutdown request")

type lifecycle int

const (
	uninitialized lifecycle = iota
	running
	shutDown
)

// Server is one LSP session.
type Server struct {
	opts Options
	log  *zap.Logger
	conn *rpcConn

	// bg bounds every goroutine the session starts; stopping cancels it and
	// waits for them, so nothing is sent after shutdown.
	bg     context.Context
	stopBg context.CancelFunc
	wg     sync.WaitGroup

	mu       sync.Mutex
	state    lifecycle
	exited   bool
	started  bool // initialized was received
	caps     clientCaps
	statusOn bool
	roots    []string
	rootsGen int
	docs     map[string]document
	settings diagnostics.Config
	optErr   error // initializationOptions that could not be read
	inflight map[string]context.CancelFunc

	// The scan loop's input, guarded by mu (see scan.go).
	wake       chan struct{}
	pending    pending
	cur        *view
	host       *host.Info
	hostFinal  bool // host came from a complete probe
	probing    bool
	probeGen   int
	afterProbe []chan struct{}

	// Owned by the scan loop's goroutine.
	sent       map[string]string // publish.go
	lastStatus *statusParams     // status.go
	disk       diskWatch         // disk_watch.go
}

// Serve runs one session over rwc until the client sends exit, the stream
// ends or ctx is cancelled. It returns nil after shutdown and exit.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) error {
	if opts.Logger == nil {
		opts.Logger = zap.NewNop()
	}
	if opts.Debounce <= 0 {
		opts.Debounce = 30 * time.Millisecond
	}
	s := &Server{opts: opts, log: opts.Logger, docs: map[string]document{}, inflight: map[string]context.CancelFunc{}}
	s.wake = make(chan struct{}, 1)
	s.sent = map[string]string{}
	s.bg, s.stopBg = context.WithCancel(context.Background())
	defer s.stop()

	s.startDiskWatch()
	s.conn = newConn(rwc, s.log)
	s.conn.Go(ctx, s.handle)
	select {
	case <-s.conn.Done():
	case <-ctx.Done():
		s.conn.Close()
		<-s.conn.Done()
		return ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.exited && s.state == shutDown {
		return nil
	}
	return ErrNoShutdown
}

// stop ends every background goroutine and waits for them.
func (s *Server) stop() {
	s.stopBg()
	s.disk.close()
	s.wg.Wait()
}

// goBg runs f on a background goroutine that stop waits for.
func (s *Server) goBg(f func(ctx context.Context)) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		f(s.bg)
	}()
}

// A handler decodes its params, does its work and returns the result. A
// notification's result is ignored.
type handler func(s *Server, ctx context.Context, m *incoming) (any, error)

var handlers = map[string]handler{
	"initialize":                          (*Server).initialize,
	"initialized":                         (*Server).initialized,
	"shutdown":                            (*Server).shutdown,
	"exit":                                (*Server).exit,
	"$/cancelRequest":                     (*Server).cancelRequest,
	"textDocument/didOpen":                (*Server).didOpen,
	"textDocument/didChange":              (*Server).didChange,
	"textDocument/didSave":                (*Server).didSave,
	"textDocument/didClose":               (*Server).didClose,
	"textDocument/codeAction":             (*Server).codeAction,
	"workspace/didChangeWatchedFiles":     (*Server).didChangeWatchedFiles,
	"workspace/didChangeWorkspaceFolders": (*Server).didChangeWorkspaceFolders,
	"workspace/didChangeConfiguration":    (*Server).didChangeConfiguration,
	"workspace/executeCommand":            (*Server).executeCommand,
}

// replyLater is the result of a handler that answers from a goroutine of its
// own (see Server.async).
type replyLater struct{}

// handle guards the lifecycle, runs the method's handler and replies, exactly
// once, whatever the handler does, panics included.
func (s *Server) handle(ctx context.Context, m *incoming) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("handler panicked", zap.String("method", m.Method), zap.Any("panic", p), zap.Stack("stack"))
			s.reply(ctx, m, nil, rpcError(codeInternalError, "internal error in %s: %v", m.Method, p))
		}
	}()
	h, known := handlers[m.Method]
	if err := s.admit(m.Method, known); err != nil {
		if m.ID == "" {
			s.log.Debug("ignoring notification", zap.String("method", m.Method), zap.Error(err))
		}
		s.reply(ctx, m, nil, err)
		return
	}
	result, err := h(s, ctx, m)
	if _, later := result.(replyLater); later && err == nil {
		return
	}
	if err != nil && m.ID == "" {
		s.log.Warn("notification failed", zap.String("method", m.Method), zap.Error(err))
	}
	s.reply(ctx, m, result, err)
}

// admit says whether a method may run now: nothing but initialize (and exit)
// before initialize, nothing but exit after shutdown.
func (s *Server) admit(method string, known bool) error {
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	switch {
	case method == "exit":
		return nil
	case state == uninitialized && method != "initialize":
		return rpcError(codeServerNotInitialized, "%s before initialize", method)
	case state == running && method == "initialize":
		return rpcError(codeInvalidRequest, "initialize was already received")
	case state == shutDown:
		return rpcError(codeInvalidRequest, "%s after shutdown", method)
	case !known:
		return rpcError(codeMethodNotFound, "method not found: %s", method)
	}
	return nil
}

func (s *Server) reply(ctx context.Context, m *incoming, result any, err error) {
	if werr := m.Reply(ctx, result, wireError(err)); werr != nil {
		s.log.Debug("cannot reply", zap.String("method", m.Method), zap.Error(werr))
	}
}

// async runs work on its own goroutine and replies from there, so a slow
// request (a tool run, a rescan) does not stop the reading of the stream. The
// client can cancel it with $/cancelRequest.
func (s *Server) async(m *incoming, work func(ctx context.Context) (any, error)) (any, error) {
	ctx, cancel := context.WithCancel(s.bg)
	s.mu.Lock()
	if m.ID != "" {
		s.inflight[m.ID] = cancel
	}
	s.mu.Unlock()
	s.goBg(func(context.Context) {
		defer func() {
			s.mu.Lock()
			delete(s.inflight, m.ID)
			s.mu.Unlock()
			cancel()
		}()
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("request panicked", zap.String("method", m.Method), zap.Any("panic", p), zap.Stack("stack"))
				s.reply(ctx, m, nil, rpcError(codeInternalError, "internal error in %s: %v", m.Method, p))
			}
		}()
		result, err := work(ctx)
		if ctx.Err() != nil && s.bg.Err() == nil {
			err = rpcError(codeRequestCancelled, "%s was cancelled", m.Method)
		}
		s.reply(context.Background(), m, result, err)
	})
	return replyLater{}, nil
}

func (s *Server) cancelRequest(_ context.Context, m *incoming) (any, error) {
	id, ok := cancelID(m.Params)
	if !ok {
		return nil, nil
	}
	s.mu.Lock()
	cancel := s.inflight[id]
	s.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	return nil, nil
}

// decode reads params into v; a type mismatch is the client's error.
func decode(params json.RawMessage, v any) error {
	if len(params) == 0 {
		return nil
	}
	if err := json.Unmarshal(params, v); err != nil {
		return rpcError(codeInvalidParams, "invalid params: %v", err)
	}
	return nil
}
