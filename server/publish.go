package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"

	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/workspace"
)

// diagData travels in Diagnostic.Data so that codeAction needs no memory of
// what was published: the finding's fixes and, for edits computed against
// the disk rather than an open document, a hash of the text they apply to.
type diagData struct {
	Fixes []diagnostics.Fix `json:"fixes"`
	Base  map[string]string `json:"base,omitempty"`
}

// publish sends the diagnostics of every file whose set changed since the
// last publish, and [] for files that no longer have any. Findings about the
// machine alone have no file; they appear in the status only.
func (s *Server) publish(ctx context.Context, v *view) {
	byPath := map[string][]lspDiagnostic{}
	for _, f := range v.findings {
		if f.Path != "" {
			byPath[f.Path] = append(byPath[f.Path], toDiagnostic(v.snap, f))
		}
	}
	paths := slices.Sorted(maps.Keys(byPath))
	for p := range s.sent {
		if _, ok := byPath[p]; !ok {
			paths = append(paths, p)
		}
	}
	for _, p := range paths {
		diags := byPath[p]
		if diags == nil {
			diags = []lspDiagnostic{} // [] clears; null would be a protocol error
		}
		key, err := json.Marshal(diags)
		if err != nil {
			s.log.Error("cannot encode diagnostics", zap.String("path", p), zap.Error(err))
			continue
		}
		if prev, ok := s.sent[p]; ok && prev == string(key) {
			continue
		}
		params := publishDiagnosticsParams{URI: lspURI(fileURI(p)), Diagnostics: diags}
		if ver := v.versions[p]; ver > 0 {
			params.Version = uint32(ver)
		}
		if err := s.conn.Notify(ctx, "textDocument/publishDiagnostics", params); err != nil {
			s.log.Debug("cannot publish diagnostics", zap.String("path", p), zap.Error(err))
			return
		}
		if len(byPath[p]) == 0 {
			delete(s.sent, p)
		} else {
			s.sent[p] = string(key)
		}
	}
}

// toDiagnostic is the one place a finding becomes an LSP diagnostic.
func toDiagnostic(snap *diagnostics.Snapshot, f diagnostics.Finding) lspDiagnostic {
	d := lspDiagnostic{
		Range:    toLSPRange(f.Range),
		Severity: lspSeverity(f.Severity),
		Code:     f.Code,
		Source:   "gowell",
		Message:  f.Message,
	}
	if r := diagnostics.Lookup(f.Code); r != nil {
		d.CodeDescription = &lspCodeDescription{Href: lspURI(r.DocURL())}
	}
	if len(f.Fixes) > 0 {
		d.Data = wireData(fixData(snap, f.Fixes))
	}
	return d
}

func fixData(snap *diagnostics.Snapshot, fixes []diagnostics.Fix) diagData {
	data := diagData{Fixes: fixes}
	for _, fix := range fixes {
		for _, fe := range fix.Edits {
			if fe.Create || fe.Version != 0 {
				continue
			}
			if f := snap.File(fe.Path); f.Text != nil {
				if data.Base == nil {
					data.Base = map[string]string{}
				}
				// Once per version of the file: every publish carries it.
				data.Base[fe.Path] = f.Memo("publish.base", func() any { return hash(f.Text.Bytes) }).(string)
			}
		}
	}
	return data
}

func hash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func toLSPRange(r workspace.Range) lspRange {
	return lspRange{Start: toLSPPosition(r.Start), End: toLSPPosition(r.End)}
}

func toLSPPosition(p workspace.Position) lspPosition {
	return lspPosition{Line: uint32(max(p.Line, 0)), Character: uint32(max(p.Character, 0))}
}

func fromLSPRange(r lspRange) workspace.Range {
	return workspace.Range{
		Start: workspace.Position{Line: int(r.Start.Line), Character: int(r.Start.Character)},
		End:   workspace.Position{Line: int(r.End.Line), Character: int(r.End.Character)},
	}
}
