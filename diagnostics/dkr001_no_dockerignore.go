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
transfers only those paths. A ` + "`.containerignore`" + ` (Podman's name) also silences the rule. A
Dockerfile in a subfolder that names nothing settling its context (only ` + "`COPY . .`" + `) may be built
from a folder above: when one of them, up to the workspace folder, holds an ignore file, gowell stays
silent.

**Fix.** The quick fix creates ` + "`.dockerignore`" + ` in the context directory from gowell's tested
template for a Go service: it leaves out .git, /bin, /dist, ` + "`**/*.exe`" + `, ` + "`**/*.test`" + `, ` + "`**/.env`" + `,
go.work and the Docker files themselves, and keeps go.mod, go.sum, the sources and vendor/. Before
writing, gowell checks every path that the Dockerfiles built from that context copy by name (and go.mod,
go.sum, vendor/modules.txt, and .git when a RUN line calls git) against the template with Docker's
own matcher, and drops any template line that would exclude one, so the build keeps working. A build
that runs git only through a script or a Makefile is not seen: delete the .git line if it needs the
history. Dockerfiles built from one context share the one file. For a Dockerfile in a subfolder whose
context is a guess (it names nothing that settles it), the fix is not applied unattended. Patterns in .dockerignore are anchored at the
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
			if hasIgnoreFile(s, f, ctx) {
				continue
			}
			in := wholeContextUse(d)
			if in == nil {
				continue
			}
			// Nothing the Dockerfile names settles its context, and a folder
			// above may be the one the build sends.
			guessed := bc.By == workspace.ContextDefault && !bc.Evident && ctx != s.RootOf(f.Path)
			if guessed && ignoreAbove(s, f, ctx) {
				continue
			}
			fix := Create("Create .dockerignore", filepath.Join(ctx, ".dockerignore"), dockerignoreContent(s, ctx)).Prefer()
			if !guessed {
				fix = fix.MarkSafe()
			}
			out = append(out, At(f, f.Text.LineSpan(d.Instructions[0].Start),
				fmt.Sprintf("no .dockerignore applies: the %s on line %d sends the whole build context%s to the builder (.git, .env files and binaries included), and any change in it, even in .git, reruns the build from there",
					strings.ToUpper(in.Cmd), in.Start+1, contextNote(f, bc)),
				fix))
		}
		return out
	},
})

// hasIgnoreFile reports whether a build of f from ctx reads an ignore file:
// Docker's, or Podman's .containerignore.
func hasIgnoreFile(s *Snapshot, f *workspace.File, ctx string) bool {
	return s.DockerIgnoreFor(f, ctx) != nil || s.Exists(filepath.Join(ctx, ".containerignore"))
}

// ignoreAbove reports whether a folder above ctx, up to the workspace
// folder, holds an ignore file that a build of f from there would read.
func ignoreAbove(s *Snapshot, f *workspace.File, ctx string) bool {
	root := s.RootOf(f.Path)
	for dir := filepath.Dir(ctx); workspace.Within(root, dir); dir = filepath.Dir(dir) {
		if hasIgnoreFile(s, f, dir) {
			return true
		}
		if dir == root {
			break
		}
	}
	return false
}

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
