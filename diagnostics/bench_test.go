package diagnostics

import (
	"context"
	"testing"

	"github.com/gowell/gowell/host"
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
