package lspbench

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
	"time"
)

// The client answers the server's requests as an editor does and keeps the
// diagnostics the server publishes; a benchmark that missed either would
// wait for nothing or time the wrong message.
func TestClientAnswersAndTracksDiagnostics(t *testing.T) {
	toClient, fromServer := io.Pipe()
	fromClient, toServer := io.Pipe()
	s := NewSession(NewClient(toClient, toServer))
	send := func(body string) {
		io.WriteString(fromServer, "Content-Length: "+itoa(len(body))+"\r\n\r\n"+body)
	}
	go send(`{"jsonrpc":"2.0","id":7,"method":"workspace/configuration","params":{"items":[{},{}]}}`)
	reply, err := readFrame(bufio.NewReader(fromClient))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		ID     int
		Result []any
	}
	if err := json.Unmarshal(reply, &m); err != nil || m.ID != 7 || len(m.Result) != 2 {
		t.Errorf("reply to workspace/configuration: %s", reply)
	}

	go send(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///w/go.work","version":3,"diagnostics":[{"code":"GO001","message":"requires go >= 1.24"}]}}`)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := s.Until(ctx, func(n Note) bool { return published(n, "file:///w/go.work", 3) }); err != nil {
		t.Fatal(err)
	}
	if !s.Any(func(uri string, d Diagnostic) bool { return d.Code == "GO001" && strings.HasSuffix(uri, "go.work") }) {
		t.Errorf("diagnostics kept: %v", s.Diags)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestSummarize(t *testing.T) {
	s := Summarize([]time.Duration{5, 1, 4, 2, 3})
	if s.N != 5 || s.Median != 3 || s.Max != 5 {
		t.Errorf("Summarize = %+v", s)
	}
	if (Summarize(nil) != Summary{}) {
		t.Error("Summarize(nil) is not zero")
	}
}
