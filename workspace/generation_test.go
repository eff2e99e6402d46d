package workspace

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

func loadGenerations(t *testing.T) (root string, s *Snapshot) {
	t.Helper()
	root = t.TempDir()
	for name, data := range map[string]string{
		"go.work":         "go 1.24\n\nuse ./a\n",
		"a/go.mod":        "module a\n\ngo 1.24\n",
		"a/Dockerfile":    "FROM golang:1.24\n",
		"a/.dockerignore": ".git\n",
	} {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := Load(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return root, s
}

// What changed is what the numbers say changed: typing in go.work renews
// go.work's number alone, so a rule that reads only go.mod files can keep
// its findings; and only a path that comes or goes, or a file of no kind,
// renews the disk's.
func TestGenerationsFollowChanges(t *testing.T) {
	root, s := loadGenerations(t)
	work := filepath.Join(root, "go.work")
	typed := s.Update(nil, map[string]Overlay{work: {Version: 1, Text: []byte("go 1.25\n\nuse ./a\n")}})
	if typed.Generation(GoWork) == s.Generation(GoWork) {
		t.Error("an edit to go.work kept its generation")
	}
	for _, k := range []Kind{GoMod, Dockerfile, DockerIgnore, GitIgnore} {
		if typed.Generation(k) != s.Generation(k) {
			t.Errorf("an edit to go.work renewed the generation of %s", k)
		}
	}
	if typed.DiskGeneration() != s.DiskGeneration() {
		t.Error("opening a document for a file on disk renewed the disk generation")
	}

	mod := filepath.Join(root, "a", "go.mod")
	if err := os.WriteFile(mod, []byte("module a\n\ngo 1.25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	saved := typed.Update([]string{mod}, typed.overlays)
	if saved.Generation(GoMod) == typed.Generation(GoMod) {
		t.Error("a go.mod changed on disk kept the go.mod generation")
	}
	if saved.Generation(GoWork) != typed.Generation(GoWork) || saved.DiskGeneration() != typed.DiskGeneration() {
		t.Error("a go.mod changed on disk renewed go.work's or the disk's generation")
	}

	for name, update := range map[string]func() *Snapshot{
		"a new go.mod": func() *Snapshot {
			p := filepath.Join(root, "b", "go.mod")
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, []byte("module b\n"), 0o644)
			return saved.Update([]string{p}, saved.overlays)
		},
		"a removed Dockerfile": func() *Snapshot {
			p := filepath.Join(root, "a", "Dockerfile")
			os.Remove(p)
			return saved.Update([]string{p}, saved.overlays)
		},
		"a go.sum": func() *Snapshot {
			p := filepath.Join(root, "a", "go.sum")
			os.WriteFile(p, nil, 0o644)
			return saved.Update([]string{p}, saved.overlays)
		},
		"a document for a file not on disk": func() *Snapshot {
			return saved.Update(nil, map[string]Overlay{filepath.Join(root, "c", "go.mod"): {Version: 1, Text: []byte("module c\n")}})
		},
	} {
		if update().DiskGeneration() == saved.DiskGeneration() {
			t.Errorf("%s kept the disk generation", name)
		}
	}

	reloaded, err := Load(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k := range kindNames {
		if reloaded.gen[k] == saved.gen[k] {
			t.Errorf("a new Load kept the generation of %s", Kind(k))
		}
	}
}

// A file re-read with the same content is the same file, parses included;
// an open document whose text did not change keeps its generation too.
func TestUpdateKeepsUnchangedFiles(t *testing.T) {
	root, s := loadGenerations(t)
	mod := filepath.Join(root, "a", "go.mod")
	before := s.File(mod)
	n := s.Update([]string{mod}, nil)
	if n.File(mod) != before {
		t.Error("an unchanged go.mod was replaced")
	}
	if n.DiskGeneration() != s.DiskGeneration() {
		t.Error("an unchanged go.mod renewed the disk generation")
	}
	open := map[string]Overlay{mod: {Version: 3, Text: []byte("module a\n")}}
	o := n.Update(nil, open)
	if again := o.Update(nil, map[string]Overlay{mod: open[mod]}); again.Generation(GoMod) != o.Generation(GoMod) {
		t.Error("an open document at the same version renewed the generation")
	}
}

// A snapshot is one moment: what it found on disk it keeps, and the next
// snapshot looks again.
func TestExistsIsOneMoment(t *testing.T) {
	root, s := loadGenerations(t)
	sum := filepath.Join(root, "a", "go.sum")
	if s.Exists(sum) {
		t.Fatal("go.sum exists before it is written")
	}
	if err := os.WriteFile(sum, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if s.Exists(sum) {
		t.Error("a snapshot saw a file written after it was asked about")
	}
	if !s.Update([]string{sum}, nil).Exists(sum) {
		t.Error("the next snapshot did not see the new file")
	}
	if !s.IsDir(filepath.Join(root, "a")) || s.IsDir(filepath.Join(root, "go.work")) {
		t.Error("IsDir is wrong")
	}
}

// Typing changes no file on disk, so the next snapshot takes over what the
// last one learned from it instead of asking again; a change on disk makes
// it ask again.
func TestTypingKeepsWhatTheDiskSaid(t *testing.T) {
	root, s := loadGenerations(t)
	sum := filepath.Join(root, "a", "go.sum")
	if s.Exists(sum) {
		t.Fatal("go.sum exists before it is written")
	}
	if err := os.WriteFile(sum, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(root, "go.work")
	open := s.Update([]string{sum}, map[string]Overlay{work: {Version: 1, Text: []byte("go 1.25\n")}})
	typed := open.Update(nil, map[string]Overlay{work: {Version: 2, Text: []byte("go 1.26\n")}})
	if !open.Exists(sum) {
		t.Error("a snapshot after go.sum was written did not look at the disk again")
	}
	if typed.Exists(sum) != open.Exists(sum) || typed.DiskGeneration() != open.DiskGeneration() {
		t.Error("typing changed what the disk says")
	}
	if err := os.Remove(sum); err != nil {
		t.Fatal(err)
	}
	if again := typed.Update(nil, typed.overlays); !again.Exists(sum) {
		t.Error("a snapshot after typing asked the disk again (it should take over the last answer)")
	}
	if typed.Update([]string{sum}, typed.overlays).Exists(sum) {
		t.Error("a snapshot after a change on disk kept the old answer")
	}
}
