package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"github.com/gowell/gowell/internal/lspbench"
)

// runSpec is one server measured on one workspace.
type runSpec struct {
	Server   string         // a name for the table: gowell, gopls
	Argv     []string       // how to start it
	Root     string         // the workspace
	Work     string         // go.work as generated (the go line too old)
	Fixed    string         // go.work repaired
	Match    *regexp.Regexp // the go.work error, in a diagnostic's message
	Starts   int            // extra starts to time, for a median
	Init     any            // initializationOptions
	Settled  bool           // wait for gowell/status quiescent after the first diagnostic
	Edits    int            // go.work edits to time after the fix (gowell publishes per version)
	Gap      time.Duration
	Idle     time.Duration
	Deadline time.Duration // for each wait
	Stale    time.Duration // for the repaired go.work's error to go
}

// result is what one run measured. Durations are in milliseconds in JSON.
type result struct {
	Server, Workspace string
	FirstDiag         ms // spawn → the first diagnostic matching Match, median of Starts
	Starts            int
	FirstDiagFile     string // the file it was reported on
	Settled           ms     // spawn → gowell/status quiescent (gowell only), median
	FixCleared        ms     // go.work repaired (edit, save, watched-file event) → no matching diagnostic; -1: not within StaleWait
	StaleWait         ms
	Edit              lspbench.Summary
	EditCPU           ms  // the server's CPU time per edit, from /proc (10 ms ticks, averaged)
	BurstTrailing     ms  // last edit of a 20-edit burst → its publish
	BurstPublishes    int // publishes for go.work during that burst
	RSS, PeakRSS      int64
	Watches           int
	IdleCPU           ms // CPU used during Idle, nothing happening
	IdleFor           ms
	Err               string `json:",omitempty"`
}

type ms float64

func toMS(d time.Duration) ms { return ms(float64(d) / float64(time.Millisecond)) }

// server is a started server process and the editor's session with it.
type server struct {
	*lspbench.Session
	cmd   *exec.Cmd
	stdin io.Closer
	began time.Time // when it was spawned
}

// spawn starts the server in the workspace.
func spawn(spec runSpec) (*server, error) {
	cmd := exec.Command(spec.Argv[0], spec.Argv[1:]...)
	cmd.Dir = spec.Root
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	began := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &server{Session: lspbench.NewSession(lspbench.NewClient(stdout, stdin)), cmd: cmd, stdin: stdin, began: began}, nil
}

// stop ends the session politely, then, after five seconds, not.
func (s *server) stop(ctx context.Context) {
	sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	s.Shutdown(sctx)
	s.stdin.Close()
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// measure starts the server once to warm up (untimed: the first exec of a
// binary just built, and whatever the previous server left running, is not
// what a start costs), spec.Starts times to time its start, then once more
// for everything else: the first diagnostic, the repair of go.work, go.work
// edits and a burst, the process's usage and its idling. The workspace's
// go.work is put back as generated before it returns.
func measure(ctx context.Context, spec runSpec) (res result) {
	res = result{Server: spec.Server, FixCleared: -1, StaleWait: toMS(spec.Stale)}
	work := filepath.Join(spec.Root, "go.work")
	if err := os.WriteFile(work, []byte(spec.Work), 0o644); err != nil {
		res.Err = err.Error()
		return res
	}
	defer os.WriteFile(work, []byte(spec.Work), 0o644)

	var first, settled []time.Duration
	for i := -1; i <= spec.Starts; i++ {
		s, err := spawn(spec)
		if err != nil {
			res.Err = err.Error()
			return res
		}
		f, st, err := started(ctx, spec, s)
		if err == nil && i == spec.Starts {
			err = steps(ctx, spec, s, work, &res)
		}
		s.stop(ctx)
		if err != nil {
			res.Err = err.Error()
			break
		}
		if i < 0 {
			continue // the warm-up
		}
		first = append(first, f)
		if st > 0 {
			settled = append(settled, st)
		}
	}
	res.FirstDiag, res.Settled = toMS(lspbench.Summarize(first).Median), toMS(lspbench.Summarize(settled).Median)
	res.Starts = len(first)
	return res
}

// started initializes s and times the first go.work error and, for
// gowell, the first quiescent status.
func started(ctx context.Context, spec runSpec, s *server) (first, settled time.Duration, err error) {
	if err := s.Initialize(ctx, spec.Root, spec.Init); err != nil {
		return 0, 0, err
	}
	c, cancel := context.WithTimeout(ctx, spec.Deadline)
	defer cancel()
	n, err := s.Until(c, func(lspbench.Note) bool { return s.Any(spec.matching) })
	if err != nil {
		return 0, 0, fmt.Errorf("the first go.work error: %w", err)
	}
	first = n.At.Sub(s.began)
	if spec.Settled {
		if !s.Quiescent {
			if n, err = s.Until(c, func(lspbench.Note) bool { return s.Quiescent }); err != nil {
				return 0, 0, fmt.Errorf("a quiescent status: %w", err)
			}
		}
		settled = n.At.Sub(s.began)
	}
	return first, settled, nil
}

const repaired = "the repaired go.work"

func steps(ctx context.Context, spec runSpec, s *server, work string, res *result) error {
	wait := func(what string, cond func(lspbench.Note) bool) (lspbench.Note, error) {
		limit := spec.Deadline
		if what == repaired {
			limit = spec.Stale
		}
		c, cancel := context.WithTimeout(ctx, limit)
		defer cancel()
		n, err := s.Until(c, cond)
		if err != nil {
			err = fmt.Errorf("%s: %w", what, err)
		}
		return n, err
	}
	for uri, ds := range s.Diags {
		if slices.ContainsFunc(ds, func(d lspbench.Diagnostic) bool { return spec.matching(uri, d) }) {
			res.FirstDiagFile = filepath.Base(uri)
		}
	}
	pid := s.cmd.Process.Pid

	// The repair, as an editor makes it: the open document changes, is
	// saved, and the file watcher reports the write.
	if err := s.Open(work, "go.work", 1, spec.Work); err != nil {
		return err
	}
	fixAt := time.Now()
	if err := s.Change(work, 2, spec.Fixed); err != nil {
		return err
	}
	if err := os.WriteFile(work, []byte(spec.Fixed), 0o644); err != nil {
		return err
	}
	if err := s.Saved(work); err != nil {
		return err
	}
	n, err := wait(repaired, func(lspbench.Note) bool { return !s.Any(spec.matching) })
	cleared := err == nil
	switch {
	case cleared:
		res.FixCleared = toMS(n.At.Sub(fixAt))
	case !errors.Is(err, context.DeadlineExceeded):
		return err
	}

	version := int32(3)
	if spec.Edits > 0 && cleared {
		before, err := lspbench.ReadUsage(pid)
		if err != nil {
			return err
		}
		d, err := s.EditLoop(ctx, work, version, []string{spec.Work, spec.Fixed}, spec.Edits, spec.Gap)
		if err != nil {
			return err
		}
		after, err := lspbench.ReadUsage(pid)
		if err != nil {
			return err
		}
		res.EditCPU = toMS((after.CPU - before.CPU) / time.Duration(spec.Edits))
		version += int32(spec.Edits)
		res.Edit = lspbench.Summarize(d)
		// A burst that ends on the other text than the loop ended on.
		texts := make([]string, 20)
		for i := range texts {
			texts[i] = []string{spec.Work, spec.Fixed}[(spec.Edits+i+1)%2]
		}
		texts[len(texts)-1] = []string{spec.Work, spec.Fixed}[spec.Edits%2]
		time.Sleep(spec.Gap)
		trailing, count, err := s.Burst(ctx, work, version, texts, 5*time.Millisecond)
		if err != nil {
			return err
		}
		res.BurstTrailing, res.BurstPublishes = toMS(trailing), count
	}

	if spec.Idle > 0 {
		time.Sleep(time.Second) // let timers from the last change run out
		before, err := lspbench.ReadUsage(pid)
		if err != nil {
			return err
		}
		time.Sleep(spec.Idle)
		after, err := lspbench.ReadUsage(pid)
		if err != nil {
			return err
		}
		res.IdleCPU, res.IdleFor = toMS(after.CPU-before.CPU), toMS(spec.Idle)
	}
	u, err := lspbench.ReadUsage(pid)
	if err != nil {
		return err
	}
	res.RSS, res.PeakRSS, res.Watches = u.RSS, u.PeakRSS, u.Watches
	return nil
}

func (spec runSpec) matching(uri string, d lspbench.Diagnostic) bool {
	return spec.Match.MatchString(d.Message)
}
