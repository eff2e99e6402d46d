package diagnostics

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

var _ = register(&Rule{
	ID:       "ENV004",
	Title:    "GOPATH, GOMODCACHE or GOCACHE is not an absolute path",
	Severity: Error,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `The go command wants absolute directories, and says so in different ways:

- a relative GOPATH entry, or one starting with ` + "`~`" + ` (a shell expands ` + "`~`" + `, the go command does not: it arrives
  verbatim from a quoted profile line or ` + "`go env -w GOPATH='~/go'`" + `), stops every go command:

      go: GOPATH entry is relative; must be absolute path: "go".
      go: GOPATH entry cannot start with shell metacharacter '~': "~/go"

- a relative GOMODCACHE fails every module download: ` + "`GOMODCACHE entry is relative; must be absolute path`" + `;
- a relative GOCACHE is reported by ` + "`go env`" + ` as ` + "`off`" + `, and every build fails with
  ` + "`build cache is required, but could not be located: GOCACHE is not an absolute path`" + `.

gowell checks the values as you set them (in the environment or with ` + "`go env -w`" + `). Windows-style paths are
WSL007's. The error sits on the module line of each top-level go.mod (the go line of a go.work without one).

**Fix.** When the value came from ` + "`go env -w`" + `, gowell offers ` + "`go env -u <VAR>…`" + `, back to the defaults (with
GOPATH overridden for that one run when it is the broken one, since the go command refuses to start with
it). When it comes from the environment, write it as an absolute path in your shell profile
(` + "`export GOPATH=\"$HOME/go\"`" + `) or drop it.

**Sources.** cmd/go/main.go (GOPATH checks), cmd/go/internal/modfetch/cache.go (GOMODCACHE),
cmd/go/internal/cache/default.go (GOCACHE); RULES-FACTS §E (run with go1.26.8).`,
	Check: func(s *Snapshot) []Finding {
		g := s.Host.Go
		var parts, vars []string
		if v := setting(g, "GOPATH"); !isWindowsPath(v) {
			if _, complaint := badGOPATHEntry(v); complaint != "" {
				parts = append(parts, fmt.Sprintf("GOPATH=%s is not an absolute path: every go command fails with \"%s\"", v, complaint))
				vars = append(vars, "GOPATH")
			}
		}
		if v := setting(g, "GOMODCACHE"); v != "" && !filepath.IsAbs(v) && !isWindowsPath(v) {
			parts = append(parts, fmt.Sprintf("GOMODCACHE=%s is not an absolute path: every module download fails with \"GOMODCACHE entry is relative; must be absolute path: %s.\"", v, strconv.Quote(v)))
			vars = append(vars, "GOMODCACHE")
		}
		if v := setting(g, "GOCACHE"); v != "" && v != "off" && !filepath.IsAbs(v) && !isWindowsPath(v) {
			parts = append(parts, fmt.Sprintf("GOCACHE=%s is not an absolute path: every build fails with \"build cache is required, but could not be located: GOCACHE is not an absolute path\"", v))
			vars = append(vars, "GOCACHE")
		}
		if len(parts) == 0 {
			return nil
		}
		return attachToWorkspace(s, strings.Join(parts, "; "), goEnvUnsetFixes(s, vars)...)
	},
})
