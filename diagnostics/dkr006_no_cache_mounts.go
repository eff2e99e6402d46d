package diagnostics

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR006",
	Title:    "go build without BuildKit cache mounts",
	Severity: Info,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `Whenever a ` + "`RUN go build`" + ` step reruns (any source it depends on changed), it starts from an
empty module cache and an empty build cache: it downloads the modules the image does not have yet and
compiles every package, the standard library's and the dependencies' included. BuildKit cache mounts
keep both caches between builds, outside the image:

    RUN --mount=type=cache,target=/go/pkg/mod \
        --mount=type=cache,target=/root/.cache/go-build \
        go build …

The paths are those of the official golang image, which sets ` + "`GOPATH=/go`" + ` and runs as root (so
GOCACHE is ` + "`/root/.cache/go-build`" + `). gowell therefore reports a RUN that calls ` + "`go build`" + ` or ` + "`go install`" + `
only in a stage built on ` + "`golang`" + ` (with ` + "`--platform`" + `, ARG-templated tags and stages built on
such a stage), and only when that stage sets neither ` + "`USER`" + ` nor GOPATH, GOCACHE or GOMODCACHE (the
paths would then differ). The RUN must come after the stage (or one it is built on) copies or mounts
something from the build context, or mount it itself: a step before that reruns only when the image
changes, and its layer cache serves. ` + "`go build -a`" + `, which rebuilds everything anyway, is left alone,
and no module cache is asked for when the module vendors (` + "`vendor/modules.txt`" + `, ` + "`-mod=vendor`" + `) or an
earlier step downloaded the modules into the image (` + "`RUN go mod download`" + ` after copying go.mod, or a
copy of GOPATH from another stage): the build then finds them there. A mount is counted at ` + "`/go/pkg/mod`" + ` (or ` + "`/go`" + `, ` + "`/go/pkg`" + `) for the
modules and at a ` + "`go-build`" + ` directory (or ` + "`/root/.cache`" + `) for the build cache; the message names
the ones missing. A target written with ` + "`~`" + ` (` + "`target=~/.cache/go-build`" + `) does not count: BuildKit does
not expand it, and joins a relative target to the working directory (dockerfile2llb/convert_runmount.go),
so the cache lands where the go command never looks.

**Fix.** Add the mount flags the message shows after ` + "`RUN`" + `. There is no automatic fix: cache mounts
need BuildKit (the default builder since Docker Engine 23, and Podman), and a CI that builds on fresh
machines gains nothing from them unless it exports the cache.

**Sources.** docs.docker.com/build/cache/optimize/#use-cache-mounts; github.com/moby/buildkit
frontend/dockerfile/dockerfile2llb/convert_runmount.go (relative targets);
docs.docker.com/guides/golang/build-images/; github.com/docker-library/golang
(Dockerfile-linux.template: GOPATH); RULES-FACTS D.3.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.Dockerfile) {
			d := f.Dockerfile()
			if d.Err != nil {
				continue
			}
			vendored := s.Exists(filepath.Join(s.BuildContext(f).Dir, "vendor", "modules.txt"))
			for _, st := range d.Stages {
				if !onGolangImage(st) || setsGoPaths(st.Base) {
					continue
				}
				readsContext, modsReady := readsContext(d, st.Base), modulesReady(st.Base)
				for _, in := range st.Body {
					if goPathSetting.MatchString(instructionText(in)) {
						break // this and later steps use other paths
					}
					// Before anything from the context, a step reruns only
					// when the image changes.
					readsContext = readsContext || len(d.ContextSources(in)) > 0
					if msg, ok := missingCacheMounts(in, vendored || modsReady); ok && readsContext {
						out = append(out, At(f, f.Text.LineSpan(in.Start), msg))
					}
					modsReady = modsReady || modulesStep(in)
				}
			}
		}
		return out
	},
})

// readsContext reports whether st or a stage it is built on copies or
// mounts anything from the build context, so that later steps rerun when
// the project changes.
func readsContext(d *workspace.ParsedDockerfile, st *workspace.Stage) bool {
	for ; st != nil; st = st.Base {
		for _, in := range st.Body {
			if len(d.ContextSources(in)) > 0 {
				return true
			}
		}
	}
	return false
}

// goBuild matches the go commands that compile.
var goBuild = regexp.MustCompile(`\bgo\s+(build|install)\b`)

// goPathSetting matches what moves the official image's caches: another
// user, or GOPATH, GOCACHE or GOMODCACHE set (NAME=value, ENV's NAME value,
// go env -w).
var goPathSetting = regexp.MustCompile(`(?m)^\s*(?i:user)\s|\b(GOPATH|GOCACHE|GOMODCACHE)=|^\s*(?i:env)\s+(GOPATH|GOCACHE|GOMODCACHE)\s|\bgo\s+env\s+-w\b`)

// onGolangImage reports whether the stage runs on the official golang image,
// directly or through the stages it is built on.
func onGolangImage(st *workspace.Stage) bool {
	for st.Base != nil {
		st = st.Base
	}
	return st.Ref != "" && workspace.ParseImageRef(st.Ref).HubName() == "golang"
}

// setsGoPaths reports whether st or a stage it is built on changes the user
// or the Go cache locations.
func setsGoPaths(st *workspace.Stage) bool {
	for ; st != nil; st = st.Base {
		for _, in := range st.Body {
			if goPathSetting.MatchString(instructionText(in)) {
				return true
			}
		}
	}
	return false
}

// modulesReady reports whether st or a stage it is built on downloads the
// modules in a step of their own (or copies them from another stage), so a
// later build finds them in the image.
func modulesReady(st *workspace.Stage) bool {
	for ; st != nil; st = st.Base {
		for _, in := range st.Body {
			if modulesStep(in) {
				return true
			}
		}
	}
	return false
}

func modulesStep(in *workspace.Instruction) bool {
	return goCommandOf(in) == "go mod download" || copiesModuleCache(in)
}

// rebuildAll matches go build -a, which rebuilds every package whatever the
// build cache holds.
var rebuildAll = regexp.MustCompile(`\bgo\s+(build|install)\b[^&|;\n]*\s-a\b`)

// missingCacheMounts says which cache mounts a compiling RUN lacks; it needs
// no module cache when the modules are vendored or already in the image.
func missingCacheMounts(in *workspace.Instruction, modulesThere bool) (string, bool) {
	if in.Cmd != "run" {
		return "", false
	}
	text := instructionText(in)
	cmd := goBuild.FindString(text)
	if cmd == "" || rebuildAll.MatchString(text) {
		return "", false
	}
	mods, builds := modulesThere || strings.Contains(text, "-mod=vendor"), false
	tilde := ""
	for _, t := range cacheMounts(in) {
		switch {
		case strings.HasPrefix(t, "~"):
			tilde = t // BuildKit does not expand ~: the mount lands below the working directory
		case t == "/go/pkg/mod" || t == "/go/pkg" || t == "/go":
			mods = true
		case path.Base(t) == "go-build" || t == "/root/.cache":
			builds = true
		}
	}
	var caches, flags, costs []string
	if !mods {
		caches = append(caches, "the module cache")
		flags = append(flags, "--mount=type=cache,target=/go/pkg/mod")
		costs = append(costs, "downloads the modules")
	}
	if !builds {
		caches = append(caches, "the build cache")
		flags = append(flags, "--mount=type=cache,target=/root/.cache/go-build")
		costs = append(costs, "compiles every package")
	}
	if len(flags) == 0 {
		return "", false
	}
	msg := fmt.Sprintf("%q runs without a BuildKit cache mount for %s, so every rerun of this step %s again; add %s after RUN",
		strings.Join(strings.Fields(cmd), " "), strings.Join(caches, " or "), strings.Join(costs, " and "), strings.Join(flags, " "))
	if tilde != "" {
		msg += fmt.Sprintf(" (BuildKit does not expand ~ in target=%s: it mounts that cache below the working directory, where go never looks)", tilde)
	}
	return msg, true
}
