package server

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.uber.org/zap"
)

// maxMessage bounds one message body; a larger one is skipped, not read into
// memory. Every message gowell expects is small: the largest is a full-sync
// didOpen or didChange of a document, and gowell reads no file over
// workspace.MaxFileSize (4 MiB) from disk; four times that leaves room for
// JSON's escapes. Reading more costs far more than its size (a 50 MB
// didChange allocated about 1 GB on its way through decoding, snapshot and
// rules), and with full sync every keystroke would send it again.
const maxMessage = 16 << 20

const lengthHeader = "Content-Length:"

// errBadHeader marks a header block that cannot be framed.
var errBadHeader = errors.New("bad message header")

// framer reads and writes LSP's base protocol: header lines, a blank line,
// then Content-Length bytes of body. Unlike a plain reader it survives bad
// input: a malformed header is logged and the stream resynchronised at the
// next "Content-Length:", so one bad message costs that message and not the
// session.
type framer struct {
	in  *bufio.Reader
	out io.Writer
	log *zap.Logger

	writeMu sync.Mutex // a frame is written whole
}

func newFramer(r io.Reader, w io.Writer, log *zap.Logger) *framer {
	return &framer{in: bufio.NewReader(r), out: w, log: log}
}

// oversized is a message larger than maxMessage, skipped unread. id is its
// request ID when the start of its body names one, so that the client,
// rather than wait for an answer forever, is told why there is none.
type oversized struct {
	size int64
	id   json.RawMessage
}

func (e *oversized) Error() string {
	return fmt.Sprintf("a message of %d bytes is larger than gowell's limit of %d MiB", e.size, maxMessage>>20)
}

// read returns the next message body. It fails when the stream does, and
// with an *oversized error for a message it skipped.
func (f *framer) read() ([]byte, error) {
	resync := false
	for {
		n, err := f.header(resync)
		if errors.Is(err, errBadHeader) {
			f.log.Warn("dropping a message with a malformed header", zap.Error(err))
			resync = true
			continue
		}
		if err != nil {
			return nil, err
		}
		resync = false
		if n > maxMessage {
			// Clients write the id before the params, so the buffer's worth
			// of the body at hand names it. A length the body does not honour
			// cannot be told from a huge body: the skip waits for n bytes.
			head, _ := f.in.Peek(f.in.Size())
			id := requestID(head)
			if _, err := io.CopyN(io.Discard, f.in, n); err != nil {
				return nil, err
			}
			return nil, &oversized{size: n, id: id}
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(f.in, body); err != nil {
			return nil, err
		}
		return body, nil
	}
}

// header reads one header block and returns its Content-Length. After a bad
// block it first skips to the next "Content-Length:", wherever it is: a body
// ends without a newline, so the next header starts mid-line.
func (f *framer) header(resync bool) (int64, error) {
	length := int64(-1)
	seen := false // a header line was read
	for {
		var line string
		var err error
		if resync && !seen {
			if err := f.skipTo(lengthHeader); err != nil {
				return 0, err
			}
			line, err = f.line()
			line = lengthHeader + line
		} else {
			line, err = f.line()
		}
		if err != nil {
			return 0, err
		}
		if line == "" {
			if !seen {
				continue // stray blank lines between messages
			}
			if length < 0 {
				return 0, fmt.Errorf("%w: no %s", errBadHeader, lengthHeader)
			}
			return length, nil
		}
		// A body shorter than its Content-Length said leaves its tail on the
		// line of the next header: what comes before "Content-Length:" there
		// is no header, and the next message starts at it.
		if i := strings.Index(line, lengthHeader); i > 0 {
			f.log.Warn("skipping bytes before a header", zap.String("bytes", truncate(line[:i], 80)))
			line, length = line[i:], -1
		}
		seen = true
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return 0, fmt.Errorf("%w: %q", errBadHeader, truncate(line, 80))
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || n <= 0 {
				return 0, fmt.Errorf("%w: Content-Length %q", errBadHeader, truncate(value, 80))
			}
			length = n
		}
	}
}

// line reads one header line without its line ending. A line longer than the
// reader's buffer is a bad header, never an unbounded allocation.
func (f *framer) line() (string, error) {
	b, err := f.in.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		return "", fmt.Errorf("%w: header line too long", errBadHeader)
	}
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// skipTo discards input up to and including the next occurrence of token.
func (f *framer) skipTo(token string) error {
	matched := 0
	for matched < len(token) {
		c, err := f.in.ReadByte()
		if err != nil {
			return err
		}
		switch {
		case c == token[matched]:
			matched++
		case c == token[0]:
			matched = 1
		default:
			matched = 0
		}
	}
	return nil
}

// write sends one message body with its header.
func (f *framer) write(body []byte) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(body))
	buf.Write(body)
	f.writeMu.Lock()
	defer f.writeMu.Unlock()
	_, err := f.out.Write(buf.Bytes())
	return err
}

// requestID reads the id of a request from the start of its body, when it
// comes before any member too long to be there whole.
func requestID(head []byte) json.RawMessage {
	dec := json.NewDecoder(bytes.NewReader(head))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return nil
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		if key == "id" && validID(v) {
			return v
		}
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
