package workspace

import (
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// BuildContext is the directory `docker build` sends for a Dockerfile, as
// gowell works it out, and what it rests on.
type BuildContext struct {
	Dir string
	By  ContextBy
	// Config is the Compose file or devcontainer.json that builds the
	// Dockerfile with Dir as its context, when By is ContextConfig.
	Config *File
	// Evident is set when Dir is certainly a context root: a configuration
	// names it, Docker would read a .dockerignore there only as one, or it
	// holds a path the Dockerfile copies by name that its parent does not.
	Evident bool
}

// ContextBy says what decided a build context.
type ContextBy int

const (
	// ContextDefault is the Dockerfile's directory, as `docker build .` run
	// next to it: nothing the Dockerfile copies by name says otherwise.
	ContextDefault ContextBy = iota
	// ContextSources is the nearest directory, from the Dockerfile's up to
	// its workspace folder, holding the most of the paths the Dockerfile
	// copies by name: a COPY of go.mod fails in a context without one, so a
	// Dockerfile in scripts/ that copies go.mod, present only at the root,
	// is built from the root.
	ContextSources
	// ContextConfig is the context a Compose file (build.context) or a
	// devcontainer.json (build.context) gives the Dockerfile.
	ContextConfig
)

// BuildContext returns the build context of dockerfile. A Compose file or
// devcontainer.json in the workspace that builds it decides, when its context
// is a directory inside that configuration's workspace folder (the first such
// configuration by path, when several do); else the paths the Dockerfile
// copies by name do (ContextSources); else it is the Dockerfile's directory.
// CI scripts and Makefiles that run `docker build -f` are not read. The
// answer is kept on the file while what it rests on — Compose files,
// devcontainer.json files, the disk — keeps its generation, so typing in a
// go.work does not work out 200 build contexts again.
func (s *Snapshot) BuildContext(dockerfile *File) BuildContext {
	type memo struct {
		inputs [3]uint64
		only   *limits // a restricted view reads for itself
		bc     BuildContext
	}
	inputs := [3]uint64{s.Generation(Compose), s.Generation(DevContainer), s.DiskGeneration()}
	if v, ok := dockerfile.memo.Load("buildContext"); ok && v.(memo).inputs == inputs && v.(memo).only == s.only {
		return v.(memo).bc
	}
	bc := s.buildContext(dockerfile)
	// A File outlives snapshots; only the latest one is asked, so one slot
	// suffices.
	dockerfile.memo.Store("buildContext", memo{inputs, s.only, bc})
	return bc
}

func (s *Snapshot) buildContext(f *File) BuildContext {
	if cfg, dir := s.configuredContext(f); cfg != nil {
		return BuildContext{Dir: dir, By: ContextConfig, Config: cfg, Evident: true}
	}
	named := f.Dockerfile().NamedSources()
	bc := BuildContext{Dir: f.Dir()}
	if root := s.RootOf(f.Path); root != "" && len(named) > 0 {
		best := 0
		for dir := f.Dir(); Within(root, dir); dir = filepath.Dir(dir) {
			if n := s.countExisting(dir, named); n > best {
				bc.Dir, bc.By, best = dir, ContextSources, n
			}
			if dir == root {
				break
			}
		}
	}
	bc.Evident = s.Exists(filepath.Join(bc.Dir, ".dockerignore")) || s.holdsOwn(bc.Dir, named)
	return bc
}

// holdsOwn reports whether one of the context paths of named exists below
// dir but not below its parent.
func (s *Snapshot) holdsOwn(dir string, named []string) bool {
	parent := filepath.Dir(dir)
	for _, p := range named {
		rel := filepath.FromSlash(p)
		if s.Exists(filepath.Join(dir, rel)) && !s.Exists(filepath.Join(parent, rel)) {
			return true
		}
	}
	return false
}

// countExisting counts the context paths of named that exist below dir.
func (s *Snapshot) countExisting(dir string, named []string) int {
	n := 0
	for _, p := range named {
		if s.Exists(filepath.Join(dir, filepath.FromSlash(p))) {
			n++
		}
	}
	return n
}

// configuredContext finds the first Compose file or devcontainer.json, by
// path, that builds f with a context that is a directory inside its own
// workspace folder.
func (s *Snapshot) configuredContext(f *File) (*File, string) {
	configs := append(s.Files(Compose), s.Files(DevContainer)...)
	slices.SortFunc(configs, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	for _, c := range configs {
		for _, b := range c.ContainerConfig().Builds {
			if b.Dockerfile == f.Path && Within(s.RootOf(c.Path), b.Context) && s.IsDir(b.Context) {
				return c, b.Context
			}
		}
	}
	return nil, ""
}

// NamedSources lists the context paths d reads by name: the literal COPY,
// ADD and bind-mount sources, not the whole context and not wildcards,
// whose matches are on disk, not in the Dockerfile. Sorted, each once.
func (d *ParsedDockerfile) NamedSources() []string {
	var out []string
	for _, in := range d.Instructions {
		for _, src := range d.ContextSources(in) {
			if src != "." && !strings.ContainsAny(src, "*?[") {
				out = append(out, src)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

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
// The slice is shared: callers must not modify it.
func (d *ParsedDockerfile) ContextSourceWords(ins *Instruction) []ContextSource {
	ins.sources.once.Do(func() { ins.sources.v = d.contextSourceWords(ins) })
	return ins.sources.v
}

func (d *ParsedDockerfile) contextSourceWords(ins *Instruction) []ContextSource {
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
		for _, m := range ins.Mounts() {
			if m.Type == "bind" && !m.From {
				raw = append(raw, ContextSource{Word: m.Flag, Path: m.Source})
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

// RunMount is one --mount flag of a RUN, with BuildKit's defaults filled in:
// a bind mount of the whole build context.
type RunMount struct {
	Flag   string // as written: "--mount=type=cache,target=/go/pkg/mod"
	Type   string // "bind", "cache", "secret", …, lower case
	Source string // default "."
	Target string // cleaned; "" when not given
	From   bool   // from= names a stage or image: not the build context
}

// Mounts reads the instruction's --mount flags.
func (in *Instruction) Mounts() []RunMount {
	var out []RunMount
	for _, f := range in.Flags {
		spec, ok := strings.CutPrefix(f, "--mount=")
		if !ok {
			continue
		}
		m := RunMount{Flag: f, Type: "bind", Source: "."}
		for _, field := range strings.Split(spec, ",") {
			k, v, _ := strings.Cut(field, "=")
			v = strings.Trim(v, `"'`)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "type":
				m.Type = strings.ToLower(v)
			case "source", "src":
				m.Source = v
			case "target", "dst", "destination":
				if v != "" {
					m.Target = path.Clean(v)
				}
			case "from":
				m.From = true
			}
		}
		out = append(out, m)
	}
	return out
}
