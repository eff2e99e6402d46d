package server

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"time"

	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

// view is the result of one scan: immutable, so handlers read it while the
// next one is computed.
type view struct {
	snap     *diagnostics.Snapshot
	rootsGen int
	findings []diagnostics.Finding
	trouble  []string         // gowell's own problems, for the status: unreadable settings, …
	versions map[string]int32 // the open documents' versions the findings were computed for
	final    bool             // computed with the complete host probe
}

// pending is what the next scan must do, merged from every change since the
// last one.
type pending struct {
	queued  bool
	urgent  bool     // something other than typing: scan without waiting for a pause
	paths   []string // files changed on disk
	reload  bool     // walk the folders again: new folders, a directory appeared or vanished, a rescan
	reprobe bool     // probe the machine again
	waiters []chan struct{}
}

// change is one reason to scan.
type change struct {
	paths   []string
	reload  bool
	reprobe bool
	typing  bool // a document edit: wait until typing pauses
	done    chan struct{}
}

// schedule queues a change for the scan loop. An edit after a pause in
// typing is scanned at once (the leading edge); the edits that follow it
// within the debounce period wait for the next pause (the trailing edge). So
// a single edit is diagnosed without delay and a burst costs two scans.
func (s *Server) schedule(c change) {
	s.mu.Lock()
	p := &s.pending
	p.queued = true
	p.urgent = p.urgent || !c.typing
	if c.typing {
		now := time.Now()
		p.urgent = p.urgent || now.Sub(s.lastEdit) >= s.opts.Debounce
		s.lastEdit = now
	}
	p.paths = append(p.paths, c.paths...)
	p.reload = p.reload || c.reload
	p.reprobe = p.reprobe || c.reprobe
	if c.done != nil {
		p.waiters = append(p.waiters, c.done)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// loop is the only goroutine that scans, publishes and sends the status, so
// state changes are serialised and every publish reflects one snapshot.
//
// Once the scans stop for idleRelease (the first scan and the one the
// probe brings are done, the user paused typing), it hands the memory they
// left behind back to the system: a full scan of a large tree allocates tens
// of megabytes it no longer needs, which the runtime would keep for minutes,
// and the editor shows the server's RSS. One collection per pause, none
// while idle, and none between two scans that follow each other: a forced
// collection there would delay the second.
func (s *Server) loop(ctx context.Context) {
	var rested <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case <-rested:
			rested = nil
			debug.FreeOSMemory()
			continue
		case <-s.wake:
		}
		if !s.settle(ctx) {
			return
		}
		s.mu.Lock()
		p := s.pending
		s.pending = pending{}
		s.mu.Unlock()
		if p.queued {
			s.safeCycle(ctx, p)
			rested = time.After(idleRelease)
		}
	}
}

// idleRelease is how long the scans must rest before the loop returns
// memory: a pause in typing, well before a second of quiet.
const idleRelease = 500 * time.Millisecond

// settle waits while only typing is queued, until it pauses for the debounce
// period (and never more than ten periods in all, for a fast typist).
func (s *Server) settle(ctx context.Context) bool {
	deadline := time.Now().Add(10 * s.opts.Debounce)
	for {
		s.mu.Lock()
		urgent := s.pending.urgent
		s.mu.Unlock()
		wait := min(s.opts.Debounce, time.Until(deadline))
		if urgent || wait <= 0 {
			return true
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return false
		case <-s.wake:
			t.Stop()
		case <-t.C:
			return true
		}
	}
}

// safeCycle runs one cycle; a panic in it costs that cycle, not the loop.
func (s *Server) safeCycle(ctx context.Context, p pending) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("panic in a scan", zap.Any("panic", r), zap.Stack("stack"))
			for _, w := range p.waiters {
				close(w)
			}
		}
	}()
	s.cycle(ctx, p)
}

// cycle scans, runs the rules and publishes.
func (s *Server) cycle(ctx context.Context, p pending) {
	began := time.Now()
	s.mu.Lock()
	roots, gen, settings, prev := slices.Clone(s.roots), s.rootsGen, s.settings, s.cur
	overlays, versions := s.overlays()
	var trouble []string
	if s.optErr != nil {
		trouble = append(trouble, s.optErr.Error())
	}
	s.mu.Unlock()

	load := p.reload || prev == nil || prev.rootsGen != gen
	var done *view // the complete results, once published
	if load {
		// Only full scans show progress: typing's take milliseconds, and
		// progress would flicker.
		prog := s.startProgress(roots)
		defer func() { prog.end(done) }()
	}
	info, final, probe := s.hostFor(ctx, p.reprobe)
	if load {
		s.sendStatus(ctx, prev, false)
	}
	var ws *workspace.Snapshot
	if !load {
		ws = prev.snap.Update(p.paths, overlays)
	} else {
		var err error
		ws, err = workspace.Load(ctx, roots, overlays)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			s.log.Error("cannot scan the workspace folders", zap.Error(err))
			trouble = append(trouble, "cannot scan the workspace folders: "+err.Error())
			ws, _ = workspace.Load(ctx, nil, overlays)
		}
	}
	v := &view{snap: &diagnostics.Snapshot{Snapshot: ws, Host: info, Results: &s.results}, rootsGen: gen, versions: versions, final: final}
	if prev == nil {
		// At the start the rules that read only the files publish first;
		// those that ask git or list build contexts (hundreds of
		// milliseconds in a monorepo) follow in this cycle, reusing them.
		// Later scans keep what was published until they are complete:
		// a finding must not blink out and back.
		quick := &view{snap: &diagnostics.Snapshot{Snapshot: ws, Host: info, Results: &s.results, FilesOnly: true},
			rootsGen: gen, versions: versions}
		quick.findings, quick.trouble = evaluate(quick.snap, settings, false)
		quick.trouble = append(slices.Clone(trouble), quick.trouble...)
		s.commit(ctx, quick, true)
	}
	// The probe runs `go env` and git: on two cores, processes that would
	// compete with the first publish for the CPU. It starts after it.
	probe()
	v.findings, v.trouble = evaluate(v.snap, settings, final)
	if !final {
		// The probe often ends while the rules that ask git and list build
		// contexts run: the machine's rules then join this scan rather than
		// wait for the one the probe schedules. Only they run again.
		if info, ok := s.probed(); ok {
			v.snap.Host, v.final, final = info, true, true
			v.findings, v.trouble = evaluate(v.snap, settings, true)
		}
	}
	v.trouble = append(trouble, v.trouble...)
	ws.ReleaseListings() // the build contexts are listed: the walk's listings are done
	s.commit(ctx, v, false)
	done = v
	if s.log.Core().Enabled(zap.DebugLevel) {
		s.log.Debug("scanned", zap.Bool("full", load), zap.Int("files", len(ws.All())),
			zap.Int("findings", len(v.findings)), zap.Bool("hostComplete", final), zap.Duration("took", time.Since(began)))
	}

	// A rescan is done once its results rest on a complete probe.
	s.mu.Lock()
	waiters := p.waiters
	if s.probing || !final {
		s.afterProbe = append(s.afterProbe, waiters...)
		waiters = nil
	} else {
		waiters = append(waiters, s.afterProbe...)
		s.afterProbe = nil
	}
	s.mu.Unlock()
	for _, w := range waiters {
		close(w)
	}
}

// commit makes v current and tells the client what changed.
func (s *Server) commit(ctx context.Context, v *view, loaded bool) {
	s.mu.Lock()
	s.cur = v
	s.mu.Unlock()
	// Watch first: a client that acts on what is published must not find
	// its change unwatched.
	s.disk.update(v, loaded)
	s.publish(ctx, v)
	s.sendStatus(ctx, v, true)
	// A client without the status shows none of this: the log still does.
	if !slices.Equal(v.trouble, s.lastTrouble) {
		for _, t := range v.trouble {
			s.log.Warn(t)
		}
		s.lastTrouble = v.trouble
	}
}

// overlays returns the open documents as the workspace sees them. s.mu must
// be held.
func (s *Server) overlays() (map[string]workspace.Overlay, map[string]int32) {
	out := make(map[string]workspace.Overlay, len(s.docs))
	versions := make(map[string]int32, len(s.docs))
	for p, d := range s.docs {
		out[p] = workspace.Overlay{Version: d.version, Text: d.text}
		versions[p] = d.version
	}
	return out, versions
}

// probed returns the machine when a complete probe has ended and no other
// is under way.
func (s *Server) probed() (*host.Info, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.host, s.hostFinal && !s.probing
}

// hostFor returns the machine as known now, starting a probe when none has
// run or one is asked for. Reading `go env` can take seconds (and the rest of
// the probe tens of milliseconds), so until the first probe ends info is nil:
// the first scan runs the rules that do not read the machine and publishes
// their findings, and the probe's arrival schedules the scan that adds the
// rest. final reports whether info is complete; probe starts the probe when
// one is due.
func (s *Server) hostFor(ctx context.Context, reprobe bool) (info *host.Info, final bool, probe func()) {
	if s.opts.Host.GoEnv != nil {
		// A recorded `go env` makes the probe quick and complete.
		s.mu.Lock()
		info = s.host
		s.mu.Unlock()
		if info == nil || reprobe {
			info = host.Probe(ctx, s.opts.Host)
			s.mu.Lock()
			s.host, s.hostFinal = info, true
			s.mu.Unlock()
		}
		return info, true, func() {}
	}
	s.mu.Lock()
	info, final = s.host, s.hostFinal
	s.mu.Unlock()
	return info, final, func() {
		s.mu.Lock()
		start := reprobe || s.host == nil && !s.probing
		if start {
			s.probing = true
			s.probeGen++
		}
		gen := s.probeGen
		s.mu.Unlock()
		if !start {
			return
		}
		s.goBg(func(ctx context.Context) {
			var full *host.Info
			defer func() {
				// Even a probe that panicked ends: the status must not stay busy.
				s.mu.Lock()
				if gen == s.probeGen {
					s.probing = false
					if full != nil {
						s.host, s.hostFinal = full, true
					}
				}
				s.mu.Unlock()
				s.schedule(change{})
			}()
			full = host.Probe(ctx, s.opts.Host)
		})
	}
}

// evaluate runs the rules over one snapshot, each workspace folder with its
// own .gowell.json. Findings about the machine are left out until the host
// probe is complete: a half-probed machine is not a fact to report.
func evaluate(s *diagnostics.Snapshot, settings diagnostics.Config, hostComplete bool) ([]diagnostics.Finding, []string) {
	findings, trouble := diagnostics.RunFolders(s, settings)
	if !hostComplete {
		findings = slices.DeleteFunc(findings, func(f diagnostics.Finding) bool { return f.Path == "" })
	}
	return findings, trouble
}

// currentView returns the latest scan, or an error before the first.
func (s *Server) currentView() (*view, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return nil, fmt.Errorf("gowell has not finished its first scan yet")
	}
	return s.cur, nil
}
