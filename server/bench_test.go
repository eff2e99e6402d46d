package server_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/internal/lspbench"
	"github.com/gowell/gowell/internal/wsgen"
	"github.com/gowell/gowell/server"
)

// The benchmarks run the real loop: server.Serve on one end of two os.Pipe
// pairs (what a process's stdio is), an editor's client on the other. They
// report medians and maxima besides the mean ns/op, because a user notices
// the slow edit, not the average one. bench/lspbench measures the built
// binary the same way, side by side with gopls.

// benchPipes is the server's end of the stdio pair.
type benchPipes struct {
	*os.File // reads what the client writes
	w        *os.File
}

func (p benchPipes) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p benchPipes) Close() error {
	p.File.Close()
	return p.w.Close()
}

// benchSession serves root and returns the editor's side of the session.
func benchSession(b testing.TB, root string, opts server.Options) (*lspbench.Session, func()) {
	b.Helper()
	inR, inW, err := os.Pipe()
	if err != nil {
		b.Fatal(err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		server.Serve(context.Background(), benchPipes{inR, outW}, opts)
	}()
	s := lspbench.NewSession(lspbench.NewClient(outR, inW))
	if err := s.Initialize(context.Background(), root, map[string]any{"statusNotification": true}); err != nil {
		b.Fatal(err)
	}
	return s, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		s.Shutdown(ctx)
		<-done
		inW.Close()
		outR.Close()
	}
}

func benchWorkspace(b testing.TB, c wsgen.Config) string {
	b.Helper()
	root, _, err := wsgen.Cached(c)
	if err != nil {
		b.Fatal(err)
	}
	work := filepath.Join(root, "go.work")
	if err := os.WriteFile(work, []byte(wsgen.WorkBroken(c)), 0o644); err != nil {
		b.Fatal(err)
	}
	return root
}

var benchShapes = []struct {
	name string
	c    wsgen.Config
}{{"small", wsgen.Small}, {"monorepo", wsgen.Monorepo}}

func benchGO001(n lspbench.Note) bool {
	if n.Method != "textDocument/publishDiagnostics" {
		return false
	}
	var p lspbench.Published
	json.Unmarshal(n.Params, &p)
	for _, d := range p.Diagnostics {
		if d.Code == "GO001" && filepath.Base(p.URI) == "go.work" {
			return true
		}
	}
	return false
}

// BenchmarkColdStart is Serve → the go.work error published, then → a
// quiescent status (every file's diagnostics published, the machine probed
// with `go env`), on the live machine.
func BenchmarkColdStart(b *testing.B) {
	for _, sh := range benchShapes {
		b.Run(sh.name, func(b *testing.B) {
			root := benchWorkspace(b, sh.c)
			var first, settled []time.Duration
			for b.Loop() {
				began := time.Now()
				s, stop := benchSession(b, root, server.Options{})
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				n, err := s.Until(ctx, benchGO001)
				if err != nil {
					b.Fatal(err)
				}
				first = append(first, n.At.Sub(began))
				if !s.Quiescent {
					if n, err = s.Until(ctx, func(lspbench.Note) bool { return s.Quiescent }); err != nil {
						b.Fatal(err)
					}
				}
				settled = append(settled, n.At.Sub(began))
				cancel()
				stop()
			}
			benchReport(b, "first", first)
			benchReport(b, "quiescent", settled)
		})
	}
}

// BenchmarkEdit is a didChange of go.work → its publishDiagnostics, each
// edit after a pause longer than the debounce period, alternating between a
// go line that is too old and one that is not.
func BenchmarkEdit(b *testing.B) {
	for _, sh := range benchShapes {
		b.Run(sh.name, func(b *testing.B) {
			root := benchWorkspace(b, sh.c)
			s, stop := benchSession(b, root, server.Options{})
			defer stop()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			if _, err := s.Until(ctx, func(lspbench.Note) bool { return s.Quiescent }); err != nil {
				b.Fatal(err)
			}
			work := filepath.Join(root, "go.work")
			texts := []string{wsgen.WorkFixed(sh.c), wsgen.WorkBroken(sh.c)}
			if err := s.Open(work, "go.work", 1, texts[1]); err != nil {
				b.Fatal(err)
			}
			var took []time.Duration
			v := int32(2)
			cpu := benchCPU(b)
			for b.Loop() {
				b.StopTimer()
				time.Sleep(2 * 30 * time.Millisecond) // the server's default debounce, twice
				b.StartTimer()
				d, err := s.EditLoop(ctx, work, v, texts[v%2:v%2+1], 1, 0)
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, d...)
				v++
			}
			benchReport(b, "edit", took)
			cpu(len(took))
		})
	}
}

func benchReport(b *testing.B, name string, ds []time.Duration) {
	s := lspbench.Summarize(ds)
	b.ReportMetric(float64(s.Median)/1e6, name+"-median-ms")
	b.ReportMetric(float64(s.Max)/1e6, name+"-max-ms")
}

// An edit after a pause is diagnosed at once, however long the debounce: only
// the edits that follow it closely wait for typing to pause.
func TestEditAfterPauseIsNotDebounced(t *testing.T) {
	root := filepath.Join(t.TempDir(), "ws")
	if _, err := wsgen.Generate(root, wsgen.Small); err != nil {
		t.Fatal(err)
	}
	s, stop := benchSession(t, root, server.Options{Debounce: time.Hour})
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.Until(ctx, func(lspbench.Note) bool { return s.Quiescent }); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(root, "go.work")
	if err := s.Open(work, "go.work", 1, wsgen.WorkBroken(wsgen.Small)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EditLoop(ctx, work, 2, []string{wsgen.WorkFixed(wsgen.Small)}, 1, 0); err != nil {
		t.Fatalf("the first edit was not diagnosed before the hour-long debounce: %v", err)
	}
}

// BenchmarkHeap is the Go heap a session holds on a settled workspace, after
// a collection: what the server keeps, not what it allocated on the way.
// With GOWELL_HEAPPROFILE set it also writes a heap profile there.
func BenchmarkHeap(b *testing.B) {
	for _, sh := range benchShapes {
		b.Run(sh.name, func(b *testing.B) {
			if os.Getenv("GOWELL_HEAPPROFILE") != "" {
				runtime.MemProfileRate = 1
			}
			root := benchWorkspace(b, sh.c)
			var inuse []time.Duration // bytes, summarised as durations for benchReport's median
			for b.Loop() {
				s, stop := benchSession(b, root, server.Options{})
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				if _, err := s.Until(ctx, func(lspbench.Note) bool { return s.Quiescent }); err != nil {
					b.Fatal(err)
				}
				cancel()
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				inuse = append(inuse, time.Duration(m.HeapInuse))
				if p := os.Getenv("GOWELL_HEAPPROFILE"); p != "" {
					f, err := os.Create(p)
					if err != nil {
						b.Fatal(err)
					}
					pprof.WriteHeapProfile(f)
					f.Close()
				}
				stop()
			}
			st := lspbench.Summarize(inuse)
			b.ReportMetric(float64(st.Median)/(1<<20), "heap-MiB")
		})
	}
}

// benchCPU starts counting the process's CPU time (the server's and the
// client's: both are in this process); the function it returns reports it
// per operation. CPU time says what wall time on a shared machine cannot:
// how much work an edit costs.
func benchCPU(b *testing.B) func(ops int) {
	before, err := lspbench.ReadUsage(os.Getpid())
	return func(ops int) {
		after, err2 := lspbench.ReadUsage(os.Getpid())
		if err == nil && err2 == nil && ops > 0 {
			b.ReportMetric(float64(after.CPU-before.CPU)/float64(ops)/1e6, "cpu-ms/op")
		}
	}
}

// BenchmarkIdleOnWindowsDrive is what watching costs while nothing happens
// when the monorepo sits on a Windows drive under WSL2 (a replayed machine
// mounts it over 9p as drive C:): inotify cannot see Windows programs'
// edits there, so the server polls its files with stat. Reported as CPU
// milliseconds per second of idling, in-process (the local disk answers
// the stats; 9p answers slower, so this is the floor of the cost).
func BenchmarkIdleOnWindowsDrive(b *testing.B) {
	root := benchWorkspace(b, wsgen.Monorepo)
	sys := b.TempDir()
	for name, data := range map[string]string{
		"proc/sys/kernel/osrelease": "5.15.167.4-microsoft-standard-WSL2\n",
		"proc/self/mountinfo": "60 1 8:32 / / rw,relatime shared:1 - ext4 /dev/sdc rw\n" +
			"65 60 0:56 / " + root + " rw,noatime - 9p drvfs rw,aname=drvfs;path=C:\\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5\n",
	} {
		p := filepath.Join(sys, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	opts := server.Options{Host: host.Options{Sysroot: sys, Env: map[string]string{"WSL_DISTRO_NAME": "Ubuntu"},
		GoEnv: &host.GoEnv{Path: "/usr/local/go/bin/go", Vars: map[string]string{"GOVERSION": "go1.26.8", "GOTOOLCHAIN": "auto"}}}}
	const idle = 5 * time.Second
	for b.Loop() {
		s, stop := benchSession(b, root, opts)
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		if _, err := s.Until(ctx, func(lspbench.Note) bool { return s.Quiescent }); err != nil {
			b.Fatal(err)
		}
		cancel()
		time.Sleep(time.Second)
		before, err := lspbench.ReadUsage(os.Getpid())
		if err != nil {
			b.Skip("no /proc:", err)
		}
		time.Sleep(idle)
		after, _ := lspbench.ReadUsage(os.Getpid())
		b.ReportMetric(float64(after.CPU-before.CPU)/1e6/idle.Seconds(), "idle-cpu-ms/s")
		stop()
	}
}
