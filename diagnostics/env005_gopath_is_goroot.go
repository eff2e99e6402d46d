package diagnostics

import (
	"fmt"
	"path/filepath"
)

var _ = register(&Rule{
	ID:       "ENV005",
	Title:    "GOPATH is the Go installation itself",
	Severity: Warning,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `GOPATH is where downloaded modules and installed commands go; GOROOT is the Go installation. When they
are the same directory, modules are downloaded into the installation (GOROOT/pkg/mod), ` + "`go install`" + ` writes
into its bin directory, and every go command prints

    warning: both GOPATH and GOROOT are the same directory (/usr/local/go); see https://go.dev/wiki/InstallTroubleshooting

The usual cause is a profile line written for Go before modules (` + "`export GOPATH=/usr/local/go`" + `).

gowell compares the two values ` + "`go env`" + ` reports, as the go command does. The warning sits on the module line
of each top-level go.mod (the go line of a go.work without one).

**Fix.** Unset GOPATH (its default is ` + "`~/go`" + `) or point it at a directory of its own, where you set it: your
shell profile, or ` + "`go env -u GOPATH`" + `. gowell runs nothing itself: modules and commands installed so far stay in
the installation until you remove them.

**Sources.** cmd/go/main.go ("Diagnose common mistake: GOPATH==GOROOT"); go.dev/wiki/InstallTroubleshooting;
RULES-FACTS §E (the warning, run with go1.26.8).`,
	Check: func(s *Snapshot) []Finding {
		v := s.Host.Go.Vars
		gopath, goroot := v["GOPATH"], v["GOROOT"]
		if gopath == "" || goroot == "" || filepath.Clean(gopath) != filepath.Clean(goroot) {
			return nil
		}
		return attachToWorkspace(s, fmt.Sprintf("GOPATH is the Go installation (%s): modules download into it, go install writes into its bin, and every go command warns \"both GOPATH and GOROOT are the same directory\"", goroot))
	},
})
