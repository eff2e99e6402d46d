package diagnostics

import (
	"fmt"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "ENV003b",
	Title:    "cgo is silently off, but a module needs it",
	Severity: Warning,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `Since Go 1.20 cgo turns itself off when CC is unset and the default C compiler is not on PATH, and
nothing says so. A package that only builds with cgo is then left out: the build fails with the
confusing

    package example.com/app/db: build constraints exclude all Go files in …

or a dependency falls back to a pure-Go stub that fails later. ` + "`github.com/mattn/go-sqlite3`" + ` builds, and its
driver fails at run time with "Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work.
This is a stub"; the kafka package of ` + "`github.com/confluentinc/confluent-kafka-go`" + ` does not build.

gowell reports it when ` + "`go env CGO_ENABLED`" + ` is 0 while neither CGO_ENABLED nor CC is set (environment,
` + "`go env -w`" + `, ` + "`$GOROOT/go.env`" + `), the build is not a cross build (GOOS and GOARCH are the host's), the
compiler ` + "`go env CC`" + ` names is not on PATH, and a go.mod of the workspace requires directly one of those
cgo-only modules (the evidence DKR008 uses). The warning sits on the module path of that require line.
` + "`import \"C\"`" + ` in the project's own files is not looked for (reading every .go file is too costly), so
that case is not reported. When gcc is on PATH, a CGO_ENABLED of 0 was chosen by someone, and gowell
keeps quiet.

**Fix.** Install a C compiler (` + "`sudo apt install gcc`" + `, ` + "`sudo dnf install gcc`" + `, ` + "`xcode-select --install`" + `);
cgo then turns itself back on. Or move to a pure-Go replacement (` + "`modernc.org/sqlite`" + `). gowell offers
no automatic fix.

**Sources.** cmd/cgo documentation (cgo is "disabled by default … when the CC environment variable is unset
and the default C compiler … cannot be found on the system PATH"); go.dev/doc/go1.20#cgo;
github.com/mattn/go-sqlite3 (static_mock.go); RULES-FACTS §E "CGO" and §F.3 ENV-003b (messages run with
go1.26.8).`,
	Check: func(s *Snapshot) (out []Finding) {
		g := s.Host.Go
		cc := host.CommandName(g.Vars["CC"])
		path, looked := s.Host.Which[cc]
		_, cgoSet := g.Settings["CGO_ENABLED"]
		_, ccSet := g.Settings["CC"]
		cross := g.Vars["GOOS"] != g.Vars["GOHOSTOS"] || g.Vars["GOARCH"] != g.Vars["GOHOSTARCH"]
		if g.Vars["CGO_ENABLED"] != "0" || cgoSet || ccSet || cross || cc == "" || !looked || path != "" {
			return nil
		}
		for _, f := range s.Files(workspace.GoMod) {
			mod := f.Mod().File
			if mod == nil {
				continue
			}
			for _, r := range mod.Require {
				why, ok := cgoModules[r.Mod.Path]
				if !ok || r.Indirect {
					continue
				}
				tok := 0 // inside a require block the path is the first token
				if len(r.Syntax.Token) > 0 && r.Syntax.Token[0] == "require" {
					tok = 1
				}
				out = append(out, At(f, f.TokenRange(r.Syntax, tok), fmt.Sprintf("cgo is off because no C compiler was found (CC is unset and %q is not on PATH), but %s needs cgo: %s", cc, r.Mod.Path, why)))
			}
		}
		return out
	},
})
