package workspace

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"
)

func writeTree(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func treePaths(tr *ContextTree) []string {
	var out []string
	for _, e := range tr.Entries {
		if e.Dir {
			out = append(out, e.Path+"/")
		} else {
			out = append(out, e.Path)
		}
	}
	return out
}

func TestContextTreeBreadthFirst(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, "z.go", "a/b/c.test", "a/x.test", ".git/HEAD", "bin/app", "sub/.env")
	s := &Snapshot{}

	got := treePaths(s.ContextTree(root, nil))
	want := []string{".git/", "a/", "bin/", "sub/", "z.go", "a/b/", "a/x.test", "bin/app", "sub/.env", "a/b/c.test"}
	if !slices.Equal(got, want) {
		t.Errorf("no ignore file:\n got %q\nwant %q", got, want)
	}

	// An excluded directory is listed but not entered: nothing below it is sent.
	got = treePaths(s.ContextTree(root, ParseDockerIgnore([]byte("bin\na/b\n"))))
	want = []string{".git/", "a/", "bin/", "sub/", "z.go", "a/b/", "a/x.test", "sub/.env"}
	if !slices.Equal(got, want) {
		t.Errorf("bin and a/b excluded:\n got %q\nwant %q", got, want)
	}

	// With an exception, something below an excluded directory may come back.
	got = treePaths(s.ContextTree(root, ParseDockerIgnore([]byte("bin\n!bin/app\n"))))
	if !slices.Contains(got, "bin/app") {
		t.Errorf("with an exception, bin/app must be listed: %q", got)
	}
}

func TestContextTreeCap(t *testing.T) {
	root := t.TempDir()
	var files []string
	for i := range MaxContextEntries + 5 {
		files = append(files, fmt.Sprintf("deep/f%05d", i))
	}
	writeTree(t, root, append(files, "top1", "top2")...)
	tr := (&Snapshot{}).ContextTree(root, nil)
	if !tr.Truncated {
		t.Errorf("a tree over the cap must say it was cut")
	}
	if len(tr.Entries) != MaxContextEntries {
		t.Errorf("listed %d entries, want the cap %d", len(tr.Entries), MaxContextEntries)
	}
	if got := treePaths(tr)[:3]; !slices.Equal(got, []string{"deep/", "top1", "top2"}) {
		t.Errorf("the root's entries come first: %q", got)
	}
}

// TestContextTreeFromTheWalk: a loaded snapshot lists a context from what
// discovery read, so a path that came after the walk is not in it (as it is
// in no other answer of that snapshot), except below a directory discovery
// skips, which is read from the disk; after ReleaseListings, the disk.
func TestContextTreeFromTheWalk(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, "svc/Dockerfile", "svc/main.go", "svc/vendor/m/x.go")
	s, err := Load(t.Context(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, root, "svc/late.go", "svc/vendor/m/late.go")
	svc := filepath.Join(root, "svc")

	got := treePaths(s.ContextTree(svc, nil))
	want := []string{"Dockerfile", "main.go", "vendor/", "vendor/m/", "vendor/m/late.go", "vendor/m/x.go"}
	if !slices.Equal(got, want) {
		t.Errorf("from the walk:\n got %q\nwant %q", got, want)
	}
	if u := s.Update(nil, nil); !slices.Contains(treePaths(u.ContextTree(svc, nil)), "late.go") {
		t.Errorf("a snapshot made by Update must read the disk")
	}

	s.ReleaseListings()
	got = treePaths(s.ContextTree(svc, nil))
	want = []string{"Dockerfile", "late.go", "main.go", "vendor/", "vendor/m/", "vendor/m/late.go", "vendor/m/x.go"}
	if !slices.Equal(got, want) {
		t.Errorf("after ReleaseListings:\n got %q\nwant %q", got, want)
	}
}

// The walk prunes with each directory's match results (BuildKit's way), not
// by asking Excluded of every path: the same paths must come out. The
// oracle lists everything and keeps the paths none of whose parent
// directories Excluded leaves out.
func TestContextTreePrunesAsExcluded(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, "a/b/c/d.go", "a/bin/x", "bin/y", "c1/tmp/z", "c2/keep/tmp/w",
		"deep/er/still/bin/q", "node/a/b", "x.test/in", "logs/2024/01/app.log")
	s := &Snapshot{}
	all := s.ContextTree(root, nil)
	for _, ignore := range []string{"bin\n", "**/bin\n", "a/b\n", "*/tmp\n", "c*\n", "**/tmp\n**/*.test\n",
		"deep/**/bin\n", "logs/*/01\n", "node\na\n", "[ab]\n", "?1\n", "a/**\n"} {
		ign := ParseDockerIgnore([]byte(ignore))
		var want []string
		for _, e := range all.Entries {
			kept := true
			for d := path.Dir(e.Path); d != "."; d = path.Dir(d) {
				if ex, _ := ign.Excluded(d); ex {
					kept = false
				}
			}
			if kept {
				want = append(want, e.Path)
			}
		}
		var got []string
		for _, e := range s.ContextTree(root, ign).Entries {
			got = append(got, e.Path)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q:\n got %q\nwant %q", ignore, got, want)
		}
	}
}
