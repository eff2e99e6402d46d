package server

import (
	"context"
	"encoding/json"
	"slices"

	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
)

func (s *Server) didChangeWatchedFiles(_ context.Context, m *incoming) (any, error) {
	var p didChangeWatchedParams
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	var c change
	for _, e := range p.Changes {
		if e == nil {
			continue
		}
		path, ok := pathOf(string(e.URI))
		switch {
		case !ok:
		case tracked(path):
			c.paths = append(c.paths, path)
		default:
			c.reload = true // a directory holding watched files came or went
		}
	}
	if c.reload || len(c.paths) > 0 {
		s.schedule(c)
	}
	return nil, nil
}

func (s *Server) didChangeWorkspaceFolders(_ context.Context, m *incoming) (any, error) {
	var p didChangeFoldersParams
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	for _, f := range p.Event.Removed {
		if path, ok := pathOf(f.URI); ok {
			s.roots = slices.DeleteFunc(s.roots, func(r string) bool { return r == path })
		}
	}
	for _, f := range p.Event.Added {
		if path, ok := pathOf(f.URI); ok && !slices.Contains(s.roots, path) {
			s.roots = append(s.roots, path)
		}
	}
	s.rootsGen++
	roots := slices.Clone(s.roots)
	s.mu.Unlock()
	s.log.Info("workspace folders changed", zap.Strings("roots", roots))
	s.schedule(change{reload: true})
	return nil, nil
}

// configurationSettings is didChangeConfiguration's settings, in the shape
// docs/protocol.md gives: {"gowell": {"rules": {…}}}.
type configurationSettings struct {
	Gowell *struct {
		Rules map[string]string `json:"rules"`
	} `json:"gowell"`
}

func (s *Server) didChangeConfiguration(_ context.Context, m *incoming) (any, error) {
	var p struct {
		Settings json.RawMessage `json:"settings"`
	}
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	var settings configurationSettings
	if len(p.Settings) > 0 {
		if err := json.Unmarshal(p.Settings, &settings); err != nil {
			s.log.Warn("ignoring unreadable settings", zap.Error(err))
			return nil, nil
		}
	}
	if settings.Gowell == nil {
		return nil, nil // another extension's settings, or a pull-model client
	}
	s.mu.Lock()
	s.settings = diagnostics.Config{Rules: settings.Gowell.Rules}
	s.optErr = nil
	s.mu.Unlock()
	s.schedule(change{})
	return nil, nil
}
