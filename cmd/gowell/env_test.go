package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/host"
)

// aliceEnv is the environment of the replayed machine below.
var aliceEnv = map[string]string{"HOME": "/home/alice", "USER": "alice", "WSL_DISTRO_NAME": "Ubuntu",
	"PATH": "/home/alice/bin:/usr/bin:/bin:/mnt/c/Users/alice/AppData/Local/Microsoft/WindowsApps:/mnt/c/Program Files/Go/bin"}

// wsl2Sysroot is a WSL2 distro whose user, alice, keeps the workspace on
// drive C: (9p, no metadata), her GOPATH there too (with go env -w), has only
// Windows' go.exe on PATH, a 2 GB VM and a wsl.conf asking WSL2 for
// case=force: a machine with something for most WSL rules to say.
func wsl2Sysroot(t *testing.T, work string) string {
	t.Helper()
	var env strings.Builder
	for k, v := range aliceEnv {
		env.WriteString(k + "=" + v + "\n")
	}
	return writeTree(t, map[string]string{
		"proc/sys/kernel/osrelease":          "5.15.167.4-microsoft-standard-WSL2\n",
		"proc/sys/fs/binfmt_misc/WSLInterop": "enabled\ninterpreter /init\nflags: PF\noffset 0\nmagic 4d5a\n",
		"proc/self/mountinfo": "60 1 8:32 / / rw,relatime shared:1 - ext4 /dev/sdc rw,discard,errors=remount-ro,data=ordered\n" +
			`65 60 0:56 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5` + "\n" +
			`66 60 0:56 /src ` + work + ` rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5` + "\n",
		"proc/meminfo":                      "MemTotal:        1987364 kB\nSwapTotal:       1048576 kB\n",
		"etc/wsl.conf":                      "[automount]\noptions = case=force\n[user]\ndefault = alice\n",
		"env":                               env.String(),
		"mnt/c/Program Files/Go/bin/go.exe": "",
		"home/alice/.config/go/env":         "GOPATH=/mnt/c/Users/alice/go\n",
		"goenv.json": `{"GOVERSION": "go1.26.8", "GOROOT": "/usr/local/go", "GOPATH": "/mnt/c/Users/alice/go",
			"GOMODCACHE": "/mnt/c/Users/alice/go/pkg/mod", "GOCACHE": "/home/alice/.cache/go-build", "GOTOOLCHAIN": "auto",
			"GOPROXY": "https://proxy.golang.org,direct", "GOSUMDB": "sum.golang.org", "GOENV": "/home/alice/.config/go/env",
			"GOOS": "linux", "GOARCH": "amd64", "GOHOSTOS": "linux", "GOHOSTARCH": "amd64"}`,
	})
}

func runEnvIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := runEnv(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func checkFindings(t *testing.T, work, sysroot string) []diagnostics.Finding {
	t.Helper()
	_, out, stderr := gowell(t, work, "check", "--sysroot", sysroot, "--format", "json", work)
	var got struct{ Findings []diagnostics.Finding }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("check: %v\n%s%s", err, out, stderr)
	}
	return got.Findings
}

// TestEnvSaveReplaysTheSameFindings is the bug-report round trip: what
// `gowell check` finds on a machine, it finds again on the machine's saved
// snapshot — with the user's name redacted, and nothing else changed.
func TestEnvSaveReplaysTheSameFindings(t *testing.T) {
	work := writeTree(t, map[string]string{"go.mod": "module example.com/app\n\ngo 1.24\n"})
	sys := wsl2Sysroot(t, work)
	want := checkFindings(t, work, sys)
	codes := map[string]bool{}
	for _, f := range want {
		codes[f.Code] = true
	}
	for _, c := range []string{"WSL003", "WSL004", "WSL006", "WSL008", "WSL010", "WSL011"} {
		if !codes[c] {
			t.Errorf("the machine does not show %s; findings: %+v", c, want)
		}
	}

	snap := filepath.Join(t.TempDir(), "snapshot")
	code, out, stderr := runEnvIn(t, work, "--sysroot", sys, "--save", snap, work)
	if code != exitOK || !strings.Contains(out, "gowell check --sysroot "+snap) {
		t.Fatalf("env --save: exit %d\n%s%s", code, out, stderr)
	}
	got := checkFindings(t, work, snap)

	r := host.NewRedactor(aliceEnv, true)
	for i := range want {
		want[i].Message = r.String(want[i].Message)
		for k := range want[i].Fixes {
			if c := want[i].Fixes[k].Command; c != nil {
				for a := range c.Argv {
					c.Argv[a] = r.String(c.Argv[a])
				}
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the snapshot replays other findings:\n got %+v\nwant %+v", got, want)
	}
	if !strings.Contains(strings.Join(messages(got), "\n"), "/mnt/c/Users/<user>/go") {
		t.Errorf("the replayed GOPATH is not redacted: %v", messages(got))
	}

	if code, _, stderr := runEnvIn(t, work, "--sysroot", sys, "--save", snap, work); code != exitUsage || !strings.Contains(stderr, "not empty") {
		t.Errorf("a second save into the same directory: exit %d, %s", code, stderr)
	}
}

func messages(fs []diagnostics.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Message)
	}
	return out
}

func TestEnvText(t *testing.T) {
	work := writeTree(t, map[string]string{"go.mod": "module example.com/app\n\ngo 1.24\n"})
	sys := wsl2Sysroot(t, work)
	code, out, stderr := runEnvIn(t, work, "--sysroot", sys, work)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"WSL2 (Ubuntu), kernel 5.15.167.4-microsoft-standard-WSL2",
		"options \"case=force\"",
		"9p drvfs (Windows drive)  GOPATH /mnt/c/Users/<user>/go",
		"workspace " + work,
		"GOPATH /mnt/c/Users/<user>/go",
		"go.exe",
		"/mnt/c/Program Files/Go/bin/go.exe",
		"GOCACHE",
		"~/.cache/go-build",
		"GOENV",
		"~/.config/go/env",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("env lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "alice") {
		t.Errorf("env shows the user's name:\n%s", out)
	}
}

func TestEnvJSON(t *testing.T) {
	work := writeTree(t, map[string]string{"go.mod": "module example.com/app\n\ngo 1.24\n"})
	sys := wsl2Sysroot(t, work)
	code, out, stderr := runEnvIn(t, work, "--sysroot", sys, "--format", "json", work)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var v envView
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if v.WSL.Version != 2 || v.Which["go"] != "" || v.Which["go.exe"] != "/mnt/c/Program Files/Go/bin/go.exe" || v.WSLConf == nil {
		t.Errorf("env JSON = %+v", v)
	}
	var gopath varView
	for _, x := range v.Go.Vars {
		if x.Name == "GOPATH" {
			gopath = x
		}
	}
	if gopath.Value != "/mnt/c/Users/<user>/go" || gopath.Origin != "GOENV" {
		t.Errorf("GOPATH = %+v, want the redacted value from the go env file", gopath)
	}
	var ws *mountView
	for i, m := range v.Mounts {
		if slices := m.Holds; len(slices) > 0 && strings.HasPrefix(slices[0], "workspace ") {
			ws = &v.Mounts[i]
		}
	}
	if ws == nil || ws.Point != work || !ws.WindowsDrive {
		t.Errorf("mounts = %+v, want the workspace's drive", v.Mounts)
	}
	if strings.Contains(out, "alice") {
		t.Errorf("env JSON shows the user's name:\n%s", out)
	}
}

func TestEnvUsage(t *testing.T) {
	if code, _, stderr := runEnvIn(t, t.TempDir(), "--format", "yaml"); code != exitUsage || !strings.Contains(stderr, "unknown format") {
		t.Errorf("exit %d, %s", code, stderr)
	}
	if code, _, _ := runEnvIn(t, t.TempDir(), "-h"); code != exitOK {
		t.Errorf("-h exits %d", code)
	}
}
