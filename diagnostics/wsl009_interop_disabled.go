package diagnostics

var _ = register(&Rule{
	ID:       "WSL009",
	Title:    "Windows interop is disabled",
	Severity: Info,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `WSL runs Windows programs from Linux through a binfmt_misc handler named WSLInterop, which hands every
file starting with the PE magic ` + "`MZ`" + ` to WSL's init. With interop off, none of them start: not ` + "`code .`" + `,
not ` + "`explorer.exe`" + `, not ` + "`go.exe`" + `, and not the test binaries of ` + "`GOOS=windows go test`" + ` (which interop would
otherwise run).

gowell reports, as a machine finding (status item and report, no file): ` + "`[interop] enabled=false`" + ` in
/etc/wsl.conf; or the handler's state, the first line of ` + "`/proc/sys/fs/binfmt_misc/WSLInterop`" + `, being
` + "`disabled`" + ` (` + "`echo 0 > /proc/sys/fs/binfmt_misc/WSLInterop`" + ` turns it off until the distro restarts); or,
under WSL1, no handler at all (WSL1 registers it only when interop is enabled).

**Fix.** Remove ` + "`enabled=false`" + ` from ` + "`[interop]`" + ` in /etc/wsl.conf and run ` + "`wsl --shutdown`" + `; for a session
where it was switched off, ` + "`echo 1 | sudo tee /proc/sys/fs/binfmt_misc/WSLInterop`" + `.

**Sources.** learn.microsoft.com/windows/wsl/filesystems ("Disable interoperability");
learn.microsoft.com/windows/wsl/wsl-config ([interop] enabled); microsoft/WSL src/linux/init/binfmt.h,
config.cpp (WSL1 registers the handler only with interop enabled), main.cpp (WSL2 registers it at start);
Linux Documentation/admin-guide/binfmt-misc.rst.`,
	Check: func(s *Snapshot) []Finding {
		w, c := s.Host.WSL, s.Host.WSLConf
		const effect = ": Windows programs — code ., explorer.exe, go.exe, Windows test binaries — do not start from this distro"
		switch {
		case w.Version == 0:
			return nil
		case !c.InteropEnabled:
			return onMachine("[interop] enabled=false in /etc/wsl.conf turns Windows interop off" + effect)
		case w.Interop == "disabled":
			return onMachine("Windows interop is disabled in this session (/proc/sys/fs/binfmt_misc/WSLInterop says disabled)" + effect)
		case w.Version == 1 && w.Interop == "":
			return onMachine("the WSLInterop handler is not registered (no /proc/sys/fs/binfmt_misc/WSLInterop), so Windows interop is off" + effect)
		}
		return nil
	},
})
