// Package wsgen generates synthetic Go monorepos for benchmarks: many
// directories and files, a go.work using every module, ignore files and
// Dockerfiles, shaped like the large repositories gowell must stay light in.
package wsgen

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Config sizes a generated workspace.
type Config struct {
	Files   int // total files outside .git, including the ones gowell reads
	Dirs    int // total directories below the root, .git left out
	Modules int // modules, each with go.mod, .gitignore, .dockerignore and a Dockerfile; all used by go.work
	// Git makes the workspace a git repository with every file committed, as
	// a monorepo is: the rules that ask git's index then run against 100 000
	// entries.
	Git bool
}

// Monorepo is the target shape: 100 000 files in 10 000 directories
// and 200 modules, in a git repository.
var Monorepo = Config{Files: 100_000, Dirs: 10_000, Modules: 200, Git: true}

// Small is a two-module workspace, the size of a service repository.
var Small = Config{Files: 40, Dirs: 8, Modules: 2}

// Stats says what was generated.
type Stats struct {
	Files, Dirs, Modules int
	WatchedDirs          int // directories holding a file gowell reads: the root and each module
}

// The go.work `go` line is older than the modules', so GO001 fires on it;
// WorkFixed is the same go.work with the line raised, which clears it.
const (
	workGo  = "1.22"
	modGo   = "1.24"
	ModPath = "example.com/mono/svc%03d"
)

// Work is the generated go.work for n modules, with the given go line.
func Work(n int, goVersion string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "go %s\n\nuse (\n", goVersion)
	for m := range n {
		fmt.Fprintf(&b, "\t./services/svc%03d\n", m)
	}
	b.WriteString(")\n")
	return b.String()
}

// WorkBroken and WorkFixed are go.work texts for c: the generated one, whose
// go line is older than the modules' (GO001 fires), and the repaired one.
func WorkBroken(c Config) string { return Work(c.Modules, workGo) }
func WorkFixed(c Config) string  { return Work(c.Modules, modGo) }

// Generate writes the workspace below root, which must be empty or absent.
// The modules require nothing, so a go command or gopls loads them offline.
func Generate(root string, c Config) (Stats, error) {
	var st Stats
	if c.Modules < 1 || c.Dirs < c.Modules || c.Files < 5*c.Modules+2 {
		return st, fmt.Errorf("wsgen: need Modules ≥ 1, Dirs ≥ Modules, Files ≥ 5×Modules+2; got %+v", c)
	}
	write := func(rel, data string) error {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		st.Files++
		return os.WriteFile(p, []byte(data), 0o644)
	}
	for m := range c.Modules {
		dir := fmt.Sprintf("services/svc%03d", m)
		for rel, data := range map[string]string{
			"go.mod":        fmt.Sprintf("module "+ModPath+"\n\ngo %s\n", m, modGo),
			".gitignore":    "*.test\n*.out\n/bin/\n",
			"Dockerfile":    "FROM golang:1.24 AS build\nWORKDIR /src\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n",
			".dockerignore": ".git\n**/*.test\n",
			"main.go":       "package main\n\nfunc main() {}\n",
		} {
			if err := write(filepath.Join(dir, rel), data); err != nil {
				return st, err
			}
		}
		st.Modules++
	}
	if err := write("go.work", WorkBroken(c)); err != nil {
		return st, err
	}
	if err := write(".gitignore", "*.test\n*.out\ncoverage.*\n!coverage.go\n*.exe\n.env\n/bin/\n/dist/\n"); err != nil {
		return st, err
	}
	st.WatchedDirs = c.Modules + 1

	// The rest: package directories spread over the modules (each module
	// also gets an internal/), files spread over the packages.
	extraDirs := c.Dirs - 1 - 2*c.Modules
	if extraDirs < c.Modules {
		extraDirs = c.Dirs - 1 - c.Modules
	}
	remaining := c.Files - st.Files
	for d := range extraDirs {
		dir := fmt.Sprintf("services/svc%03d/internal/pkg%04d", d%c.Modules, d)
		n := remaining / (extraDirs - d)
		for f := range n {
			if err := write(filepath.Join(dir, fmt.Sprintf("file%03d.go", f)), fmt.Sprintf("package pkg%04d\n\nconst N%d = %d\n", d, f, f)); err != nil {
				return st, err
			}
		}
		remaining -= n
	}
	err := filepath.WalkDir(root, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			st.Dirs++
		}
		return err
	})
	st.Dirs-- // the root itself
	if err == nil && c.Git {
		err = commitAll(root)
	}
	return st, err
}

// commitAll makes root a repository holding every file in one commit.
func commitAll(root string) error {
	for _, args := range [][]string{
		{"init", "-q"},
		{"add", "-A"},
		{"-c", "user.name=wsgen", "-c", "user.email=wsgen@example.com", "commit", "-q", "--no-gpg-sign", "-m", "generated"},
	} {
		cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("git %s: %v: %s", args[0], err, out)
		}
	}
	return nil
}
