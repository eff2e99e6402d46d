package host

import (
	"context"
	"os"
	"testing"

	"github.com/gowell/gowell/internal/testfs"
)

// machine writes host files below a fresh sysroot.
func machine(t *testing.T, files map[string]string) string { return testfs.Tree(t, files) }

// replay probes a machine without running go.
func replay(t *testing.T, files, env map[string]string) *Info {
	t.Helper()
	if env == nil {
		env = map[string]string{}
	}
	return Probe(context.Background(), Options{Sysroot: machine(t, files), Env: env, GoEnv: &GoEnv{}})
}

const (
	wsl1Kernel = "4.4.0-19041-Microsoft\n"
	wsl2Kernel = "5.15.167.4-microsoft-standard-WSL2\n"
	interopOn  = "enabled\ninterpreter /init\nflags: PF\noffset 0\nmagic 4d5a\n"
)

func TestProbeDetectsWSL(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		env   map[string]string
		want  int
	}{
		{"WSL1 kernel with the distro variable", map[string]string{"proc/sys/kernel/osrelease": wsl1Kernel},
			map[string]string{"WSL_DISTRO_NAME": "Ubuntu"}, 1},
		{"WSL2 kernel with the interop handler", map[string]string{"proc/sys/kernel/osrelease": wsl2Kernel,
			"proc/sys/fs/binfmt_misc/WSLInterop": interopOn}, nil, 2},
		{"WSL2 kernel in a systemd service: no variable, but /run/WSL", map[string]string{"proc/sys/kernel/osrelease": wsl2Kernel,
			"run/WSL/8_interop": ""}, nil, 2},
		{"Docker container on the WSL2 kernel", map[string]string{"proc/sys/kernel/osrelease": wsl2Kernel,
			"proc/sys/fs/binfmt_misc/WSLInterop": interopOn, ".dockerenv": ""}, map[string]string{"WSL_DISTRO_NAME": "Ubuntu"}, 0},
		{"WSL2 kernel and no mark of WSL's init", map[string]string{"proc/sys/kernel/osrelease": wsl2Kernel}, nil, 0},
		{"the kernel string is case-sensitive", map[string]string{"proc/sys/kernel/osrelease": "5.15.0-MICROSOFT-custom\n"},
			map[string]string{"WSL_DISTRO_NAME": "Ubuntu"}, 0},
		{"plain Linux", map[string]string{"proc/sys/kernel/osrelease": "6.1.0-28-amd64\n"}, nil, 0},
		{"no /proc at all (macOS)", nil, map[string]string{"WSL_DISTRO_NAME": "Ubuntu"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info := replay(t, tc.files, tc.env)
			if info.WSL.Version != tc.want {
				t.Errorf("WSL version %d, want %d (%+v)", info.WSL.Version, tc.want, info.WSL)
			}
		})
	}
}

func TestProbeRecordsWSLDetails(t *testing.T) {
	info := replay(t, map[string]string{
		"proc/sys/kernel/osrelease":          wsl2Kernel,
		"proc/sys/fs/binfmt_misc/WSLInterop": "disabled\ninterpreter /init\n",
		"proc/self/mountinfo":                rootExt4 + "\n" + wsl2FD + "\n",
		"etc/wsl.conf":                       "[automount]\nroot = /windir\n",
	}, map[string]string{"WSL_DISTRO_NAME": "Debian"})
	w := info.WSL
	if w.Version != 2 || w.Distro != "Debian" || w.KernelRelease != "5.15.167.4-microsoft-standard-WSL2" || w.Interop != "disabled" {
		t.Errorf("WSL = %+v", w)
	}
	if len(info.Mounts) != 2 || info.Mounts[1].Point != "/mnt/c" {
		t.Errorf("mounts = %+v", info.Mounts)
	}
	if !info.WSLConf.Present || info.WSLConf.AutomountRoot != "/windir/" {
		t.Errorf("wsl.conf = %+v", info.WSLConf)
	}
}

func TestProbeDefaults(t *testing.T) {
	info := replay(t, nil, nil)
	if info.WSLConf.Present || info.WSLConf.AutomountRoot != "/mnt/" || !info.WSLConf.InteropEnabled {
		t.Errorf("without /etc/wsl.conf: %+v, want WSL's defaults", info.WSLConf)
	}
	if info.Mounts != nil || info.WSL != (WSL{}) {
		t.Errorf("an empty machine probed as %+v", info)
	}

	// A nil Env is the process environment, so the CLI can pass nil.
	t.Setenv("GOWELL_PROBE_TEST", "yes")
	info = Probe(context.Background(), Options{Sysroot: t.TempDir(), GoEnv: &GoEnv{}})
	if info.Env["GOWELL_PROBE_TEST"] != "yes" || info.Env["PATH"] != os.Getenv("PATH") {
		t.Errorf("nil Env did not default to the process environment")
	}
}
