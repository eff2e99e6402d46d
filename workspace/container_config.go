package workspace

import (
	"path/filepath"
	"strings"
)

// ContainerConfig is what gowell reads of a Compose file or a Dev Container
// configuration: the Dockerfiles it builds, each with its build context, and
// the host paths it bind-mounts into containers.
type ContainerConfig struct {
	Builds []BuildSpec
	Binds  []BindMount
	Err    *ParseError
}

// BuildSpec is a Dockerfile and the build context a configuration builds it
// with.
type BuildSpec struct {
	Dockerfile string // absolute and clean
	Context    string // absolute and clean
}

// BindMount is a host path a configuration bind-mounts.
type BindMount struct {
	Source string // as written
	Path   string // absolute and clean: a relative source resolved as the tool resolves it
	Range  Range  // the source in the file
}

// ContainerConfig parses f, a Compose file or a Dev Container configuration,
// once; any other file yields an empty configuration.
func (f *File) ContainerConfig() *ContainerConfig {
	return f.Memo("containerConfig", func() any {
		switch {
		case f.Err != nil:
			return &ContainerConfig{Err: &ParseError{Msg: f.Err.Error()}}
		case f.Kind == Compose:
			return parseCompose(f.Text, f.Dir())
		case f.Kind == DevContainer:
			return parseDevContainer(f.Text, f.Dir())
		}
		return &ContainerConfig{}
	}).(*ContainerConfig)
}

// localPath resolves a path a configuration names against dir. It gives up
// ("") on what is not a local path or depends on the machine: a URL, a
// variable, the home directory.
func localPath(dir, p string) string {
	switch {
	case p == "", strings.Contains(p, "$"), strings.HasPrefix(p, "~"), strings.Contains(p, "://"), strings.HasPrefix(p, "git@"):
		return ""
	case filepath.IsAbs(p):
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}
