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
)

var kindNames = [...]string{"none", "go.mod", "go.work", ".gitignore", ".dockerignore", "Dockerfile"}

func (k Kind) String() string { return kindNames[k] }

// KindOf classifies a path by its base name. Dockerfiles come in the spellings
// Docker's own tooling recognises: Dockerfile, Dockerfile.<x>, <x>.Dockerfile
// (any case), and Containerfile. <Dockerfile>.dockerignore is an ignore file.
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
	case lower == "dockerfile", lower == "containerfile",
		strings.HasPrefix(lower, "dockerfile."), strings.HasSuffix(lower, ".dockerfile"):
		return Dockerfile
	}
	return None
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
