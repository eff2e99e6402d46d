package diagnostics

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/internal/lspbench"
	"github.com/gowell/gowell/internal/wsgen"
	"github.com/gowell/gowell/workspace"
)

// benchMonorepo loads the generated 100 000-file monorepo with the live
// machine's host probe.
func benchMonorepo(b *testing.B) *Snapshot {
	b.Helper()
	root, _, err := wsgen.Cached(wsgen.Monorepo)
	if err != nil {
		b.Fatal(err)
	}
	ws, err := workspace.Load(context.Background(), []string{root}, nil)
	if err != nil {
		b.Fatal(err)
	}
	return &Snapshot{Snapshot: ws, Host: host.Probe(context.Background(), host.Options{})}
}

// BenchmarkRunMonorepo is every rule over the monorepo, as a scan after an
// edit runs them: each iteration sees a new snapshot (Update with nothing
// changed), so what a snapshot caches is computed again while the parses
// the files keep are reused.
func BenchmarkRunMonorepo(b *testing.B) {
	s := benchMonorepo(b)
	for b.Loop() {
		Run(&Snapshot{Snapshot: s.Update(nil, nil), Host: s.Host}, Config{})
	}
}

// BenchmarkRuleMonorepo is each rule alone, to find the expensive ones.
func BenchmarkRuleMonorepo(b *testing.B) {
	s := benchMonorepo(b)
	for _, r := range Rules() {
		b.Run(r.ID, func(b *testing.B) {
			for b.Loop() {
				r.Check(&Snapshot{Snapshot: s.Update(nil, nil), Host: s.Host})
			}
		})
	}
}

// BenchmarkGoWorkEditMonorepo is what the engine does after a keystroke in
// go.work with the results of earlier runs kept: only the rules that read
// go.work run again.
func BenchmarkGoWorkEditMonorepo(b *testing.B) {
	s := benchMonorepo(b)
	s.Results = &Results{}
	Run(s, Config{})
	work := filepath.Join(s.Roots[0], "go.work")
	texts := []string{wsgen.WorkFixed(wsgen.Monorepo), wsgen.WorkBroken(wsgen.Monorepo)}
	v := int32(0)
	before, _ := lspbench.ReadUsage(os.Getpid())
	for b.Loop() {
		v++
		overlays := map[string]workspace.Overlay{work: {Version: v, Text: []byte(texts[v%2])}}
		s = &Snapshot{Snapshot: s.Update(nil, overlays), Host: s.Host, Results: s.Results}
		Run(s, Config{})
	}
	after, _ := lspbench.ReadUsage(os.Getpid())
	b.ReportMetric(float64(after.CPU-before.CPU)/float64(v)/1e6, "cpu-ms/op")
}

// BenchmarkGoWorkRulesMonorepo is each rule that reads go.work alone, on a
// snapshot that took over what the last one learned from the disk, as after
// a keystroke.
func BenchmarkGoWorkRulesMonorepo(b *testing.B) {
	s := benchMonorepo(b)
	Run(s, Config{})
	work := filepath.Join(s.Roots[0], "go.work")
	open := &Snapshot{Snapshot: s.Update(nil, map[string]workspace.Overlay{work: {Version: 1, Text: []byte(wsgen.WorkBroken(wsgen.Monorepo))}}), Host: s.Host}
	Run(open, Config{})
	for _, r := range Rules() {
		if r.Reads != nil && !slices.Contains(r.Reads, workspace.GoWork) {
			continue
		}
		b.Run(r.ID, func(b *testing.B) {
			v := int32(1)
			for b.Loop() {
				v++
				typed := &Snapshot{Snapshot: open.Update(nil, map[string]workspace.Overlay{work: {Version: v, Text: []byte(wsgen.WorkBroken(wsgen.Monorepo))}}), Host: s.Host}
				r.Check(typed)
			}
		})
	}
}

// BenchmarkFirstRunMonorepo is the first run after a Load, before the
// machine is probed: every parse and every walk of a build context is
// computed afresh, as at the server's start.
func BenchmarkFirstRunMonorepo(b *testing.B) {
	root, _, err := wsgen.Cached(wsgen.Monorepo)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		ws, err := workspace.Load(context.Background(), []string{root}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		Run(&Snapshot{Snapshot: ws}, Config{})
	}
}
