package host

import (
	"context"
	"os"
	"strings"
	"sync"
)

// Options say where the probe reads the machine.
type Options struct {
	Sysroot string            // default "/"
	Env     map[string]string // nil: the process environment
	// GoEnv, when set, replaces running `go env` (fixtures and replays carry
	// the JSON a real toolchain printed).
	GoEnv *GoEnv
}

// Probe reads the machine. It never fails: what it cannot read is left at its
// zero value and explained in the fields that carry errors.
//
// The host files are read below Sysroot, so a directory of copied files
// replays another machine. The go command is not: when Options.GoEnv is nil
// the probe runs the real go found on Env's PATH, concurrently with the reads.
func Probe(ctx context.Context, opts Options) *Info {
	if opts.Sysroot == "" {
		opts.Sysroot = "/"
	}
	if opts.Env == nil {
		opts.Env = processEnv()
	}
	info := &Info{Sysroot: opts.Sysroot, Env: opts.Env}

	var wg sync.WaitGroup
	if opts.GoEnv != nil {
		info.Go = *opts.GoEnv
	} else {
		wg.Go(func() { info.Go = probeGo(ctx, opts.Env) })
	}

	read := func(path string) (string, bool) {
		b, err := os.ReadFile(info.Real(path))
		return string(b), err == nil
	}
	exists := func(path string) bool {
		_, err := os.Lstat(info.Real(path))
		return err == nil
	}
	osrelease, _ := read("/proc/sys/kernel/osrelease")
	m := wslMarkers{
		osrelease: strings.TrimSpace(osrelease),
		distro:    opts.Env["WSL_DISTRO_NAME"],
		runWSL:    exists("/run/WSL"),
		dockerenv: exists("/.dockerenv"),
	}
	if s, ok := read("/proc/sys/fs/binfmt_misc/WSLInterop"); ok {
		m.interop = &s
	}
	info.WSL = detectWSL(m)
	if s, ok := read("/proc/self/mountinfo"); ok {
		info.Mounts = parseMountinfo([]byte(s))
	}
	info.WSLConf = defaultWSLConf()
	if s, ok := read("/etc/wsl.conf"); ok {
		info.WSLConf = parseWSLConf([]byte(s))
	}

	wg.Wait()
	return info
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
