// Package wsgen generates synthetic Go monorepos for benchmarks: many
// directories and files, a go.work using every module, ignore files and
// Dockerfiles, shaped like the large repositories gowell must stay light in.
package wsgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Config sizes a generated workspace.
type Config struct {
	Files   int // total files, including the ones gowell reads
	Dirs    int // total directories below the root
	Modules int // modules, each with go.mod, .gitignore and a Dockerfile; all used by go.work
}

// Monorepo is the target shape: 100 000 files in 10 000 directories
// and 200 modules.
var Monorepo = Config{Files: 100_000, Dirs: 10_000, Modules: 200}

// Stats says what was generated.
type Stats struct {
	Files, Dirs, Modules int
	WatchedDirs          int // directories holding a file gowell reads, plus the root
}

// Generate writes the workspace below root, which must be empty or absent.
// The go.work `go` line is older than the modules', so GO001 fires once.
func Generate(root string, c Config) (Stats, error) {
	var st Stats
	if c.Modules < 1 || c.Dirs < c.Modules || c.Files < 4*c.Modules {
		return st, fmt.Errorf("wsgen: need Modules ≥ 1, Dirs ≥ Modules, Files ≥ 4×Modules; got %+v", c)
	}
	write := func(rel, data string) error {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		st.Files++
		return os.WriteFile(p, []byte(data), 0o644)
	}
	var use strings.Builder
	for m := range c.Modules {
		dir := fmt.Sprintf("services/svc%03d", m)
		fmt.Fprintf(&use, "\t./%s\n", dir)
		for rel, data := range map[string]string{
			"go.mod":        fmt.Sprintf("module example.com/mono/svc%03d\n\ngo 1.24\n\nrequire golang.org/x/mod v0.20.0\n", m),
			"go.sum":        "golang.org/x/mod v0.20.0 h1:abc=\ngolang.org/x/mod v0.20.0/go.mod h1:def=\n",
			".gitignore":    "*.test\n*.out\n/bin/\n",
			"Dockerfile":    "FROM golang:1.24 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n",
			".dockerignore": ".git\n**/*.test\n",
		} {
			if err := write(filepath.Join(dir, rel), data); err != nil {
				return st, err
			}
		}
		st.Modules++
	}
	if err := write("go.work", "go 1.22\n\nuse (\n"+use.String()+")\n"); err != nil {
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
	return st, err
}
