package diagnostics

import (
	"github.com/gowell/gowell/host"
)

var _ = register(&Rule{
	ID:       "GO008",
	Title:    "GOFLAGS sets -mod=mod, which workspace mode refuses",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `In workspace mode the go command accepts only ` + "`-mod=readonly`" + ` and ` + "`-mod=vendor`" + `. A ` + "`-mod=mod`" + `
in GOFLAGS (set with ` + "`go env -w GOFLAGS=-mod=mod`" + ` long ago, or exported in a shell profile) makes every
build, test, list, vet and run below a go.work fail:

    go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to "mod"
    	Remove the -mod flag to use the default readonly value,
    	or set GOWORK=off to disable workspace mode.

gowell reads GOFLAGS as the user's go command does (environment over the ` + "`go env -w`" + ` file, words
split at spaces, the last ` + "`-mod`" + ` winning) and reports it on the go line of every go.work in use.
With GOWORK=off in the environment nothing is reported.

**Fix.** When GOFLAGS comes from the go env file and holds nothing but ` + "`-mod=mod`" + `, the quick fix
runs ` + "`go env -u GOFLAGS`" + ` (it asks first: it changes the Go environment of every project). When
GOFLAGS holds other flags too, remove only ` + "`-mod=mod`" + ` with ` + "`go env -w GOFLAGS=…`" + `; when it is
exported by the shell (` + "`~/.bashrc`" + `, ` + "`~/.profile`" + `, a direnv file), edit it there.

**Sources.** cmd/go/internal/modload/init.go (setDefaultBuildMod); cmd/go/internal/base/goflags.go;
go.dev/ref/mod#build-commands; the error reproduced with go1.26.8, from GOFLAGS in the environment
and in the go env file.`,
	Check: func(s *Snapshot) (out []Finding) {
		if mod, ok := goflagsMod(s.Host.Go.Vars["GOFLAGS"]); !ok || mod != "mod" {
			return nil
		}
		msg := `GOFLAGS sets -mod=mod, which workspace mode refuses: every go build, test, list or run here fails with "go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to 'mod'"`
		var fixes []Fix
		if fix, ok := unsetGoflags(s.Host.Go); ok {
			fixes = append(fixes, fix)
		}
		for _, w := range activeWorkFiles(s) {
			out = append(out, At(w, workGoLineRange(w), msg, fixes...))
		}
		return out
	},
})

// unsetGoflags is `go env -u GOFLAGS`, offered when that removes the flag and
// nothing else: GOFLAGS comes from the go env file and says only -mod=mod.
// It runs in "/", where no go.mod or go.work can make the go command switch
// toolchains before it runs.
func unsetGoflags(g host.GoEnv) (Fix, bool) {
	words, _ := splitQuoted(g.Settings["GOFLAGS"])
	if g.Origins["GOFLAGS"] != host.OriginGOENV || len(words) != 1 {
		return Fix{}, false
	}
	if mod, _ := goflagsMod(words[0]); mod != "mod" {
		return Fix{}, false
	}
	return Fix{Title: "Run 'go env -u GOFLAGS'",
		Command: &Command{Argv: []string{"go", "env", "-u", "GOFLAGS"}, Dir: "/", Outside: true}}.Prefer(), true
}
