package diagnostics

import (
	"path/filepath"
	"slices"

	"github.com/gowell/gowell/workspace"
)

// repositories returns the top directories of the git repositories that
// hold the workspace's go.mod and go.work files, sorted: the repositories
// whose index GIT001, GIT002 and FS002 read. A repository holding no Go
// module is not the doctor's business.
func repositories(s *Snapshot) []string {
	var out []string
	for _, f := range append(s.Files(workspace.GoMod), s.Files(workspace.GoWork)...) {
		if r := s.RepoRoot(f.Path); r != "" && s.Exists(filepath.Join(r, ".git")) && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// relTo is path relative to dir, slash-separated, for messages.
func relTo(dir, path string) string {
	rel, err := filepath.Rel(dir, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}
