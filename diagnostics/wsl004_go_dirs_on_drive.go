package diagnostics

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/gowell/gowell/host"
)

// goDirVars are the directories the go command reads and writes on every build.
var goDirVars = []string{"GOPATH", "GOMODCACHE", "GOCACHE", "GOTMPDIR"}

var _ = register(&Rule{
	ID:       "WSL004",
	Title:    "GOPATH, the module cache or the build cache on a Windows drive",
	Severity: Warning,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `The go command reads the module cache (GOMODCACHE, by default $GOPATH/pkg/mod) and the build cache
(GOCACHE) on every build, and writes its temporary work directories to GOTMPDIR. When one of them is on a
Windows drive seen from WSL, every one of those accesses crosses into Windows: under WSL2 the drive is a 9p
or virtiofs share served by Windows, and Microsoft's advice is to keep files that Linux tools work on in
the Linux filesystem. Renames in a module cache on a Windows filesystem have also failed with "Access is
denied" (golang/go#36568, where a WSL user had GOPATH=/d/go).

gowell tests each directory ` + "`go env`" + ` reports (every entry of GOPATH) against the mount table, as WSL003
does for the workspace. The warning sits on the module line of each top-level go.mod (the go line of a
go.work without one).

**Fix.** When the setting came from ` + "`go env -w`" + `, gowell offers ` + "`go env -u <VAR>…`" + `, which returns it to its
default in your Linux home (` + "`~/go`" + `, ` + "`~/.cache/go-build`" + `); the module cache is re-downloaded as needed. When
it comes from your shell profile or from Windows through WSLENV, remove it there.

**Sources.** learn.microsoft.com/windows/wsl/filesystems; github.com/golang/go/issues/36568;
go help environment (GOMODCACHE, GOCACHE, GOTMPDIR); RULES-FACTS §E ("go env -changed", "go env -u").`,
	Check: func(s *Snapshot) []Finding {
		g := s.Host.Go
		if s.Host.WSL.Version == 0 || g.Vars == nil {
			return nil
		}
		var parts, vars, drives []string
		for _, k := range goDirVars {
			for _, dir := range filepath.SplitList(g.Vars[k]) {
				if !filepath.IsAbs(dir) {
					continue
				}
				if m := s.Host.WindowsDrive(dir); m != nil {
					parts = append(parts, fmt.Sprintf("%s (%s)", k, dir))
					vars = append(vars, k)
					if d := driveName(m); !slices.Contains(drives, d) {
						drives = append(drives, d)
					}
					break
				}
			}
		}
		if len(parts) == 0 {
			return nil
		}
		verb := "is"
		if len(parts) > 1 {
			verb = "are"
		}
		cost := "so every build reads and writes them across into Windows, which is slow"
		if s.Host.WSL.Version == 1 {
			cost = "where Microsoft advises against keeping the files Linux tools work on"
		}
		msg := fmt.Sprintf("%s %s on %s, %s, and module cache renames on Windows filesystems have failed with \"Access is denied\"; keep Go's directories in the Linux filesystem",
			joinAnd(parts), verb, joinAnd(drives), cost)
		return attachToWorkspace(s, msg, goEnvUnsetFixes(s, vars)...)
	},
})

// driveName names a Windows drive mount for messages: "Windows drive C:",
// or by its mount point when the mount does not say which drive it is.
func driveName(m *host.Mount) string {
	if d := m.Drive(); d != "" {
		return "Windows drive " + d
	}
	return "the Windows drive mounted at " + m.Point
}
