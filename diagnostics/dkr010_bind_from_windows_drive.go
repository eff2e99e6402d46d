package diagnostics

import (
	"fmt"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR010",
	Title:    "Bind mount from a Windows drive under WSL2",
	Severity: Info,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `Under WSL2 a Windows drive (` + "`/mnt/c`" + `) is a 9p or virtiofs share served by Windows. A container
that bind-mounts a directory from it reads every file across that boundary, so file access is much
slower than from the Linux filesystem, and the container never gets file change events for edits
made by Windows programs, which breaks hot reload and rebuild-on-save. Docker's own advice: "Linux
containers only receive file change events, “inotify events”, if the original files are stored in
the Linux filesystem", and "avoid ` + "`docker run -v /mnt/c/users:/users`" + ` where ` + "`/mnt/c`" + ` is mounted from
Windows".

gowell reads the bind mounts of Compose files (` + "`compose.yaml`" + `, ` + "`docker-compose.yml`" + `, their
override files and the ` + "`compose-<x>.yml`" + ` files kept for ` + "`docker compose -f`" + `: the short syntax ` + "`- /mnt/c/data:/data`" + ` and the long syntax with ` + "`type: bind`" + `, relative
sources resolved against the Compose file's directory) and of Dev Container configurations
(` + "`mounts`" + ` strings and objects with ` + "`type=bind`" + `, and ` + "`workspaceMount`" + `), and reports each source on a
Windows drive as the mount table shows it (drvfs, 9p with ` + "`aname=drvfs`" + `, or virtiofs below the
automount root; never a guessed ` + "`/mnt/c`" + `). Only under WSL2: Docker does not run in WSL1. Named
volumes, sources with variables (` + "`${localWorkspaceFolder}`" + `, ` + "`${HOME}`" + `) or ` + "`~`" + `, and sources inside
a workspace folder that is itself on a Windows drive are left out: for those WSL003 already says
that the whole workspace should move.

**Fix.** Move the mounted directory into the Linux filesystem (for example under ` + "`~`" + `) and point
the mount there; Windows programs still reach it at ` + "`\\\\wsl$\\<distro>\\…`" + `. There is no automatic
fix: where the data should live is the project's call.

**Sources.** docs.docker.com/desktop/features/wsl/best-practices/; learn.microsoft.com/windows/wsl/filesystems;
github.com/microsoft/WSL/issues/4739; docs.docker.com/reference/compose-file/services/#volumes;
containers.dev/implementors/json_reference/ (mounts, workspaceMount); RULES-FACTS A.2-A.4 and F.6
(DOCKER-010).`,
	Check: func(s *Snapshot) (out []Finding) {
		if s.Host.WSL.Version != 2 {
			return nil
		}
		for _, f := range append(s.Files(workspace.Compose), s.Files(workspace.DevContainer)...) {
			seen := map[workspace.Range]bool{} // one anchor can serve several services
			for _, b := range f.ContainerConfig().Binds {
				m := s.Host.WindowsDrive(b.Path)
				if m == nil || seen[b.Range] || onDriveWorkspace(s, b.Path) {
					continue
				}
				seen[b.Range] = true
				where := "a Windows drive"
				if d := m.Drive(); d != "" {
					where = "Windows drive " + d
				}
				out = append(out, At(f, b.Range, fmt.Sprintf(
					"this bind mount's source %s is on %s (%s, mounted at %s): under WSL2 the container reads it across the Windows boundary, so file access is slow, and it never gets file change events for edits made by Windows programs; keep mounted files in the Linux filesystem, e.g. under ~",
					b.Source, where, m.FSType, m.Point)))
			}
		}
		return out
	},
})

// onDriveWorkspace reports whether path lies in a workspace folder that is
// itself on a Windows drive, which WSL003 reports for the whole workspace.
func onDriveWorkspace(s *Snapshot, path string) bool {
	root := s.RootOf(path)
	return root != "" && s.Host.WindowsDrive(root) != nil
}
