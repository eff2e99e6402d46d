package server

import (
	"context"
	"slices"

	"github.com/gowell/gowell/workspace"
)

// preload is the first walk of the workspace folders, started when
// initialize names them: it runs while the reply and the client's
// initialized notification cross, so the first scan after initialized
// finds the tree already read. On a small repository that round trip is
// most of the wait for the first diagnostics.
type preload struct {
	roots []string
	done  chan struct{}
	snap  *workspace.Snapshot
	err   error
}

// startPreload walks roots in the background. s.mu must be held.
func (s *Server) startPreload(roots []string) {
	p := &preload{roots: slices.Clone(roots), done: make(chan struct{})}
	s.preload = p
	s.goBg(func(ctx context.Context) {
		defer close(p.done)
		p.snap, p.err = workspace.Load(ctx, p.roots, nil)
	})
}

// takePreload returns the preloaded walk of roots with the open documents
// laid over it, or nil when there is none for these roots (the folders
// changed before the first scan, or it was taken). It waits for a walk
// still under way.
func (s *Server) takePreload(ctx context.Context, roots []string, overlays map[string]workspace.Overlay) *workspace.Snapshot {
	s.mu.Lock()
	p := s.preload
	s.preload = nil
	s.mu.Unlock()
	if p == nil || !slices.Equal(p.roots, roots) {
		return nil
	}
	select {
	case <-p.done:
	case <-ctx.Done():
		return nil
	}
	if p.err != nil {
		return nil
	}
	if len(overlays) > 0 {
		// A document opened before the first scan: its text, not the disk's.
		return p.snap.Update(nil, overlays)
	}
	return p.snap
}
