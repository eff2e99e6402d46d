package watch

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The machine running the tests is shared and noisy: waits are generous and
// assertions are about what arrives, never how fast.
const patience = 5 * time.Second

func relevant(path string) bool {
	switch base := filepath.Base(path); base {
	case "go.mod", "go.work", ".gitignore", ".dockerignore":
		return true
	default:
		return strings.HasPrefix(base, "Dockerfile")
	}
}

func start(t *testing.T, opts Options) *Watcher {
	t.Helper()
	if opts.Relevant == nil {
		opts.Relevant = relevant
	}
	w, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func setDirs(t *testing.T, w *Watcher, dirs ...string) {
	t.Helper()
	if err := w.SetDirs(dirs); err != nil {
		t.Fatal(err)
	}
}

// await reads batches until every path in want has been delivered (and a
// rescan, if rescan is set) and returns all batches read.
func await(t *testing.T, w *Watcher, rescan bool, want ...string) []Batch {
	t.Helper()
	var got []Batch
	deadline := time.After(patience)
	for !delivered(got, rescan, want) {
		select {
		case b, ok := <-w.Events():
			if !ok {
				t.Fatalf("events closed; got %+v", got)
			}
			got = append(got, b)
		case <-deadline:
			t.Fatalf("waiting for %v (rescan %v); got %+v", want, rescan, got)
		}
	}
	return got
}

func delivered(got []Batch, rescan bool, want []string) bool {
	for _, p := range want {
		if !seen(got, p) {
			return false
		}
	}
	return !rescan || slices.ContainsFunc(got, func(b Batch) bool { return b.Rescan })
}

func seen(got []Batch, path string) bool {
	return slices.ContainsFunc(got, func(b Batch) bool { return slices.Contains(b.Paths, path) })
}

func mustNotSee(t *testing.T, got []Batch, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if seen(got, p) {
			t.Errorf("%s delivered: %+v", p, got)
		}
	}
}
