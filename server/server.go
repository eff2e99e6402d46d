// Package server is gowell's language server: LSP over a byte stream, with
// one file per group of methods. It owns no rule logic: it keeps the editor's
// documents and the workspace folders, asks workspace, host and diagnostics
// for findings, and turns them into diagnostics, code actions and a status.
package server

import (
	"context"
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
	// diagnosed again (default 30ms). An edit after such a pause is
	// diagnosed at once; only the edits that follow it closely wait.
	Debounce time.Duration
	// ProgressDelay is how long a full scan must run before a client that
	// shows work-done progress is told of it (default 200ms): a quicker
	// scan shows nothing rather than a flash (progress.go).
	ProgressDelay time.Duration
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

	exit chan struct{} // closed by the exit notification

	mu       sync.Mutex
	state    lifecycle
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
	lastEdit   time.Time // when the last didChange was scheduled

	// Owned by the scan loop's goroutine.
	sent        map[string]string // publish.go
	lastStatus  *statusParams     // status.go
	lastTrouble []string
	results     diagnostics.Results // rules' findings kept from scan to scan
	disk        diskWatch           // disk_watch.go
	progressSeq int                 // the last progress token's number (progress.go)
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
	if opts.ProgressDelay <= 0 {
		opts.ProgressDelay = 200 * time.Millisecond
	}
	s := &Server{opts: opts, log: opts.Logger, docs: map[string]document{}, inflight: map[string]context.CancelFunc{}}
	s.wake = make(chan struct{}, 1)
	s.exit = make(chan struct{})
	s.sent = map[string]string{}
	s.bg, s.stopBg = context.WithCancel(context.Background())
	defer s.stop()

	s.startDiskWatch()
	s.conn = newConn(rwc, s.log)
	s.conn.Go(ctx, s.handle)
	var err error
	select {
	case <-s.conn.Done():
		err = s.outcome()
	case <-s.exit:
		err = s.outcome()
	case <-ctx.Done():
		err = ctx.Err()
	}
	s.conn.Close()
	// A read blocked on a terminal or a blocking pipe may not end with the
	// close; the session is over either way.
	select {
	case <-s.conn.Done():
	case <-time.After(100 * time.Millisecond):
	}
	return err
}

// outcome is the session's result once the client is gone: nil after
// shutdown and exit, as LSP asks.
func (s *Server) outcome() error {
	select {
	case <-s.exit:
	default:
		return ErrNoShutdown
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != shutDown {
		return ErrNoShutdown
	}
	return nil
}

// stop ends every background goroutine and waits for them.
func (s *Server) stop() {
	s.stopBg()
	s.disk.close()
	s.wg.Wait()
}

// goBg runs f on a background goroutine that stop waits for. A panic there
// is logged, not fatal: the session outlives a bug in one task.
func (s *Server) goBg(f func(ctx context.Context)) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer s.recoverPanic("background task")
		f(s.bg)
	}()
}

func (s *Server) recoverPanic(what string) {
	if p := recover(); p != nil {
		s.log.Error("panic in "+what, zap.Any("panic", p), zap.Stack("stack"))
	}
}
