package diagnostics

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/host"
)

var _ = register(&Rule{
	ID:       "ENV003a",
	Title:    "cgo is on, but its C compiler is missing",
	Severity: Error,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `Since Go 1.20 cgo turns itself off when CC is unset and the default C compiler is not on PATH. It stays
on when CGO_ENABLED=1 is set, or when CC names a compiler — even one that is not installed. Then every
package that needs cgo fails to build, and that includes the standard library's net and os/user, so most
servers and CLIs:

    # runtime/cgo
    cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH

gowell reports it when ` + "`go env CGO_ENABLED`" + ` is 1 and the program ` + "`go env CC`" + ` names cannot be found on PATH (or,
for an absolute CC, at its path). The error sits on the module line of each top-level go.mod (the go line of
a go.work without one).

**Fix.** Install the compiler (` + "`sudo apt install gcc`" + `, ` + "`sudo dnf install gcc`" + `, ` + "`xcode-select --install`" + `), or stop
forcing cgo: unset CGO_ENABLED and CC where you set them (` + "`go env -u CGO_ENABLED CC`" + ` for ` + "`go env -w`" + `), or build
with ` + "`CGO_ENABLED=0`" + `. gowell offers no automatic fix: which one is right depends on whether you need cgo.

**Sources.** cmd/cgo documentation (cgo is "disabled by default … when the CC environment variable is unset
and the default C compiler … cannot be found on the system PATH"); go.dev/doc/go1.20; RULES-FACTS §E (the
messages, run with go1.26.8).`,
	Check: func(s *Snapshot) []Finding {
		g := s.Host.Go
		cc := host.CommandName(g.Vars["CC"])
		path, looked := s.Host.Which[cc]
		if g.Vars["CGO_ENABLED"] != "1" || cc == "" || !looked || path != "" || (strings.Contains(cc, "/") && !filepath.IsAbs(cc)) {
			return nil
		}
		var why string
		switch {
		case userSet(g, "CGO_ENABLED"):
			why = "CGO_ENABLED=1 is " + whereSet(g, "CGO_ENABLED")
		case userSet(g, "CC"):
			why = "CC=" + g.Vars["CC"] + " is " + whereSet(g, "CC") + ", which keeps cgo on"
		default:
			return nil // the go command found the default compiler itself
		}
		missing := "is not on PATH"
		if filepath.IsAbs(cc) {
			missing = "does not exist"
		}
		return attachToWorkspace(s, fmt.Sprintf("cgo is on (%s), but the C compiler %q %s: every package that needs cgo, net and os/user included, fails with \"cgo: C compiler %q not found\"", why, cc, missing, cc))
	},
})
