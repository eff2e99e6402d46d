// Package host is gowell's probe of the machine around the workspace: whether
// it runs under WSL, the mount table, /etc/wsl.conf and the Go toolchain's
// environment. Everything is read through a sysroot and an environment map, so
// tests and bug reports replay any machine on any other.
package host

import (
	"path/filepath"
	"strings"
)

// Info is everything rules know about the machine. It is gathered once and
// refreshed when something it read changes; rules never read the machine
// themselves.
type Info struct {
	Sysroot string            // "/" on a live machine
	Env     map[string]string // the environment the probe saw
	WSL     WSL
	Mounts  []Mount // /proc/self/mountinfo, in file order
	WSLConf WSLConf
	Go      GoEnv
}

// WSL describes the Windows Subsystem for Linux, when gowell runs under it.
type WSL struct {
	Version       int    // 0: not WSL; 1 or 2
	Distro        string // WSL_DISTRO_NAME
	KernelRelease string // /proc/sys/kernel/osrelease
}

// Mount is one line of /proc/self/mountinfo.
type Mount struct {
	Point   string            // mount point, unescaped
	FSType  string            // "9p", "drvfs", "virtiofs", "ext4", …
	Source  string            // "drvfs", "C:", "/dev/sdc", …
	Options map[string]string // per-mount and super options merged; flags map to ""
}

// WSLConf holds the settings of /etc/wsl.conf that gowell reasons about, with
// WSL's defaults applied.
type WSLConf struct {
	Present           bool
	AutomountRoot     string // with a trailing slash, as WSL normalises it; default "/mnt/"
	AutomountOptions  string
	InteropEnabled    bool
	AppendWindowsPath bool
}

// GoEnv is what the installed Go toolchain says about itself.
type GoEnv struct {
	Path string            // the go binary found on PATH; "" when there is none
	Vars map[string]string // `go env -json`, run with GOTOOLCHAIN=local from a neutral directory
	Err  string            // why `go env` could not be read, when it could not
}

// Version is the installed toolchain's version ("go1.26.8"), or "".
func (g GoEnv) Version() string { return g.Vars["GOVERSION"] }

// MountOf returns the mount holding path: the longest mount point that is a
// path prefix of it. Later lines win ties, as the kernel stacks them.
func (i *Info) MountOf(path string) *Mount {
	var best *Mount
	for k := range i.Mounts {
		m := &i.Mounts[k]
		if within(m.Point, path) && (best == nil || len(m.Point) >= len(best.Point)) {
			best = m
		}
	}
	return best
}

// WindowsDrive returns the mount when path lies on a Windows drive seen from
// WSL: drvfs (WSL1), 9p with aname=drvfs (WSL2), or virtiofs under the
// automount root (newer WSL2). It is nil outside WSL.
func (i *Info) WindowsDrive(path string) *Mount {
	if i.WSL.Version == 0 {
		return nil
	}
	m := i.MountOf(path)
	if m == nil {
		return nil
	}
	switch m.FSType {
	case "drvfs":
		return m
	case "9p":
		if strings.HasPrefix(m.Options["aname"], "drvfs") {
			return m
		}
	case "virtiofs":
		if within(strings.TrimSuffix(i.WSLConf.AutomountRoot, "/"), m.Point) {
			return m
		}
	}
	return nil
}

func within(dir, path string) bool {
	if dir == "/" {
		return strings.HasPrefix(path, "/")
	}
	return path == dir || strings.HasPrefix(path, dir+"/")
}

// Real maps a path on the machine to where the probe reads it: below the
// sysroot.
func (i *Info) Real(path string) string { return filepath.Join(i.Sysroot, path) }
