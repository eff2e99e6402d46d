package workspace

import "strings"

// ImageRef is an image reference split the way Docker reads it.
type ImageRef struct {
	Name   string // as written: golang, docker.io/library/golang, ghcr.io/x/y
	Tag    string // "" when none (Docker then pulls latest)
	Digest string // sha256:… when pinned
}

// ParseImageRef splits ref into name, tag and digest. The tag is what follows
// the last colon after the last slash, so a registry port (localhost:5000/x)
// is not taken for a tag.
func ParseImageRef(ref string) ImageRef {
	var r ImageRef
	ref, r.Digest, _ = strings.Cut(ref, "@")
	slash := strings.LastIndex(ref, "/")
	if colon := strings.LastIndex(ref, ":"); colon > slash {
		ref, r.Tag = ref[:colon], ref[colon+1:]
	}
	r.Name = ref
	return r
}

// HubName is the name without Docker Hub's implicit parts, the name of an
// official image: "golang" for golang, library/golang and
// docker.io/library/golang. Other registries' names come back unchanged.
func (r ImageRef) HubName() string {
	name := r.Name
	for _, host := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		if rest, ok := strings.CutPrefix(name, host); ok {
			name = rest
			break
		}
	}
	return strings.TrimPrefix(name, "library/")
}
