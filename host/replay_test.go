package host

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// wsl2Machine is a WSL2 distro as `gowell env --save` would copy it, plus
// the binaries the PATH lookups find: alice's go env file sets GOPATH, the
// distribution's go.env pins GOTOOLCHAIN, /usr/bin/go links into /usr/lib/go.
func wsl2Machine(t *testing.T) string {
	t.Helper()
	root := machine(t, map[string]string{
		"proc/sys/kernel/osrelease":          wsl2Kernel,
		"proc/sys/fs/binfmt_misc/WSLInterop": interopOn,
		"proc/self/mountinfo":                rootExt4 + "\n" + wsl2FD + "\n" + `80 60 8:32 /home/alice/shared /srv/shared rw,relatime - ext4 /dev/sdc rw` + "\n",
		"proc/meminfo":                       "MemTotal:        8049768 kB\nSwapTotal:       2097152 kB\n",
		"etc/wsl.conf":                       "[automount]\noptions = \"metadata\"\n[user]\ndefault = alice\n",
		"run/WSL/8_interop":                  "",
		"env": "HOME=/home/alice\nUSER=alice\nWSL_DISTRO_NAME=Ubuntu\nCC=clang\nGITHUB_TOKEN=ghp_x\n" +
			"PATH=/home/alice/bin:/usr/bin:/bin:/mnt/c/Users/Alice Smith/AppData/Local/Microsoft/WindowsApps:/mnt/c/Program Files/Go/bin\n",
		"goenv.json": `{"GOVERSION": "go1.26.8", "GOROOT": "/usr/lib/go", "GOPATH": "/home/alice/gopath", "GOMODCACHE": "/home/alice/gopath/pkg/mod",
			"GOTOOLCHAIN": "local", "GOPROXY": "https://alice:tok@proxy.corp/go", "CC": "clang", "CGO_ENABLED": "1", "GOENV": "/home/alice/.config/go/env"}`,
		"home/alice/.config/go/env":         "GOPATH=/home/alice/gopath\nGOPROXY=https://alice:tok@proxy.corp/go\n",
		"usr/lib/go/go.env":                 "GOTOOLCHAIN=local\n",
		"usr/lib/go/VERSION":                "go1.26.8\ntime 2026-07-01T00:00:00Z\n",
		"usr/lib/go/bin/go":                 "",
		"usr/lib/go/pkg/tool/linux_amd64/x": "",
		"mnt/c/Program Files/Go/bin/go.exe": "",
	})
	if err := os.MkdirAll(filepath.Join(root, "usr/bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../lib/go/bin/go", filepath.Join(root, "usr/bin/go")); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestProbeReplaysASavedMachine(t *testing.T) {
	info := Probe(context.Background(), Options{Sysroot: wsl2Machine(t)})
	if info.Env["USER"] != "alice" || info.Env["WSL_DISTRO_NAME"] != "Ubuntu" {
		t.Errorf("Env = %v, want <sysroot>/env", info.Env)
	}
	g := info.Go
	if g.Vars["GOPATH"] != "/home/alice/gopath" || g.Err != "" {
		t.Errorf("go env = %v (%q), want <sysroot>/goenv.json", g.Vars, g.Err)
	}
	if g.Path != "/usr/bin/go" || g.Root != "/usr/lib/go" || g.RootVersion != "go1.26.8" {
		t.Errorf("Path %q, Root %q, RootVersion %q: want /usr/bin/go, its tree /usr/lib/go behind the link, go1.26.8", g.Path, g.Root, g.RootVersion)
	}
	if g.Origins["GOPATH"] != OriginGOENV || g.Settings["GOPATH"] != "/home/alice/gopath" ||
		g.Origins["GOTOOLCHAIN"] != OriginGOROOT || g.Vars["GOTOOLCHAIN"] != "local" || g.Origins["CC"] != OriginEnv {
		t.Errorf("origins %v, settings %v: want them read below the sysroot", g.Origins, g.Settings)
	}
	if _, ok := g.Settings["GOMODCACHE"]; ok {
		t.Errorf("GOMODCACHE is derived from GOPATH, yet has a setting %q", g.Settings["GOMODCACHE"])
	}
	want := map[string]string{"go": "/usr/bin/go", "go.exe": "/mnt/c/Program Files/Go/bin/go.exe", "clang": ""}
	if !maps.Equal(info.Which, want) {
		t.Errorf("Which = %v, want %v", info.Which, want)
	}
	if info.Memory == nil || info.Memory.Total != 8049768*1024 || info.Memory.SwapTotal != 2<<30 {
		t.Errorf("Memory = %+v", info.Memory)
	}
}

func TestProbeReplayOptionsWin(t *testing.T) {
	root := wsl2Machine(t)
	info := Probe(context.Background(), Options{Sysroot: root, Env: map[string]string{"USER": "bob"}, GoEnv: &GoEnv{Vars: map[string]string{"GOVERSION": "go1.25.0"}}})
	if info.Env["USER"] != "bob" || info.Go.Version() != "go1.25.0" {
		t.Errorf("explicit Env and GoEnv lost to the sysroot's files: %v, %v", info.Env, info.Go.Vars)
	}
}

func TestProbeReplaysAFailedGoEnv(t *testing.T) {
	root := machine(t, map[string]string{
		"env":                     "HOME=/home/dev\nPATH=/usr/local/go/bin\n",
		"goenv.err":               "/usr/local/go/bin/go env: go: GOPATH entry is relative; must be absolute path: \"C\".\n",
		"home/dev/.config/go/env": "GOPATH=C:\\Users\\dev\\go\n",
	})
	g := Probe(context.Background(), Options{Sysroot: root}).Go
	if g.Vars != nil || !strings.Contains(g.Err, "GOPATH entry is relative") {
		t.Errorf("go env = %v, %q: want the recorded failure", g.Vars, g.Err)
	}
	if g.Settings["GOPATH"] != `C:\Users\dev\go` || g.Origins["GOPATH"] != OriginGOENV {
		t.Errorf("the setting that broke go env is not visible: %v %v", g.Settings, g.Origins)
	}
}

func TestProbeMachineDetails(t *testing.T) {
	info := replay(t, map[string]string{
		"proc/sys/kernel/osrelease": wsl2Kernel,
		".dockerenv":                "",
		"proc/meminfo":              "MemFree: 1 kB\n",
		"sysctl/hw.optional.arm64":  "1\n",
	}, map[string]string{"WSL_DISTRO_NAME": "Ubuntu"})
	if !info.WSL.Container || info.WSL.Version != 0 || !info.WSL.KernelSaysWSL() {
		t.Errorf("WSL = %+v: a container on WSL's kernel", info.WSL)
	}
	if info.Memory != nil {
		t.Errorf("meminfo without MemTotal gave %+v", info.Memory)
	}
	if info.Sysctl["hw.optional.arm64"] != "1" {
		t.Errorf("Sysctl = %v", info.Sysctl)
	}
	if _, ok := info.Which["go.exe"]; ok {
		t.Errorf("go.exe looked up outside WSL")
	}
}

func TestCommandName(t *testing.T) {
	for in, want := range map[string]string{"gcc": "gcc", " gcc -m64": "gcc", `'/opt/my cc/bin/cc' -x`: "/opt/my cc/bin/cc", `"zig" cc`: "zig", "": "", `"open`: ""} {
		if got := CommandName(in); got != want {
			t.Errorf("CommandName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSaveRoundTrip saves a probed machine and probes the snapshot: it must
// see the same machine, redacted, and hold nothing that names the user or a
// variable gowell does not read.
func TestSaveRoundTrip(t *testing.T) {
	before := Probe(context.Background(), Options{Sysroot: wsl2Machine(t)})
	r := NewRedactor(before.Env, true)
	dir := filepath.Join(t.TempDir(), "snapshot")
	if err := before.Save(dir, r); err != nil {
		t.Fatal(err)
	}
	after := Probe(context.Background(), Options{Sysroot: dir})

	if after.WSL != before.WSL || after.WSLConf != before.WSLConf || !reflect.DeepEqual(after.Memory, before.Memory) {
		t.Errorf("WSL %+v / %+v, wsl.conf %+v / %+v, memory %+v / %+v", after.WSL, before.WSL, after.WSLConf, before.WSLConf, after.Memory, before.Memory)
	}
	if len(after.Mounts) != len(before.Mounts) || after.Mounts[2].Point != "/srv/shared" || after.Mounts[1].Options["aname"] != before.Mounts[1].Options["aname"] {
		t.Errorf("mounts %+v", after.Mounts)
	}
	g, b := after.Go, before.Go
	redacted := func(m map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			out[k] = r.String(v)
		}
		return out
	}
	if !maps.Equal(g.Vars, redacted(b.Vars)) || !maps.Equal(g.Origins, b.Origins) || !maps.Equal(g.Settings, redacted(b.Settings)) {
		t.Errorf("go env after the round trip:\n%v\n%v\n%v\nwant\n%v\n%v\n%v", g.Vars, g.Origins, g.Settings, redacted(b.Vars), b.Origins, redacted(b.Settings))
	}
	if g.Path != b.Path || g.Root != b.Root || g.RootVersion != b.RootVersion || !maps.Equal(after.Which, redacted(before.Which)) {
		t.Errorf("go binary %q %q %q, which %v; want %q %q %q, %v", g.Path, g.Root, g.RootVersion, after.Which, b.Path, b.Root, b.RootVersion, before.Which)
	}
	if after.Env["HOME"] != "/home/<user>" || after.Env["USER"] != "<user>" || after.Env["GITHUB_TOKEN"] != "" ||
		!strings.Contains(after.Env["PATH"], "/mnt/c/Users/<user>/AppData") {
		t.Errorf("env = %v", after.Env)
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.Contains(p, "alice") {
			t.Errorf("snapshot path %s names the user", p)
		}
		if d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			for _, secret := range []string{"alice", "Alice", "ghp_x", "tok@"} {
				if strings.Contains(string(b), secret) {
					t.Errorf("%s holds %q:\n%s", p, secret, b)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := before.Save(dir, r); err == nil {
		t.Errorf("Save wrote into a directory that is not empty")
	}
}
