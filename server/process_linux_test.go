package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/server"
)

// Some faults need the server in a process of its own: stopped with SIGSTOP
// while the kernel's event queue overflows, or in a user namespace where the
// inotify watch budget can be lowered (fs.inotify.max_user_watches is
// per user namespace since Linux 5.11, /proc/sys/user/max_inotify_watches)
// and where root cannot read a file owned by a user the namespace does not
// map. The process is this test binary run again: TestServerProcess serves
// LSP on file descriptors 3 and 4 and logs to stderr.

const childEnv = "GOWELL_TEST_SERVER_PROCESS"

// processConfig is what the child is told through childEnv.
type processConfig struct {
	Host host.Options
	// UserNS runs the server in a new user namespace that maps only the
	// current user, as root.
	UserNS bool
	// Limits sets the user namespace's own limits, by file name under
	// /proc/sys/user: max_inotify_watches, max_inotify_instances.
	Limits map[string]int
}

// TestServerProcess is not a test of its own: it is the server process that
// serveProcess starts. Without childEnv it does nothing.
func TestServerProcess(t *testing.T) {
	env := os.Getenv(childEnv)
	if env == "" {
		return
	}
	ready := os.NewFile(5, "ready")
	var cfg processConfig
	if err := json.Unmarshal([]byte(env), &cfg); err != nil {
		ready.WriteString("fail: " + err.Error() + "\n")
		return
	}
	for name, n := range cfg.Limits {
		if err := os.WriteFile("/proc/sys/user/"+name, []byte(strconv.Itoa(n)), 0); err != nil {
			ready.WriteString("skip: cannot set a limit of a user namespace: " + err.Error() + "\n")
			return
		}
	}
	enc := zap.NewDevelopmentEncoderConfig()
	log := zap.New(zapcore.NewCore(zapcore.NewConsoleEncoder(enc), zapcore.Lock(os.Stderr), zap.DebugLevel))
	ready.WriteString("ok\n")
	ready.Close()
	rwc := &pipeConn{r: os.NewFile(3, "in"), w: os.NewFile(4, "out")}
	err := server.Serve(context.Background(), rwc, server.Options{Logger: log, Host: cfg.Host})
	log.Info("Serve returned", zap.Error(err))
}

// process is a server running in a child process.
type process struct {
	*client
	cmd  *exec.Cmd
	logs *syncBuffer // the server's log, from its stderr
}

// serveProcess starts the server in a child process and returns a client
// connected to it. A zero cfg.Host gets the same default as start.
func serveProcess(t *testing.T, cfg processConfig) *process {
	t.Helper()
	if cfg.Host.GoEnv == nil && cfg.Host.Sysroot == "" {
		cfg.Host = host.Options{Sysroot: t.TempDir(), Env: map[string]string{},
			GoEnv: &host.GoEnv{Path: "/usr/local/go/bin/go", Vars: map[string]string{"GOVERSION": "go1.26.8", "GOTOOLCHAIN": "auto"}}}
	}
	toChild, toChildW := mustPipe(t)
	fromChildR, fromChild := mustPipe(t)
	readyR, readyW := mustPipe(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestServerProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+mustJSON(t, cfg))
	cmd.ExtraFiles = []*os.File{toChild, fromChild, readyW}
	p := &process{cmd: cmd, logs: &syncBuffer{}}
	cmd.Stderr = p.logs
	if cfg.UserNS {
		cmd.SysProcAttr = &syscall.SysProcAttr{
			Cloneflags:  syscall.CLONE_NEWUSER,
			UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getuid(), Size: 1}},
			GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getgid(), Size: 1}},
		}
	}
	err := cmd.Start()
	for _, f := range []*os.File{toChild, fromChild, readyW} {
		f.Close()
	}
	if err != nil {
		toChildW.Close()
		fromChildR.Close()
		readyR.Close()
		if cfg.UserNS {
			t.Skipf("user namespaces are unavailable here: %v", err)
		}
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() {
		waitErr = cmd.Wait()
		close(exited)
	}()
	line, _ := bufio.NewReader(readyR).ReadString('\n')
	readyR.Close()
	switch line = strings.TrimSpace(line); {
	case line == "ok":
	case strings.HasPrefix(line, "skip: "):
		toChildW.Close()
		fromChildR.Close()
		<-exited
		t.Skip(strings.TrimPrefix(line, "skip: "))
	default:
		toChildW.Close()
		fromChildR.Close()
		<-exited
		t.Fatalf("the server process did not start (%q): %v\n%s", line, waitErr, p.logs)
	}

	conn := &pipeConn{r: fromChildR, w: toChildW}
	c := &client{t: t, conn: conn, done: exited, waiting: map[string]chan msg{},
		notes: make(chan msg, 1000), orphans: make(chan msg, 100), calls: make(chan msg, 100)}
	p.client = c
	go c.read()
	t.Cleanup(func() {
		c.closed.Store(true)
		cmd.Process.Signal(syscall.SIGCONT) // in case the test failed while it was stopped
		conn.Close()
		select {
		case <-exited:
		case <-time.After(timeout):
			cmd.Process.Kill()
			<-exited
			t.Errorf("the server process did not stop after its input closed")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", p.logs)
		}
	})
	return p
}

func mustPipe(t *testing.T) (r, w *os.File) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	return r, w
}

// pipeConn is a net.Conn over two pipes, for the test client and for the
// server process's end.
type pipeConn struct {
	r, w *os.File
}

func (c *pipeConn) Read(b []byte) (int, error)  { return c.r.Read(b) }
func (c *pipeConn) Write(b []byte) (int, error) { return c.w.Write(b) }
func (c *pipeConn) Close() error                { return errors.Join(c.w.Close(), c.r.Close()) }
func (c *pipeConn) LocalAddr() net.Addr         { return pipeAddr{} }
func (c *pipeConn) RemoteAddr() net.Addr        { return pipeAddr{} }
func (c *pipeConn) SetDeadline(t time.Time) error {
	return errors.Join(c.r.SetReadDeadline(t), c.w.SetWriteDeadline(t))
}
func (c *pipeConn) SetReadDeadline(t time.Time) error  { return c.r.SetReadDeadline(t) }
func (c *pipeConn) SetWriteDeadline(t time.Time) error { return c.w.SetWriteDeadline(t) }

type pipeAddr struct{}

func (pipeAddr) Network() string { return "pipe" }
func (pipeAddr) String() string  { return "pipe" }

// syncBuffer collects a process's output while tests read it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitLog waits until the server has logged a line containing text.
func (p *process) waitLog(text string) {
	p.t.Helper()
	waitFor(p.t, "the server to log "+strconv.Quote(text), func() bool { return strings.Contains(p.logs.String(), text) })
}
