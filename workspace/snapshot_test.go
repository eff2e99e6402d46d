package workspace

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/gowell/gowell/internal/testfs"
)

func tree(t *testing.T, files map[string]string) string { return testfs.Tree(t, files) }

func rels(root string, fs []*File) []string {
	var out []string
	for _, f := range fs {
		r, _ := filepath.Rel(root, f.Path)
		out = append(out, r)
	}
	return out
}

func TestDiscovery(t *testing.T) {
	root := tree(t, map[string]string{
		"go.work":                     "go 1.24\n",
		"svc/go.mod":                  "module svc\n",
		"svc/Dockerfile":              "FROM scratch\n",
		"svc/build.Dockerfile":        "FROM scratch\n",
		"svc/Dockerfile.dockerignore": "*\n",
		".gitignore":                  "*.test\n",
		"vendor/x/go.mod":             "module x\n",
		"node_modules/y/go.mod":       "module y\n",
		"svc/testdata/z/go.mod":       "module z\n",
		".git/modules/w/go.mod":       "module w\n",
		"svc/main.go":                 "package main\n",
	})
	s, err := Load(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := rels(root, s.All())
	want := []string{".gitignore", "go.work", "svc/Dockerfile", "svc/Dockerfile.dockerignore", "svc/build.Dockerfile", "svc/go.mod"}
	if !slices.Equal(got, want) {
		t.Errorf("discovered %v\nwant %v", got, want)
	}
	if k := s.File(filepath.Join(root, "svc/Dockerfile.dockerignore")).Kind; k != DockerIgnore {
		t.Errorf("Dockerfile.dockerignore is %v, want .dockerignore", k)
	}
}

func TestOverlaysAndUpdate(t *testing.T) {
	root := tree(t, map[string]string{"go.work": "go 1.21\n", "a/go.mod": "module a\n"})
	work := filepath.Join(root, "go.work")
	mod := filepath.Join(root, "a/go.mod")
	s, _ := Load(context.Background(), []string{root}, map[string]Overlay{work: {Version: 3, Text: []byte("go 1.24\n")}})
	if f := s.File(work); f.Version != 3 || string(f.Text.Bytes) != "go 1.24\n" {
		t.Fatalf("overlay not used: %+v", f)
	}
	modBefore := s.File(mod)

	// Closing the document goes back to the disk; an unchanged file is shared.
	s2 := s.Update(nil, nil)
	if f := s2.File(work); f.Version != 0 || string(f.Text.Bytes) != "go 1.21\n" {
		t.Errorf("after close, go.work = %q v%d; want the disk's text", f.Text.Bytes, f.Version)
	}
	if s2.File(mod) != modBefore {
		t.Error("an unchanged file was re-read")
	}

	// A change on disk is seen; a deletion drops the file; a new file appears.
	must(t, os.WriteFile(mod, []byte("module b\n"), 0o644))
	must(t, os.Remove(work))
	newMod := filepath.Join(root, "c/go.mod")
	must(t, os.MkdirAll(filepath.Dir(newMod), 0o755))
	must(t, os.WriteFile(newMod, []byte("module c\n"), 0o644))
	s3 := s2.Update([]string{mod, work, newMod, filepath.Join(root, "vendor/v/go.mod")}, nil)
	if got := rels(root, s3.All()); !slices.Equal(got, []string{"a/go.mod", "c/go.mod"}) {
		t.Errorf("after update: %v", got)
	}
	if got := string(s3.File(mod).Text.Bytes); got != "module b\n" {
		t.Errorf("a/go.mod = %q", got)
	}
}

func TestHostileTrees(t *testing.T) {
	root := tree(t, map[string]string{"go.mod": "module m\n"})
	// A symlink loop and a dangling link must not hang or fail the scan.
	must(t, os.Symlink(root, filepath.Join(root, "loop")))
	must(t, os.Symlink(filepath.Join(root, "nowhere"), filepath.Join(root, "go.work")))
	// A huge file is reported, not read.
	big := filepath.Join(root, "sub", "go.mod")
	must(t, os.MkdirAll(filepath.Dir(big), 0o755))
	fh, err := os.Create(big)
	must(t, err)
	must(t, fh.Truncate(MaxFileSize+1))
	fh.Close()

	s, err := Load(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := rels(root, s.All()); !slices.Equal(got, []string{"go.mod", "sub/go.mod"}) {
		t.Errorf("discovered %v", got)
	}
	if f := s.File(big); f.Err == nil || !strings.Contains(f.Err.Error(), "larger than") {
		t.Errorf("huge go.mod: err = %v", f.Err)
	}

	// A named pipe where a go.work use points must not block (opening a FIFO
	// for reading waits for a writer); an editor buffer is held to the same cap.
	fifo := filepath.Join(root, "pipe", "go.mod")
	must(t, os.MkdirAll(filepath.Dir(fifo), 0o755))
	must(t, syscall.Mkfifo(fifo, 0o644))
	if f := s.File(fifo); f.Err == nil || !strings.Contains(f.Err.Error(), "not a regular file") {
		t.Errorf("FIFO go.mod: err = %v", f.Err)
	}
	work := filepath.Join(root, "go.work")
	huge := s.Update(nil, map[string]Overlay{work: {Version: 1, Text: make([]byte, MaxFileSize+1)}})
	if f := huge.File(work); f.Err == nil || f.Text != nil {
		t.Errorf("a huge unsaved go.work was parsed: err = %v", f.Err)
	}
}

func TestLoadCancels(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, []string{tree(t, map[string]string{"go.mod": ""})}, nil); err == nil {
		t.Error("a cancelled scan returned no error")
	}
}

func TestConfine(t *testing.T) {
	root := tree(t, map[string]string{"a/go.mod": ""})
	outside := t.TempDir()
	must(t, os.Symlink(outside, filepath.Join(root, "escape")))
	for _, c := range []struct {
		path string
		ok   bool
	}{
		{filepath.Join(root, "a/go.mod"), true},
		{filepath.Join(root, "new/dir/.dockerignore"), true},
		{filepath.Join(root, "a/../../x"), false},
		{filepath.Join(root, "escape/.gitignore"), false},
		{filepath.Join(outside, "x"), false},
	} {
		if err := Confine([]string{root}, c.path); (err == nil) != c.ok {
			t.Errorf("Confine(%s) = %v, want ok=%v", c.path, err, c.ok)
		}
	}
}

func TestWriteFileAtomicKeepsMode(t *testing.T) {
	p := filepath.Join(t.TempDir(), "run.sh")
	must(t, os.WriteFile(p, []byte("old"), 0o755))
	must(t, WriteFileAtomic(p, []byte("new")))
	st, _ := os.Stat(p)
	b, _ := os.ReadFile(p)
	if string(b) != "new" || st.Mode().Perm() != 0o755 {
		t.Errorf("got %q %v", b, st.Mode())
	}
	if m, _ := filepath.Glob(filepath.Join(filepath.Dir(p), ".run.sh.gowell-*")); len(m) > 0 {
		t.Errorf("temporary files left behind: %v", m)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestOverlaysInSkippedDirectories(t *testing.T) {
	root := tree(t, map[string]string{"go.mod": "module m\n", "vendor/x/go.mod": "module x\n"})
	vendored := filepath.Join(root, "vendor/x/go.mod")
	open := map[string]Overlay{vendored: {Version: 1, Text: []byte("module x\n\ngo 1.99\n")}}
	s, err := Load(context.Background(), []string{root}, open)
	must(t, err)
	if got := rels(root, s.All()); !slices.Equal(got, []string{"go.mod"}) {
		t.Errorf("Load with an open vendored go.mod discovered %v; want only the module's own", got)
	}
	if got := rels(root, s.Update(nil, open).All()); !slices.Equal(got, []string{"go.mod"}) {
		t.Errorf("Update: %v", got)
	}
}

func TestKindOfDockerfiles(t *testing.T) {
	for path, want := range map[string]Kind{
		"Dockerfile":              Dockerfile,
		"svc/Dockerfile.dev":      Dockerfile,
		"Dockerfile.alpine3.20":   Dockerfile,
		"build.Dockerfile":        Dockerfile,
		"api.dockerfile":          Dockerfile,
		"Containerfile":           Dockerfile,
		"workspace/dockerfile.go": None, // gowell's own parser: a Go file, not a Dockerfile
		"docs/Dockerfile.md":      None,
		"Dockerfile.tmpl":         None, // a template: its syntax is the template engine's
		"Dockerfile.j2":           None,
		"Dockerfile.orig":         None,
		"Dockerfile.dockerignore": DockerIgnore,
	} {
		if got := KindOf(path); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", path, got, want)
		}
	}
}
