package watch

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// These drive poller.poll directly: what counts as a change, without timers.

func TestPollFiles(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "go.mod")
	work := filepath.Join(dir, "go.work") // absent at first
	write(t, mod, "module a\n")

	p := newPoller(relevant)
	p.setFiles([]string{mod, work})
	expectPoll(t, p, nil, false)

	// Same size, only the mtime moves: an editor on Windows rewriting the
	// file with the same length.
	write(t, mod, "module b\n")
	expectPoll(t, p, []string{mod}, false)

	os.Remove(mod)
	write(t, work, "go 1.26\n")
	expectPoll(t, p, []string{mod, work}, false)
	expectPoll(t, p, nil, false)
}

func TestPollKeepsBaselineOfKeptFiles(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "go.mod")
	write(t, mod, "module a\n")
	p := newPoller(relevant)
	p.setFiles([]string{mod})
	write(t, mod, "module a // edited\n")
	// A change made before the set is replaced again must not be swallowed
	// by a fresh baseline.
	p.setFiles([]string{mod, filepath.Join(dir, "go.work")})
	expectPoll(t, p, []string{mod}, false)
}

func TestPollDegradedDir(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "svc")
	os.Mkdir(dir, 0o755)
	mod := filepath.Join(dir, "go.mod")
	write(t, mod, "module a\n")
	write(t, filepath.Join(dir, "main.go"), "package main\n")

	p := newPoller(relevant)
	p.setDirs([]string{dir})
	expectPoll(t, p, nil, false)

	write(t, filepath.Join(dir, "main.go"), "package main // edited\n")
	expectPoll(t, p, nil, false)

	docker := filepath.Join(dir, "Dockerfile")
	write(t, docker, "FROM scratch\n")
	write(t, mod, "module b\n")
	expectPoll(t, p, []string{docker, mod}, false)

	os.Remove(docker)
	expectPoll(t, p, []string{docker}, false)

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	expectPoll(t, p, nil, true)
}

func expectPoll(t *testing.T, p *poller, want []string, wantRescan bool) {
	t.Helper()
	got, rescan := p.poll()
	if len(got) == 0 && len(want) == 0 && rescan == wantRescan {
		return
	}
	if !reflect.DeepEqual(Batch{}.merge(Batch{Paths: got}).Paths, want) || rescan != wantRescan {
		t.Fatalf("poll = %v, rescan %v; want %v, rescan %v", got, rescan, want, wantRescan)
	}
}

// write changes a file and moves its mtime to a time no earlier write used,
// so polling sees the change even on a filesystem with coarse timestamps.
func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	mtimeClock = mtimeClock.Add(time.Second)
	if err := os.Chtimes(path, mtimeClock, mtimeClock); err != nil {
		t.Fatal(err)
	}
}

var mtimeClock = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
