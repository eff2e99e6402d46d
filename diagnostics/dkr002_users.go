package diagnostics

import (
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// dockerignoreUsers returns the Dockerfiles whose builds read the ignore file
// ign: those for which it is <Dockerfile>.dockerignore, or the .dockerignore
// of their build context (taken to be their directory) when they have none
// of their own.
func dockerignoreUsers(s *Snapshot, ign *workspace.File) []*workspace.File {
	var out []*workspace.File
	for _, f := range s.Files(workspace.Dockerfile) {
		if f.Dockerfile().Err != nil {
			continue
		}
		if u := s.DockerIgnoreFor(f, workspace.BuildContext(f)); u != nil && u.Path == ign.Path {
			out = append(out, f)
		}
	}
	return out
}

// namedContextSources lists the context paths the Dockerfiles read by name:
// the literal COPY, ADD and bind-mount sources, not the whole context and not
// wildcards, whose matches are on disk, not in the Dockerfile.
func namedContextSources(dockerfiles []*workspace.File) []string {
	var out []string
	for _, f := range dockerfiles {
		d := f.Dockerfile()
		for _, in := range d.Instructions {
			for _, src := range d.ContextSources(in) {
				if src != "." && !strings.ContainsAny(src, "*?[") {
					out = append(out, src)
				}
			}
		}
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

// contextTree lists the build context of the ignore file ign (its
// directory) once per version of that file: DKR002 and DKR004 both read it,
// and the rules run on every change, while a walk of a large context costs
// milliseconds on ext4 and far more on a Windows drive under WSL. A full
// rescan (a directory came or went, a reload) reads the file, and so the
// context, anew.
func contextTree(s *Snapshot, ign *workspace.File) *workspace.ContextTree {
	return ign.Memo("dockerContextTree", func() any {
		return s.ContextTree(ign.Dir(), ign.DockerIgnore())
	}).(*workspace.ContextTree)
}
