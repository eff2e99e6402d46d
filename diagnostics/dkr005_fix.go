package diagnostics

import (
	"path"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// moduleLayerFix inserts, before the COPY that brings the sources, a COPY of
// go.mod (and go.sum when the context has it) to where that COPY puts them,
// and a RUN go mod download there. It gives up on a destination it cannot
// write back as one shell-form word, on COPY flags that change where files
// land, and on a go.mod whose local replacements go mod download would need.
func moduleLayerFix(s *Snapshot, f *workspace.File, sc *sourceCopy, ctx string, ign *workspace.ParsedDockerIgnore) (Fix, bool) {
	for _, r := range sc.GoMod.Mod().File.Replace {
		if r.New.Version == "" {
			return Fix{}, false
		}
	}
	for _, flag := range sc.In.Flags {
		if !strings.HasPrefix(flag, "--chown") && !strings.HasPrefix(flag, "--chmod") && !strings.HasPrefix(flag, "--link") {
			return Fix{}, false
		}
	}
	dest := sc.In.Args[len(sc.In.Args)-1]
	if dest == "" || strings.ContainsAny(dest, " \t\"'[]\\") {
		return Fix{}, false
	}
	files := []string{path.Join(sc.ModDir, "go.mod")}
	title := "Copy go.mod and download modules first"
	if sum := path.Join(sc.ModDir, "go.sum"); inContext(s, ctx, ign, sum) {
		files = append(files, sum)
		title = "Copy go.mod and go.sum and download modules first"
	}
	dir := dest
	if !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	run := "go mod download"
	if clean := path.Clean(dest); clean != "." && clean != sc.Workdir {
		run = "cd " + clean + " && " + run
	}
	indent, eol := lineStyle(f, sc.In.Start)
	text := indent + keyword(sc.In, "COPY") + " " + strings.Join(files, " ") + " " + dir + eol +
		indent + keyword(sc.In, "RUN") + " " + run + eol
	at := workspace.Position{Line: sc.In.Start}
	return Replace(title, f, workspace.Range{Start: at, End: at}, text).Prefer(), true
}
