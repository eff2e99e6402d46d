package diagnostics

import "fmt"

const gib = 1 << 30

var _ = register(&Rule{
	ID:       "WSL010",
	Title:    "The WSL2 VM has little memory or no swap",
	Severity: Info,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `A WSL2 distro runs in a virtual machine whose memory is set by ` + "`[wsl2] memory`" + ` in
` + "`%UserProfile%\\.wslconfig`" + ` on Windows (by default half of the PC's memory) and whose swap by ` + "`[wsl2] swap`" + ` (by
default a quarter of the VM's memory, rounded up to a whole GB; ` + "`0`" + ` turns it off). The Go linker on a large
program, ` + "`go test ./...`" + ` building many test binaries at once, and gopls on a big workspace are memory-hungry:
in a small VM without swap the kernel's OOM killer ends them ("signal: killed").

gowell reads ` + "`/proc/meminfo`" + ` and reports, as a machine finding (status item and report, no file), a VM with
less than 3.5 GiB of MemTotal — a VM given less than 4 GB, since the kernel keeps some memory for itself —
or with no swap and less than 8 GiB. The thresholds are a judgement call, not a documented limit; with more
memory, running without swap is a reasonable choice and is not reported.

**Fix.** On Windows, raise the limits in ` + "`%UserProfile%\\.wslconfig`" + `, for example

    [wsl2]
    memory=8GB
    swap=4GB

then run ` + "`wsl --shutdown`" + ` and reopen the distro. Building with fewer parallel jobs (` + "`go build -p 2`" + `) also helps.

**Sources.** learn.microsoft.com/windows/wsl/wsl-config (.wslconfig [wsl2] memory and swap);
microsoft/WSL src/windows/common/WslCoreConfig.cpp (the defaults: 50% of memory; swap 25% of the VM's memory
rounded up to 1 GB); proc(5) /proc/meminfo.`,
	Check: func(s *Snapshot) []Finding {
		m := s.Host.Memory
		if s.Host.WSL.Version != 2 || m == nil {
			return nil
		}
		if m.Total >= 7*gib/2 && (m.SwapTotal > 0 || m.Total >= 8*gib) {
			return nil
		}
		size := fmt.Sprintf("%.1f GiB of memory", float64(m.Total)/gib)
		if m.SwapTotal == 0 {
			size += " and no swap"
		}
		return onMachine("the WSL2 VM has " + size + ": large Go links, go test ./... and gopls can run out of memory and be killed; raise [wsl2] memory and swap in %UserProfile%\\.wslconfig on Windows, then run wsl --shutdown")
	},
})
