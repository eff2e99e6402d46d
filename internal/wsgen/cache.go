package wsgen

import (
	"fmt"
	"os"
	"path/filepath"
)

// version names the generator's output in cache paths; raise it whenever
// Generate writes something different.
const version = 2

// Cached returns a workspace of shape c under the system's temporary
// directory, generating it on first use. Benchmarks share it across runs:
// writing 100 000 files costs far more than what they measure. Benchmarks
// that edit files must put them back.
func Cached(c Config) (string, Stats, error) {
	root := filepath.Join(os.TempDir(), fmt.Sprintf("gowell-wsgen-v%d-%d-%d-%d-git%t", version, c.Files, c.Dirs, c.Modules, c.Git))
	ws := filepath.Join(root, "ws")
	done := filepath.Join(root, ".complete")
	if _, err := os.Stat(done); err == nil {
		return ws, Stats{Files: c.Files, Dirs: c.Dirs, Modules: c.Modules, WatchedDirs: c.Modules + 1}, nil
	}
	if err := os.RemoveAll(root); err != nil {
		return "", Stats{}, err
	}
	st, err := Generate(ws, c)
	if err != nil {
		return "", st, err
	}
	return ws, st, os.WriteFile(done, nil, 0o644)
}
