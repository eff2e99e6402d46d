package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/workspace"
)

// codeAction is a CodeAction as gowell sends it. The library's WorkspaceEdit
// holds text edits only, and a fix may create a file.
type codeAction struct {
	Title       string            `json:"title"`
	Kind        lspCodeActionKind `json:"kind"`
	Diagnostics []lspDiagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool              `json:"isPreferred,omitempty"`
	Edit        *workspaceEdit    `json:"edit,omitempty"`
	Command     *lspCommand       `json:"command,omitempty"`
}

type workspaceEdit struct {
	Changes         map[string][]lspTextEdit `json:"changes,omitempty"`
	DocumentChanges []any                    `json:"documentChanges,omitempty"`
}

// textDocumentEdit edits one document; a nil version means the file as it is
// on disk, an open document's version makes the client refuse the edit when
// the user has typed since.
type textDocumentEdit struct {
	TextDocument struct {
		URI     string `json:"uri"`
		Version *int32 `json:"version"`
	} `json:"textDocument"`
	Edits []lspTextEdit `json:"edits"`
}

type createFile struct {
	Kind    string `json:"kind"` // "create"
	URI     string `json:"uri"`
	Options struct {
		Overwrite      bool `json:"overwrite"`
		IgnoreIfExists bool `json:"ignoreIfExists"`
	} `json:"options"`
}

// codeAction turns the fixes carried by gowell's diagnostics into quick fixes.
// It remembers nothing between requests: the fixes come from each
// diagnostic's data (or, for a client that drops data, from the current
// findings), and a fix computed for text that has changed since is refused
// rather than allowed to clobber newer text.
func (s *Server) codeAction(_ context.Context, m *incoming) (any, error) {
	var p codeActionParams
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	actions := []codeAction{}
	path, ok := pathOf(string(p.TextDocument.URI))
	if !ok || !wantsQuickFix(p.Context.Only) {
		return actions, nil
	}
	s.mu.Lock()
	caps, cur, roots := s.caps, s.cur, s.roots
	docs := make(map[string]document, len(s.docs))
	for k, d := range s.docs {
		docs[k] = d
	}
	s.mu.Unlock()

	for _, d := range p.Context.Diagnostics {
		if d.Source != "gowell" {
			continue
		}
		if a, ok := moveAction(d, path, roots); ok && caps.moveWorkspace {
			actions = append(actions, a)
		}
		data, ok := dataOf(d)
		if !ok {
			data, ok = lookup(cur, path, d)
		}
		if !ok {
			continue
		}
		for _, fix := range data.Fixes {
			if err := fresh(fix, data.Base, docs); err != nil {
				s.log.Debug("refusing a stale fix", zap.String("fix", fix.Title), zap.Error(err))
				continue
			}
			if a, ok := toAction(fix, d, caps); ok {
				actions = append(actions, a)
			}
		}
	}
	return actions, nil
}

func wantsQuickFix(only []lspCodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == quickFix || strings.HasPrefix(string(quickFix), string(k)+".") {
			return true
		}
	}
	return false
}

// dataOf reads the fixes a published diagnostic carries.
func dataOf(d lspDiagnostic) (diagData, bool) {
	if d.Data == nil {
		return diagData{}, false
	}
	b, err := json.Marshal(d.Data)
	if err != nil {
		return diagData{}, false
	}
	var data diagData
	if json.Unmarshal(b, &data) != nil || len(data.Fixes) == 0 {
		return diagData{}, false
	}
	return fromWire(data)
}

// lookup finds the current finding a diagnostic without data stands for.
func lookup(v *view, path string, d lspDiagnostic) (diagData, bool) {
	if v == nil {
		return diagData{}, false
	}
	for _, f := range v.findings {
		if f.Path == path && f.Code == fmt.Sprint(d.Code) && f.Message == d.Message &&
			f.Range == fromLSPRange(d.Range) && len(f.Fixes) > 0 {
			return fixData(v.snap, f.Fixes), true
		}
	}
	return diagData{}, false
}

// fresh reports why a fix no longer applies, if it does not: the document it
// edits has a newer version, the file it was computed from changed on disk,
// or the file it creates exists now.
func fresh(fix diagnostics.Fix, base map[string]string, docs map[string]document) error {
	for _, fe := range fix.Edits {
		doc, open := docs[fe.Path]
		switch {
		case fe.Create:
			if _, err := os.Stat(fe.Path); open || !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%s exists now", fe.Path)
			}
		case fe.Version != 0:
			if !open || doc.version != fe.Version {
				return fmt.Errorf("%s changed since the fix was computed for version %d", fe.Path, fe.Version)
			}
		default:
			// Computed from text without a version: the disk, or a document
			// a client opened as version 0. Compare the text itself.
			text := doc.text
			if !open {
				b, err := os.ReadFile(fe.Path)
				if err != nil {
					return err
				}
				text = b
			}
			if want, ok := base[fe.Path]; !ok || hash(text) != want {
				return fmt.Errorf("%s changed since the fix was computed", fe.Path)
			}
		}
	}
	return nil
}

func toAction(fix diagnostics.Fix, d lspDiagnostic, caps clientCaps) (codeAction, bool) {
	a := codeAction{Title: fix.Title, Kind: quickFix, Diagnostics: []lspDiagnostic{d}, IsPreferred: fix.Preferred}
	if len(fix.Edits) > 0 {
		edit, ok := toWorkspaceEdit(fix.Edits, caps)
		if !ok {
			return a, false
		}
		a.Edit = edit
	}
	if c := fix.Command; c != nil {
		a.Command = &lspCommand{Title: fix.Title, Command: cmdRunTool,
			Arguments: []any{toolArgs{Title: fix.Title, Argv: c.Argv, Dir: c.Dir}}}
	}
	return a, a.Edit != nil || a.Command != nil
}

// toWorkspaceEdit builds the edit in the richest form the client takes:
// versioned document changes with file creation, or plain per-file edits (and
// then no fix that creates a file).
func toWorkspaceEdit(edits []diagnostics.FileEdit, caps clientCaps) (*workspaceEdit, bool) {
	if !caps.documentChanges {
		changes := map[string][]lspTextEdit{}
		for _, fe := range edits {
			if fe.Create {
				return nil, false
			}
			uri := fileURI(fe.Path)
			changes[uri] = append(changes[uri], toLSPEdits(fe.Edits)...)
		}
		return &workspaceEdit{Changes: changes}, true
	}
	var out []any
	for _, fe := range edits {
		var e textDocumentEdit
		e.TextDocument.URI = fileURI(fe.Path)
		e.Edits = toLSPEdits(fe.Edits)
		if fe.Create {
			if !caps.createFiles {
				return nil, false
			}
			out = append(out, createFile{Kind: "create", URI: e.TextDocument.URI})
		} else if fe.Version != 0 {
			v := fe.Version
			e.TextDocument.Version = &v
		}
		out = append(out, e)
	}
	return &workspaceEdit{DocumentChanges: out}, true
}

func toLSPEdits(edits []workspace.TextEdit) []lspTextEdit {
	out := make([]lspTextEdit, len(edits))
	for i, e := range edits {
		out[i] = lspTextEdit{Range: toLSPRange(e.Range), NewText: e.NewText}
	}
	return out
}
