package workspace

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// referenceWalk is discovery as it was written on filepath.WalkDir, kept as
// the oracle for walk.
func referenceWalk(ctx context.Context, s *Snapshot, root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if d != nil && d.IsDir() && path != root {
				return fs.SkipDir
			}
			return nil
		}
		if path != root {
			if d.Type().IsRegular() && coverageGoFile(filepath.Base(path)) {
				s.named[path] = false
			}
			if dir := filepath.Dir(path); dir != root && outputDir(filepath.Base(dir)) {
				s.named[dir] = true
			}
			s.folds.add(filepath.Dir(path), d.Name(), d.IsDir())
		}
		if d.IsDir() {
			if path != root && skipDir(d.Name()) {
				return fs.SkipDir
			}
			s.walkedDirs++
			return nil
		}
		if d.Type().IsRegular() && KindOf(path) != None {
			s.files[path] = s.read(path)
		}
		return nil
	})
}

// The lean walk finds what filepath.WalkDir found: the same files, notes,
// directory count and case collisions, skipping the same directories and
// following no symbolic link.
func TestWalkAgreesWithWalkDir(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{
		"go.mod", "go.work", ".gitignore", "coverage.go", "a/Dockerfile", "a/Dockerfile.go",
		"a/b/c/go.mod", "a/b/c/x.go", "bin/tool", "dist/.keep", "sub/bin/out", "vendor/m/go.mod",
		"testdata/go.mod", "node_modules/p/go.mod", ".git/config", "Foo/go.mod", "foo/go.mod",
		"Readme.md", "README.md", ".devcontainer/devcontainer.json", "svc/compose.yaml",
		"svc/internal/coverage_test.go",
	} {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "empty", "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{root, filepath.Join(root, "link"), filepath.Join(root, "missing")} {
		got, err := Load(context.Background(), []string{r}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := &Snapshot{Roots: got.Roots, files: map[string]*File{}, named: map[string]bool{}, folds: newFoldIndex()}
		if err := referenceWalk(context.Background(), want, got.Roots[0]); err != nil {
			t.Fatal(err)
		}
		paths := func(s *Snapshot) []string {
			var out []string
			for _, f := range s.All() {
				out = append(out, f.Path)
			}
			return out
		}
		if g, w := paths(got), paths(want); !slices.Equal(g, w) {
			t.Errorf("%s: files\n got %v\nwant %v", r, g, w)
		}
		if !reflect.DeepEqual(got.named, want.named) || got.walkedDirs != want.walkedDirs {
			t.Errorf("%s: notes %v, %d dirs; want %v, %d", r, got.named, got.walkedDirs, want.named, want.walkedDirs)
		}
		if g, w := got.CaseCollisions(), want.CaseCollisions(); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: case collisions %v, want %v", r, g, w)
		}
		if r == root && (len(got.CaseCollisions()) != 2 || len(got.OutputDirs()) != 3 || len(got.CoverageGoFiles()) != 2) {
			t.Errorf("the tree is meant to have 2 collisions, 3 output dirs and 2 coverage files: %v %v %v",
				got.CaseCollisions(), got.OutputDirs(), got.CoverageGoFiles())
		}
	}
}
