package wsgen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerateShape(t *testing.T) {
	root := filepath.Join(t.TempDir(), "mono")
	c := Config{Files: 400, Dirs: 40, Modules: 10}
	st, err := Generate(root, c)
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != c.Files || st.Modules != c.Modules || st.Dirs != c.Dirs {
		t.Errorf("generated %+v, asked for %+v", st, c)
	}
	mods, _ := filepath.Glob(filepath.Join(root, "services", "*", "go.mod"))
	if len(mods) != c.Modules {
		t.Errorf("%d go.mod files, want %d", len(mods), c.Modules)
	}
	work, err := os.ReadFile(filepath.Join(root, "go.work"))
	if err != nil || string(work) != WorkBroken(c) {
		t.Errorf("go.work = %q, %v; want WorkBroken", work, err)
	}
}

// The generated workspace must be one the go command accepts once go.work is
// fixed, or gopls, measured on it, would be measured on an error.
func TestGeneratedWorkspaceBuilds(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root := filepath.Join(t.TempDir(), "small")
	if _, err := Generate(root, Small); err != nil {
		t.Fatal(err)
	}
	run := func() (string, error) {
		cmd := exec.Command(goBin, "list", "example.com/mono/...")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=", "GOPROXY=off")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := run(); err == nil || !strings.Contains(out, "go.work lists go 1.22") {
		t.Errorf("go list with the generated go.work: %v\n%s\nwant the go.work version error", err, out)
	}
	if err := os.WriteFile(filepath.Join(root, "go.work"), []byte(WorkFixed(Small)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := run(); err != nil {
		t.Errorf("go list with the fixed go.work: %v\n%s", err, out)
	}
}

func TestGenerateGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	root := filepath.Join(t.TempDir(), "repo")
	c := Small
	c.Git = true
	st, err := Generate(root, c)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "-C", root, "ls-files").Output()
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(out), "\n"); n != st.Files {
		t.Errorf("git tracks %d files, generated %d", n, st.Files)
	}
}
