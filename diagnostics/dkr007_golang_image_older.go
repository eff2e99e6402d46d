package diagnostics

import (
	"fmt"
	"go/version"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR007",
	Title:    "FROM golang:<tag> older than go.mod's go line",
	Severity: Error,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `The official golang image sets ` + "`GOTOOLCHAIN=local`" + ` (docker-library/golang#472), so the Go in the
image never downloads a newer toolchain. When the go.mod the build copies asks for a newer Go than the
image's tag, every go command in that stage fails:

    go: go.mod requires go >= 1.24.0 (running go 1.22.12; GOTOOLCHAIN=local)

gowell reads the tag of every ` + "`FROM golang:…`" + ` stage (also ` + "`docker.io/library/golang`" + `, variants such
as ` + "`-alpine`" + ` or ` + "`-bookworm`" + `, a digest after the tag, ` + "`--platform`" + `, and tags built from ARGs
declared before the first FROM, with their default values) and compares it with the ` + "`go`" + ` line
using Go's own version rules. A two-part tag such as ` + "`golang:1.22`" + ` is the newest 1.22 release, so it
satisfies ` + "`go 1.22.5`" + `; ` + "`golang:1.22.3`" + ` does not. The go.mod is the one the stage (or a stage
built on it) brings from the build context — the context root's go.mod for ` + "`COPY . .`" + ` or a bind
mount of the context, ` + "`dir/go.mod`" + ` for ` + "`COPY dir ...`" + ` — with the build context worked out as
DKR001 says; a go.mod the .dockerignore excludes does not count.

Not reported, to stay certain: tags without a version (` + "`golang`" + `, ` + "`latest`" + `, ` + "`alpine`" + `,
` + "`1`" + `, ` + "`tip`" + `), images older than Go 1.21 (they predate toolchain checks and do not set
GOTOOLCHAIN), stages that mention GOTOOLCHAIN at all (` + "`ENV GOTOOLCHAIN=auto`" + ` downloads the
newer Go), and stages that never bring a go.mod.

**Fix.** Raise the tag to the go.mod's version, keeping its variant and precision (` + "`1.22-alpine`" + ` →
` + "`1.24-alpine`" + `, ` + "`1.22.3`" + ` → ` + "`1.24.0`" + `); when an ARG default supplies the version, the quick fix
edits the ARG. gowell cannot see the registry: the fix is applied unattended only for the variants
every release has (no suffix, ` + "`-alpine`" + `); check that a tag pinning an OS release
(` + "`-alpine3.20`" + `, ` + "`-bullseye`" + `) still exists for the new Go. A digest-pinned reference
(` + "`golang:1.22@sha256:…`" + `) gets no quick fix: the digest decides the image and must change too.

**Sources.** github.com/docker-library/golang (Dockerfile-linux.template: ENV GOTOOLCHAIN=local);
go.dev/doc/toolchain; RULES-FACTS C.2 (the error text).`,
	Check: stageCheck(golangImageOlder),
})

// goTag is the version part of a golang image tag: 1.22, 1.22.3 or 1.23rc1,
// then the variant (-alpine, -bookworm, -alpine3.20, …).
var goTag = regexp.MustCompile(`^([0-9]+\.[0-9]+)(\.[0-9]+|(?:rc|beta)[0-9]+)?(-.*)?$`)

func golangImageOlder(s *Snapshot, f *workspace.File, d *workspace.ParsedDockerfile, st *workspace.Stage) (Finding, bool) {
	if st.Base != nil || st.Ref == "" {
		return Finding{}, false
	}
	ref := workspace.ParseImageRef(st.Ref)
	m := goTag.FindStringSubmatch(ref.Tag)
	if ref.HubName() != "golang" || m == nil {
		return Finding{}, false
	}
	imageGo := m[1] + m[2]
	exact := m[2] != "" // 1.22 is the newest 1.22.x; 1.22.3 is itself
	if !version.IsValid("go"+imageGo) || version.Compare("go"+imageGo, "go1.21") < 0 {
		return Finding{}, false
	}
	chain := stageChain(d, st)
	if mentionsGoToolchain(chain) {
		return Finding{}, false
	}
	mod, need := requiredGo(s, f, d, chain)
	have, want := "go"+imageGo, "go"+need
	if !exact {
		want = version.Lang(want)
	}
	if mod == nil || version.Compare(have, want) >= 0 {
		return Finding{}, false
	}

	running := imageGo
	if !exact {
		running += ".x"
	}
	image := st.Ref
	if st.Image != st.Ref {
		image = fmt.Sprintf("%s (%s without --build-arg)", st.Ref, st.Image)
	}
	msg := fmt.Sprintf("%s has Go %s, older than the go %s that %s requires: the image sets GOTOOLCHAIN=local, so the build fails with \"go: go.mod requires go >= %s (running go %s; GOTOOLCHAIN=local)\"",
		image, imageGo, need, fromDockerfile(f, mod.Path), need, running)
	fd := At(f, tagRange(f, d, st), msg)
	if fix, ok := bumpGolangTag(f, d, st, ref, m, need); ok {
		fd.Fixes = []Fix{fix}
	}
	return fd, true
}

// stageChain is st and every later stage built on it (FROM st, FROM a stage
// built on st, …): their go commands all run on st's image.
func stageChain(d *workspace.ParsedDockerfile, st *workspace.Stage) []*workspace.Stage {
	in := map[*workspace.Stage]bool{st: true}
	chain := []*workspace.Stage{st}
	for _, s := range d.Stages {
		if s.Base != nil && in[s.Base] && !in[s] {
			in[s] = true
			chain = append(chain, s)
		}
	}
	return chain
}

// mentionsGoToolchain reports whether any instruction of the chain, heredoc
// scripts included, names GOTOOLCHAIN: an ENV or ARG of it, or a RUN that
// sets it, may well let the go command fetch the newer toolchain.
func mentionsGoToolchain(chain []*workspace.Stage) bool {
	for _, st := range chain {
		for _, in := range st.Body {
			if strings.Contains(in.Node.Original, "GOTOOLCHAIN") {
				return true
			}
			for _, h := range in.Heredocs {
				if strings.Contains(h.Content, "GOTOOLCHAIN") {
					return true
				}
			}
		}
	}
	return false
}

// requiredGo returns, of the go.mod files the chain brings from the build
// context, the one with the highest go line, with that version.
func requiredGo(s *Snapshot, f *workspace.File, d *workspace.ParsedDockerfile, chain []*workspace.Stage) (*workspace.File, string) {
	var best *workspace.File
	need := ""
	for _, mf := range broughtGoMods(s, f, d, chain) {
		m := mf.Mod().File
		if m.Go != nil && (best == nil || version.Compare("go"+m.Go.Version, "go"+need) > 0) {
			best, need = mf, m.Go.Version
		}
	}
	return best, need
}

// goModOf returns the context path of the go.mod a copy of src brings: the
// context's own for "." or a source naming go.mod (go.mod, go.*, app/go.mod),
// dir/go.mod for a directory.
func goModOf(s *Snapshot, ctx, src string) (string, bool) {
	switch {
	case src == "." || src == "*":
		return "go.mod", true
	case !strings.ContainsAny(path.Dir(src), "*?["):
		if ok, _ := path.Match(path.Base(src), "go.mod"); ok {
			return path.Join(path.Dir(src), "go.mod"), true
		}
		if !strings.ContainsAny(src, "*?[") && s.IsDir(filepath.Join(ctx, filepath.FromSlash(src))) {
			return path.Join(src, "go.mod"), true
		}
	}
	return "", false
}
