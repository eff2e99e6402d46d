// Package lspbench drives a language server over its byte stream the way an
// editor does, and times what a user waits for: the first diagnostic after
// start, the diagnostics after an edit. The Go benchmarks (server.Serve over
// os.Pipe) and bench/lspbench (gowell and gopls as processes) share it, so
// both measure the same loop.
package lspbench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Note is a notification from the server, with the time it was read.
type Note struct {
	Method string
	Params json.RawMessage
	At     time.Time
}

// Published is textDocument/publishDiagnostics.
type Published struct {
	URI         string       `json:"uri"`
	Version     int32        `json:"version"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Diagnostic is the part of a diagnostic the benchmarks look at.
type Diagnostic struct {
	Code    any    `json:"code"` // a string for gowell, absent or a number elsewhere
	Message string `json:"message"`
}

// Client is the editor's end of one session.
type Client struct {
	w   io.Writer
	wmu sync.Mutex

	mu      sync.Mutex
	nextID  int
	waiting map[string]chan response
	err     error // why reading stopped

	notes chan Note
	done  chan struct{}
}

type response struct {
	Result json.RawMessage
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
}

type message struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
	response
}

// NewClient talks to a server that reads w and writes r. It reads until r
// ends; notifications queue without bound, so a slow benchmark never
// blocks the server.
func NewClient(r io.Reader, w io.Writer) *Client {
	c := &Client{w: w, waiting: map[string]chan response{}, notes: make(chan Note, 1<<16), done: make(chan struct{})}
	go c.read(bufio.NewReaderSize(r, 1<<16))
	return c
}

func (c *Client) read(r *bufio.Reader) {
	defer close(c.done)
	for {
		body, err := readFrame(r)
		if err != nil {
			c.mu.Lock()
			c.err = err
			c.mu.Unlock()
			return
		}
		at := time.Now()
		var m message
		if err := json.Unmarshal(body, &m); err != nil {
			continue
		}
		switch {
		case m.Method != "" && m.ID != nil:
			go c.answer(m)
		case m.Method != "":
			c.notes <- Note{Method: m.Method, Params: m.Params, At: at}
		default:
			c.mu.Lock()
			ch := c.waiting[string(m.ID)]
			delete(c.waiting, string(m.ID))
			c.mu.Unlock()
			if ch != nil {
				ch <- m.response
			}
		}
	}
}

// answer replies to a request from the server as a plain editor would:
// null, or a null per item for workspace/configuration.
func (c *Client) answer(m message) {
	result := "null"
	if m.Method == "workspace/configuration" {
		var p struct{ Items []json.RawMessage }
		_ = json.Unmarshal(m.Params, &p)
		result = "[" + strings.TrimSuffix(strings.Repeat("null,", len(p.Items)), ",") + "]"
	}
	_ = c.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"result":%s}`, m.ID, result))
}

func readFrame(r *bufio.Reader) ([]byte, error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if length < 0 {
				continue
			}
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length:"); ok {
			if length, err = strconv.Atoi(strings.TrimSpace(v)); err != nil {
				return nil, err
			}
		}
	}
	body := make([]byte, length)
	_, err := io.ReadFull(r, body)
	return body, err
}

func (c *Client) send(body string) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_, err := io.WriteString(c.w, "Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"+body)
	return err
}

// Call sends a request and waits for its result.
func (c *Client) Call(ctx context.Context, method string, params any) (json.RawMessage, error) {
	p, err := json.Marshal(params)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.nextID++
	id := strconv.Itoa(c.nextID)
	ch := make(chan response, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	if err := c.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%s,"method":%q,"params":%s}`, id, method, p)); err != nil {
		return nil, err
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			return nil, fmt.Errorf("%s: %d %s", method, r.Error.Code, r.Error.Message)
		}
		return r.Result, nil
	case <-c.done:
		return nil, fmt.Errorf("%s: the server closed the stream: %w", method, c.readErr())
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// Notify sends a notification.
func (c *Client) Notify(method string, params any) error {
	p, err := json.Marshal(params)
	if err != nil {
		return err
	}
	return c.send(fmt.Sprintf(`{"jsonrpc":"2.0","method":%q,"params":%s}`, method, p))
}

// Await returns the first notification, in arrival order, for which ok is
// true; the ones before it are passed to ok and dropped.
func (c *Client) Await(ctx context.Context, ok func(Note) bool) (Note, error) {
	for {
		select {
		case n := <-c.notes:
			if ok(n) {
				return n, nil
			}
		case <-c.done:
			// Drain what arrived before the stream ended.
			select {
			case n := <-c.notes:
				if ok(n) {
					return n, nil
				}
				continue
			default:
			}
			return Note{}, fmt.Errorf("the server closed the stream: %w", c.readErr())
		case <-ctx.Done():
			return Note{}, ctx.Err()
		}
	}
}

func (c *Client) readErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil || errors.Is(c.err, io.EOF) {
		return io.EOF
	}
	return c.err
}

// Done is closed when the server's stream ends.
func (c *Client) Done() <-chan struct{} { return c.done }
