package workspace

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// BuildContext is the directory gowell assumes `docker build` sends for a
// Dockerfile: the one holding it, as in `docker build .` run next to it. A
// compose file or a CI script can name another context; gowell does not read
// them, so rules about the context hold for this common layout only.
func BuildContext(dockerfile *File) string { return dockerfile.Dir() }

// ContextSource is one build-context path an instruction reads.
type ContextSource struct {
	// Word is the argument as written in Instruction.Args (for a bind mount,
	// the whole --mount flag as in Instruction.Flags), for finding it in the
	// source with WordRange.
	Word string
	Path string // cleaned, slash separated, relative to the context root
}

// ContextSources returns the build-context paths ins reads: the sources of a
// COPY or ADD without --from (URLs, git repositories and heredocs left out)
// and of a RUN --mount=type=bind without from=. Each is cleaned, slash
// separated and relative to the context root as BuildKit resolves it ("." is
// the whole context; "/x" and "../x" are "x"); wildcards stay patterns. A
// source with a variable is left out: its value depends on the stage's ARGs
// and ENVs.
func (d *ParsedDockerfile) ContextSources(ins *Instruction) []string {
	var out []string
	for _, src := range d.ContextSourceWords(ins) {
		out = append(out, src.Path)
	}
	return out
}

// ContextSourceWords is ContextSources with the word each path came from.
func (d *ParsedDockerfile) ContextSourceWords(ins *Instruction) []ContextSource {
	var raw []ContextSource
	switch ins.Cmd {
	case "copy", "add":
		if _, ok := ins.Flag("from"); ok || len(ins.Args) < 2 {
			return nil
		}
		for _, src := range ins.Args[:len(ins.Args)-1] {
			if strings.HasPrefix(src, "<<") || strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
				continue
			}
			raw = append(raw, ContextSource{Word: src, Path: src})
		}
	case "run":
		for _, f := range ins.Flags {
			if m, ok := strings.CutPrefix(f, "--mount="); ok {
				if src, ok := bindSource(m); ok {
					raw = append(raw, ContextSource{Word: f, Path: src})
				}
			}
		}
	}
	var out []ContextSource
	lex := shell.NewLex(d.Escape)
	for _, src := range raw {
		if strings.Contains(src.Path, "$") {
			continue
		}
		if !ins.Node.Attributes["json"] { // the JSON form comes unquoted
			w, _, err := lex.ProcessWord(src.Path, metaEnv{})
			if err != nil {
				continue
			}
			src.Path = w
		}
		src.Path = CleanContextPath(src.Path)
		out = append(out, src)
	}
	return out
}

// CleanContextPath resolves p against the context root the way BuildKit does:
// a path cannot leave the context, so "/x", "./x" and "../x" all mean "x".
func CleanContextPath(p string) string {
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if p == "" {
		return "."
	}
	return p
}

// bindSource reads a --mount value and returns the context path a bind mount
// of the build context exposes (BuildKit's defaults: type=bind, the whole
// context).
func bindSource(spec string) (string, bool) {
	typ, src, from := "bind", ".", false
	for _, field := range strings.Split(spec, ",") {
		k, v, _ := strings.Cut(field, "=")
		v = strings.Trim(v, `"'`)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "type":
			typ = strings.ToLower(v)
		case "source", "src":
			src = v
		case "from":
			from = true
		}
	}
	return src, typ == "bind" && !from
}
