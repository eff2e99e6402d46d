package workspace

import (
	"encoding/json"
	"errors"
	"strings"
)

// parseDevContainer reads a devcontainer.json in dir as the Dev Container
// specification defines it: the Dockerfile it builds (build.dockerfile, or
// the older top-level dockerFile) with its context (build.context or
// context, default "."), both relative to the file; and the bind mounts of
// "mounts" (Docker --mount strings or objects) and "workspaceMount". A bind
// source must be absolute (Docker refuses others); one with a variable
// (${localWorkspaceFolder}, ${localEnv:HOME}) is left out.
func parseDevContainer(t *Text, dir string) *ContainerConfig {
	c := &ContainerConfig{}
	root, err := parseJSON(StripJSONC(t.Bytes))
	if err != nil {
		c.Err = &ParseError{Msg: err.Error()}
		if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
			c.Err.Line = t.Pos(int(se.Offset)).Line
		}
		return c
	}
	build := root.get("build")
	dockerfile := firstString(build.get("dockerfile").str(), root.get("dockerFile").str())
	if dockerfile != "" {
		b := BuildSpec{Dockerfile: localPath(dir, dockerfile), Context: localPath(dir, firstString(build.get("context").str(), root.get("context").str(), "."))}
		if b.Dockerfile != "" && b.Context != "" {
			c.Builds = append(c.Builds, b)
		}
	}
	var mounts []*jsonNode
	if m := root.get("mounts"); m != nil && m.Kind == '[' {
		mounts = m.Elems
	}
	if wm := root.get("workspaceMount"); wm != nil {
		mounts = append(mounts, wm)
	}
	for _, m := range mounts {
		if b, ok := devContainerBind(t, m); ok {
			c.Binds = append(c.Binds, b)
		}
	}
	return c
}

func firstString(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// devContainerBind reads one mount: a Docker --mount string
// ("source=/x,target=/y,type=bind") or an object with type, source and
// target. Docker's --mount defaults to type=volume, so only an explicit bind
// counts.
func devContainerBind(t *Text, m *jsonNode) (BindMount, bool) {
	source, typ, at := "", "", 0
	switch m.Kind {
	case '"':
		for i, field := 0, ""; i < len(m.Str); i += len(field) + 1 {
			field, _, _ = strings.Cut(m.Str[i:], ",")
			k, v, _ := strings.Cut(field, "=")
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "type":
				typ = v
			case "source", "src":
				source, at = v, i+len(k)+1
			}
		}
	case '{':
		source, typ = m.get("source").str(), m.get("type").str()
		m = m.get("source")
	}
	if typ != "bind" || !strings.HasPrefix(source, "/") || strings.Contains(source, "$") {
		return BindMount{}, false
	}
	return BindMount{Source: source, Path: localPath("/", source), Range: jsonSubstringRange(t, m, at, len(source))}, true
}

// jsonSubstringRange is the range of the n bytes at byte at of the string
// node's value when its literal spells the value as is (no escapes), else
// the whole literal.
func jsonSubstringRange(t *Text, s *jsonNode, at, n int) Range {
	if string(t.Bytes[s.Start+1:s.End-1]) == s.Str {
		return t.Span(s.Start+1+at, s.Start+1+at+n)
	}
	return t.Span(s.Start, s.End)
}
