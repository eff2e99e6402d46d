// Package host is gowell's probe of the machine around the workspace: whether
// it runs under WSL, the mount table, /etc/wsl.conf and the Go toolchain's
// environment. Everything is read through a sysroot and an environment map, so
// tests and bug reports replay any machine on any other.
package host

import (
	"path/filepath"
	"regexp"
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
	// Which maps the commands rules ask about to the file a PATH lookup of
	// Env found, "" when none: "go", "go.exe" (under WSL only: the Windows
	// toolchain) and the C compiler that `go env CC` names. In a replayed
	// machine the lookup reads below the sysroot.
	Which map[string]string
	// Memory is /proc/meminfo's view of the (WSL2: virtual) machine; nil when
	// it could not be read.
	Memory *Memory
	// Sysctl holds the macOS sysctl values rules read ("hw.optional.arm64":
	// "1" on Apple silicon), absent when unknown. A replay reads them from
	// <sysroot>/sysctl/<name>.
	Sysctl map[string]string
	// Inotify is the inotify watch budget of the user the probe runs as;
	// nil when unknown (macOS, /proc unreadable, a replay without it).
	Inotify *Inotify
	// Git holds the git settings rules read (gitConfigNames) as git reads
	// them outside any repository — system and global files, their
	// includes, GIT_CONFIG_* variables — by lower-cased name. A name is
	// absent when nothing sets it or git could not be asked. A replay reads
	// them from <sysroot>/gitconfig.txt.
	Git map[string]GitSetting

	goLive bool // the probe ran the real go, so its files are the real machine's
}

// Memory is the machine's memory in bytes, from /proc/meminfo.
type Memory struct {
	Total     uint64 // MemTotal
	SwapTotal uint64 // SwapTotal; 0: no swap
}

// WSL describes the Windows Subsystem for Linux, when gowell runs under it.
type WSL struct {
	Version       int    // 0: not WSL; 1 or 2
	Distro        string // WSL_DISTRO_NAME
	KernelRelease string // /proc/sys/kernel/osrelease
	// Interop is the first line of /proc/sys/fs/binfmt_misc/WSLInterop,
	// "enabled" or "disabled"; "" when the handler is not registered.
	Interop string
	// Container is true when /.dockerenv exists: a Docker container, which
	// is never taken for a WSL distro whatever its kernel says.
	Container bool
}

// KernelSaysWSL reports whether the kernel release is one of WSL's
// ("Microsoft" for WSL1, "microsoft" for WSL2), whether or not the rest of
// the machine confirms it is a WSL distro.
func (w WSL) KernelSaysWSL() bool {
	return strings.Contains(w.KernelRelease, "Microsoft") || strings.Contains(w.KernelRelease, "microsoft")
}

// Mount is one line of /proc/self/mountinfo.
type Mount struct {
	Point   string            // mount point, unescaped
	FSType  string            // "9p", "drvfs", "virtiofs", "ext4", …
	Source  string            // "drvfs", "C:", "/dev/sdc", …
	Options map[string]string // per-mount and super options merged; flags map to ""
}

// WSLConf holds the settings of /etc/wsl.conf that gowell reasons about, read
// with WSL's own parser rules and with WSL's defaults applied.
type WSLConf struct {
	Present           bool
	AutomountEnabled  bool   // [automount] enabled, default true
	AutomountRoot     string // with a trailing slash, as WSL normalises it; default "/mnt/"
	AutomountOptions  string
	InteropEnabled    bool // [interop] enabled, default true
	AppendWindowsPath bool // [interop] appendWindowsPath, default true
	Systemd           bool // [boot] systemd as written; WSL honours it only on WSL2
	// StoppedAt is the 1-based line where WSL stopped reading: it ignores the
	// first line it cannot parse and everything after it. 0: it read it all.
	StoppedAt int
}

// GoEnv is what the installed Go toolchain says about itself.
type GoEnv struct {
	Path string // the go binary found on PATH; "" when there is none
	// Vars is `go env -json` for the non-costly variables, run with
	// GOTOOLCHAIN=local from "/": GOVERSION is the installed toolchain, and
	// GOMOD/GOWORK describe no workspace. GOTOOLCHAIN is the user's effective
	// value, not the probe's override; "" means nothing sets it, and then the
	// go command never switches toolchains (cmd/go/internal/toolchain.Select).
	Vars map[string]string
	Err  string // why `go env` could not be read, when it could not
	// Origins says where each configurable setting came from (GOTOOLCHAIN,
	// GOPROXY, GOSUMDB, GOFLAGS, GOROOT, …), so a fix can tell `go env -u`
	// from a shell profile edit. For a recorded `go env` (Options.GoEnv, a
	// replayed goenv.json) the probe derives it from Env and the go env
	// files of the replayed machine.
	Origins map[string]Origin
	// Settings holds each setting that something other than the go
	// command's built-in default sets, as written at its origin: the value
	// the user must fix even where `go env` rewrites it (a relative GOCACHE
	// prints as "off") or cannot print it at all.
	Settings map[string]string
	// Root is the GOROOT the go binary finds by itself when GOROOT is not
	// set: the tree two levels above the binary, symbolic links resolved,
	// when it holds pkg/tool. "" when unknown.
	Root string
	// RootVersion is the first line of VERSION in the GOROOT in effect (a
	// release tree says "go1.26.8"); "" when there is none.
	RootVersion string
}

// Origin is where the go command took a setting from, in its own order of
// precedence.
type Origin string

const (
	OriginEnv     Origin = "env"     // the process environment
	OriginGOENV   Origin = "GOENV"   // the user's go env file, written by `go env -w`
	OriginGOROOT  Origin = "GOROOT"  // $GOROOT/go.env, the defaults the toolchain ships (or a repackager changed)
	OriginDefault Origin = "default" // none of them: the go command's built-in default
)

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
// WSL: drvfs (WSL1), 9p with aname=drvfs (WSL2), or virtiofs below the
// automount root (newer WSL2). It is nil outside WSL. A path that is a
// symbolic link into a drive (~/src -> /mnt/c/src) is on that drive.
func (i *Info) WindowsDrive(path string) *Mount {
	if i.WSL.Version == 0 {
		return nil
	}
	if m := i.windowsMount(path); m != nil {
		return m
	}
	if real, err := filepath.EvalSymlinks(path); err == nil && real != path {
		return i.windowsMount(real)
	}
	return nil
}

func (i *Info) windowsMount(path string) *Mount {
	m := i.MountOf(path)
	if m == nil {
		return nil
	}
	switch m.FSType {
	case "drvfs":
		return m
	case "9p":
		// WSL's 9p server is asked for "drvfs;path=C:\;…" (drvfs.cpp).
		if name, _, _ := strings.Cut(m.Options["aname"], ";"); name == "drvfs" {
			return m
		}
	case "virtiofs":
		// virtiofs is also how other VMs share folders; WSL mounts drives
		// at <root><letter>, strictly below the root.
		if root := i.WSLConf.AutomountRoot; strings.HasPrefix(m.Point, root) && len(m.Point) > len(root) {
			return m
		}
	}
	return nil
}

var driveRoot = regexp.MustCompile(`^[A-Za-z]:\\?$`)

// Drive is "C:" when the mount says which Windows drive it is: WSL2's 9p
// options carry path=C:\, WSL1's drvfs source is C:. It is "" otherwise.
func (m *Mount) Drive() string {
	src := m.Source
	if m.FSType == "9p" {
		for _, opt := range strings.Split(m.Options["aname"], ";") {
			if p, ok := strings.CutPrefix(opt, "path="); ok {
				src = p
			}
		}
	}
	if driveRoot.MatchString(src) {
		return strings.ToUpper(src[:2])
	}
	return ""
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
