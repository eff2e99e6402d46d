package workspace_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gowell/gowell/internal/lspbench"
	"github.com/gowell/gowell/internal/wsgen"
	"github.com/gowell/gowell/workspace"
)

func monorepo(b *testing.B) (string, wsgen.Stats) {
	b.Helper()
	root, st, err := wsgen.Cached(wsgen.Monorepo)
	if err != nil {
		b.Fatal(err)
	}
	return root, st
}

// BenchmarkLoad is the first scan of the 100 000-file monorepo.
func BenchmarkLoad(b *testing.B) {
	root, _ := monorepo(b)
	before, _ := lspbench.ReadUsage(os.Getpid())
	defer func() {
		after, _ := lspbench.ReadUsage(os.Getpid())
		b.ReportMetric(float64(after.CPU-before.CPU)/float64(b.N)/1e6, "cpu-ms/op")
	}()
	for b.Loop() {
		s, err := workspace.Load(context.Background(), []string{root}, nil)
		if err != nil || len(s.Files(workspace.GoMod)) != wsgen.Monorepo.Modules {
			b.Fatalf("load: %v", err)
		}
	}
}

// BenchmarkUpdateOneFile is what an edit to one go.mod costs.
func BenchmarkUpdateOneFile(b *testing.B) {
	root, _ := monorepo(b)
	s, err := workspace.Load(context.Background(), []string{root}, nil)
	if err != nil {
		b.Fatal(err)
	}
	mod := filepath.Join(root, "services/svc007/go.mod")
	overlay := map[string]workspace.Overlay{mod: {Version: 1, Text: []byte("module example.com/mono/svc007\n\ngo 1.25\n")}}
	for b.Loop() {
		overlay[mod] = workspace.Overlay{Version: overlay[mod].Version + 1, Text: overlay[mod].Text}
		s = s.Update(nil, overlay)
	}
}
