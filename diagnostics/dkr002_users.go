package diagnostics

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// dockerignoreUsers returns the Dockerfiles whose builds read the ignore file
// ign: those for which it is <Dockerfile>.dockerignore, or the .dockerignore
// of their build context when they have none of their own.
func dockerignoreUsers(s *Snapshot, ign *workspace.File) []*workspace.File {
	// Each ignore file asks about every Dockerfile (200 × 200 in a
	// monorepo): the names rule out nearly all of them before the disk is.
	own := strings.TrimSuffix(ign.Path, ".dockerignore") // the Dockerfile of a <Dockerfile>.dockerignore
	rootOf := ""                                         // the context a .dockerignore is at the root of
	if filepath.Base(ign.Path) == ".dockerignore" {
		rootOf = filepath.Dir(ign.Path)
	}
	var out []*workspace.File
	for _, f := range s.Files(workspace.Dockerfile) {
		if f.Dockerfile().Err != nil || f.Path != own && s.BuildContext(f).Dir != rootOf {
			continue
		}
		if u := s.DockerIgnoreFor(f, s.BuildContext(f).Dir); u != nil && u.Path == ign.Path {
			out = append(out, f)
		}
	}
	return out
}

// namedContextSources lists the context paths the Dockerfiles read by name
// (ParsedDockerfile.NamedSources), sorted, each once.
func namedContextSources(dockerfiles []*workspace.File) []string {
	var out []string
	for _, f := range dockerfiles {
		out = append(out, f.Dockerfile().NamedSources()...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// underAny reports whether the context path p is one of dirs or lies below
// one of them.
func underAny(p string, dirs []string) bool {
	for _, d := range dirs {
		if p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// ignoreContext is the build context the ignore file ign applies to, read
// by users (dockerignoreUsers, not empty): the directory of a .dockerignore,
// which Docker reads only at a context root; the context of the one
// Dockerfile a <Dockerfile>.dockerignore belongs to.
func ignoreContext(s *Snapshot, users []*workspace.File) string {
	return s.BuildContext(users[0]).Dir
}
