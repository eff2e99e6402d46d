package diagnostics

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// Fixtures cannot hold a real git index (it is binary), so a fixture says
// what git tracks with a section listing the tracked paths, one per line,
// relative to the directory holding it, in the index's order (sorted); a
// line may start with the entry's mode, as `git ls-files --stage` shows it
// (100644 when left out):
//
//	-- .git/ls-files --
//	go.mod
//	100755 tools/gen
//
// For the whole test binary, workspace.GitLsFiles answers from that file
// where there is one and asks git elsewhere. A .git without it is a
// repository git cannot read: Tracked is unknown there. A section
// .git/ls-files-error makes git fail with its text as the message, as git's
// stderr would be (dubious ownership, say). The real git run is tested in the
// workspace package.
func init() {
	real := workspace.GitLsFiles
	workspace.GitLsFiles = func(root string, each func(string, uint32)) error {
		if msg, err := os.ReadFile(filepath.Join(root, ".git", "ls-files-error")); err == nil {
			return errors.New(strings.TrimSpace(string(msg)))
		}
		b, err := os.ReadFile(filepath.Join(root, ".git", "ls-files"))
		if errors.Is(err, fs.ErrNotExist) {
			return real(root, each)
		}
		if err != nil {
			return err
		}
		for line := range strings.Lines(string(b)) {
			p := strings.TrimSpace(line)
			if p == "" {
				continue
			}
			mode := uint64(0o100644)
			if m, rest, ok := strings.Cut(p, " "); ok {
				if v, err := strconv.ParseUint(m, 8, 32); err == nil && len(m) == 6 {
					mode, p = v, rest
				}
			}
			each(p, uint32(mode))
		}
		return nil
	}
}
