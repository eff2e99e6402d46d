package diagnostics

import "fmt"

var _ = register(&Rule{
	ID:       "WSL006",
	Title:    "Only the Windows Go toolchain is on PATH",
	Severity: Error,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `WSL appends the Windows PATH to the Linux one (` + "`[interop] appendWindowsPath`" + `, on by default), so a Go
installed on Windows puts ` + "`/mnt/c/Program Files/Go/bin`" + ` on the WSL PATH. That does not make ` + "`go`" + ` run it:
Windows programs must be called with their extension ("Windows tools must include the file extension"),
so only ` + "`go.exe`" + ` does. When no Linux Go is installed, every ` + "`go`" + ` command in a WSL shell fails with "command
not found", and scripts, Makefiles or editors that fall back to ` + "`go.exe`" + ` build Windows binaries with
Windows' GOPATH, GOENV and caches — not what a Linux workspace needs.

gowell looks ` + "`go`" + ` and ` + "`go.exe`" + ` up on the PATH it was started with. No Linux ` + "`go`" + ` but a ` + "`go.exe`" + `: an error,
on the module line of each top-level go.mod (the go line of a go.work without one). Both: an info on the
machine only (the report and the status item) — ` + "`go`" + ` runs the Linux one, but anything that calls
` + "`go.exe`" + ` gets the Windows toolchain. Since the Windows entries are appended, a Linux Go on PATH always
wins over them.

**Fix.** Install Go for Linux inside the distro (go.dev/doc/install, the linux-amd64 or linux-arm64
archive, with ` + "`/usr/local/go/bin`" + ` on PATH). To keep Windows programs off the WSL PATH altogether, set
` + "`appendWindowsPath = false`" + ` under ` + "`[interop]`" + ` in /etc/wsl.conf and run ` + "`wsl --shutdown`" + `.

**Sources.** learn.microsoft.com/windows/wsl/filesystems ("Windows tools must include the file extension");
learn.microsoft.com/windows/wsl/wsl-config ([interop] appendWindowsPath); go.dev/doc/install;
microsoft/WSL src/linux/init/config.cpp (ConfigAppendNtPath appends the Windows PATH).`,
	Check: func(s *Snapshot) []Finding {
		exe := s.Host.Which["go.exe"]
		if s.Host.WSL.Version == 0 || exe == "" {
			return nil
		}
		if linux := s.Host.Which["go"]; linux != "" {
			fs := onMachine(fmt.Sprintf("Windows' Go (%s) is on PATH besides Linux's %s: 'go' runs the Linux one, but anything that calls go.exe builds Windows binaries with Windows' GOPATH and settings", exe, linux))
			return []Finding{asInfo(fs[0])}
		}
		return attachToWorkspace(s, fmt.Sprintf("no Linux Go is on PATH, only Windows' %s, which 'go' never runs (Windows programs need their .exe): every go command here fails with \"command not found\", and tools that fall back to go.exe build Windows binaries; install Go for Linux in this distro", exe))
	},
})
