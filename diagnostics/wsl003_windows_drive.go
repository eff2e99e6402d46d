package diagnostics

import (
	"fmt"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "WSL003",
	Title:    "Go workspace on a Windows drive under WSL",
	Severity: Warning,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `A module that lives on a Windows drive and is built from WSL pays for every file access.
Under WSL2 the drive is a 9p (or virtiofs) share served by Windows: each stat and read that the go
command, gopls and the linker make crosses from the VM to Windows, so builds and tests are much
slower than in the Linux filesystem. And inotify never reports changes made by Windows programs on
such a drive (microsoft/WSL#4739, still open), so file watchers, rebuild-on-save tools and language
servers running in Linux miss edits made from Windows. Microsoft's advice: "store your files in the
WSL file system if you are working in a Linux command line … Use ` + "`/home/<user name>/Project`" + `, not
` + "`/mnt/c/Users/<user name>/Project`" + `". Under WSL1 file access across the two systems is fast, but the
advice is the same.

gowell finds the mount that holds each go.mod in /proc/self/mountinfo (the longest mount point,
symbolic links followed): ` + "`drvfs`" + ` (WSL1), ` + "`9p`" + ` with ` + "`aname=drvfs`" + ` (WSL2), or ` + "`virtiofs`" + ` below the
automount root that /etc/wsl.conf sets (newer WSL2). It never assumes ` + "`/mnt/c`" + `, and it stays silent
outside WSL — a Docker container on the WSL2 kernel is not WSL. The warning sits on the ` + "`module`" + `
line of each go.mod on a drive, or on the ` + "`go`" + ` line of a go.work when the workspace folder has no
go.mod.

**Fix.** None automatic: moving a repository is your call. Clone or move it into the Linux
filesystem, for example ` + "`git clone <url> ~/src/<name>`" + `, then open that folder from WSL
(` + "`code ~/src/<name>`" + `). Windows programs still reach it at ` + "`\\\\wsl$\\<distro>\\home\\<you>\\src`" + `.

**Sources.** learn.microsoft.com/windows/wsl/filesystems; learn.microsoft.com/windows/wsl/compare-versions;
github.com/microsoft/WSL/issues/4739; docs.docker.com/desktop/features/wsl/best-practices;
microsoft/WSL src/linux/init/drvfs.cpp (how drives are mounted).`,
	Check: func(s *Snapshot) (out []Finding) {
		moduleRoots := map[string]bool{}
		for _, f := range s.Files(workspace.GoMod) {
			moduleRoots[s.RootOf(f.Path)] = true
			if m := s.Host.WindowsDrive(f.Dir()); m != nil {
				out = append(out, At(f, moduleLineRange(f), "this module "+windowsDriveMessage(s.Host, m)))
			}
		}
		for _, f := range s.Files(workspace.GoWork) {
			if moduleRoots[s.RootOf(f.Path)] {
				continue
			}
			if m := s.Host.WindowsDrive(f.Dir()); m != nil {
				out = append(out, At(f, workGoLineRange(f), "this workspace "+windowsDriveMessage(s.Host, m)))
			}
		}
		return out
	},
})

// windowsDriveMessage says where the files are and what that costs, for the WSL
// version at hand.
func windowsDriveMessage(h *host.Info, m *host.Mount) string {
	where := "is on a Windows drive"
	if d := m.Drive(); d != "" {
		where = "is on Windows drive " + d
	}
	where += fmt.Sprintf(" (%s, mounted at %s)", m.FSType, m.Point)
	if h.WSL.Version == 1 {
		return where + ": Microsoft advises keeping files that Linux tools work on in the Linux filesystem for the fastest performance; move it there, e.g. under ~"
	}
	return where + ": under WSL2 every file access crosses into Windows, so builds are slow, and file watchers never see edits made by Windows programs; move it into the Linux filesystem, e.g. under ~"
}
