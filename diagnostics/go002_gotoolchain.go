package diagnostics

import (
	"go/version"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/host"
)

// toolchainPolicy is how the user's go command picks the toolchain it runs
// (go.dev/doc/toolchain#select; cmd/go/internal/toolchain.Select).
type toolchainPolicy struct {
	setting string // GOTOOLCHAIN as the user has it: "auto", "local", "go1.25.0+auto", …
	running string // the toolchain it starts with: the installed one, or the GOTOOLCHAIN minimum
	pinned  bool   // running comes from GOTOOLCHAIN, not the installation
	mode    string // "auto" or "path" when it may switch to a newer toolchain, else ""
	goproxy string
	gosumdb string
}

// userToolchainPolicy reads the policy from the user's go environment: the
// probe resolves Vars["GOTOOLCHAIN"] to the user's effective value (its own
// run forces "local"), and GOPROXY and GOSUMDB are the user's. It is false
// when there is no usable go command or GOTOOLCHAIN is malformed (the go
// command then refuses to start, whatever the go lines say).
func userToolchainPolicy(g host.GoEnv) (toolchainPolicy, bool) {
	installed := g.Version()
	if g.Err != "" || !version.IsValid(installed) {
		return toolchainPolicy{}, false // no go, or a devel build gowell cannot place
	}
	p := toolchainPolicy{setting: g.Vars["GOTOOLCHAIN"], running: installed,
		goproxy: g.Vars["GOPROXY"], gosumdb: g.Vars["GOSUMDB"]}
	minimum, mode, _ := strings.Cut(p.setting, "+")
	switch p.setting {
	case "auto", "path":
		minimum, mode = "local", p.setting
	case "":
		minimum = "local" // nothing sets it: the go command does not switch
	}
	if mode != "" && mode != "auto" && mode != "path" {
		return toolchainPolicy{}, false
	}
	if minimum != "local" {
		if !version.IsValid(minimum) {
			return toolchainPolicy{}, false
		}
		p.running, p.pinned = minimum, true
	}
	p.mode = mode
	return p, true
}

// runningVersion is the running toolchain's version as the go command prints
// it in "running go 1.26.8".
func (p toolchainPolicy) runningVersion() string {
	v, _, _ := strings.Cut(strings.TrimPrefix(p.running, "go"), "-")
	return v
}

// describeRunning names the toolchain the go command starts with.
func (p toolchainPolicy) describeRunning() string {
	if p.pinned {
		return p.running + " (pinned by GOTOOLCHAIN)"
	}
	return "the installed " + p.running
}

// switchTo says how the go command in auto mode gets the toolchain name,
// following cmd/go/internal/toolchain.Exec: a binary of that name on PATH
// first, then the module cache, then a download. blocked is why none of these
// can work, when none can. Toolchains must be verified by the checksum
// database even where GONOSUMDB would exempt a module, so GOSUMDB=off fails
// even a cached one (cmd/go/internal/modfetch.useSumDB). Of GOPROXY only the
// first entry decides: a later "off" is reached only when those before fail.
func (p toolchainPolicy) switchTo(s *Snapshot, name string) (how, blocked string) {
	first := p.goproxy
	if i := strings.IndexAny(first, ",|"); i >= 0 {
		first = first[:i]
	}
	switch {
	case toolchainOnPath(s, name):
		return "running the " + name + " found on PATH", ""
	case p.gosumdb == "off":
		return "", "GOSUMDB=off leaves it unverifiable"
	case inModCache(s, name):
		return "running the " + name + " already in the module cache", ""
	case strings.TrimSpace(first) == "off":
		return "", "GOPROXY=off forbids downloading it"
	}
	return "downloading it first (\"go: downloading " + name + "\")", ""
}

// toolchainOnPath reports whether a file named like the toolchain is on the
// PATH the probe saw; the go command runs such a binary instead of
// downloading. Like exec.LookPath, which it uses, relative entries never count.
func toolchainOnPath(s *Snapshot, name string) bool {
	for _, dir := range filepath.SplitList(s.Host.Env["PATH"]) {
		if p := filepath.Join(dir, name); filepath.IsAbs(dir) && s.Exists(p) && !s.IsDir(p) {
			return true
		}
	}
	return false
}

// inModCache reports whether the toolchain was downloaded before: the go
// command then runs it from the module cache without the network (its
// checksum is usually verified from the cached database tiles).
func inModCache(s *Snapshot, name string) bool {
	v := s.Host.Go.Vars
	if v["GOMODCACHE"] == "" || v["GOHOSTOS"] == "" {
		return false
	}
	return s.IsDir(filepath.Join(v["GOMODCACHE"], "golang.org", "toolchain@v0.0.1-"+name+"."+v["GOHOSTOS"]+"-"+v["GOHOSTARCH"]))
}
