package diagnostics

import (
	"fmt"
	"path/filepath"

	"github.com/gowell/gowell/workspace"
)

// contextIgnore is the parsed ignore file a build of f with the context
// directory ctx reads, or nil when none applies.
func contextIgnore(s *Snapshot, f *workspace.File, ctx string) *workspace.ParsedDockerIgnore {
	if fi := s.DockerIgnoreFor(f, ctx); fi != nil {
		return fi.DockerIgnore()
	}
	return nil
}

// fromDockerfile is path as a message in the Dockerfile f names it:
// relative to f's directory, slash separated (go.mod, ../go.mod).
func fromDockerfile(f *workspace.File, path string) string {
	rel, err := filepath.Rel(f.Dir(), path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}

// contextNote says, for a message about the build context of f, which
// directory gowell took when it is not f's own, and why; "" when it is.
func contextNote(f *workspace.File, bc workspace.BuildContext) string {
	switch {
	case bc.Dir == f.Dir():
		return ""
	case bc.By == workspace.ContextConfig:
		return fmt.Sprintf(" (%s, as %s builds it)", fromDockerfile(f, bc.Dir), fromDockerfile(f, bc.Config.Path))
	}
	return fmt.Sprintf(" (%s, which holds the paths it copies by name)", fromDockerfile(f, bc.Dir))
}

// stageCheck is the Check of a rule that judges each stage of every
// Dockerfile that parses on its own (DKR000 reports the ones that do not).
func stageCheck(judge func(s *Snapshot, f *workspace.File, d *workspace.ParsedDockerfile, st *workspace.Stage) (Finding, bool)) func(*Snapshot) []Finding {
	return func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.Dockerfile) {
			d := f.Dockerfile()
			if d.Err != nil {
				continue
			}
			for _, st := range d.Stages {
				if fd, ok := judge(s, f, d, st); ok {
					out = append(out, fd)
				}
			}
		}
		return out
	}
}
