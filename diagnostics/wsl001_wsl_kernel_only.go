package diagnostics

var _ = register(&Rule{
	ID:       "WSL001",
	Title:    "WSL's kernel, but not a WSL distro",
	Severity: Info,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `gowell needs to know whether it runs in a WSL distro: the WSL rules (a workspace on a Windows drive,
the Windows toolchain on PATH, /etc/wsl.conf) only apply there. WSL's kernel says so in
` + "`/proc/sys/kernel/osrelease`" + ` — "Microsoft" for WSL1 (` + "`4.4.0-19041-Microsoft`" + `), "microsoft" for WSL2
(` + "`5.15.167.4-microsoft-standard-WSL2`" + `) — but the kernel alone is not proof: a container on Docker
Desktop's WSL2 backend runs on that same kernel. So gowell also wants a mark of WSL's own init:
` + "`$WSL_DISTRO_NAME`" + ` (set for every process WSL starts), the ` + "`WSLInterop`" + ` binfmt handler in
` + "`/proc/sys/fs/binfmt_misc`" + `, or ` + "`/run/WSL`" + `; and a ` + "`/.dockerenv`" + ` rules WSL out.

Being on WSL is not a problem, so gowell says nothing when detection is clear either way. This rule
fires only in the ambiguous case — WSL's kernel with none of WSL's marks and no ` + "`/.dockerenv`" + ` — to say
that gowell took the machine for plain Linux and skipped its WSL checks: typically a container other
than Docker (Podman, LXC) on the WSL2 kernel, or a process started outside WSL's init with a scrubbed
environment. It is a machine finding: it shows in the status item and the report, on no file.

**Fix.** Nothing to fix when this is a container. If it is a WSL distro, start the editor or shell
through WSL (` + "`wsl -d <distro>`" + `, ` + "`code .`" + ` from a WSL terminal) so that ` + "`WSL_DISTRO_NAME`" + ` is set.

**Sources.** microsoft/WSL src/linux/init/util.cpp (UtilIsUtilityVm: "the lxcore kernel contains
Microsoft"), init.cpp (WSL_DISTRO_NAME, WSL_INTEROP), binfmt.h (the WSLInterop handler), util.h (/run/WSL);
github.com/microsoft/WSL/issues/423 and /4555 (kernel strings).`,
	Check: func(s *Snapshot) []Finding {
		w := s.Host.WSL
		if w.Version != 0 || w.Container || !w.KernelSaysWSL() {
			return nil
		}
		return onMachine("the kernel (" + w.KernelRelease + ") is WSL's, but nothing of WSL's init is here — no $WSL_DISTRO_NAME, no WSLInterop handler, no /run/WSL — so gowell treats this machine as plain Linux and skips its WSL checks")
	},
})
