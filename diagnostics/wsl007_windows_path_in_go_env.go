package diagnostics

import (
	"fmt"
	"strconv"
	"strings"
)

var _ = register(&Rule{
	ID:       "WSL007",
	Title:    "A Windows-style path in GOPATH, GOMODCACHE, GOCACHE or GOROOT",
	Severity: Error,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `Under Linux a Windows path is not a path. ` + "`GOPATH=C:\\Users\\me\\go`" + ` is a list split at the colon, and
its first entry, ` + "`C`" + `, is relative, so every go command stops at once:

    go: GOPATH entry is relative; must be absolute path: "C".

A Windows GOMODCACHE fails every module download (` + "`GOMODCACHE entry is relative; must be absolute path`" + `),
a Windows GOCACHE every build (` + "`go env`" + ` prints it as ` + "`off`" + `, and builds fail with "GOCACHE is not an absolute
path"), a Windows GOROOT every command (` + "`go: cannot find GOROOT directory`" + `). Such values usually leak in
from Windows: a ` + "`go env -w`" + ` run by the Windows toolchain with a shared GOENV, or WSLENV, which shares
Windows environment variables with WSL and translates them only when told to (` + "`GOPATH/l`" + `, ` + "`GOCACHE/p`" + `).

gowell reads each value as set (in the environment or the go env file), and flags it when it contains a
backslash or starts with a drive letter. The error sits on the module line of each top-level go.mod (the
go line of a go.work without one).

**Fix.** When the value came from ` + "`go env -w`" + `, gowell offers ` + "`go env -u <VAR>…`" + ` (with GOPATH overridden for
that one run, since the go command refuses to start with the bad GOPATH and would fail ` + "`go env -u`" + ` too).
When it came from the environment, remove it from your shell profile, or from WSLENV on the Windows side —
or keep sharing it with the ` + "`/p`" + ` (` + "`/l`" + ` for GOPATH) flag so WSL translates it.

**Sources.** RULES-FACTS §E (the go command's messages, run with go1.26.8); cmd/go/main.go (GOPATH
checks), cmd/go/internal/modfetch/cache.go, cmd/go/internal/cache/default.go;
learn.microsoft.com/windows/wsl/filesystems (WSLENV and its /p and /l flags).`,
	Check: func(s *Snapshot) []Finding {
		g := s.Host.Go
		var parts, vars []string
		for _, k := range []string{"GOPATH", "GOMODCACHE", "GOCACHE", "GOROOT"} {
			v := setting(g, k)
			if !isWindowsPath(v) {
				continue
			}
			vars = append(vars, k)
			parts = append(parts, fmt.Sprintf("%s is a Windows path (%s)%s: %s", k, v, viaWSLENV(s, k), windowsPathFailure(k, v)))
		}
		if len(parts) == 0 {
			return nil
		}
		return attachToWorkspace(s, strings.Join(parts, "; "), goEnvUnsetFixes(s, vars)...)
	},
})

// windowsPathFailure quotes how the go command fails with a Windows path in key.
func windowsPathFailure(key, value string) string {
	switch key {
	case "GOPATH":
		_, complaint := badGOPATHEntry(value)
		return `every go command fails with "` + complaint + `"`
	case "GOMODCACHE":
		return `every module download fails with "GOMODCACHE entry is relative; must be absolute path: ` + strconv.Quote(value) + `."`
	case "GOCACHE":
		return `every build fails with "build cache is required, but could not be located: GOCACHE is not an absolute path"`
	}
	return `every go command fails with "go: cannot find GOROOT directory: ` + value + `"`
}

// viaWSLENV says when WSLENV shares key from Windows without translating it.
func viaWSLENV(s *Snapshot, key string) string {
	for _, entry := range strings.Split(s.Host.Env["WSLENV"], ":") {
		name, flags, _ := strings.Cut(entry, "/")
		if name == key && !strings.ContainsAny(flags, "pl") {
			return ", shared from Windows through WSLENV without /p or /l"
		}
	}
	return ""
}
