package diagnostics

import (
	"fmt"
	"regexp"
	"strings"

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
				out = append(out, At(f, windowsDriveModuleRange(f), "this module "+windowsDriveMessage(s.Host, m)))
			}
		}
		for _, f := range s.Files(workspace.GoWork) {
			if moduleRoots[s.RootOf(f.Path)] {
				continue
			}
			if m := s.Host.WindowsDrive(f.Dir()); m != nil {
				out = append(out, At(f, windowsDriveWorkRange(f), "this workspace "+windowsDriveMessage(s.Host, m)))
			}
		}
		return out
	},
})

// windowsDriveMessage says where the files are and what that costs, for the WSL
// version at hand.
func windowsDriveMessage(h *host.Info, m *host.Mount) string {
	where := "is on a Windows drive"
	if d := windowsDriveLetter(m); d != "" {
		where = "is on Windows drive " + d
	}
	where += fmt.Sprintf(" (%s, mounted at %s)", m.FSType, m.Point)
	if h.WSL.Version == 1 {
		return where + ": Microsoft advises keeping files that Linux tools work on in the Linux filesystem for the fastest performance; move it there, e.g. under ~"
	}
	return where + ": under WSL2 every file access crosses into Windows, so builds are slow, and file watchers never see edits made by Windows programs; move it into the Linux filesystem, e.g. under ~"
}

var windowsDriveRoot = regexp.MustCompile(`^[A-Za-z]:\\?$`)

// windowsDriveLetter is "C:" when the mount says which drive it is: WSL2's 9p
// carries path=C:\ in its aname, WSL1's drvfs has the drive as its source.
// virtiofs names a share by a GUID tag only.
func windowsDriveLetter(m *host.Mount) string {
	src := m.Source
	if m.FSType == "9p" {
		for _, opt := range strings.Split(m.Options["aname"], ";") {
			if p, ok := strings.CutPrefix(opt, "path="); ok {
				src = p
			}
		}
	}
	if windowsDriveRoot.MatchString(src) {
		return strings.ToUpper(src[:2])
	}
	return ""
}

// windowsDriveModuleRange is the module path of a go.mod, or its first line when it has
// none or does not parse.
func windowsDriveModuleRange(f *workspace.File) workspace.Range {
	if f.Text == nil {
		return workspace.Range{}
	}
	if mod := f.Mod().File; mod != nil && mod.Module != nil {
		return f.TokenRange(mod.Module.Syntax, 1)
	}
	return f.Text.LineSpan(0)
}

// windowsDriveWorkRange is the go line of a go.work, or its first line.
func windowsDriveWorkRange(f *workspace.File) workspace.Range {
	if f.Text == nil {
		return workspace.Range{}
	}
	if w := f.Work().File; w != nil && w.Go != nil {
		return f.LineRange(w.Go.Syntax)
	}
	return f.Text.LineSpan(0)
}
