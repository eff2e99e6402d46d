package diagnostics

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR005",
	Title:    "Sources copied before the modules are downloaded",
	Severity: Info,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `Docker reruns a step, and every step after it, when anything it copies changes. A ` + "`COPY . .`" + `
that brings go.mod in together with the sources, followed by ` + "`go build`" + ` (or ` + "`go mod download`" + `),
therefore downloads every module again after any change to any source file. Docker's Go guide and
its cache guide order the steps so the modules get a layer of their own:

    COPY go.mod go.sum ./
    RUN go mod download
    COPY . .
    RUN go build …

gowell reports the COPY or ADD of a single source that brings a go.mod in (the whole context, or a
directory holding one) when a later RUN of the same stage runs a go command that loads modules, and
nothing earlier in the stage or the stages it is built on copies or bind-mounts go.mod by name or
copies a module cache from another stage. It stays silent when the module vendors
(` + "`vendor/modules.txt`" + `: nothing is downloaded), when go.mod requires nothing, when the .dockerignore
excludes go.mod, and when the RUN mounts a BuildKit cache at the module cache (` + "`/go/pkg/mod`" + `):
then the downloads are cached anyway.

**Fix.** The quick fix inserts ` + "`COPY go.mod go.sum <dest>/`" + ` and ` + "`RUN go mod download`" + ` before the
COPY, with the COPY's destination (and a ` + "`cd`" + ` into it when it is not the working directory), its
indentation and the case of its keywords; go.sum is left out when the context has none (or the
.dockerignore excludes it). It changes the build's steps, so it is never applied unattended. A go.mod
with ` + "`replace`" + ` directives to local directories gets no quick fix: ` + "`go mod download`" + ` reads the
replacements' go.mod files, which must be copied first too.

**Sources.** docs.docker.com/guides/golang/build-images/; docs.docker.com/build/cache/optimize/;
RULES-FACTS D.3.`,
	Check: stageCheck(modulesAfterSources),
})

// sourceCopy is a COPY that brings a go.mod in together with the sources.
type sourceCopy struct {
	In      *workspace.Instruction
	GoMod   *workspace.File
	ModDir  string // the go.mod's directory, relative to the context root
	Workdir string // the stage's working directory there when known, else ""
}

func modulesAfterSources(s *Snapshot, f *workspace.File, d *workspace.ParsedDockerfile, st *workspace.Stage) (Finding, bool) {
	if modulesProvided(d, st.Base) {
		return Finding{}, false
	}
	ctx := s.BuildContext(f).Dir
	ign := contextIgnore(s, f, ctx)
	var sc *sourceCopy
	workdir := ""
	for _, in := range st.Body {
		if providesModules(d, in) {
			return Finding{}, false
		}
		switch in.Cmd {
		case "workdir":
			workdir = nextWorkdir(workdir, in)
		case "copy", "add":
			if sc == nil {
				sc = bringsGoMod(s, d, in, ctx, ign)
				if sc != nil {
					sc.Workdir = workdir
				}
			}
		case "run":
			cmd := goCommandOf(in)
			if sc == nil || cmd == "" {
				continue
			}
			if mountsModuleCache(in) {
				return Finding{}, false
			}
			return modulesFinding(s, f, sc, in, cmd, ctx, ign), true
		}
	}
	return Finding{}, false
}

// modulesProvided reports whether the stage st (a base of the stage at
// hand) or one it is built on already brings the modules in.
func modulesProvided(d *workspace.ParsedDockerfile, st *workspace.Stage) bool {
	for ; st != nil; st = st.Base {
		for _, in := range st.Body {
			if providesModules(d, in) {
				return true
			}
		}
	}
	return false
}

// providesModules reports whether in copies or bind-mounts go.mod by name
// (go.mod, go.*, app/go.mod), which is the dependency layer this rule asks
// for, or copies a module cache from another stage.
func providesModules(d *workspace.ParsedDockerfile, in *workspace.Instruction) bool {
	for _, src := range d.ContextSources(in) {
		if src == "*" {
			continue
		}
		if ok, _ := path.Match(path.Base(src), "go.mod"); ok {
			return true
		}
	}
	return copiesModuleCache(in)
}

// copiesModuleCache reports whether in copies GOPATH, GOPATH/pkg or the
// module cache itself from another stage.
func copiesModuleCache(in *workspace.Instruction) bool {
	if _, from := in.Flag("from"); !from || in.Cmd != "copy" {
		return false
	}
	for _, a := range in.Args[:max(len(in.Args)-1, 0)] {
		if a = path.Clean(a); a == "/go" || strings.HasSuffix(a, "/pkg") || strings.HasSuffix(a, "/pkg/mod") {
			return true
		}
	}
	return false
}

// bringsGoMod returns the copy when in copies one source that brings a
// go.mod in with the sources (the whole context, or a directory holding
// one) and the module needs downloads: it requires something and does not
// vendor.
func bringsGoMod(s *Snapshot, d *workspace.ParsedDockerfile, in *workspace.Instruction, ctx string, ign *workspace.ParsedDockerIgnore) *sourceCopy {
	srcs := d.ContextSources(in)
	if len(srcs) != 1 {
		return nil
	}
	rel, ok := goModOf(s, ctx, srcs[0])
	if !ok || !inContext(s, ctx, ign, rel) {
		return nil
	}
	mod := s.File(filepath.Join(ctx, filepath.FromSlash(rel)))
	if mod.Err != nil || mod.Mod().File == nil || len(mod.Mod().File.Require) == 0 {
		return nil
	}
	dir := path.Dir(rel)
	if inContext(s, ctx, ign, path.Join(dir, "vendor", "modules.txt")) {
		return nil
	}
	return &sourceCopy{In: in, GoMod: mod, ModDir: dir}
}

// inContext reports whether the context path rel exists and the ignore
// file (which may be nil) lets it through.
func inContext(s *Snapshot, ctx string, ign *workspace.ParsedDockerIgnore, rel string) bool {
	if !s.Exists(filepath.Join(ctx, filepath.FromSlash(rel))) {
		return false
	}
	if ign != nil {
		if excluded, _ := ign.Excluded(rel); excluded {
			return false
		}
	}
	return true
}

// mountsModuleCache reports whether the RUN mounts a BuildKit cache at the
// official image's module cache, where downloads then survive source changes.
func mountsModuleCache(in *workspace.Instruction) bool {
	for _, t := range cacheMounts(in) {
		if t == "/go/pkg/mod" || t == "/go" || t == "/go/pkg" {
			return true
		}
	}
	return false
}

// nextWorkdir is the working directory after the WORKDIR in, when it can be
// known from the stage alone: an absolute path without variables, or a
// relative one below a known directory.
func nextWorkdir(cur string, in *workspace.Instruction) string {
	if len(in.Args) != 1 || strings.Contains(in.Args[0], "$") {
		return ""
	}
	w := in.Args[0]
	switch {
	case path.IsAbs(w):
		return path.Clean(w)
	case cur != "":
		return path.Join(cur, w)
	}
	return ""
}

func modulesFinding(s *Snapshot, f *workspace.File, sc *sourceCopy, run *workspace.Instruction, cmd, ctx string, ign *workspace.ParsedDockerIgnore) Finding {
	modName := path.Join(sc.ModDir, "go.mod")
	msg := fmt.Sprintf("this %s brings %s in with all the sources before %q on line %d, so any source change reruns that step and downloads every module again; copy go.mod and go.sum and run \"go mod download\" first, in layers of their own",
		strings.ToUpper(sc.In.Cmd), modName, cmd, run.Start+1)
	fd := At(f, f.Text.LineSpan(sc.In.Start), msg)
	if fix, ok := moduleLayerFix(s, f, sc, ctx, ign); ok {
		fd.Fixes = []Fix{fix}
	}
	return fd
}
