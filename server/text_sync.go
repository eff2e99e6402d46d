package server

import (
	"context"

	"go.uber.org/zap"

	"github.com/gowell/gowell/workspace"
)

// document is an open document as the editor has it, saved or not. Only the
// kinds of file gowell reads are kept.
type document struct {
	version int32
	text    []byte // never changed once stored: snapshots share it
}

func (s *Server) didOpen(_ context.Context, m *incoming) (any, error) {
	var p didOpenParams
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	path, ok := s.docPath(string(p.TextDocument.URI))
	if !ok || workspace.KindOf(path) == workspace.None {
		return nil, nil
	}
	s.setDoc(path, document{version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)})
	s.schedule(change{})
	return nil, nil
}

func (s *Server) didChange(_ context.Context, m *incoming) (any, error) {
	var p didChangeParams
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	path, ok := s.docPath(string(p.TextDocument.URI))
	if !ok || workspace.KindOf(path) == workspace.None || len(p.ContentChanges) == 0 {
		return nil, nil
	}
	// The server asks for full sync, so the last change is the whole text.
	text := p.ContentChanges[len(p.ContentChanges)-1].Text
	s.setDoc(path, document{version: p.TextDocument.Version, text: []byte(text)})
	s.schedule(change{typing: true})
	return nil, nil
}

func (s *Server) didSave(_ context.Context, m *incoming) (any, error) {
	var p didSaveParams
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	if path, ok := s.docPath(string(p.TextDocument.URI)); ok {
		// The open document still wins, but other files may read its
		// presence on disk.
		s.schedule(change{paths: []string{path}})
	}
	return nil, nil
}

func (s *Server) didClose(_ context.Context, m *incoming) (any, error) {
	var p didCloseParams
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	path, ok := s.docPath(string(p.TextDocument.URI))
	if !ok {
		return nil, nil
	}
	s.mu.Lock()
	delete(s.docs, path)
	s.mu.Unlock()
	// The disk is the truth again.
	s.schedule(change{paths: []string{path}})
	return nil, nil
}

// docPath maps a document URI to its file, logging the documents gowell
// leaves alone (untitled:, other schemes).
func (s *Server) docPath(uri string) (string, bool) {
	path, ok := pathOf(uri)
	if !ok {
		s.log.Debug("ignoring a document that is not a local file", zap.String("uri", uri))
	}
	return path, ok
}

func (s *Server) setDoc(path string, d document) {
	s.mu.Lock()
	s.docs[path] = d
	s.mu.Unlock()
}
