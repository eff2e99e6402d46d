package server

// This file is the only one that imports the LSP libraries: go.lsp.dev's
// protocol types (under local names) and its jsonrpc2 connection, pinned as
// the pair protocol v0.12.0 + jsonrpc2 v0.10.0. Moving to another library
// means rewriting this file and nothing else.
//
// The server does not implement protocol.Server (a 70-method interface whose
// wrapper swaps the zap logger in ctx for a no-op, never matches numeric IDs
// in its cancel handler and panics on a handler that does not reply). It
// runs a jsonrpc2.Conn with its own dispatch on the method name, decoding
// params into the protocol types, which is smaller and keeps every failure
// mode in view.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

type (
	lspURI                   = protocol.DocumentURI
	lspRange                 = protocol.Range
	lspPosition              = protocol.Position
	lspDiagnostic            = protocol.Diagnostic
	lspSeverity              = protocol.DiagnosticSeverity
	lspCodeDescription       = protocol.CodeDescription
	lspTextEdit              = protocol.TextEdit
	lspCommand               = protocol.Command
	lspCodeActionKind        = protocol.CodeActionKind
	lspWorkspaceFolder       = protocol.WorkspaceFolder
	didOpenParams            = protocol.DidOpenTextDocumentParams
	didChangeParams          = protocol.DidChangeTextDocumentParams
	didSaveParams            = protocol.DidSaveTextDocumentParams
	didCloseParams           = protocol.DidCloseTextDocumentParams
	didChangeWatchedParams   = protocol.DidChangeWatchedFilesParams
	didChangeFoldersParams   = protocol.DidChangeWorkspaceFoldersParams
	codeActionParams         = protocol.CodeActionParams
	executeCommandParams     = protocol.ExecuteCommandParams
	publishDiagnosticsParams = protocol.PublishDiagnosticsParams
	registrationParams       = protocol.RegistrationParams
	registration             = protocol.Registration
	watchedFilesOptions      = protocol.DidChangeWatchedFilesRegistrationOptions
	fileSystemWatcher        = protocol.FileSystemWatcher
)

const quickFix = protocol.QuickFix

// JSON-RPC and LSP error codes.
const (
	codeParseError           = -32700
	codeInvalidRequest       = -32600
	codeMethodNotFound       = -32601
	codeInvalidParams        = -32602
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
	codeRequestCancelled     = -32800
	codeRequestFailed        = -32803
)

// rpcError is an error the client receives with its code.
func rpcError(code int, format string, args ...any) error {
	return jsonrpc2.NewError(jsonrpc2.Code(code), fmt.Sprintf(format, args...))
}

// wireError gives err a code for the client: its own when it has one,
// RequestFailed otherwise.
func wireError(err error) error {
	var e *jsonrpc2.Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return rpcError(codeRequestFailed, "%s", err.Error())
}

// incoming is one message from the client: a request when it has an ID, a
// notification otherwise.
type incoming struct {
	Method string
	Params json.RawMessage
	ID     string // "" for a notification; otherwise the ID as text, for logs and $/cancelRequest

	reply   jsonrpc2.Replier
	replied sync.Once
}

// Reply answers a request, once; later calls and calls for a notification do
// nothing. jsonrpc2 itself would panic on a second reply.
func (m *incoming) Reply(ctx context.Context, result any, err error) error {
	if m.ID == "" {
		return nil
	}
	var werr error
	m.replied.Do(func() { werr = m.reply(ctx, result, err) })
	return werr
}

// rpcConn is the server's end of the connection.
type rpcConn struct {
	conn jsonrpc2.Conn
}

func newConn(rwc io.ReadWriteCloser, log *zap.Logger) *rpcConn {
	return &rpcConn{conn: jsonrpc2.NewConn(&stream{f: newFramer(rwc, rwc, log), closer: rwc, log: log})}
}

// Go serves the connection, calling handle for every client message in the
// order they arrive, on one goroutine: a handler that blocks stops the
// reading, so slow work must move to a goroutine of its own (and reply from
// there).
func (c *rpcConn) Go(ctx context.Context, handle func(context.Context, *incoming)) {
	c.conn.Go(ctx, func(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
		m := &incoming{Method: req.Method(), Params: json.RawMessage(req.Params()), reply: reply}
		if call, ok := req.(*jsonrpc2.Call); ok {
			m.ID = fmt.Sprintf("%q", call.ID())
		}
		handle(ctx, m)
		// A handler error would make jsonrpc2 drop the connection; handlers
		// report failures to the client instead.
		return nil
	})
}

// Notify sends a notification.
func (c *rpcConn) Notify(ctx context.Context, method string, params any) error {
	return c.conn.Notify(ctx, method, params)
}

// Call sends a request and waits for its answer. It must not be called from
// a handler's own goroutine: the answer is read by that goroutine.
func (c *rpcConn) Call(ctx context.Context, method string, params any) error {
	_, err := c.conn.Call(ctx, method, params, nil)
	return err
}

// Close closes the connection; Done is closed once reading has stopped.
func (c *rpcConn) Close() error          { return c.conn.Close() }
func (c *rpcConn) Done() <-chan struct{} { return c.conn.Done() }

// cancelID reads the ID of a $/cancelRequest in the form incoming.ID has.
func cancelID(params json.RawMessage) (string, bool) {
	var p struct {
		ID *jsonrpc2.ID `json:"id"`
	}
	if err := json.Unmarshal(params, &p); err != nil || p.ID == nil {
		return "", false
	}
	return fmt.Sprintf("%q", *p.ID), true
}

// stream adapts the framer to jsonrpc2. A body that is not a JSON-RPC message
// is answered with an error here, because jsonrpc2's Conn drops the whole
// connection on any read error.
type stream struct {
	f      *framer
	closer io.Closer
	log    *zap.Logger
}

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		body, err := s.f.read()
		var big *oversized
		if errors.As(err, &big) {
			s.log.Warn("skipping an oversized message", zap.Int64("bytes", big.size), zap.Bool("request", big.id != nil))
			if big.id != nil {
				if werr := s.replyError(big.id, codeInvalidRequest, big.Error()); werr != nil {
					return nil, 0, werr
				}
			}
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		msg, err := jsonrpc2.DecodeMessage(body)
		if err == nil {
			return msg, int64(len(body)), nil
		}
		s.log.Warn("rejecting a malformed message", zap.Error(err), zap.String("body", truncate(string(body), 200)))
		if werr := s.reject(body, err); werr != nil {
			return nil, 0, werr
		}
	}
}

// reject answers a message that could not be decoded: a parse error for bad
// JSON, an invalid request for JSON that is not a request, echoing its ID
// when one can be read.
func (s *stream) reject(body []byte, cause error) error {
	code, msg := codeParseError, "parse error: "+cause.Error()
	id := json.RawMessage("null")
	if json.Valid(body) {
		code, msg = codeInvalidRequest, "invalid request: "+cause.Error()
		var m struct {
			ID json.RawMessage `json:"id"`
		}
		if json.Unmarshal(body, &m) == nil && validID(m.ID) {
			id = m.ID
		}
	}
	return s.replyError(id, code, msg)
}

// replyError answers the request id with an error, below jsonrpc2.
func (s *stream) replyError(id json.RawMessage, code int, msg string) error {
	out, err := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   jsonrpc2.Error  `json:"error"`
	}{"2.0", id, jsonrpc2.Error{Code: jsonrpc2.Code(code), Message: msg}})
	if err != nil {
		return err
	}
	return s.f.write(out)
}

// validID reports whether raw is a JSON-RPC ID: a number or a string.
func validID(raw json.RawMessage) bool {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	switch v.(type) {
	case float64, string:
		return true
	}
	return false
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	body, err := json.Marshal(msg)
	if err != nil {
		return 0, err
	}
	return int64(len(body)), s.f.write(body)
}

func (s *stream) Close() error { return s.closer.Close() }
