package diagnostics

import (
	"fmt"
	"strings"
)

var _ = register(&Rule{
	ID:       "ENV002",
	Title:    "GOOS or GOARCH pinned to another platform",
	Severity: Warning,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `GOOS and GOARCH default to the platform the toolchain was built for; nothing else sets them — not the
WSL kernel, not the shell. Set persistently (an ` + "`export GOOS=windows`" + ` in a profile, or ` + "`go env -w GOOS=…`" + ` to
cross-compile once and forgotten), every build on this machine targets the other platform: ` + "`go run`" + ` and
` + "`go test`" + ` build programs the machine may not run (` + "`fork/exec …: exec format error`" + `; under WSL with interop a
Windows binary may even run, hiding the mistake), and cgo is off for cross builds.

gowell reports GOOS or GOARCH when you set it (in the environment or with ` + "`go env -w`" + `) to something other than
the toolchain's own GOHOSTOS/GOHOSTARCH. The warning sits on the module line of each top-level go.mod (the go
line of a go.work without one).

**Fix.** When the setting came from ` + "`go env -w`" + `, gowell offers ` + "`go env -u GOOS GOARCH`" + `. When it comes from the
environment, remove it from your shell profile, and cross-compile per command instead:
` + "`GOOS=windows go build`" + `.

**Sources.** Go source internal/buildcfg/cfg.go (defaultGOOS = runtime.GOOS); RULES-FACTS §E ("exec format
error", go env -changed, go env -u GOOS GOARCH, run with go1.26.8); go help environment.`,
	Check: func(s *Snapshot) []Finding {
		g := s.Host.Go
		var parts, vars []string
		for _, k := range []string{"GOOS", "GOARCH"} {
			v, hostV := g.Vars[k], g.Vars["GOHOST"+strings.TrimPrefix(k, "GO")]
			if userSet(g, k) && v != "" && hostV != "" && v != hostV {
				parts = append(parts, fmt.Sprintf("%s=%s is %s", k, v, whereSet(g, k)))
				vars = append(vars, k)
			}
		}
		if len(parts) == 0 {
			return nil
		}
		msg := fmt.Sprintf("%s, so every build here targets %s/%s instead of this %s/%s machine: go run and go test build programs it may not run (\"exec format error\"), and cgo is off",
			strings.Join(parts, " and "), g.Vars["GOOS"], g.Vars["GOARCH"], g.Vars["GOHOSTOS"], g.Vars["GOHOSTARCH"])
		return attachToWorkspace(s, msg, goEnvUnsetFixes(s, vars)...)
	},
})
