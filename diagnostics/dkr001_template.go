package diagnostics

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// dockerignoreContent is the template made fit for the build context ctx:
// every template line that would exclude a path a build there needs is
// dropped, judged by Docker's own matcher. The content depends on ctx alone,
// so every Dockerfile there offers the same file.
func dockerignoreContent(s *Snapshot, ctx string) string {
	needed := neededContextPaths(s, ctx)
	lines := strings.SplitAfter(dockerignoreTemplate, "\n")
	for {
		ign := workspace.ParseDockerIgnore([]byte(strings.Join(lines, "")))
		drop := -1
		for _, p := range needed {
			if excluded, line := ign.Excluded(p); excluded {
				drop = line
				break
			}
		}
		if drop < 0 {
			return strings.Join(lines, "")
		}
		lines = slices.Delete(lines, drop, drop+1)
	}
}

var runsGit = regexp.MustCompile(`\bgit\b`)

// neededContextPaths lists what the builds in ctx read by name: the literal
// COPY/ADD/bind-mount sources of the Dockerfiles a .dockerignore there would
// govern (not those with their own <Dockerfile>.dockerignore), go.mod and
// go.sum, vendor/modules.txt when the project vendors, and .git when a RUN
// line calls git. Wildcard sources are left out: what they match is on disk,
// not in the Dockerfile.
func neededContextPaths(s *Snapshot, ctx string) []string {
	needed := []string{"go.mod", "go.sum"}
	if s.Exists(filepath.Join(ctx, "vendor", "modules.txt")) {
		needed = append(needed, "vendor/modules.txt")
	}
	var governed []*workspace.File
	for _, f := range s.Files(workspace.Dockerfile) {
		if s.BuildContext(f).Dir == ctx && !s.Exists(f.Path+".dockerignore") {
			governed = append(governed, f)
		}
	}
	if usesGit(governed) {
		needed = append(needed, ".git")
	}
	needed = append(needed, namedContextSources(governed)...)
	slices.Sort(needed)
	return slices.Compact(needed)
}
