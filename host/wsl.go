package host

import "strings"

// wslMarkers are what the probe read to decide whether this is a WSL distro.
type wslMarkers struct {
	osrelease string // /proc/sys/kernel/osrelease
	distro    string // $WSL_DISTRO_NAME
	interop   *string
	runWSL    bool // /run/WSL exists
	dockerenv bool // /.dockerenv exists
}

// detectWSL applies RULES-FACTS A.1. The kernel string is compared
// case-sensitively: WSL's init says the lxcore (WSL1) kernel contains
// "Microsoft" and the utility-VM (WSL2) kernel "microsoft". A Docker
// container on Docker Desktop's WSL2 backend runs on that same kernel, so a
// distro also needs a mark WSL's init leaves — $WSL_DISTRO_NAME, the
// WSLInterop binfmt handler or /run/WSL — and no /.dockerenv.
func detectWSL(m wslMarkers) WSL {
	w := WSL{KernelRelease: m.osrelease, Distro: m.distro, Container: m.dockerenv}
	if m.interop != nil {
		first, _, _ := strings.Cut(*m.interop, "\n")
		w.Interop = strings.TrimSpace(first)
	}
	version := 0
	switch {
	case strings.Contains(m.osrelease, "Microsoft"):
		version = 1
	case strings.Contains(m.osrelease, "microsoft"):
		version = 2
	}
	if version != 0 && (m.distro != "" || m.interop != nil || m.runWSL) && !m.dockerenv {
		w.Version = version
	}
	return w
}
