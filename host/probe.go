package host

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Options say where the probe reads the machine.
//
// A sysroot other than "/" replays a machine: its files are read below it
// (<sysroot>/proc/self/mountinfo, <sysroot>/etc/wsl.conf, …), and it may also
// carry what the probe learns from the process rather than from files —
// `gowell env --save DIR` writes all of these (see Save):
//
//	<sysroot>/env          the environment, VAR=value lines; used when Env is nil
//	<sysroot>/goenv.json   what `go env -json` printed; used instead of running go when GoEnv is nil
//	<sysroot>/goenv.err    why `go env` failed, for a machine where it did (instead of goenv.json)
//	<sysroot>/sysctl/NAME  a macOS sysctl value, e.g. sysctl/hw.optional.arm64
//	<sysroot>/gitconfig.txt  what `git config --show-origin --get-regexp` printed (see Info.Git)
//	<sysroot>/xattr/PATH/NAME  extended attribute NAME of PATH (see Info.CaseSensitive)
type Options struct {
	Sysroot string            // default "/"
	Env     map[string]string // nil: the process environment, or <sysroot>/env
	// GoEnv, when set, replaces running `go env` (fixtures and replays carry
	// the JSON a real toolchain printed). What it leaves out — Origins,
	// Settings, Root, RootVersion — the probe derives from Env and the
	// machine's files as it does for a live run.
	GoEnv *GoEnv
}

// Probe reads the machine. It never fails: what it cannot read is left at its
// zero value and explained in the fields that carry errors.
//
// When neither Options.GoEnv nor a replayed goenv.json or goenv.err gives
// `go env`, the probe runs the real go found on Env's PATH, concurrently with
// the reads. On a live machine it also runs git once, to read git settings.
func Probe(ctx context.Context, opts Options) *Info {
	if opts.Sysroot == "" {
		opts.Sysroot = "/"
	}
	info := &Info{Sysroot: opts.Sysroot}
	replay := filepath.Clean(opts.Sysroot) != "/"
	if opts.Env == nil && replay {
		opts.Env = info.replayedEnv()
	}
	if opts.Env == nil {
		opts.Env = processEnv()
	}
	info.Env = opts.Env
	if opts.GoEnv == nil && replay {
		opts.GoEnv = info.replayedGoEnv()
	}

	var wg sync.WaitGroup
	if opts.GoEnv != nil {
		info.Go = *opts.GoEnv
	} else {
		wg.Go(func() { info.Go = probeGo(ctx, opts.Env) })
	}
	wg.Go(func() { info.Git = info.gitConfig(ctx, replay) })

	osrelease, _ := info.read("/proc/sys/kernel/osrelease")
	m := wslMarkers{
		osrelease: strings.TrimSpace(osrelease),
		distro:    opts.Env["WSL_DISTRO_NAME"],
		runWSL:    info.exists("/run/WSL"),
		dockerenv: info.exists("/.dockerenv"),
	}
	if s, ok := info.read("/proc/sys/fs/binfmt_misc/WSLInterop"); ok {
		m.interop = &s
	}
	info.WSL = detectWSL(m)
	if s, ok := info.read("/proc/self/mountinfo"); ok {
		info.Mounts = parseMountinfo([]byte(s))
	}
	info.WSLConf = defaultWSLConf()
	if s, ok := info.read("/etc/wsl.conf"); ok {
		info.WSLConf = parseWSLConf([]byte(s))
	}
	if s, ok := info.read("/proc/meminfo"); ok {
		info.Memory = parseMeminfo(s)
	}
	info.Sysctl = info.sysctls(replay)
	info.Inotify = info.probeInotify()
	info.Which = map[string]string{}
	if info.WSL.Version != 0 {
		// Windows' PATH is appended under WSL: go.exe is the Windows toolchain.
		info.Which["go.exe"] = info.which("go.exe")
	}

	wg.Wait()
	// The go side — the go binary, the files it reads, the compiler it runs —
	// is the real machine's when the probe ran the real go, even below a
	// sysroot that replays the rest.
	goSide := info
	if info.goLive = opts.GoEnv == nil; info.goLive {
		goSide = &Info{Sysroot: "/", Env: info.Env}
		info.Which["go"] = info.Go.Path
	} else if info.Which["go"] = info.which("go"); info.Go.Path == "" {
		info.Go.Path = info.Which["go"] // a replayed goenv.json names no binary
	}
	goSide.completeGo(&info.Go, info.Which, opts.GoEnv == nil)
	return info
}

// completeGo derives what `go env -json` does not say, reading the go side's
// files: where each setting comes from, the binary's own GOROOT and the
// version of the GOROOT in effect; and it looks up the C compiler go runs.
func (i *Info) completeGo(g *GoEnv, which map[string]string, ranLocal bool) {
	if g.Root == "" {
		g.Root = i.goRoot(g.Path)
	}
	if g.Origins == nil {
		resolveOrigins(g, i.Env, i.readFile, ranLocal)
	}
	if g.RootVersion == "" {
		root := g.Vars["GOROOT"]
		if root == "" {
			root = g.Settings["GOROOT"]
		}
		if root != "" {
			if s, ok := i.read(filepath.Join(root, "VERSION")); ok {
				g.RootVersion, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
			}
		}
	}
	if cc := CommandName(g.Vars["CC"]); cc != "" {
		which[cc] = i.which(cc)
	}
}

// goRoot finds the tree a go binary belongs to as cmd/go/internal/cfg's
// findGOROOT does: two (or, for a cross-compiled go, three) levels above the
// binary, symbolic links resolved, when that directory holds pkg/tool.
func (i *Info) goRoot(goPath string) string {
	if goPath == "" {
		return ""
	}
	exe := i.Real(goPath)
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	for _, up := range []string{"../..", "../../.."} {
		dir := filepath.Join(exe, up)
		if st, err := os.Stat(filepath.Join(dir, "pkg", "tool")); err == nil && st.IsDir() {
			return i.machinePath(dir)
		}
	}
	return ""
}

// machinePath turns a path below the sysroot back into the machine's path;
// "" when it lies outside (a symbolic link that escaped the replay).
func (i *Info) machinePath(real string) string {
	rel, err := filepath.Rel(i.Sysroot, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, "../") {
		return ""
	}
	return filepath.Join("/", rel)
}

// which finds a command on Env's PATH the way exec.LookPath does: names with
// a slash are taken as they are (only absolute ones), and relative PATH
// entries never count. It returns "" when there is none. Files copied into
// a replayed machine carry no modes (a txtar fixture cannot), so there any
// regular file counts as executable.
func (i *Info) which(name string) string {
	if strings.Contains(name, "/") {
		if filepath.IsAbs(name) && i.executable(name) {
			return name
		}
		return ""
	}
	for _, dir := range filepath.SplitList(i.Env["PATH"]) {
		if p := filepath.Join(dir, name); filepath.IsAbs(dir) && i.executable(p) {
			return p
		}
	}
	return ""
}

func (i *Info) executable(path string) bool {
	st, err := os.Stat(i.Real(path))
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	return filepath.Clean(i.Sysroot) != "/" || st.Mode().Perm()&0o111 != 0
}

// CommandName is the program a command setting such as `go env CC` runs:
// its first word, quotes removed ("gcc" of "gcc -m64", "/opt/my cc/bin/cc"
// of "'/opt/my cc/bin/cc' -x"), as cmd/internal/quoted splits it.
func CommandName(setting string) string {
	s := strings.TrimLeft(setting, " \t\n\r")
	if s == "" {
		return ""
	}
	if q := s[0]; q == '\'' || q == '"' {
		if end := strings.IndexByte(s[1:], q); end >= 0 {
			return s[1 : 1+end]
		}
		return ""
	}
	if end := strings.IndexAny(s, " \t\n\r"); end >= 0 {
		return s[:end]
	}
	return s
}

func (i *Info) read(path string) (string, bool) {
	b, err := i.readFile(path)
	return string(b), err == nil
}

func (i *Info) readFile(path string) ([]byte, error) { return os.ReadFile(i.Real(path)) }

func (i *Info) exists(path string) bool {
	_, err := os.Lstat(i.Real(path))
	return err == nil
}

func processEnv() map[string]string {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	return env
}
