package diagnostics

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR008",
	Title:    "Alpine golang image while the build needs cgo",
	Severity: Warning,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `The official golang image installs gcc and the C library headers in its Debian-based variants
only. In the ` + "`-alpine`" + ` variants there is no C compiler, so cgo is off by default (Go 1.20: "disabled by
default … when the default C compiler … cannot be found") and a build that needs it breaks:

- with ` + "`CGO_ENABLED=1`" + ` set (ENV, ARG, on the RUN line, ` + "`go env -w`" + `) every go build fails with
  ` + "`cgo: C compiler \"gcc\" not found: exec: \"gcc\": executable file not found in $PATH`" + `;
- with cgo silently off, a cgo-only dependency is left out: ` + "`github.com/mattn/go-sqlite3`" + ` builds as
  a stub that fails at run time ("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo
  to work. This is a stub"), and ` + "`github.com/confluentinc/confluent-kafka-go`" + ` (v1 and v2) does not
  build at all.

gowell decides "needs cgo" without running go, only on certain evidence, and says which: a
` + "`CGO_ENABLED=1`" + ` in the stage (or a stage built on it), or a direct requirement of one of those
modules in a go.mod the stage copies from the build context. It reports the tag of a
` + "`FROM golang:…alpine…`" + ` (ARG-templated tags and ` + "`--platform`" + ` included) when that stage or one built on
it runs ` + "`go build`" + ` or ` + "`go install`" + `, unless a RUN there installs a compiler (` + "`gcc`" + `, ` + "`build-base`" + `,
` + "`clang`" + `) or sets ` + "`CC`" + `. A ` + "`CGO_ENABLED=0`" + ` in the stage is a choice and silences the dependency
evidence. ` + "`import \"C\"`" + ` in the project's own files is not looked for: reading every .go file is too
costly, so that case is not reported.

**Fix.** Install a C toolchain in the stage (` + "`RUN apk add --no-cache gcc musl-dev`" + `; confluent-kafka-go
also wants ` + "`-tags musl`" + `), or build on a Debian-based variant (` + "`golang:1.24`" + `, ` + "`golang:1.24-bookworm`" + `).
There is no automatic fix: which one suits the image is the project's call.

**Sources.** github.com/docker-library/golang (Dockerfile-linux.template: gcc and libc6-dev in the
Debian variants only); go.dev/doc/go1.20#cgo; pkg.go.dev/cmd/cgo; github.com/mattn/go-sqlite3
(static_mock.go); github.com/confluentinc/confluent-kafka-go/issues/303; RULES-FACTS D.3 and E.`,
	Check: stageCheck(func(s *Snapshot, f *workspace.File, d *workspace.ParsedDockerfile, st *workspace.Stage) (Finding, bool) {
		msg, ok := alpineNeedsCgo(s, f, d, st)
		if !ok {
			return Finding{}, false
		}
		return At(f, tagRange(f, d, st), msg), true
	}),
})

var (
	cgoOn        = regexp.MustCompile(`\bCGO_ENABLED(=|\s+)["']?1\b`)
	cgoOff       = regexp.MustCompile(`\bCGO_ENABLED(=|\s+)["']?0\b`)
	hasCCompiler = regexp.MustCompile(`\b(gcc|build-base|clang)\b|\bCC=`)
)

// cgoModules are modules that cannot work without cgo, and what happens to a
// build without it.
var cgoModules = map[string]string{
	"github.com/mattn/go-sqlite3":                   "its driver is then a stub that fails at run time with \"Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work. This is a stub\"",
	"github.com/confluentinc/confluent-kafka-go":    "its kafka package does not build without cgo",
	"github.com/confluentinc/confluent-kafka-go/v2": "its kafka package does not build without cgo",
}

func alpineNeedsCgo(s *Snapshot, f *workspace.File, d *workspace.ParsedDockerfile, st *workspace.Stage) (string, bool) {
	if st.Base != nil || st.Ref == "" {
		return "", false
	}
	ref := workspace.ParseImageRef(st.Ref)
	if ref.HubName() != "golang" || !strings.Contains(ref.Tag, "alpine") {
		return "", false
	}
	chain := stageChain(d, st)
	// on is the CGO_ENABLED=1 in force at the first build: set on that RUN,
	// or earlier by ENV, ARG or go env -w (a later ENV/ARG of 0 undoes it).
	var on, set *workspace.Instruction
	builds, off := false, false
	for _, c := range chain {
		for _, in := range c.Body {
			text := instructionText(in)
			if in.Cmd == "run" && hasCCompiler.MatchString(text) {
				return "", false
			}
			switch {
			case cgoOn.MatchString(text):
				set = in
			case cgoOff.MatchString(text):
				off = true
				if in.Cmd != "run" {
					set = nil
				}
			}
			if in.Cmd == "run" && goBuild.MatchString(text) {
				builds = true
				if on == nil {
					on = set
				}
			}
		}
	}
	image := st.Ref
	switch {
	case !builds:
		return "", false
	case on != nil:
		return fmt.Sprintf("%s has no C compiler, but line %d sets CGO_ENABLED=1, so the go build fails (cgo: C compiler \"gcc\" not found: exec: \"gcc\": executable file not found in $PATH); install one (apk add gcc musl-dev) or build on a Debian-based golang image",
			image, on.Start+1), true
	case off:
		return "", false
	}
	for _, mod := range broughtGoMods(s, f, d, chain) {
		for _, r := range mod.Mod().File.Require {
			if why, ok := cgoModules[r.Mod.Path]; ok && !r.Indirect {
				return fmt.Sprintf("%s has no C compiler, so cgo is off, but %s requires %s, which needs cgo: %s; install one (apk add gcc musl-dev) or build on a Debian-based golang image",
					image, fromDockerfile(f, mod.Path), r.Mod.Path, why), true
			}
		}
	}
	return "", false
}

// broughtGoMods returns the parsed go.mod files the stages copy or
// bind-mount from the build context (as DKR007 finds them: the context's
// own for the whole context, dir/go.mod for a directory), leaving out those
// the .dockerignore excludes.
func broughtGoMods(s *Snapshot, f *workspace.File, d *workspace.ParsedDockerfile, chain []*workspace.Stage) []*workspace.File {
	ctx := s.BuildContext(f).Dir
	ign := contextIgnore(s, f, ctx)
	seen := map[string]bool{}
	var out []*workspace.File
	for _, st := range chain {
		for _, in := range st.Body {
			for _, src := range d.ContextSources(in) {
				rel, ok := goModOf(s, ctx, src)
				if !ok || seen[rel] || !inContext(s, ctx, ign, rel) {
					continue
				}
				seen[rel] = true
				if mf := s.File(filepath.Join(ctx, filepath.FromSlash(rel))); mf.Err == nil && mf.Mod().File != nil {
					out = append(out, mf)
				}
			}
		}
	}
	return out
}
