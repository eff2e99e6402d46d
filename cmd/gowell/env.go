package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/gowell/gowell/host"
)

const envUsage = `Usage: gowell env [flags] [PATH ...]

Prints the environment gowell's rules see for the workspaces at PATH (default:
the current directory): WSL, the mounts holding the workspaces, Go's
directories and the Windows drives, /etc/wsl.conf as WSL reads it, the go
command and its settings with where each comes from. The home directory shows
as ~, the user's name as <user>.

--save DIR writes the same as a directory that replays this machine, for a bug
report: gowell check --sysroot DIR PATH sees what gowell saw here. Only the
environment variables gowell reads are kept, names are redacted, and DIR must
be new or empty.

Flags:
`

func runEnv(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("env", flag.ContinueOnError)
	fl.SetOutput(stderr)
	format := fl.String("format", "text", "output format: text or json")
	sysroot := fl.String("sysroot", "/", "read the machine's files (/proc, /etc/wsl.conf) below this directory, to replay another machine")
	save := fl.String("save", "", "write a replayable snapshot of this machine to `DIR` instead of printing")
	fl.Usage = func() { fmt.Fprint(stderr, envUsage); fl.PrintDefaults() }
	if err := fl.Parse(args); err != nil {
		return usageErr(err)
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(stderr, "gowell env: unknown format %q (want text or json)\n", *format)
		return exitUsage
	}
	roots, err := checkRoots(fl.Args())
	if err != nil {
		fmt.Fprintf(stderr, "gowell env: %v\n", err)
		return exitUsage
	}
	info := host.Probe(ctx, host.Options{Sysroot: *sysroot})
	if *save != "" {
		if err := info.Save(*save, host.NewRedactor(info.Env, true)); err != nil {
			fmt.Fprintf(stderr, "gowell env: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(stdout, "Saved this machine to %s. Replay it with:\n\tgowell check --sysroot %s %s\n", *save, *save, strings.Join(roots, " "))
		return exitOK
	}
	v := newEnvView(info, roots)
	v.redact(host.NewRedactor(info.Env, false))
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			fmt.Fprintf(stderr, "gowell env: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	v.text(stdout)
	return exitOK
}

// envView is what `gowell env` shows: the facts rules read, in the order a
// person checks them.
type envView struct {
	Sysroot string            `json:"sysroot,omitempty"` // only for a replay
	WSL     wslView           `json:"wsl"`
	Memory  *memoryView       `json:"memory,omitempty"`
	WSLConf *wslConfView      `json:"wslConf,omitempty"` // only when /etc/wsl.conf exists
	Mounts  []mountView       `json:"mounts"`
	Which   map[string]string `json:"which"` // PATH lookups: go, go.exe, the C compiler
	Sysctl  map[string]string `json:"sysctl,omitempty"`
	Go      goView            `json:"go"`
}

type wslView struct {
	Version   int    `json:"version"` // 0: not WSL
	Distro    string `json:"distro,omitempty"`
	Kernel    string `json:"kernel,omitempty"`
	Interop   string `json:"interop,omitempty"`
	Container bool   `json:"container,omitempty"`
}

type memoryView struct {
	Total     uint64 `json:"total"` // bytes
	SwapTotal uint64 `json:"swapTotal"`
}

// wslConfView is /etc/wsl.conf as WSL reads it: its defaults filled in.
type wslConfView struct {
	AutomountEnabled  bool   `json:"automountEnabled"`
	AutomountRoot     string `json:"automountRoot"`
	AutomountOptions  string `json:"automountOptions"`
	InteropEnabled    bool   `json:"interopEnabled"`
	AppendWindowsPath bool   `json:"appendWindowsPath"`
	Systemd           bool   `json:"systemd"`
	StoppedAt         int    `json:"stoppedAt,omitempty"` // the line where WSL stopped reading
}

type mountView struct {
	Point        string   `json:"point"`
	FSType       string   `json:"fstype"`
	Source       string   `json:"source"`
	WindowsDrive bool     `json:"windowsDrive,omitempty"`
	Holds        []string `json:"holds,omitempty"` // the workspaces and Go directories on it
}

type goView struct {
	Path        string    `json:"path,omitempty"`
	Root        string    `json:"root,omitempty"` // the tree the binary belongs to
	RootVersion string    `json:"rootVersion,omitempty"`
	Error       string    `json:"error,omitempty"`
	Vars        []varView `json:"vars"`
}

type varView struct {
	Name   string `json:"name"`
	Value  string `json:"value"`
	Origin string `json:"origin"` // env, GOENV, GOROOT, default; "computed" for what the go command derives
}

func newEnvView(info *host.Info, roots []string) *envView {
	w := info.WSL
	v := &envView{
		WSL:   wslView{Version: w.Version, Distro: w.Distro, Kernel: w.KernelRelease, Interop: w.Interop, Container: w.Container},
		Which: info.Which, Sysctl: info.Sysctl,
	}
	if m := info.Memory; m != nil {
		v.Memory = &memoryView{Total: m.Total, SwapTotal: m.SwapTotal}
	}
	if filepath.Clean(info.Sysroot) != "/" {
		v.Sysroot = info.Sysroot
	}
	if c := info.WSLConf; c.Present {
		v.WSLConf = &wslConfView{AutomountEnabled: c.AutomountEnabled, AutomountRoot: c.AutomountRoot, AutomountOptions: c.AutomountOptions,
			InteropEnabled: c.InteropEnabled, AppendWindowsPath: c.AppendWindowsPath, Systemd: c.Systemd, StoppedAt: c.StoppedAt}
	}
	v.Mounts = mountViews(info, roots)
	g := info.Go
	v.Go = goView{Path: g.Path, Root: g.Root, RootVersion: g.RootVersion, Error: g.Err, Vars: []varView{}}
	for _, k := range slices.Sorted(maps.Keys(g.Vars)) {
		origin, ok := g.Origins[k]
		if !ok {
			origin = "computed"
		}
		if g.Vars[k] != "" || origin != host.OriginDefault {
			v.Go.Vars = append(v.Go.Vars, varView{Name: k, Value: g.Vars[k], Origin: string(origin)})
		}
	}
	return v
}

// mountViews are the mounts that matter: those holding a workspace or one of
// Go's directories, and every Windows drive, in mount table order.
func mountViews(info *host.Info, roots []string) []mountView {
	holds := map[*host.Mount][]string{}
	note := func(label, path string) {
		if m := info.MountOf(path); m != nil && filepath.IsAbs(path) {
			holds[m] = append(holds[m], label)
		}
	}
	for _, r := range roots {
		note("workspace "+r, r)
	}
	for _, k := range []string{"GOROOT", "GOPATH", "GOMODCACHE", "GOCACHE", "GOTMPDIR"} {
		for _, p := range filepath.SplitList(info.Go.Vars[k]) {
			note(k+" "+p, p)
		}
	}
	out := []mountView{}
	for i := range info.Mounts {
		m := &info.Mounts[i]
		drive := info.WindowsDrive(m.Point) == m
		if drive || len(holds[m]) > 0 {
			out = append(out, mountView{Point: m.Point, FSType: m.FSType, Source: m.Source, WindowsDrive: drive, Holds: holds[m]})
		}
	}
	return out
}

// redact hides the user in every string shown.
func (v *envView) redact(r *host.Redactor) {
	v.Sysroot = r.String(v.Sysroot)
	v.WSL.Distro = r.String(v.WSL.Distro)
	if c := v.WSLConf; c != nil {
		c.AutomountRoot, c.AutomountOptions = r.String(c.AutomountRoot), r.String(c.AutomountOptions)
	}
	for i := range v.Mounts {
		m := &v.Mounts[i]
		m.Point, m.Source = r.String(m.Point), r.String(m.Source)
		for k := range m.Holds {
			m.Holds[k] = r.String(m.Holds[k])
		}
	}
	which := map[string]string{}
	for k, p := range v.Which {
		which[k] = r.String(p)
	}
	v.Which = which
	v.Go.Path, v.Go.Root, v.Go.Error = r.String(v.Go.Path), r.String(v.Go.Root), r.String(v.Go.Error)
	for i := range v.Go.Vars {
		v.Go.Vars[i].Value = r.String(v.Go.Vars[i].Value)
	}
}

func (v *envView) text(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	line := func(format string, a ...any) { fmt.Fprintf(tw, format+"\n", a...) }
	line("Machine")
	if v.Sysroot != "" {
		line("  replay of\t%s", v.Sysroot)
	}
	switch {
	case v.WSL.Version != 0:
		line("  WSL\tWSL%d (%s), kernel %s", v.WSL.Version, orNone(v.WSL.Distro), v.WSL.Kernel)
		line("  interop\t%s", orNone(v.WSL.Interop))
	case v.WSL.Container:
		line("  system\ta Docker container, kernel %s", orNone(v.WSL.Kernel))
	default:
		line("  system\tnot WSL, kernel %s", orNone(v.WSL.Kernel))
	}
	if m := v.Memory; m != nil {
		swap := fmt.Sprintf("swap %.1f GiB", float64(m.SwapTotal)/(1<<30))
		if m.SwapTotal == 0 {
			swap = "no swap"
		}
		line("  memory\t%.1f GiB, %s", float64(m.Total)/(1<<30), swap)
	}
	for _, k := range slices.Sorted(maps.Keys(v.Sysctl)) {
		line("  sysctl\t%s = %s", k, v.Sysctl[k])
	}
	if c := v.WSLConf; c != nil {
		line("/etc/wsl.conf (as WSL reads it)")
		line("  automount\tenabled %t, root %s, options %q", c.AutomountEnabled, c.AutomountRoot, c.AutomountOptions)
		line("  interop\tenabled %t, appendWindowsPath %t", c.InteropEnabled, c.AppendWindowsPath)
		line("  boot\tsystemd %t", c.Systemd)
		if c.StoppedAt > 0 {
			line("  !\tWSL stops reading at line %d", c.StoppedAt)
		}
	}
	line("Mounts")
	for _, m := range v.Mounts {
		what := m.FSType + " " + m.Source
		if m.WindowsDrive {
			what += " (Windows drive)"
		}
		line("  %s\t%s\t%s", m.Point, what, strings.Join(m.Holds, ", "))
	}
	line("Go")
	for _, k := range slices.Sorted(maps.Keys(v.Which)) {
		line("  %s\t%s", k, orNone(v.Which[k]))
	}
	if v.Go.Root != "" {
		line("  go's own tree\t%s", v.Go.Root)
	}
	if v.Go.RootVersion != "" {
		line("  GOROOT/VERSION\t%s", v.Go.RootVersion)
	}
	if v.Go.Error != "" {
		line("  go env failed\t%s", v.Go.Error)
	}
	for _, x := range v.Go.Vars {
		line("  %s\t%s\t%s", x.Name, x.Value, x.Origin)
	}
	tw.Flush()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
