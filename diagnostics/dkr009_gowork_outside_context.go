package diagnostics

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR009",
	Title:    "go.work in the build context uses directories outside it",
	Severity: Error,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `A go.work that the build copies (by name, or with the whole context) puts the go commands in the
image into workspace mode. When one of its ` + "`use`" + ` lines names a directory outside the build context
(` + "`use ../shared`" + `), that directory is never sent to the builder, and every go command that loads
modules fails:

    go: cannot load module ../shared listed in go.work file: open ../shared/go.mod: no such file or directory

gowell reports the COPY, ADD or bind mount that brings the context's go.work into a stage when a
RUN in that stage, or in a stage built on it, then runs a go command, and nothing in those stages
(or the stages they are built on) mentions GOWORK. A go.work the .dockerignore excludes is not
copied and is fine. The build context is worked out as DKR001 says; because a go.work that
reaches outside it hints that the image may be built from a parent directory instead, gowell
reports only when that directory is clearly a context root: a Compose file or devcontainer.json
builds the Dockerfile with it, it holds a .dockerignore, or the Dockerfile copies by name a path
that exists there but not in its parent directory.

**Fix.** The quick fix adds ` + "`ENV GOWORK=off`" + ` after the FROM line of the stage that copies go.work, so
the go commands build the module alone, from its go.mod — what a container build of one service
normally wants, and what the Go documentation advises for CI ("CI systems should generally not be
allowed to use the go.work file"). It changes how modules resolve (a module that only go.work's
` + "`replace`" + ` or ` + "`use`" + ` provided must then come from go.mod), so it is not applied unattended. Excluding
go.work and go.work.sum in .dockerignore does the same for every Dockerfile of that context.

**Sources.** go.dev/ref/mod#workspaces; RULES-FACTS C.3 (the error, reproduced with go1.26.8) and
F.6 (DOCKER-009); cmd/go/internal/modload/init.go (the message).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.Dockerfile) {
			if d := f.Dockerfile(); d.Err == nil {
				out = append(out, goWorkOutside(s, f, d)...)
			}
		}
		return out
	},
})

// goWorkOutside reports each stage that brings a go.work whose use lines
// leave the build context and then runs go on it.
func goWorkOutside(s *Snapshot, f *workspace.File, d *workspace.ParsedDockerfile) []Finding {
	bc := s.BuildContext(f)
	work, use := outsideUse(s, f, bc.Dir)
	if work == nil || !bc.Evident {
		return nil
	}
	reported := map[*workspace.Stage]bool{}
	var out []Finding
	for _, st := range d.Stages {
		if reportedBase(st, reported) || mentionsGoWork(d, st) {
			continue
		}
		in, word, ok := goWorkRun(d, st)
		if !ok {
			continue
		}
		reported[st] = true
		msg := fmt.Sprintf("this %s brings go.work into the build, and its \"use %s\" (go.work line %d) names a directory outside the build context%s, so go commands in this stage fail with \"go: cannot load module %s listed in go.work file\"; set GOWORK=off in this stage or exclude go.work in .dockerignore",
			strings.ToUpper(in.Cmd), use.Use.Path, use.Use.Syntax.Start.Line, contextNote(f, bc), use.Use.Path)
		out = append(out, At(f, d.WordRange(in, word), msg, goWorkOffFix(f, st)))
	}
	return out
}

// outsideUse returns the context's go.work and its first use line that
// leaves the context, when the .dockerignore lets go.work through.
func outsideUse(s *Snapshot, f *workspace.File, ctx string) (*workspace.File, *workspace.WorkUse) {
	p := filepath.Join(ctx, "go.work")
	if !s.Exists(p) {
		return nil, nil
	}
	if ign := s.DockerIgnoreFor(f, ctx); ign != nil {
		if excluded, _ := ign.DockerIgnore().Excluded("go.work"); excluded {
			return nil, nil
		}
	}
	work := s.File(p)
	if work.Err != nil {
		return nil, nil
	}
	for _, u := range s.WorkUses(work) {
		if !workspace.Within(ctx, u.Dir) {
			return work, &u
		}
	}
	return nil, nil
}

// goWorkRun finds in st the first instruction that brings the context's
// go.work in (the whole context, go.work or a go.* pattern), with the source
// word, provided a go command runs at or after it, in st or a stage built on
// it.
func goWorkRun(d *workspace.ParsedDockerfile, st *workspace.Stage) (*workspace.Instruction, string, bool) {
	var bring *workspace.Instruction
	word := ""
	for _, c := range stageChain(d, st) {
		for _, in := range c.Body {
			if bring == nil && c == st {
				for _, src := range d.ContextSourceWords(in) {
					if ok, _ := path.Match(src.Path, "go.work"); ok || src.Path == "." {
						bring, word = in, src.Word
						break
					}
				}
			}
			if bring != nil && goCommandOf(in) != "" {
				return bring, word, true
			}
		}
	}
	return nil, "", false
}

// mentionsGoWork reports whether st, a stage built on it or one it is built
// on names GOWORK: GOWORK=off, or another go.work, decides then.
func mentionsGoWork(d *workspace.ParsedDockerfile, st *workspace.Stage) bool {
	stages := stageChain(d, st)
	for b := st.Base; b != nil; b = b.Base {
		stages = append(stages, b)
	}
	for _, c := range stages {
		for _, in := range c.Body {
			if strings.Contains(instructionText(in), "GOWORK") {
				return true
			}
		}
	}
	return false
}

func reportedBase(st *workspace.Stage, reported map[*workspace.Stage]bool) bool {
	for b := st.Base; b != nil; b = b.Base {
		if reported[b] {
			return true
		}
	}
	return false
}

// goWorkOffFix inserts ENV GOWORK=off after the stage's FROM line, indented
// and cased like it.
func goWorkOffFix(f *workspace.File, st *workspace.Stage) Fix {
	indent, _ := lineStyle(f, st.From.Start)
	_, eol := lineStyle(f, st.From.End)
	text := indent + keyword(st.From, "ENV") + " GOWORK=off" + eol
	at := workspace.Position{Line: st.From.End + 1}
	if st.From.End+1 >= f.Text.LineCount() {
		at, text = f.Text.End(), eol+text // FROM is the last line, with no newline after it
	}
	title := fmt.Sprintf("Set GOWORK=off in the stage on line %d", st.From.Start+1)
	if st.Name != "" {
		title = "Set GOWORK=off in stage " + st.Name
	}
	return Replace(title, f, workspace.Range{Start: at, End: at}, text).Prefer()
}
