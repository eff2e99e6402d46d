package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/gowell/gowell/internal/lspbench"
	"github.com/gowell/gowell/internal/wsgen"
)

type compareOptions struct {
	gowell, gopls string
	workspaces    []string
	edits         int
	gap           time.Duration
	idle          time.Duration
	deadline      time.Duration
	stale         time.Duration
	checks        int
	starts        int // gowell starts to time (gopls: a third as many)
	jsonOut       string
}

// goWorkError matches the go command's go.work version error, which both
// servers quote: gowell on go.work (GO001), gopls on a go.mod.
var goWorkError = regexp.MustCompile(`requires go >= .*go\.work lists go`)

// serverDebounce is gowell's default didChange debounce (server.Options).
const serverDebounce = 30 * time.Millisecond

type report struct {
	Runs   []result
	Checks map[string]lspbench.Summary // gowell check wall time, per workspace
	Dirs   map[string]int              // directories holding watched files, per workspace
}

func compare(ctx context.Context, o compareOptions, out io.Writer) error {
	if o.gap == 0 {
		o.gap = 2 * serverDebounce
	}
	rep := report{Checks: map[string]lspbench.Summary{}, Dirs: map[string]int{}}
	for _, name := range o.workspaces {
		c := shapes[name]
		fmt.Fprintf(os.Stderr, "lspbench: preparing the %s workspace\n", name)
		root, st, err := wsgen.Cached(c)
		if err != nil {
			return err
		}
		rep.Dirs[name] = st.WatchedDirs
		base := runSpec{Root: root, Work: wsgen.WorkBroken(c), Fixed: wsgen.WorkFixed(c), Match: goWorkError,
			Gap: o.gap, Idle: o.idle, Deadline: o.deadline, Stale: o.stale}

		g := base
		g.Server, g.Argv, g.Init, g.Settled, g.Edits, g.Starts = "gowell", []string{o.gowell, "serve"}, map[string]any{"statusNotification": true}, true, o.edits, o.starts
		fmt.Fprintf(os.Stderr, "lspbench: gowell on %s\n", name)
		r := measure(ctx, g)
		r.Workspace = name
		rep.Runs = append(rep.Runs, r)

		if o.gopls != "" {
			p := base
			p.Server, p.Argv, p.Starts = "gopls", []string{o.gopls}, o.starts/3
			fmt.Fprintf(os.Stderr, "lspbench: gopls on %s\n", name)
			r := withEnv(func() result { return measure(ctx, p) }, "GOPROXY=off", "GOFLAGS=", "GOTOOLCHAIN=local")
			r.Workspace = name
			rep.Runs = append(rep.Runs, r)
		}
		if o.checks > 0 {
			d, err := timeCheck(ctx, o.gowell, root, o.checks)
			if err != nil {
				return err
			}
			rep.Checks[name] = lspbench.Summarize(d)
		}
	}
	if o.jsonOut != "" {
		b, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(o.jsonOut, b, 0o644); err != nil {
			return err
		}
	}
	printTable(out, rep)
	return nil
}

// withEnv runs f with environment variables set, for the servers it starts.
func withEnv(f func() result, kvs ...string) result {
	type saved struct {
		k, v string
		ok   bool
	}
	var restore []saved
	for _, kv := range kvs {
		k, v, _ := cut(kv)
		old, ok := os.LookupEnv(k)
		restore = append(restore, saved{k, old, ok})
		os.Setenv(k, v)
	}
	defer func() {
		for _, s := range restore {
			if s.ok {
				os.Setenv(s.k, s.v)
			} else {
				os.Unsetenv(s.k)
			}
		}
	}()
	return f()
}

func cut(kv string) (string, string, bool) {
	for i := range kv {
		if kv[i] == '=' {
			return kv[:i], kv[i+1:], true
		}
	}
	return kv, "", false
}

// timeCheck runs `gowell check root` n times and returns the wall times; its
// exit status 1 (errors found) is expected.
func timeCheck(ctx context.Context, gowell, root string, n int) ([]time.Duration, error) {
	var out []time.Duration
	for range n {
		cmd := exec.CommandContext(ctx, gowell, "check", root)
		began := time.Now()
		err := cmd.Run()
		d := time.Since(began)
		if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
			return nil, fmt.Errorf("gowell check %s: %v", root, err)
		}
		out = append(out, d)
	}
	return out, nil
}

func printTable(w io.Writer, rep report) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "workspace\tmeasure\tgowell\tgopls\tgopls/gowell\t")
	find := func(ws, server string) *result {
		i := slices.IndexFunc(rep.Runs, func(r result) bool { return r.Workspace == ws && r.Server == server })
		if i < 0 {
			return nil
		}
		return &rep.Runs[i]
	}
	var names []string
	for _, r := range rep.Runs {
		if !slices.Contains(names, r.Workspace) {
			names = append(names, r.Workspace)
		}
	}
	for _, ws := range names {
		g, p := find(ws, "gowell"), find(ws, "gopls")
		row := func(measure string, get func(*result) (float64, bool), unit string) {
			gv, gok := get(g)
			cells := []string{ws, measure, cell(gv, gok, unit), "", ""}
			if p != nil {
				pv, pok := get(p)
				cells[3] = cell(pv, pok, unit)
				switch {
				case gok && pok && gv > 0 && pv < 0:
					// Not within the wait: the ratio is at least this.
					cells[4] = fmt.Sprintf("> %.0f×", -pv/gv)
				case gok && pok && gv > 0 && pv > 0:
					cells[4] = fmt.Sprintf("%.0f×", pv/gv)
				}
			}
			for _, c := range cells {
				fmt.Fprint(tw, c, "\t")
			}
			fmt.Fprintln(tw)
		}
		ok := func(r *result) bool { return r != nil && r.Err == "" }
		row(fmt.Sprintf("spawn → first go.work error (median of %s)", startsOf(g, p)), func(r *result) (float64, bool) { return float64(r.FirstDiag), r != nil && r.FirstDiag > 0 }, "ms")
		fmt.Fprintf(tw, "%s\t  reported on\t%s\t%s\t\t\n", ws, fileOf(g), fileOf(p))
		row("spawn → complete (quiescent), median", func(r *result) (float64, bool) { return float64(r.Settled), r != nil && r.Settled > 0 }, "ms")
		row("repair → stale error gone", func(r *result) (float64, bool) {
			if r == nil {
				return 0, false
			}
			if r.FixCleared < 0 {
				return -float64(r.StaleWait), true // still there when the wait ended
			}
			return float64(r.FixCleared), true
		}, "ms")
		row("edit → publish, median", func(r *result) (float64, bool) { return msOf(r.Edit.Median), ok(r) && r.Edit.N > 0 }, "ms")
		row("edit → publish, p90", func(r *result) (float64, bool) { return msOf(r.Edit.P90), ok(r) && r.Edit.N > 0 }, "ms")
		row("edit → publish, max", func(r *result) (float64, bool) { return msOf(r.Edit.Max), ok(r) && r.Edit.N > 0 }, "ms")
		row("edit: server CPU per edit", func(r *result) (float64, bool) { return float64(r.EditCPU), ok(r) && r.Edit.N > 0 }, "ms")
		row("burst of 20: last edit → publish", func(r *result) (float64, bool) { return float64(r.BurstTrailing), ok(r) && r.Edit.N > 0 }, "ms")
		row("burst of 20: publishes", func(r *result) (float64, bool) { return float64(r.BurstPublishes), ok(r) && r.Edit.N > 0 }, "")
		row("RSS", func(r *result) (float64, bool) { return float64(r.RSS) / (1 << 20), r != nil && r.RSS > 0 }, "MiB")
		row("peak RSS", func(r *result) (float64, bool) { return float64(r.PeakRSS) / (1 << 20), r != nil && r.PeakRSS > 0 }, "MiB")
		row(fmt.Sprintf("inotify watches (dirs with watched files: %d)", rep.Dirs[ws]), func(r *result) (float64, bool) { return float64(r.Watches), r != nil && r.RSS > 0 }, "")
		row("CPU while idle", func(r *result) (float64, bool) { return float64(r.IdleCPU), r != nil && r.IdleFor > 0 }, "ms")
		if c, ok := rep.Checks[ws]; ok {
			fmt.Fprintf(tw, "%s\tgowell check, wall (median of %d)\t%s\t\t\t\n", ws, c.N, cell(msOf(c.Median), true, "ms"))
		}
		for _, r := range []*result{g, p} {
			if r != nil && r.Err != "" {
				fmt.Fprintf(tw, "%s\t%s failed\t%s\t\t\t\n", ws, r.Server, r.Err)
			}
		}
	}
	tw.Flush()
}

func cell(v float64, ok bool, unit string) string {
	switch {
	case !ok:
		return "–"
	case v < 0:
		return fmt.Sprintf("> %.0f %s", -v, unit)
	case unit == "":
		return fmt.Sprintf("%.0f", v)
	case v < 10:
		return fmt.Sprintf("%.2f %s", v, unit)
	}
	return fmt.Sprintf("%.0f %s", v, unit)
}

func msOf(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func fileOf(r *result) string {
	if r == nil || r.FirstDiagFile == "" {
		return ""
	}
	return "(" + r.FirstDiagFile + ")"
}

// startsOf says how many starts each median is of.
func startsOf(rs ...*result) string {
	var parts []string
	for _, r := range rs {
		if r != nil {
			parts = append(parts, fmt.Sprint(r.Starts))
		}
	}
	return strings.Join(parts, "/")
}
