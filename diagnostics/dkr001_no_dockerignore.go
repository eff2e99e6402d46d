package diagnostics

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR001",
	Title:    "Dockerfile with no .dockerignore",
	Severity: Warning,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `A Dockerfile that copies the whole build context (` + "`COPY . .`" + `, ` + "`ADD . /src`" + `, or a
` + "`RUN --mount=type=bind`" + ` of the context, as ` + "`docker init`" + ` writes) while no ignore file applies sends
everything in the context directory to the builder: .git, .env files with secrets, binaries and test
output. The build sees them all, and because the cache key of that step is the content of every file
it reads, any change in any of them (a commit, a rebuilt binary) reruns the build from that step on.

Docker reads ` + "`<Dockerfile>.dockerignore`" + ` next to the Dockerfile, or else ` + "`.dockerignore`" + ` at the
root of the build context. gowell works the build context out the same way for every Docker rule:
a Compose file (` + "`build.context`" + `) or devcontainer.json (` + "`build.context`" + `) in the workspace that builds the
Dockerfile decides; else the nearest directory, from the Dockerfile's up to the workspace folder,
that holds the most of the paths the Dockerfile copies by name (a ` + "`COPY go.mod`" + ` fails in a context
without one, so ` + "`scripts/Dockerfile`" + ` copying go.mod, present only at the root, is built from the
root, as ` + "`docker build -f scripts/Dockerfile .`" + `); else the Dockerfile's directory, as ` + "`docker build .`" + `
run there. The message names the context when it is not the Dockerfile's directory. CI scripts and
Makefiles that run ` + "`docker build`" + ` are not read. A
Dockerfile that only copies named files (` + "`COPY go.mod go.sum ./`" + `) is not reported: BuildKit then
transfers only those paths. A ` + "`.containerignore`" + ` (Podman's name) also silences the rule.

**Fix.** The quick fix creates ` + "`.dockerignore`" + ` in the context directory from gowell's tested
template for a Go service: it leaves out .git, /bin, /dist, ` + "`**/*.exe`" + `, ` + "`**/*.test`" + `, ` + "`**/.env`" + `,
go.work and the Docker files themselves, and keeps go.mod, go.sum, the sources and vendor/. Before
writing, gowell checks every path that the Dockerfiles built from that context copy by name (and go.mod,
go.sum, vendor/modules.txt, and .git when a RUN line calls git) against the template with Docker's
own matcher, and drops any template line that would exclude one, so the build keeps working. A build
that runs git only through a script or a Makefile is not seen: delete the .git line if it needs the
history. Dockerfiles built from one context share the one file. Patterns in .dockerignore are anchored at the
context root, unlike .gitignore: use ` + "`**/`" + ` to match at any depth.

**Sources.** docs.docker.com/build/concepts/context/#dockerignore-files;
docs.docker.com/build/cache/optimize/; github.com/moby/patternmatcher (the matcher Docker runs).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.Dockerfile) {
			d := f.Dockerfile()
			if d.Err != nil || len(d.Instructions) == 0 {
				continue
			}
			bc := s.BuildContext(f)
			ctx := bc.Dir
			if s.DockerIgnoreFor(f, ctx) != nil || s.Exists(filepath.Join(ctx, ".containerignore")) {
				continue
			}
			in := wholeContextUse(d)
			if in == nil {
				continue
			}
			fix := Create("Create .dockerignore", filepath.Join(ctx, ".dockerignore"), dockerignoreContent(s, ctx))
			out = append(out, At(f, f.Text.LineSpan(d.Instructions[0].Start),
				fmt.Sprintf("no .dockerignore applies: the %s on line %d sends the whole build context%s to the builder (.git, .env files and binaries included), and any change in it, even in .git, reruns the build from there",
					strings.ToUpper(in.Cmd), in.Start+1, contextNote(f, bc)),
				fix.Prefer().MarkSafe()))
		}
		return out
	},
})

// wholeContextUse returns the first instruction that reads the whole build
// context, or nil: with BuildKit, a build that names its sources transfers
// only those.
func wholeContextUse(d *workspace.ParsedDockerfile) *workspace.Instruction {
	for _, in := range d.Instructions {
		for _, src := range d.ContextSources(in) {
			if src == "." || src == "*" {
				return in
			}
		}
	}
	return nil
}
