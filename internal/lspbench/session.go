package lspbench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path/filepath"
	"time"
)

// Session is a client with what an editor keeps of the server's output: the
// diagnostics last published for each document and the last gowell/status.
type Session struct {
	*Client
	Diags     map[string][]Diagnostic // by URI
	Quiescent bool                    // the last gowell/status said so
}

// NewSession wraps c.
func NewSession(c *Client) *Session {
	return &Session{Client: c, Diags: map[string][]Diagnostic{}}
}

// URI is the file URI of an absolute path.
func URI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// Initialize runs the initialize handshake for one workspace folder with
// the capabilities VS Code announces that matter here: dynamic registration
// of watched files, versioned diagnostics, workspace configuration.
func (s *Session) Initialize(ctx context.Context, root string, options any) error {
	params := map[string]any{
		"processId":             nil,
		"rootUri":               URI(root),
		"workspaceFolders":      []map[string]string{{"uri": URI(root), "name": filepath.Base(root)}},
		"initializationOptions": options,
		"capabilities": map[string]any{
			"workspace": map[string]any{
				"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
				"workspaceFolders":      true,
				"configuration":         true,
				"workspaceEdit":         map[string]any{"documentChanges": true, "resourceOperations": []string{"create"}},
			},
			"textDocument": map[string]any{
				"publishDiagnostics": map[string]any{"versionSupport": true},
				"synchronization":    map[string]any{"didSave": true},
			},
			"window": map[string]any{"workDoneProgress": true},
		},
	}
	if _, err := s.Call(ctx, "initialize", params); err != nil {
		return err
	}
	return s.Notify("initialized", struct{}{})
}

// Until reads notifications, keeping Diags and Quiescent current, until
// cond holds after one of them; it returns that notification.
func (s *Session) Until(ctx context.Context, cond func(Note) bool) (Note, error) {
	return s.Await(ctx, func(n Note) bool {
		switch n.Method {
		case "textDocument/publishDiagnostics":
			var p Published
			if json.Unmarshal(n.Params, &p) == nil {
				s.Diags[p.URI] = p.Diagnostics
			}
		case "gowell/status":
			var st struct{ Quiescent bool }
			if json.Unmarshal(n.Params, &st) == nil {
				s.Quiescent = st.Quiescent
			}
		}
		return cond(n)
	})
}

// Any reports whether some published diagnostic satisfies match.
func (s *Session) Any(match func(uri string, d Diagnostic) bool) bool {
	for uri, ds := range s.Diags {
		for _, d := range ds {
			if match(uri, d) {
				return true
			}
		}
	}
	return false
}

// Open sends didOpen.
func (s *Session) Open(path, languageID string, version int32, text string) error {
	return s.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": URI(path), "languageId": languageID, "version": version, "text": text}})
}

// Change sends a full-text didChange.
func (s *Session) Change(path string, version int32, text string) error {
	return s.Notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": URI(path), "version": version},
		"contentChanges": []map[string]string{{"text": text}},
	})
}

// Saved tells the server that path was written, as an editor does after a
// save: didSave, then the watched-file change.
func (s *Session) Saved(path string) error {
	if err := s.Notify("textDocument/didSave", map[string]any{"textDocument": map[string]string{"uri": URI(path)}}); err != nil {
		return err
	}
	return s.Notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": URI(path), "type": 2}}})
}

// Shutdown ends the session politely.
func (s *Session) Shutdown(ctx context.Context) error {
	if _, err := s.Call(ctx, "shutdown", nil); err != nil {
		return err
	}
	return s.Notify("exit", nil)
}

// EditLoop sends n edits to the open document path, versions first,
// first+1, …, cycling through texts, each gap after the previous edit's
// diagnostics arrived. Consecutive texts must produce different diagnostics
// for path, so that every edit is answered by a publish for its version; it
// returns how long each took, from sending the edit to reading the publish.
func (s *Session) EditLoop(ctx context.Context, path string, first int32, texts []string, n int, gap time.Duration) ([]time.Duration, error) {
	uri := URI(path)
	out := make([]time.Duration, 0, n)
	for i := range n {
		time.Sleep(gap)
		v := first + int32(i)
		began := time.Now()
		if err := s.Change(path, v, texts[i%len(texts)]); err != nil {
			return out, err
		}
		note, err := s.Until(ctx, func(n Note) bool { return published(n, uri, v) })
		if err != nil {
			return out, fmt.Errorf("edit %d: %w", i+1, err)
		}
		out = append(out, note.At.Sub(began))
	}
	return out, nil
}

// Burst types n edits gap apart without waiting, the last one with
// texts[len-1], and returns the time from the last edit to the publish for
// its version, and how many publishes for path the burst caused.
func (s *Session) Burst(ctx context.Context, path string, first int32, texts []string, gap time.Duration) (time.Duration, int, error) {
	uri := URI(path)
	var last time.Time
	v := first
	for i, t := range texts {
		if i > 0 {
			time.Sleep(gap)
		}
		last = time.Now()
		if err := s.Change(path, v, t); err != nil {
			return 0, 0, err
		}
		v++
	}
	final := v - 1
	count := 0
	note, err := s.Until(ctx, func(n Note) bool {
		if published(n, uri, -1) {
			count++
		}
		return published(n, uri, final)
	})
	if err != nil {
		return 0, count, err
	}
	return note.At.Sub(last), count, nil
}

// published reports whether n publishes diagnostics for uri at version v
// (any version when v < 0).
func published(n Note, uri string, v int32) bool {
	if n.Method != "textDocument/publishDiagnostics" {
		return false
	}
	var p Published
	return json.Unmarshal(n.Params, &p) == nil && p.URI == uri && (v < 0 || p.Version == v)
}
