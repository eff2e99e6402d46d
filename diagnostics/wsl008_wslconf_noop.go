package diagnostics

import (
	"fmt"
	"strings"
)

// drvfsOptions are the options WSL applies to the drives it mounts itself
// (drvfs.cpp, ConvertDrvfsMountOptionsToPlan9), by key.
var drvfsOptions = []string{"metadata", "case", "uid", "gid", "umask", "fmask", "dmask", "symlinkroot"}

// mountFlags are the generic options mount(8) turns into mount flags; WSL
// passes them through to the mount.
var mountFlags = []string{"defaults", "ro", "rw", "suid", "nosuid", "dev", "nodev", "exec", "noexec", "sync", "async",
	"dirsync", "mand", "nomand", "atime", "noatime", "diratime", "nodiratime", "relatime", "norelatime",
	"strictatime", "nostrictatime", "lazytime", "nolazytime", "silent", "loud"}

var _ = register(&Rule{
	ID:       "WSL008",
	Title:    "A setting in /etc/wsl.conf that WSL does not apply",
	Severity: Info,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `Some /etc/wsl.conf settings look right and silently do nothing. gowell reads the file with WSL's own
parser rules (case-insensitive keys, ` + "`true`/`false`/`1`/`0`" + `, the first occurrence of a key wins) and reports:

- a line WSL cannot parse — an INI-style ` + "`; comment`" + `, a key with an underscore, an unclosed quote: WSL stops
  reading the file there, so that line **and every setting after it** are ignored;
- ` + "`[boot] systemd=true`" + ` under WSL1: WSL starts systemd only in WSL2;
- ` + "`case=force`" + ` in ` + "`[automount] options`" + ` under WSL2: WSL logs "case=force not supported, using case=dir"
  and mounts the drives with ` + "`case=dir`" + `; ` + "`fallback=`" + ` is ignored the same way;
- a token in ` + "`[automount] options`" + ` that is neither a DrvFs option
  (` + "`metadata`, `uid`, `gid`, `umask`, `fmask`, `dmask`, `case`, `symlinkroot`" + `) nor a generic mount flag
  (` + "`noatime`, `ro`" + `, …): WSL hands it to the mount unchanged rather than applying it to the drives —
  usually a misspelt ` + "`metadata`" + `.

These are machine findings: the status item and the report show them, on no file (wsl.conf lies outside
the workspace). Changes to wsl.conf apply only after the distro restarts.

**Fix.** Edit /etc/wsl.conf as root (` + "`sudo nano /etc/wsl.conf`" + `), then run ` + "`wsl --shutdown`" + ` from Windows and
reopen the distro.

**Sources.** microsoft/WSL src/shared/configfile/configfile.cpp (the parser, which stops at an invalid line),
src/linux/init/WslDistributionConfig.cpp (systemd only on WSL2), src/linux/init/drvfs.cpp
(ConvertDrvfsMountOptionsToPlan9: DrvFs options, case=force, fallback=); learn.microsoft.com/windows/wsl/wsl-config.`,
	Check: func(s *Snapshot) (out []Finding) {
		c, v := s.Host.WSLConf, s.Host.WSL.Version
		if v == 0 || !c.Present {
			return nil
		}
		if c.StoppedAt > 0 {
			out = append(out, onMachine(fmt.Sprintf("WSL cannot parse line %d of /etc/wsl.conf, so it stops reading there: that line and every setting after it are ignored", c.StoppedAt))...)
		}
		if c.Systemd && v == 1 {
			out = append(out, onMachine("[boot] systemd=true in /etc/wsl.conf does nothing under WSL1: WSL starts systemd only in WSL2")...)
		}
		for _, opt := range strings.Split(c.AutomountOptions, ",") {
			key, value, _ := strings.Cut(strings.TrimSpace(opt), "=")
			switch {
			case key == "":
			case v == 2 && key == "case" && value == "force":
				out = append(out, onMachine("case=force in [automount] options of /etc/wsl.conf is WSL1-only: WSL2 logs \"case=force not supported, using case=dir\" and mounts the drives with case=dir")...)
			case v == 2 && key == "fallback":
				out = append(out, onMachine(fmt.Sprintf("%s in [automount] options of /etc/wsl.conf is ignored under WSL2 (\"not supported, ignoring\")", strings.TrimSpace(opt)))...)
			case !containsFold(drvfsOptions, key) && !containsFold(mountFlags, opt) && !strings.Contains(opt, "="):
				out = append(out, onMachine(fmt.Sprintf("%q in [automount] options of /etc/wsl.conf is not a DrvFs option (%s): WSL hands it to the mount unchanged instead of applying it to the drives — a typo?", strings.TrimSpace(opt), strings.Join(drvfsOptions, ", ")))...)
			}
		}
		return out
	},
})

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, strings.TrimSpace(s)) {
			return true
		}
	}
	return false
}
