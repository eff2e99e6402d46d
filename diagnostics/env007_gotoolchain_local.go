package diagnostics

import (
	"fmt"
	"go/version"
	"path/filepath"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "ENV007",
	Title:    "GOTOOLCHAIN=local comes from a go.env file, and this workspace needs a newer Go",
	Severity: Info,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `The standard Go distribution ships ` + "`$GOROOT/go.env`" + ` with ` + "`GOTOOLCHAIN=auto`" + `: when a go.mod asks for a newer
Go, the go command fetches and runs it. Repackaged toolchains may change that line — "repackaged Go
toolchains may change this value" — and several Linux distributions' packages say ` + "`GOTOOLCHAIN=local`" + `;
` + "`go env -w GOTOOLCHAIN=local`" + ` writes the same into your own go env file. With ` + "`local`" + ` the go command never
switches, so a module asking for a newer Go than the installed one fails (GO002 reports that on the go line).
This rule says where the ` + "`local`" + ` comes from, since nothing in the workspace or the shell shows it.

It fires only when it matters: GOTOOLCHAIN is ` + "`local`" + ` from ` + "`$GOROOT/go.env`" + ` or the go env file (not from the
environment, where you can see it), and a go line that selects the toolchain — the go.work's, or a go.mod's
outside any go.work — asks for a newer Go than the installed one. The info sits on the module line of each
top-level go.mod (the go line of a go.work without one).

**Fix.** Either install a Go at least as new as the go line, or let the go command switch:
` + "`go env -w GOTOOLCHAIN=auto`" + ` (it then downloads the toolchain from GOPROXY and checks it against GOSUMDB). gowell
runs neither: both install or run new code.

**Sources.** go.dev/doc/toolchain ("repackaged Go toolchains may change this value"; GOTOOLCHAIN selection);
cmd/go/internal/cfg (the order: environment, go env file, $GOROOT/go.env); RULES-FACTS §C.2.`,
	Check: func(s *Snapshot) []Finding {
		g := s.Host.Go
		p, ok := userToolchainPolicy(g)
		origin := g.Origins["GOTOOLCHAIN"]
		if !ok || p.setting != "local" || (origin != host.OriginGOROOT && origin != host.OriginGOENV) {
			return nil
		}
		f, goV := newestGoLine(s, p.running)
		if f == nil {
			return nil
		}
		where := filepath.Join(g.Vars["GOROOT"], "go.env") + ", which this Go distribution ships instead of the standard auto"
		if origin == host.OriginGOENV {
			where = "your go env file (" + g.Vars["GOENV"] + ", written by go env -w)"
		}
		return attachToWorkspace(s, fmt.Sprintf("GOTOOLCHAIN=local is set by %s: that is why %s's go %s cannot switch to a newer toolchain than the installed %s; install a newer Go, or run go env -w GOTOOLCHAIN=auto to let the go command fetch it",
			where, relToRoot(s, f.Path), goV, p.running))
	},
})

// newestGoLine finds a go line that selects the toolchain (go.work's, or a
// go.mod's outside any go.work) and asks for a newer Go than running.
func newestGoLine(s *Snapshot, running string) (*workspace.File, string) {
	for _, f := range append(s.Files(workspace.GoWork), s.Files(workspace.GoMod)...) {
		if f.Kind == workspace.GoMod && s.WorkFileFor(f.Dir()) != "" {
			continue
		}
		if v := f.GoVersion(); v != "" && version.Compare("go"+v, running) > 0 {
			return f, v
		}
	}
	return nil, ""
}

// relToRoot names a workspace file relative to its workspace folder.
func relToRoot(s *Snapshot, path string) string {
	if rel, err := filepath.Rel(s.RootOf(path), path); err == nil {
		return filepath.ToSlash(rel)
	}
	return path
}
