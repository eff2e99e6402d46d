package diagnostics

import (
	"fmt"
	"strings"
)

var _ = register(&Rule{
	ID:       "ENV001",
	Title:    "GOROOT points at another Go tree, or at none",
	Severity: Error,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `The go command finds its own GOROOT — the tree it was installed in — and nobody needs to set it. Set
by hand (a shell profile, or ` + "`go env -w GOROOT=…`" + `), it outlives the Go it was written for:

- pointing at a tree that does not exist, every go command fails, ` + "`go env`" + ` and ` + "`go env -u GOROOT`" + ` included:

      go: cannot find GOROOT directory: /usr/local/go1.21

- pointing at the tree of another Go version, the go command runs that tree's compiler and every build of
  the standard library fails:

      compile: version "go1.27.0" does not match go tool version "go1.26.8"

gowell reports a GOROOT that you set (in the environment or with ` + "`go env -w`" + `) when the go command says it
cannot find it, or when the ` + "`VERSION`" + ` file of that tree names another Go than the go command on PATH. A
GOROOT that names the go command's own tree, or a copy of the same version, is not reported. A
Windows-style GOROOT is WSL007's. The error sits on the module line of each top-level go.mod (the go line
of a go.work without one).

**Fix.** When GOROOT came from ` + "`go env -w`" + `, gowell offers ` + "`env GOROOT=<the go command's own tree> go env -u GOROOT`" + `:
the override lets the go command start, and ` + "`-u`" + ` removes the setting (a plain ` + "`go env -u GOROOT`" + ` fails when
the tree is missing). When it comes from the environment, delete the ` + "`export GOROOT=…`" + ` line from your shell
profile.

**Sources.** RULES-FACTS §E (both failures and the working fix, run with go1.26.8); cmd/go/main.go and
cmd/go/internal/cfg/cfg.go (findGOROOT); go help environment.`,
	Check: func(s *Snapshot) []Finding {
		g := s.Host.Go
		root := setting(g, "GOROOT")
		if !userSet(g, "GOROOT") || root == "" || isWindowsPath(root) {
			return nil
		}
		var failure string
		switch {
		case strings.Contains(g.Err, "cannot find GOROOT directory"):
			failure = fmt.Sprintf("which does not exist: every go command fails with \"go: cannot find GOROOT directory: %s\"", root)
		case g.RootVersion != "" && g.Version() != "" && g.RootVersion != g.Version():
			failure = fmt.Sprintf("a %s tree, while the go command is %s: every build fails with \"compile: version %q does not match go tool version %q\"", g.RootVersion, g.Version(), g.RootVersion, g.Version())
		default:
			return nil
		}
		msg := fmt.Sprintf("GOROOT is %s (%s), %s; the go command finds its own GOROOT, so unset it", root, whereSet(g, "GOROOT"), failure)
		return attachToWorkspace(s, msg, goEnvUnsetFixes(s, []string{"GOROOT"})...)
	},
})
