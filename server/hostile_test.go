package server_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/gowell/gowell/server"
)

// TestHostileMessages replays the corpus in testdata/hostile: malformed and
// hostile client messages, each sent to a fresh server in a given state.
// Every reply must be the one the case wants, and the server must go on
// serving: a request sent after the case is answered as it should be in that
// state. It extends TestMalformedInput, which walks one session through
// the first bad inputs (a Content-Length that is not a number or missing, bad
// JSON, a method that is not a string, untitled: documents).
//
// A case is a txtar file: a comment saying what is sent and why the answer
// is right, then
//
//	-- state --   uninitialized, running (the default: initialized, first
//	              diagnostics in) or shutdown (after the shutdown request)
//	-- send --    a message body, framed with its Content-Length
//	-- raw --     bytes sent as they are, each line ending in \r\n and the
//	              last line in nothing
//	-- want --    the replies, one per line, in any order:
//	              "error <code> id <id>", "result id <id>", "reply id <id>"
//	              (either), nothing for none
//
// There may be several send and raw sections; they are sent in order. In
// them, $WORK is the workspace folder and $PAD(n) n bytes of "x".
func TestHostileMessages(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "hostile", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/hostile: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			replayHostile(t, ar)
		})
	}
}

var padRE = regexp.MustCompile(`\$PAD\((\d+)\)`)

func replayHostile(t *testing.T, ar *txtar.Archive) {
	state, want := "running", []string(nil)
	for _, f := range ar.Files {
		switch f.Name {
		case "state":
			state = strings.TrimSpace(string(f.Data))
		case "want":
			for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				if line = strings.TrimSpace(line); line != "" {
					want = append(want, line)
				}
			}
		case "send", "raw":
		default:
			t.Fatalf("unknown section %q", f.Name)
		}
	}
	dir := brokenWork(t)
	expand := func(s string) string {
		s = strings.ReplaceAll(s, "$WORK", filepath.ToSlash(dir))
		return padRE.ReplaceAllStringFunc(s, func(m string) string {
			n, _ := strconv.Atoi(padRE.FindStringSubmatch(m)[1])
			return strings.Repeat("x", n)
		})
	}

	c := start(t, server.Options{})
	sentinelCode := -32002 // ServerNotInitialized
	if state != "uninitialized" {
		c.call("initialize", initParams(false, dir), nil)
		c.notify("initialized", map[string]any{})
		c.diagnostics(filepath.Join(dir, "go.work"), nil)
		sentinelCode = 0
	}
	switch state {
	case "uninitialized", "running":
	case "shutdown":
		c.call("shutdown", nil, nil)
		sentinelCode = -32600 // InvalidRequest
	default:
		t.Fatalf("unknown state %q", state)
	}

	for _, f := range ar.Files {
		body := strings.TrimSuffix(string(f.Data), "\n")
		switch f.Name {
		case "send":
			c.write(expand(body))
		case "raw":
			c.writeRaw(expand(strings.ReplaceAll(body, "\n", "\r\n")))
		}
	}

	var got []msg
	deadline := time.After(timeout)
	for len(got) < len(want) {
		select {
		case m := <-c.orphans:
			got = append(got, m)
		case <-deadline:
			t.Fatalf("got %d replies, want %d:\n%s", len(got), len(want), replies(got))
		}
	}
	m := c.callRaw("workspace/executeCommand", `{"command":"gowell.server.explain","arguments":["GO003"]}`)
	switch {
	case sentinelCode == 0 && m.Error != nil, sentinelCode != 0 && (m.Error == nil || m.Error.Code != sentinelCode):
		t.Fatalf("the request after the case is answered %s", m.raw)
	}
	select {
	case m := <-c.orphans:
		got = append(got, m)
		t.Fatalf("more replies than wanted:\n%s", replies(got))
	default:
	}
	if !matchReplies(got, want) {
		t.Errorf("replies:\n%s\nwant:\n%s", replies(got), strings.Join(want, "\n"))
	}
}

// matchReplies pairs every reply with a wanted line.
func matchReplies(got []msg, want []string) bool {
	left := slices.Clone(want)
	for _, m := range got {
		kind := "result"
		if m.Error != nil {
			kind = fmt.Sprintf("error %d", m.Error.Code)
		}
		id := "id " + string(m.ID)
		i := slices.IndexFunc(left, func(w string) bool {
			return w == kind+" "+id || w == "reply "+id
		})
		if i < 0 {
			return false
		}
		left = slices.Delete(left, i, i+1)
	}
	return len(left) == 0
}

func replies(ms []msg) string {
	var b strings.Builder
	for _, m := range ms {
		fmt.Fprintf(&b, "\t%.300s\n", m.raw)
	}
	return b.String()
}
