package diagnostics

import (
	"slices"
	"strings"

	"github.com/gowell/gowell/host"
)

var _ = register(&Rule{
	ID:       "WSL011",
	Title:    "Repository on a Windows drive mounted without metadata",
	Severity: Info,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `WSL mounts Windows drives without the DrvFs ` + "`metadata`" + ` option unless /etc/wsl.conf asks for it. Without it,
Linux permissions are not stored: a file's mode is derived from its Windows ACLs, ` + "`chmod`" + ` has almost no effect
(removing every write bit sets the Windows read-only attribute, nothing else sticks), and the ` + "`umask`" + `,
` + "`fmask`" + ` and ` + "`dmask`" + ` options do not apply. In a Go repository that means an executable bit on a script does not
stick, and git may report mode changes on files nobody touched.

gowell reports it on the module line of each top-level go.mod (the go line of a go.work without one) that
lies on a Windows drive mounted without ` + "`metadata`" + `: a ` + "`drvfs`" + ` mount (WSL1) lacking the option, or a ` + "`9p`" + `
mount (WSL2) whose ` + "`aname=drvfs;…`" + ` option list lacks it. A ` + "`virtiofs`" + ` drive does not show its options in the
mount table, so it is not reported. WSL003 already warns about the drive itself.

**Fix.** Best, move the repository into the Linux filesystem (WSL003). Otherwise add

    [automount]
    options = "metadata"

to /etc/wsl.conf and run ` + "`wsl --shutdown`" + `; or tell git to ignore modes in this repository:
` + "`git config core.fileMode false`" + `.

**Sources.** learn.microsoft.com/windows/wsl/file-permissions; learn.microsoft.com/windows/wsl/wsl-config
([automount] options); microsoft/WSL src/linux/init/drvfs.cpp (how DrvFs options reach the 9p mount).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range topLevelFiles(s) {
			m := s.Host.WindowsDrive(f.Dir())
			if m == nil || !withoutMetadata(m) {
				continue
			}
			out = append(out, At(f, anchorRange(f), "this "+kindNoun(f)+" is on "+driveName(m)+", mounted without the DrvFs metadata option: chmod has almost no effect there and modes come from Windows ACLs, so executable bits do not stick and git may report mode changes; add options = \"metadata\" under [automount] in /etc/wsl.conf, or run git config core.fileMode false"))
		}
		return out
	},
})

// withoutMetadata reports a drive mount that certainly lacks metadata: WSL1's
// drvfs lists it among its options, WSL2's 9p inside aname; virtiofs shows
// none of them.
func withoutMetadata(m *host.Mount) bool {
	switch m.FSType {
	case "drvfs":
		_, ok := m.Options["metadata"]
		return !ok
	case "9p":
		return !slices.Contains(strings.Split(m.Options["aname"], ";"), "metadata")
	}
	return false
}
