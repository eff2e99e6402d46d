package diagnostics

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR003",
	Title:    "COPY or ADD source excluded by .dockerignore",
	Severity: Error,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `A path the .dockerignore excludes is never sent to the builder, so a ` + "`COPY`" + ` or ` + "`ADD`" + ` that
names it finds nothing and the step fails. BuildKit's build check CopyIgnoredFile warns about it
("Attempting to Copy file "go.sum" that is excluded by .dockerignore"). A typical cause is a
pattern meant for something else: ` + "`*.sum`" + ` or ` + "`go.*`" + ` takes go.sum, ` + "`vendor`" + ` takes the vendored
modules, ` + "`internal`" + ` meant for a nested directory takes the root one.

gowell matches every literal source of each COPY and ADD (not ` + "`--from`" + ` another stage, not a URL)
against the ignore file that build reads — ` + "`<Dockerfile>.dockerignore`" + ` next to the Dockerfile, else
` + "`.dockerignore`" + ` in the build context, worked out as DKR001 says — with Docker's own
matcher, and reports the source word with the line of the pattern that decided. To stay certain it
skips sources with wildcards or variables, sources that do not exist on disk (the build may create
them, or fails for that reason instead), and a directory that a ` + "`!`" + ` exception could bring back
in part (BuildKit's own check gives up on any file with exceptions; gowell only where one could
reach below the source).

**Fix.** Remove or narrow the pattern the message names (anchor it, ` + "`/bin`" + `; or add an exception
after it, ` + "`!go.sum`" + `), or stop copying the path. There is no automatic fix: which of the two the
project wants is not known.

**Sources.** docs.docker.com/reference/build-checks/copy-ignored-file/;
docs.docker.com/build/concepts/context/#dockerignore-files; github.com/moby/buildkit
frontend/dockerfile/dockerfile2llb/validations.go (the check); github.com/moby/patternmatcher.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.Dockerfile) {
			d := f.Dockerfile()
			if d.Err != nil {
				continue
			}
			ctx := s.BuildContext(f).Dir
			ignFile := s.DockerIgnoreFor(f, ctx)
			if ignFile == nil || ignFile.DockerIgnore().Err != nil {
				continue
			}
			for _, in := range d.Instructions {
				if in.Cmd != "copy" && in.Cmd != "add" {
					continue
				}
				for _, src := range d.ContextSourceWords(in) {
					line, ok := ignoredSource(s, ctx, ignFile.DockerIgnore(), src.Path)
					if !ok {
						continue
					}
					pattern := strings.TrimSpace(string(ignFile.Text.Line(line)))
					out = append(out, At(f, d.WordRange(in, src.Word), fmt.Sprintf(
						"line %d of %s (%s) excludes %s from the build context, so this %s finds nothing to copy and the step fails (BuildKit: \"Attempting to %s file %q that is excluded by .dockerignore\")",
						line+1, fromDockerfile(f, ignFile.Path), pattern, src.Path, strings.ToUpper(in.Cmd), copyIgnoredVerb[in.Cmd], src.Path)))
				}
			}
		}
		return out
	},
})

// ignoredSource reports whether the context path src, which a COPY names,
// is certainly missing from the context ign leaves, and the deciding line.
func ignoredSource(s *Snapshot, ctx string, ign *workspace.ParsedDockerIgnore, src string) (int, bool) {
	if src == "." || strings.ContainsAny(src, "*?[") {
		return 0, false
	}
	abs := filepath.Join(ctx, filepath.FromSlash(src))
	if !s.Exists(abs) {
		return 0, false
	}
	excluded, line := ign.Excluded(src)
	if !excluded || s.IsDir(abs) && exceptionBelow(ign, src) {
		return 0, false
	}
	return line, true
}

// exceptionBelow reports whether a "!" pattern of ign could match a path
// below the directory dir: then the excluded directory may still come
// partly into the context. Segments are compared with path.Match, a "**"
// segment could match anything.
func exceptionBelow(ign *workspace.ParsedDockerIgnore, dir string) bool {
	ds := strings.Split(dir, "/")
	for _, p := range ign.Patterns {
		pat, ok := strings.CutPrefix(p.Text, "!")
		if ok && patternReachesBelow(strings.Split(pat, "/"), ds) {
			return true
		}
	}
	return false
}

func patternReachesBelow(ps, ds []string) bool {
	for i, seg := range ps {
		if strings.Contains(seg, "**") || i >= len(ds) {
			return true
		}
		if ok, _ := path.Match(seg, ds[i]); !ok {
			return false
		}
	}
	return false // it ends at dir or above: Excluded already weighed it
}

// copyIgnoredVerb is how BuildKit's CopyIgnoredFile message names the instruction.
var copyIgnoredVerb = map[string]string{"copy": "Copy", "add": "Add"}
