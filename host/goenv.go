package host

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// goEnvTimeout bounds the one `go env` run; a healthy one takes ~5 ms.
const goEnvTimeout = 10 * time.Second

// goEnvVars are the variables the probe asks `go env -json` for. Naming them
// matters: a bare `go env` also computes CGO_CFLAGS, GOGCCFLAGS and friends,
// which creates (and removes) a build directory under GOTMPDIR and runs the C
// compiler to test its flags — and the probe must never write or run more
// than the go command itself. Names an older toolchain does not know print
// as "".
var goEnvVars = []string{
	"AR", "CC", "CGO_ENABLED", "CXX", "GCCGO", "GO111MODULE", "GOARCH", "GOAUTH", "GOBIN",
	"GOCACHE", "GOCACHEPROG", "GODEBUG", "GOENV", "GOEXE", "GOEXPERIMENT", "GOFIPS140",
	"GOFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOINSECURE", "GOMOD", "GOMODCACHE", "GONOPROXY",
	"GONOSUMDB", "GOOS", "GOPATH", "GOPRIVATE", "GOPROXY", "GOROOT", "GOSUMDB",
	"GOTELEMETRY", "GOTELEMETRYDIR", "GOTMPDIR", "GOTOOLCHAIN", "GOTOOLDIR", "GOVCS",
	"GOVERSION", "GOWORK",
}

// computed are variables the go command derives rather than reads from its
// configuration, so they have no origin.
var computed = []string{"GOVERSION", "GOMOD", "GOEXE", "GOHOSTOS", "GOHOSTARCH", "GOTOOLDIR"}

// probeGo finds go on the PATH of env and runs it once:
//
//	GOTOOLCHAIN=local go env -json <goEnvVars>   (in /)
//
// GOTOOLCHAIN=local keeps the go command from downloading and running another
// toolchain, so GOVERSION is the installed one; "/" is outside any module, so
// no go.mod or go.work can ask for a switch either. Everything else of the
// user's environment is passed through unchanged — GOFLAGS included, which
// `go env` prints without validating — so the values are the user's own.
// The override hides the user's GOTOOLCHAIN, which Probe then resolves from
// the same sources the go command reads (see resolveOrigins).
func probeGo(ctx context.Context, env map[string]string) GoEnv {
	var g GoEnv
	path, err := lookPath("go", env["PATH"])
	if err != nil {
		g.Err = err.Error()
	} else {
		g.Path = path
		g.Vars, err = runGoEnv(ctx, path, env)
		if err != nil {
			g.Err = err.Error()
		}
	}
	return g
}

func runGoEnv(ctx context.Context, goPath string, env map[string]string) (map[string]string, error) {
	ctx, cancel := context.WithTimeout(ctx, goEnvTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, goPath, append([]string{"env", "-json"}, goEnvVars...)...)
	cmd.Dir = string(filepath.Separator)
	cmd.Env = environ(env, "GOTOOLCHAIN", "local")
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%s env: %s", goPath, msg)
		}
		return nil, fmt.Errorf("%s env: %w", goPath, err)
	}
	vars := map[string]string{}
	if err := json.Unmarshal(stdout.Bytes(), &vars); err != nil {
		return nil, fmt.Errorf("%s env -json: %w", goPath, err)
	}
	return vars, nil
}

// environ turns env into a process environment with key set to value.
func environ(env map[string]string, key, value string) []string {
	out := make([]string, 0, len(env)+1)
	for k, v := range env {
		if k != key {
			out = append(out, k+"="+v)
		}
	}
	slices.Sort(out)
	return append(out, key+"="+value)
}

// lookPath is exec.LookPath with the PATH of the probed environment rather
// than the process's. Like exec.LookPath it never returns a path relative to
// the current directory (an empty or relative PATH entry).
func lookPath(file, pathList string) (string, error) {
	for _, dir := range filepath.SplitList(pathList) {
		if !filepath.IsAbs(dir) {
			continue
		}
		p := filepath.Join(dir, file)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() && st.Mode().Perm()&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("no %q on PATH", file)
}

// resolveOrigins records where each configurable setting comes from, the way
// cmd/go/internal/cfg.Getenv looks it up: a non-empty environment variable,
// else the user's GOENV file (written by `go env -w`; a key there wins even
// when empty), else $GOROOT/go.env, else the go command's built-in default;
// and, in Settings, the value found there. read reads a file of the machine
// (below a replayed machine's sysroot). When ranLocal, Vars came from the
// probe's own GOTOOLCHAIN=local run and GOTOOLCHAIN in Vars is replaced by
// the user's effective value; a recorded `go env` already holds it.
func resolveOrigins(g *GoEnv, env map[string]string, read func(string) ([]byte, error), ranLocal bool) {
	user := readGoEnvFile(goEnvFile(g.Vars, env), read)
	var goroot map[string]string
	if root := goRootInEffect(g, env, user); root != "" {
		goroot = readGoEnvFile(filepath.Join(root, "go.env"), read)
		delete(goroot, "GOROOT") // cfg ignores a GOROOT in go.env
	}
	keys := map[string]bool{"GOTOOLCHAIN": true}
	for _, m := range []map[string]string{g.Vars, user, goroot} {
		for k := range m {
			keys[k] = !slices.Contains(computed, k)
		}
	}
	for k := range env {
		if slices.Contains(goEnvVars, k) && env[k] != "" {
			keys[k] = !slices.Contains(computed, k)
		}
	}
	g.Origins = map[string]Origin{}
	g.Settings = map[string]string{}
	for k, configurable := range keys {
		if !configurable {
			continue
		}
		value, origin := "", OriginDefault
		if v, ok := user[k]; ok {
			value, origin = v, OriginGOENV
		} else if v, ok := goroot[k]; ok {
			value, origin = v, OriginGOROOT
		}
		if v := env[k]; v != "" {
			value, origin = v, OriginEnv
		}
		g.Origins[k] = origin
		if origin != OriginDefault {
			g.Settings[k] = value
		}
		if k == "GOTOOLCHAIN" && g.Vars != nil && ranLocal {
			g.Vars[k] = value
		}
	}
}

// goRootInEffect is the GOROOT whose go.env the go command reads: the one
// `go env` printed, else — when it could not run — the user's setting, else
// the binary's own tree (cmd/go/internal/cfg.findGOROOT).
func goRootInEffect(g *GoEnv, env, user map[string]string) string {
	switch {
	case g.Vars["GOROOT"] != "":
		return g.Vars["GOROOT"]
	case env["GOROOT"] != "":
		return env["GOROOT"]
	case user["GOROOT"] != "":
		return user["GOROOT"]
	}
	return g.Root
}

// goEnvFile is the user's go env file: what `go env` printed as GOENV, or,
// when it could not run, cfg.EnvFile's rule applied to env.
func goEnvFile(vars, env map[string]string) string {
	if f, ok := vars["GOENV"]; ok {
		return f
	}
	if f := env["GOENV"]; f != "" {
		return f
	}
	dir := env["XDG_CONFIG_HOME"]
	if !filepath.IsAbs(dir) {
		home := env["HOME"]
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
		if runtime.GOOS == "darwin" {
			dir = filepath.Join(home, "Library", "Application Support")
		}
	}
	return filepath.Join(dir, "go", "env")
}

// readGoEnvFile parses a go env file as cmd/go/internal/cfg.readEnvFile does:
// KEY=value lines, where a line without "=" or not starting with an
// upper-case letter is ignored, values are taken verbatim and a later line
// wins. A missing or unreadable file, or GOENV=off, is no settings — the go
// command reads it the same forgiving way.
func readGoEnvFile(path string, read func(string) ([]byte, error)) map[string]string {
	if path == "" || path == "off" {
		return nil
	}
	data, err := read(path)
	if err != nil {
		return nil
	}
	m := map[string]string{}
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSuffix(line, "\n")
		k, v, ok := strings.Cut(line, "=")
		if !ok || line[0] < 'A' || line[0] > 'Z' {
			continue
		}
		m[k] = v
	}
	return m
}
