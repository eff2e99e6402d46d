package watch

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// These use real fsnotify on real directories.

func TestWriteDeleteCreate(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "go.mod")
	write(t, mod, "module a\n")
	w := start(t, Options{})
	setDirs(t, w, dir)

	write(t, mod, "module a\n\ngo 1.26\n")
	await(t, w, false, mod)

	os.Remove(mod)
	await(t, w, false, mod)

	docker := filepath.Join(dir, "Dockerfile.dev")
	write(t, docker, "FROM golang\n")
	await(t, w, false, docker)
}

func TestRenameSaveIsOneChangeOfTheTarget(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "go.mod")
	write(t, mod, "module a\n")
	w := start(t, Options{})
	setDirs(t, w, dir)

	// What editors do: write a temporary file, rename it over the original.
	tmp := filepath.Join(dir, ".go.mod.swp123")
	write(t, tmp, "module a\n\ngo 1.26\n")
	if err := os.Rename(tmp, mod); err != nil {
		t.Fatal(err)
	}
	got := await(t, w, false, mod)
	mustNotSee(t, got, tmp)
	if len(got) != 1 || !reflect.DeepEqual(got[0].Paths, []string{mod}) {
		t.Fatalf("got %+v, want one batch with only %s", got, mod)
	}
}

func TestIrrelevantFilesAreFiltered(t *testing.T) {
	dir := t.TempDir()
	w := start(t, Options{})
	setDirs(t, w, dir)

	main, notes := filepath.Join(dir, "main.go"), filepath.Join(dir, "notes.txt")
	write(t, main, "package main\n")
	write(t, notes, "hi\n")
	// Events arrive in order, so once the sentinel is in, the others had
	// their chance.
	sentinel := filepath.Join(dir, "go.work")
	write(t, sentinel, "go 1.26\n")
	got := await(t, w, false, sentinel)
	mustNotSee(t, got, main, notes)
}

func TestBurstArrivesAsOneBatch(t *testing.T) {
	dir := t.TempDir()
	// A long quiet period so that a stall of this goroutine between two
	// writes on a loaded machine does not split the burst.
	w := start(t, Options{Debounce: time.Second})
	setDirs(t, w, dir)

	mod, docker, ignore := filepath.Join(dir, "go.mod"), filepath.Join(dir, "Dockerfile"), filepath.Join(dir, ".gitignore")
	for i := range 20 {
		if err := os.WriteFile(mod, []byte("module a\n// "+string(rune('a'+i))+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(t, docker, "FROM scratch\n")
	write(t, ignore, "/bin/\n")
	got := await(t, w, false, mod, docker, ignore)
	want := []Batch{{Paths: []string{ignore, docker, mod}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

func TestSetDirsDropsAWatch(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	w := start(t, Options{})
	setDirs(t, w, a, b)
	write(t, filepath.Join(a, "go.mod"), "module a\n")
	await(t, w, false, filepath.Join(a, "go.mod"))

	setDirs(t, w, b)
	write(t, filepath.Join(a, "go.mod"), "module a // edited\n")
	write(t, filepath.Join(b, "go.mod"), "module b\n")
	got := await(t, w, false, filepath.Join(b, "go.mod"))
	mustNotSee(t, got, filepath.Join(a, "go.mod"))
}

func TestRemovedDirAsksForRescanAndComesBack(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "svc")
	os.Mkdir(sub, 0o755)
	write(t, filepath.Join(sub, "go.mod"), "module svc\n")
	w := start(t, Options{})
	setDirs(t, w, root, sub)

	if err := os.RemoveAll(sub); err != nil {
		t.Fatal(err)
	}
	await(t, w, true)

	// The consumer rescans and sets the same directories again: the lost
	// watch is added again once the directory exists.
	os.Mkdir(sub, 0o755)
	setDirs(t, w, root, sub)
	mod := filepath.Join(sub, "go.mod")
	write(t, mod, "module svc\n")
	await(t, w, false, mod)
}

func TestRemovedDirWithoutWatchedParent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "svc")
	os.Mkdir(dir, 0o755)
	w := start(t, Options{})
	setDirs(t, w, dir)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	await(t, w, true)
}

func TestReplacedDirAsksForRescanAndComesBack(t *testing.T) {
	for _, parentWatched := range []bool{false, true} {
		root := t.TempDir()
		sub, next := filepath.Join(root, "svc"), filepath.Join(root, "svc.new")
		os.Mkdir(sub, 0o755)
		os.Mkdir(next, 0o755)
		write(t, filepath.Join(next, "go.mod"), "module svc\n")
		dirs := []string{sub}
		if parentWatched {
			dirs = append(dirs, root)
		}
		w := start(t, Options{})
		setDirs(t, w, dirs...)

		// A tool swapping in a new tree: the watch follows the old inode,
		// which is gone. (os.Rename refuses to replace a directory.)
		if err := syscall.Rename(next, sub); err != nil {
			t.Fatal(err)
		}
		await(t, w, true)
		setDirs(t, w, dirs...)
		mod := filepath.Join(sub, "go.mod")
		write(t, mod, "module svc // edited\n")
		await(t, w, false, mod)
		w.Close()
	}
}

func TestMissingDirIsRetried(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "later")
	w := start(t, Options{})
	setDirs(t, w, root, sub) // sub does not exist: not an error

	// Its creation inside a watched parent asks for a rescan, after which
	// SetDirs picks it up.
	os.Mkdir(sub, 0o755)
	await(t, w, true)
	setDirs(t, w, root, sub)
	mod := filepath.Join(sub, "go.mod")
	write(t, mod, "module later\n")
	await(t, w, false, mod)
}

func TestSetDirsReportsANonDirectory(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "go.mod")
	write(t, file, "module a\n")
	w := start(t, Options{})
	if err := w.SetDirs([]string{dir, file}); err == nil {
		t.Fatal("no error for a file given as a directory")
	}
	// The rest of the set still applies.
	write(t, file, "module b\n")
	await(t, w, false, file)
}

func TestPolledFile(t *testing.T) {
	// Nothing watches the directory: only polling can see these changes,
	// as on a Windows drive under WSL2.
	dir := t.TempDir()
	mod, work := filepath.Join(dir, "go.mod"), filepath.Join(dir, "go.work")
	write(t, mod, "module a\n")
	w := start(t, Options{PollInterval: 20 * time.Millisecond})
	w.SetPolled([]string{mod, work})

	write(t, mod, "module b\n")
	await(t, w, false, mod)

	write(t, work, "go 1.26\n")
	await(t, w, false, work)

	os.Remove(mod)
	await(t, w, false, mod)

	// Dropped from the set, a file is no longer reported.
	w.SetPolled([]string{work})
	write(t, mod, "module c\n")
	write(t, work, "go 1.26.1\n")
	got := await(t, w, false, work)
	mustNotSee(t, got, mod)
}

func TestCloseStopsEverything(t *testing.T) {
	before := runtime.NumGoroutine()

	dir := t.TempDir()
	w, err := New(Options{Relevant: relevant, PollInterval: 10 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	setDirs(t, w, dir)
	w.SetPolled([]string{filepath.Join(dir, "go.work")})
	// Leave a batch unread so Close has to cut a pending delivery.
	write(t, filepath.Join(dir, "go.mod"), "module a\n")
	await(t, w, false, filepath.Join(dir, "go.mod"))
	write(t, filepath.Join(dir, "go.work"), "go 1.26\n")

	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if b, ok := <-w.Events(); ok {
		t.Fatalf("delivered after Close: %+v", b)
	}
	if err := w.SetDirs([]string{dir}); !errors.Is(err, ErrClosed) {
		t.Fatalf("SetDirs after Close = %v, want ErrClosed", err)
	}
	w.SetPolled([]string{dir}) // harmless

	deadline := time.Now().Add(patience)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines before New, %d after Close:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// BenchmarkSetDirs swaps half of a 64-directory set on every call: 32
// removes and 32 adds, the cost of a workspace reconfiguration.
func BenchmarkSetDirs(b *testing.B) {
	root := b.TempDir()
	dirs := make([]string, 64)
	for i := range dirs {
		dirs[i] = filepath.Join(root, strconv.Itoa(i))
		if err := os.Mkdir(dirs[i], 0o755); err != nil {
			b.Fatal(err)
		}
	}
	w, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	sets := [][]string{append(dirs[:32:32], root), append(dirs[32:], root)}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if err := w.SetDirs(sets[i%2]); err != nil {
			b.Fatal(err)
		}
	}
}
