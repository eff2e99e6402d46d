package diagnostics

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// Fixtures cannot hold a real git index (it is binary), so a fixture says
// what git tracks with a section listing the tracked paths, one per line,
// relative to the directory holding it:
//
//	-- .git/ls-files --
//	go.mod
//	go.work
//
// For the whole test binary, workspace.GitTracked answers from that file
// where there is one and asks git elsewhere. A .git without it is a
// repository git cannot read: Tracked is unknown there. The real git run is
// tested in the workspace package.
func init() {
	real := workspace.GitTracked
	workspace.GitTracked = func(root string) ([]string, error) {
		b, err := os.ReadFile(filepath.Join(root, ".git", "ls-files"))
		if errors.Is(err, fs.ErrNotExist) {
			return real(root)
		}
		if err != nil {
			return nil, err
		}
		var paths []string
		for line := range strings.Lines(string(b)) {
			if p := strings.TrimSpace(line); p != "" {
				paths = append(paths, p)
			}
		}
		return paths, nil
	}
}
