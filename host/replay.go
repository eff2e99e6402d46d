package host

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
)

// The files a replayed machine carries besides its own (see Options).
const (
	replayEnvFile   = "env"
	replayGoEnvFile = "goenv.json"
	replayGoErrFile = "goenv.err"
	replaySysctlDir = "sysctl"
)

// sysctlNames are the macOS sysctl values rules read.
var sysctlNames = []string{"hw.optional.arm64"}

// replayedEnv reads <sysroot>/env, VAR=value lines; nil when there is none.
func (i *Info) replayedEnv() map[string]string {
	s, ok := i.read("/" + replayEnvFile)
	if !ok {
		return nil
	}
	return parseEnvLines(s)
}

func parseEnvLines(s string) map[string]string {
	env := map[string]string{}
	for line := range strings.Lines(s) {
		if k, v, ok := strings.Cut(strings.TrimRight(line, "\r\n"), "="); ok && k != "" {
			env[k] = v
		}
	}
	return env
}

// replayedGoEnv reads <sysroot>/goenv.json, or <sysroot>/goenv.err for a
// machine where `go env` failed; nil when there is neither. The go binary is
// whatever `go` the replayed PATH finds.
func (i *Info) replayedGoEnv() *GoEnv {
	if s, ok := i.read("/" + replayGoEnvFile); ok {
		g := &GoEnv{}
		if err := json.Unmarshal([]byte(s), &g.Vars); err != nil {
			g.Vars, g.Err = nil, replayGoEnvFile+": "+err.Error()
		}
		return g
	}
	if s, ok := i.read("/" + replayGoErrFile); ok {
		return &GoEnv{Err: strings.TrimSpace(s)}
	}
	return nil
}

// sysctls reads the sysctl values rules need: from <sysroot>/sysctl/NAME in
// a replay, from the kernel on a live macOS.
func (i *Info) sysctls(replay bool) map[string]string {
	out := map[string]string{}
	for _, name := range sysctlNames {
		if replay {
			if s, ok := i.read(filepath.Join("/", replaySysctlDir, name)); ok {
				out[name] = strings.TrimSpace(s)
			}
		} else if v, ok := liveSysctl(name); ok {
			out[name] = v
		}
	}
	return out
}

// parseMeminfo reads MemTotal and SwapTotal from /proc/meminfo ("MemTotal:
// 16318088 kB"); nil without a MemTotal.
func parseMeminfo(s string) *Memory {
	var m Memory
	var total bool
	for line := range strings.Lines(s) {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, err := strconv.ParseUint(f[0], 10, 64)
		if err != nil {
			continue
		}
		if len(f) > 1 && f[1] == "kB" {
			n *= 1024
		}
		switch k {
		case "MemTotal":
			m.Total, total = n, true
		case "SwapTotal":
			m.SwapTotal = n
		}
	}
	if !total {
		return nil
	}
	return &m
}
