package host

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// realGo finds the go binary the tests themselves run with.
func realGo(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH")
	}
	return p
}

func writeFile(t *testing.T, path, data string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// scratchHome is a home directory for a real go run, with Go telemetry off:
// otherwise the go command writes counters there and may leave a background
// uploader writing after it exits, and the directory outlives the test.
func scratchHome(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".config", "go", "telemetry", "mode"), "off")
	return dir
}

// goEnvFor is a minimal user environment around the real go binary.

func goEnvFor(t *testing.T, goPath string, extra map[string]string) map[string]string {
	env := map[string]string{
		"PATH": filepath.Dir(goPath),
		"HOME": scratchHome(t),
		// A build directory cannot be created here: the probe must not need one.
		"GOTMPDIR": filepath.Join(t.TempDir(), "missing"),
	}
	for k, v := range extra {
		env[k] = v
	}
	return env
}

// TestProbeRunsTheInstalledGo runs the real go command from inside a module
// that asks for a Go that does not exist, with the user's GOTOOLCHAIN (in the
// GOENV file) naming that Go too: the probe must report the installed
// toolchain, from outside any module, without downloading anything — and
// still report the user's GOTOOLCHAIN.
func TestProbeRunsTheInstalledGo(t *testing.T) {
	goPath := realGo(t)
	mod := t.TempDir()
	writeFile(t, filepath.Join(mod, "go.mod"), "module example.com/future\n\ngo 1.99.0\n")
	t.Chdir(mod)
	userFile := writeFile(t, filepath.Join(t.TempDir(), "go", "env"), "GOTOOLCHAIN=go1.99.0\nGOFLAGS=-mod=mod\n")
	env := goEnvFor(t, goPath, map[string]string{"GOENV": userFile, "GOPROXY": "off"})

	info := Probe(context.Background(), Options{Sysroot: t.TempDir(), Env: env})
	g := info.Go
	if g.Err != "" {
		t.Fatalf("go env failed: %s", g.Err)
	}
	if g.Path != filepath.Join(filepath.Dir(goPath), "go") {
		t.Errorf("Path = %q, want the go on the env's PATH", g.Path)
	}
	if v := g.Version(); !regexp.MustCompile(`^go1\.\d+(\.\d+)?([a-z]+\d+)?$`).MatchString(v) || v == "go1.99.0" {
		t.Errorf("GOVERSION = %q, want the installed toolchain's go1.N.M", v)
	}
	if g.Vars["GOMOD"] != os.DevNull {
		t.Errorf("GOMOD = %q: the probe ran inside a module", g.Vars["GOMOD"])
	}
	want := map[string]struct {
		value  string
		origin Origin
	}{
		"GOTOOLCHAIN": {"go1.99.0", OriginGOENV},
		"GOFLAGS":     {"-mod=mod", OriginGOENV},
		"GOPROXY":     {"off", OriginEnv},
		"GOENV":       {userFile, OriginEnv},
	}
	for k, w := range want {
		if g.Vars[k] != w.value || g.Origins[k] != w.origin {
			t.Errorf("%s = %q from %q, want %q from %q", k, g.Vars[k], g.Origins[k], w.value, w.origin)
		}
	}
	for _, k := range []string{"GOVERSION", "GOMOD", "GOHOSTOS"} {
		if o, ok := g.Origins[k]; ok {
			t.Errorf("computed %s has an origin %q", k, o)
		}
	}
	if _, ok := g.Vars["GOGCCFLAGS"]; ok {
		t.Errorf("the probe asked for GOGCCFLAGS, which runs the C compiler")
	}
}

func TestProbeGoToolchainFromEnv(t *testing.T) {
	goPath := realGo(t)
	env := goEnvFor(t, goPath, map[string]string{"GOTOOLCHAIN": "auto", "GOSUMDB": "off", "GOENV": "off"})
	g := Probe(context.Background(), Options{Sysroot: t.TempDir(), Env: env}).Go
	if g.Err != "" {
		t.Fatal(g.Err)
	}
	if g.Vars["GOTOOLCHAIN"] != "auto" || g.Origins["GOTOOLCHAIN"] != OriginEnv {
		t.Errorf("GOTOOLCHAIN = %q from %q, want the environment's auto, not the probe's local", g.Vars["GOTOOLCHAIN"], g.Origins["GOTOOLCHAIN"])
	}
	if g.Vars["GOSUMDB"] != "off" || g.Origins["GOSUMDB"] != OriginEnv {
		t.Errorf("GOSUMDB = %q from %q", g.Vars["GOSUMDB"], g.Origins["GOSUMDB"])
	}
}

func TestProbeWithoutGo(t *testing.T) {
	g := Probe(context.Background(), Options{Sysroot: t.TempDir(), Env: map[string]string{"PATH": t.TempDir()}}).Go
	if g.Path != "" || g.Vars != nil || !strings.Contains(g.Err, `no "go" on PATH`) {
		t.Errorf("no go on PATH probed as %+v", g)
	}
}

func TestProbeGoCancelled(t *testing.T) {
	goPath := realGo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g := Probe(ctx, Options{Sysroot: t.TempDir(), Env: goEnvFor(t, goPath, nil)}).Go
	if g.Err == "" || g.Vars != nil {
		t.Errorf("a cancelled probe still reported go env: %+v", g)
	}
}

func TestLookPath(t *testing.T) {
	dir := t.TempDir()
	exe := writeFile(t, filepath.Join(dir, "bin", "go"), "#!/bin/sh\n")
	if err := os.Chmod(exe, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "plain", "go"), "not executable")
	if err := os.MkdirAll(filepath.Join(dir, "isdir", "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	sep := string(filepath.ListSeparator)
	got, err := lookPath("go", strings.Join([]string{filepath.Join(dir, "plain"), filepath.Join(dir, "isdir"), filepath.Join(dir, "bin")}, sep))
	if err != nil || got != exe {
		t.Errorf("lookPath = %q, %v; want %q past the non-executable file and the directory", got, err, exe)
	}
	// exec.LookPath refuses results relative to the current directory.
	t.Chdir(filepath.Join(dir, "bin"))
	if got, err := lookPath("go", "."+sep+sep+"bin"); err == nil {
		t.Errorf("lookPath found %q through a relative PATH entry", got)
	}
}

func TestResolveOrigins(t *testing.T) {
	goroot := t.TempDir()
	writeFile(t, filepath.Join(goroot, "go.env"), "# defaults\nGOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\nGOROOT=/elsewhere\n")
	for _, tc := range []struct {
		name, user string
		env        map[string]string
		key, value string
		origin     Origin
	}{
		{"go.env when nothing else sets it", "", nil, "GOTOOLCHAIN", "auto", OriginGOROOT},
		{"the user file over go.env", "GOTOOLCHAIN=local\n", nil, "GOTOOLCHAIN", "local", OriginGOENV},
		{"an empty value in the user file still masks go.env", "GOTOOLCHAIN=\n", nil, "GOTOOLCHAIN", "", OriginGOENV},
		{"a later line of the user file wins", "GOTOOLCHAIN=local\nGOTOOLCHAIN=go1.30.0+auto\n", nil, "GOTOOLCHAIN", "go1.30.0+auto", OriginGOENV},
		{"lines that are not KEY=value are ignored", "# GOTOOLCHAIN=local\ngotoolchain=local\nGOTOOLCHAIN\n", nil, "GOTOOLCHAIN", "auto", OriginGOROOT},
		{"the environment over both", "GOTOOLCHAIN=local\n", map[string]string{"GOTOOLCHAIN": "path"}, "GOTOOLCHAIN", "path", OriginEnv},
		{"an empty environment variable does not count", "", map[string]string{"GOTOOLCHAIN": ""}, "GOTOOLCHAIN", "auto", OriginGOROOT},
		{"GOPROXY from go.env", "", nil, "GOPROXY", "", OriginGOROOT},
		{"go.env cannot set GOROOT", "", nil, "GOROOT", "", OriginDefault},
	} {
		t.Run(tc.name, func(t *testing.T) {
			user := writeFile(t, filepath.Join(t.TempDir(), "env"), tc.user)
			g := GoEnv{Vars: map[string]string{"GOROOT": goroot, "GOENV": user, "GOTOOLCHAIN": "local", "GOPROXY": "", "GOVERSION": "go1.26.8"}}
			resolveOrigins(&g, tc.env, os.ReadFile, true)
			if g.Origins[tc.key] != tc.origin {
				t.Errorf("%s from %q, want %q", tc.key, g.Origins[tc.key], tc.origin)
			}
			if tc.key == "GOTOOLCHAIN" && g.Vars[tc.key] != tc.value {
				t.Errorf("GOTOOLCHAIN = %q, want %q", g.Vars[tc.key], tc.value)
			}
		})
	}
}

func TestResolveOriginsWithoutAnySetting(t *testing.T) {
	g := GoEnv{Vars: map[string]string{"GOROOT": t.TempDir(), "GOENV": "off", "GOTOOLCHAIN": "local"}}
	resolveOrigins(&g, map[string]string{}, os.ReadFile, true)
	// With no go.env line, cmd/go/internal/toolchain.Select never switches.
	if g.Vars["GOTOOLCHAIN"] != "" || g.Origins["GOTOOLCHAIN"] != OriginDefault {
		t.Errorf("GOTOOLCHAIN = %q from %q, want \"\" from the default", g.Vars["GOTOOLCHAIN"], g.Origins["GOTOOLCHAIN"])
	}
}

func TestGoEnvFileWhenGoCannotSay(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"GOENV": "/etc/goenv"}, "/etc/goenv"},
		{map[string]string{"XDG_CONFIG_HOME": "/xdg", "HOME": "/home/me"}, "/xdg/go/env"},
		{map[string]string{"XDG_CONFIG_HOME": "relative", "HOME": "/home/me"}, "/home/me/.config/go/env"},
		{map[string]string{}, ""},
	} {
		if got := goEnvFile(nil, tc.env); got != tc.want && !(tc.want == "/home/me/.config/go/env" && strings.HasPrefix(got, "/home/me/")) {
			t.Errorf("goEnvFile(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}

// BenchmarkProbe measures a live probe of this machine, `go env` included.
func BenchmarkProbe(b *testing.B) {
	for b.Loop() {
		if g := Probe(context.Background(), Options{}).Go; g.Err != "" {
			b.Fatal(g.Err)
		}
	}
}
