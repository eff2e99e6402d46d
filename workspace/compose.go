package workspace

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// parseCompose reads the builds and bind mounts of the services of a Compose
// file in dir, as the Compose specification defines them: a relative build
// context and bind source are resolved against the file's directory (the
// project directory when the file is the first or only one given), a
// Dockerfile against its context. Variables are not interpolated: a value
// that holds one is left out.
func parseCompose(t *Text, dir string) *ContainerConfig {
	c := &ContainerConfig{}
	var doc yaml.Node
	if err := yaml.Unmarshal(t.Bytes, &doc); err != nil {
		c.Err = &ParseError{Msg: err.Error()}
		return c
	}
	if len(doc.Content) == 0 {
		return c // an empty file
	}
	services := yamlGet(doc.Content[0], "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return c
	}
	for i := 1; i < len(services.Content); i += 2 {
		svc := yamlDeref(services.Content[i])
		if b, ok := composeBuild(yamlGet(svc, "build"), dir); ok {
			c.Builds = append(c.Builds, b)
		}
		if vols := yamlGet(svc, "volumes"); vols != nil && vols.Kind == yaml.SequenceNode {
			for _, v := range vols.Content {
				if b, ok := composeBind(t, yamlDeref(v), dir); ok {
					c.Binds = append(c.Binds, b)
				}
			}
		}
	}
	return c
}

// composeBuild reads a service's build: a context path alone, or a mapping
// whose context defaults to the file's directory and whose dockerfile
// defaults to Dockerfile in the context. An inline Dockerfile, a remote
// context and values with variables give nothing.
func composeBuild(n *yaml.Node, dir string) (BuildSpec, bool) {
	ctx, dockerfile := "", "Dockerfile"
	switch {
	case n == nil:
		return BuildSpec{}, false
	case n.Kind == yaml.ScalarNode:
		ctx = n.Value
	case n.Kind == yaml.MappingNode:
		if yamlGet(n, "dockerfile_inline") != nil {
			return BuildSpec{}, false
		}
		ctx = yamlString(yamlGet(n, "context"), ".")
		dockerfile = yamlString(yamlGet(n, "dockerfile"), "Dockerfile")
	default:
		return BuildSpec{}, false
	}
	b := BuildSpec{Context: localPath(dir, ctx)}
	if b.Context != "" {
		b.Dockerfile = localPath(b.Context, dockerfile)
	}
	return b, b.Context != "" && b.Dockerfile != ""
}

// composeBind reads one entry of a service's volumes: the short syntax
// SOURCE:TARGET[:MODE], where a source that starts with ".", "/" or "~" is a
// host path and anything else a named volume, or the long syntax with type
// bind and a source.
func composeBind(t *Text, n *yaml.Node, dir string) (BindMount, bool) {
	var src *yaml.Node
	source := ""
	switch n.Kind {
	case yaml.ScalarNode:
		s, _, ok := strings.Cut(n.Value, ":")
		if !ok || s == "" || !strings.ContainsAny(s[:1], "./~") {
			return BindMount{}, false // a target alone, or a named volume
		}
		src, source = n, s
	case yaml.MappingNode:
		if yamlString(yamlGet(n, "type"), "") != "bind" {
			return BindMount{}, false
		}
		src = yamlGet(n, "source")
		source = yamlString(src, "")
	}
	p := localPath(dir, source)
	if p == "" {
		return BindMount{}, false
	}
	return BindMount{Source: source, Path: p, Range: yamlScalarRange(t, src, source)}, true
}
