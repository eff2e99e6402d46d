package diagnostics

import "fmt"

var _ = register(&Rule{
	ID:       "WSL002",
	Title:    "The distro runs under WSL1",
	Severity: Info,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `WSL1 translates Linux system calls in the Windows kernel instead of running a Linux kernel. Microsoft's
comparison table lists what it lacks against WSL2: full system-call compatibility, systemd (WSL starts it
only in WSL2, whatever /etc/wsl.conf says), and the ability to run the Docker engine. Go itself runs, but
tools that need a real Linux kernel do not. WSL1 is still the better choice for a repository that must
stay on a Windows drive: its file access across the two systems is faster (see WSL003).

gowell reports it once, as a machine finding (status item and report, no file): the kernel release ends
in ` + "`-Microsoft`" + ` (capital M) and a mark of WSL's init is present.

**Fix.** From Windows, convert the distro: ` + "`wsl --set-version <distro> 2`" + ` (` + "`wsl -l -v`" + ` lists the distros and
their versions).

**Sources.** learn.microsoft.com/windows/wsl/compare-versions; learn.microsoft.com/windows/wsl/basic-commands;
microsoft/WSL src/linux/init/util.cpp (UtilIsUtilityVm) and WslDistributionConfig.cpp (systemd only on WSL2).`,
	Check: func(s *Snapshot) []Finding {
		w := s.Host.WSL
		if w.Version != 1 {
			return nil
		}
		distro := w.Distro
		if distro == "" {
			distro = "<distro>"
		}
		return onMachine(fmt.Sprintf("this distro runs under WSL1 (kernel %s), which lacks full Linux system-call compatibility, systemd and a Docker engine; from Windows, 'wsl --set-version %s 2' converts it", w.KernelRelease, distro))
	},
})
