package server

import (
	"context"
	"encoding/json"

	"go.uber.org/zap"
)

// A handler decodes its params, does its work and returns the result. A
// notification's result is ignored.
type handler func(s *Server, ctx context.Context, m *incoming) (any, error)

var handlers = map[string]handler{
	"initialize":                          (*Server).initialize,
	"initialized":                         (*Server).initialized,
	"shutdown":                            (*Server).shutdown,
	"exit":                                (*Server).exitNow,
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
	if m.Method == "initialize" && err == nil {
		s.start()
	}
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
				s.reply(context.Background(), m, nil, rpcError(codeInternalError, "internal error in %s: %v", m.Method, p))
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
