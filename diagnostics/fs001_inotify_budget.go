package diagnostics

import (
	"fmt"
)

// vscodeWatches is the value VS Code's Linux docs suggest; never a reason
// to lower a larger limit (since Linux 5.11 the default scales with memory
// up to 1 048 576).
const vscodeWatches = 524288

var _ = register(&Rule{
	ID:       "FS001",
	Title:    "inotify watch budget too small for the workspace",
	Severity: Warning,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `Editors, gopls' client, file watchers and rebuild-on-save tools watch a tree with inotify, one watch per
directory. The kernel counts watches per user and, once they reach ` + "`fs.inotify.max_user_watches`" + `, fails
` + "`inotify_add_watch`" + ` with ENOSPC ("No space left on device", inotify_add_watch(2)): the tool stops noticing
changes — VS Code says it "is unable to watch for file changes in this large workspace" — or refuses to start.
Since Linux 5.11 the default limit is 1% of memory divided by the cost of a watch, between 8 192 and 1 048 576;
before, it was 8 192.

gowell reads the limit from /proc/sys/fs/inotify/max_user_watches and counts the watches this user's processes
hold now (the ` + "`inotify wd:`" + ` lines in /proc/<pid>/fdinfo of their inotify descriptors). It estimates what
watching this workspace takes as its number of directories, leaving out .git, vendor/, node_modules/ and
testdata/ as editors commonly do. It warns when the watches held plus that estimate exceed 90% of the limit: a
tool that starts watching the workspace now gets close to, or past, the limit. (Watches the editor already
holds on this workspace count in both terms: each tool that watches a tree needs its own.) The 90% is a
heuristic. When the limit or the process table cannot be read (macOS has no inotify) nothing is reported.

**Fix.** None automatic: it needs root. Raise the limit, never lower it: gowell suggests twice the current
limit, at least 524 288 (VS Code's suggestion) and at least twice what is needed:

    echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/60-inotify.conf
    sudo sysctl --system

Under WSL without systemd, /etc/sysctl.d may not be applied at start (applying it is systemd-sysctl's job), so put
` + "`command = sysctl -w fs.inotify.max_user_watches=524288`" + ` under ` + "`[boot]`" + ` in /etc/wsl.conf instead, and run the
sysctl once now. Each watch costs about 1 KB of kernel memory on 64-bit machines, and only while it exists.

**Sources.** inotify(7) (/proc interfaces; the limit is per user); inotify_add_watch(2) (ENOSPC); Linux
fs/notify/inotify/inotify_user.c (inotify_user_setup: the default since 5.11); code.visualstudio.com/docs/setup/linux
("Visual Studio Code is unable to watch for file changes"); counting fdinfo lines checked with a test program.`,
	Check: func(s *Snapshot) []Finding {
		in := s.Host.Inotify
		need := s.WalkedDirs()
		if in == nil || in.MaxUserWatches <= 0 || need == 0 || float64(in.Used+need) <= 0.9*float64(in.MaxUserWatches) {
			return nil
		}
		limit := max(2*in.MaxUserWatches, vscodeWatches, 2*(in.Used+need))
		msg := fmt.Sprintf("watching this workspace takes about %d inotify watches (one per directory), and this user already holds %d of the %d that fs.inotify.max_user_watches allows: past the limit, file watchers and editors fail with ENOSPC and stop noticing changes; ", need, in.Used, in.MaxUserWatches)
		if s.Host.WSL.Version != 0 && !(s.Host.WSL.Version == 2 && s.Host.WSLConf.Systemd) {
			msg += fmt.Sprintf("raise it with sudo sysctl -w fs.inotify.max_user_watches=%d, and keep it with command = sysctl -w fs.inotify.max_user_watches=%d under [boot] in /etc/wsl.conf", limit, limit)
		} else {
			msg += fmt.Sprintf("raise it: put fs.inotify.max_user_watches=%d in /etc/sysctl.d/60-inotify.conf and run sudo sysctl --system", limit)
		}
		return attachToWorkspace(s, msg)
	},
})
