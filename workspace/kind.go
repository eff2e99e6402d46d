package workspace

import (
	"path/filepath"
	"strings"
)

// Kind says which of the files gowell cares about a path is.
type Kind int

const (
	None Kind = iota
	GoMod
	GoWork
	GitIgnore
	DockerIgnore
	Dockerfile
	Compose      // a Compose file: compose.yaml, docker-compose.yml, overrides such as compose.prod.yaml
	DevContainer // a Dev Container configuration: .devcontainer/devcontainer.json, .devcontainer.json
)

var kindNames = [...]string{"none", "go.mod", "go.work", ".gitignore", ".dockerignore", "Dockerfile", "compose", "devcontainer.json"}

func (k Kind) String() string { return kindNames[k] }

// KindOf classifies a path by its base name. Dockerfiles come in the spellings
// Docker's own tooling recognises: Dockerfile, Dockerfile.<x>, <x>.Dockerfile
// (any case), and Containerfile. <Dockerfile>.dockerignore is an ignore file.
// Compose files are the names `docker compose` looks for and the files
// written beside them (docker-compose.<x>.yml, compose-<x>.yaml); Dev
// Container configurations are where the spec looks: .devcontainer.json,
// .devcontainer/devcontainer.json and .devcontainer/<x>/devcontainer.json.
func KindOf(path string) Kind {
	base := filepath.Base(path)
	lower := strings.ToLower(base)
	switch {
	case base == "go.mod":
		return GoMod
	case base == "go.work":
		return GoWork
	case base == ".gitignore":
		return GitIgnore
	case strings.HasSuffix(lower, ".dockerignore"):
		return DockerIgnore
	case lower == "dockerfile", lower == "containerfile", strings.HasSuffix(lower, ".dockerfile"),
		strings.HasPrefix(lower, "dockerfile.") && !notDockerfile[filepath.Ext(lower)]:
		return Dockerfile
	case composeFileName(base):
		return Compose
	case base == ".devcontainer.json",
		base == "devcontainer.json" && (filepath.Base(filepath.Dir(path)) == ".devcontainer" ||
			filepath.Base(filepath.Dir(filepath.Dir(path))) == ".devcontainer"):
		return DevContainer
	}
	return None
}

// notDockerfile are the extensions of Dockerfile.<x> names that are not
// Dockerfiles: source and documentation files named after what they handle
// (a Go parser in dockerfile.go), templates rendered into a Dockerfile (their
// syntax is the template's), and editor or merge leftovers.
var notDockerfile = map[string]bool{
	".go": true, ".md": true, ".txt": true, ".json": true, ".yaml": true, ".yml": true, ".sh": true,
	".py": true, ".js": true, ".ts": true, ".rs": true, ".java": true, ".rb": true,
	".tmpl": true, ".tpl": true, ".gotmpl": true, ".j2": true, ".jinja": true, ".jinja2": true,
	".template": true, ".in": true, ".erb": true, ".mustache": true, ".hbs": true,
	".bak": true, ".orig": true, ".rej": true, ".swp": true, ".old": true,
}

// composeFileName reports whether base is compose.yaml, docker-compose.yml
// (either extension), an override of one (compose.<x>.yaml), or one of the
// compose-<x>.yml files that projects keep beside it for `docker compose -f`.
// It runs on every file of the walk, so it compares strings rather than a
// pattern.
func composeFileName(base string) bool {
	rest := strings.TrimPrefix(base, "docker-")
	rest, ok := strings.CutPrefix(rest, "compose")
	if !ok {
		return false
	}
	if r, ok := strings.CutSuffix(rest, ".yaml"); ok {
		rest = r
	} else if rest, ok = strings.CutSuffix(rest, ".yml"); !ok {
		return false
	}
	return rest == "" || len(rest) > 1 && (rest[0] == '.' || rest[0] == '-')
}

// skipDir reports whether discovery stays out of a directory: VCS metadata,
// dependency trees and test inputs hold go.mod files that are not the user's.
func skipDir(name string) bool {
	switch name {
	case ".git", ".hg", ".svn", "node_modules", "vendor", "testdata":
		return true
	}
	return false
}
