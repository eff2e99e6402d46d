package diagnostics

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

var update = flag.Bool("update", false, "rewrite the want sections of fixtures and the generated docs")

// A fixture is testdata/<ID>/<case>.txtar: a comment saying what the case
// shows, then sections.
//
//	-- <path> --              a workspace file (the workspace root is $WORK)
//	-- host/<path> --         a file of the replayed machine (host/proc/self/mountinfo, host/etc/wsl.conf, …)
//	-- env --                 the process environment, VAR=value lines (default: empty)
//	-- goenv.json --          what `go env -json` printed (default: defaultGoEnv)
//	-- want --                the rule's findings, one per line: path:line:col-line:col severity CODE message
//	-- fix <path>: <title> -- the file at path after applying the fix titled so
//	-- command <title> --     the argv, one argument per line, of the fix titled so that runs a command
//
// $WORK in host files (their names too: host/xattr/$WORK/…), env, want lines
// and command arguments stands for the workspace root. Only the rule named by
// the directory runs. Every fix a case produces must have a golden (or, for a
// command, its argv), and after a file fix is applied the rule must no longer
// offer it; a command is not run.
type fixture struct {
	name     string
	comment  string
	files    map[string]string
	host     map[string]string
	env      map[string]string
	goenv    map[string]string
	want     []string
	fixes    map[string]map[string]string // title → path → content
	commands map[string][]string          // title → argv
	hasWant  bool
}

var defaultGoEnv = map[string]string{
	"GOVERSION":   "go1.26.8",
	"GOTOOLCHAIN": "auto",
	"GOPROXY":     "https://proxy.golang.org,direct",
	"GOSUMDB":     "sum.golang.org",
	"GOROOT":      "/usr/local/go",
	"GOPATH":      "/home/dev/go",
	"GOMODCACHE":  "/home/dev/go/pkg/mod",
	"GOCACHE":     "/home/dev/.cache/go-build",
	"GOOS":        "linux",
	"GOARCH":      "amd64",
}

func parseFixture(t *testing.T, path string) *fixture {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{name: path, comment: strings.TrimSpace(string(ar.Comment)),
		files: map[string]string{}, host: map[string]string{}, env: map[string]string{},
		goenv: defaultGoEnv, fixes: map[string]map[string]string{}, commands: map[string][]string{}}
	for _, f := range ar.Files {
		data := string(f.Data)
		switch name := f.Name; {
		case name == "want":
			fx.hasWant = true
			for line := range strings.Lines(data) {
				if line = strings.TrimSpace(line); line != "" {
					fx.want = append(fx.want, line)
				}
			}
		case name == "env":
			for line := range strings.Lines(data) {
				if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
					fx.env[k] = v
				}
			}
		case name == "goenv.json":
			fx.goenv = map[string]string{}
			if err := json.Unmarshal(f.Data, &fx.goenv); err != nil {
				t.Fatalf("%s: goenv.json: %v", path, err)
			}
		case strings.HasPrefix(name, "host/"):
			fx.host[strings.TrimPrefix(name, "host/")] = data
		case strings.HasPrefix(name, "command "):
			var argv []string
			for line := range strings.Lines(data) {
				if arg := strings.TrimSuffix(line, "\n"); arg != "" {
					argv = append(argv, arg)
				}
			}
			fx.commands[strings.TrimPrefix(name, "command ")] = argv
		case strings.HasPrefix(name, "fix "):
			p, title, ok := strings.Cut(strings.TrimPrefix(name, "fix "), ": ")
			if !ok {
				t.Fatalf("%s: section %q: want \"fix <path>: <title>\"", path, name)
			}
			if fx.fixes[title] == nil {
				fx.fixes[title] = map[string]string{}
			}
			fx.fixes[title][p] = data
		default:
			fx.files[name] = data
		}
	}
	if fx.comment == "" {
		t.Errorf("%s: say in the comment what the case shows", path)
	}
	if !fx.hasWant {
		t.Fatalf("%s: no want section (an empty one means: must not fire)", path)
	}
	return fx
}

// setup writes the fixture to disk and probes the replayed machine.
func (fx *fixture) setup(t *testing.T) (root string, s *Snapshot) {
	t.Helper()
	dir := t.TempDir()
	root = filepath.Join(dir, "work")
	sysroot := filepath.Join(dir, "host")
	expand := func(s string) string { return strings.ReplaceAll(s, "$WORK", root) }
	must(t, os.MkdirAll(root, 0o755))
	must(t, os.MkdirAll(sysroot, 0o755))
	for name, data := range fx.files {
		writeFile(t, filepath.Join(root, name), data)
	}
	for name, data := range fx.host {
		writeFile(t, filepath.Join(sysroot, expand(name)), expand(data))
	}
	env := map[string]string{}
	for k, v := range fx.env {
		env[k] = expand(v)
	}
	goenv := &host.GoEnv{Path: "/usr/local/go/bin/go", Vars: map[string]string{}}
	for k, v := range fx.goenv {
		goenv.Vars[k] = expand(v)
	}
	return root, snapshot(t, root, sysroot, env, goenv)
}

func snapshot(t *testing.T, root, sysroot string, env map[string]string, goenv *host.GoEnv) *Snapshot {
	t.Helper()
	ws, err := workspace.Load(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	info := host.Probe(context.Background(), host.Options{Sysroot: sysroot, Env: env, GoEnv: goenv})
	return &Snapshot{Snapshot: ws, Host: info}
}

func TestFixtures(t *testing.T) {
	for _, r := range Rules() {
		cases, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*.txtar"))
		for _, path := range cases {
			t.Run(r.ID+"/"+strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
				runFixture(t, r, path)
			})
		}
	}
}

func runFixture(t *testing.T, r *Rule, path string) {
	fx := parseFixture(t, path)
	root, s := fx.setup(t)
	findings := runRule(r, s)

	got := make([]string, len(findings))
	for i, f := range findings {
		got[i] = formatFinding(root, f)
	}
	want := slices.Clone(fx.want)
	for i := range want {
		want[i] = strings.ReplaceAll(want[i], "$WORK", root)
	}
	if !slices.Equal(got, want) {
		if *update {
			rewriteWant(t, path, got, root)
		} else {
			t.Errorf("%s: findings differ\n got:\n\t%s\nwant:\n\t%s", path, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
		}
	}

	offered := map[string]Fix{}
	for _, f := range findings {
		for _, fix := range f.Fixes {
			offered[fix.Title] = fix
		}
	}
	for title := range offered {
		if _, ok := fx.fixes[title]; !ok && fx.commands[title] == nil {
			t.Errorf("%s: fix %q is offered but has no golden section \"fix <path>: %s\" or \"command %s\"", path, title, title, title)
		}
	}
	for title, argv := range fx.commands {
		for i := range argv {
			argv[i] = strings.ReplaceAll(argv[i], "$WORK", root)
		}
		switch fix, ok := offered[title]; {
		case !ok:
			t.Errorf("%s: command for fix %q, but the rule does not offer it; offered: %v", path, title, keys(offered))
		case fix.Command == nil:
			t.Errorf("%s: fix %q edits files; it runs no command", path, title)
		case !slices.Equal(fix.Command.Argv, argv):
			t.Errorf("%s: fix %q runs\n\t%q\nwant\n\t%q", path, title, fix.Command.Argv, argv)
		}
	}
	for title, goldens := range fx.fixes {
		if _, ok := offered[title]; !ok {
			t.Errorf("%s: golden for fix %q, but the rule does not offer it; offered: %v", path, title, keys(offered))
			continue
		}
		checkFix(t, r, fx, title, goldens)
	}
}

// checkFix applies the fix titled so to a fresh copy of the fixture and
// compares every file it touches with the goldens; then the rule must not
// offer it again.
func checkFix(t *testing.T, r *Rule, fx *fixture, title string, goldens map[string]string) {
	t.Helper()
	root, s := fx.setup(t)
	var fix Fix
	for _, f := range runRule(r, s) {
		for _, x := range f.Fixes {
			if x.Title == title {
				fix = x
			}
		}
	}
	written, err := WriteFix(fix, []string{root})
	if err != nil {
		t.Fatalf("fix %q: %v", fix.Title, err)
	}
	var touched []string
	for _, p := range written {
		rel, _ := filepath.Rel(root, p)
		touched = append(touched, filepath.ToSlash(rel))
	}
	slices.Sort(touched)
	if want := keys(goldens); !slices.Equal(touched, want) {
		t.Errorf("fix %q touched %v, goldens cover %v", fix.Title, touched, want)
	}
	for rel, want := range goldens {
		got, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Errorf("fix %q: %v", fix.Title, err)
			continue
		}
		if string(got) != want {
			t.Errorf("fix %q: %s after the fix:\n%s\nwant:\n%s", fix.Title, rel, got, want)
		}
	}
	after := snapshot(t, root, s.Host.Sysroot, s.Host.Env, &s.Host.Go)
	for _, f := range runRule(r, after) {
		for _, again := range f.Fixes {
			if again.Title == fix.Title {
				t.Errorf("fix %q is still offered after it was applied: %s", fix.Title, formatFinding(root, f))
			}
		}
	}
}

func runRule(r *Rule, s *Snapshot) []Finding {
	return Run(s, Config{Rules: onlyRule(r.ID)})
}

// onlyRule turns every other rule off.
func onlyRule(id string) map[string]string {
	m := map[string]string{}
	for _, r := range Rules() {
		if r.ID != id {
			m[r.ID] = "off"
		}
	}
	return m
}

func formatFinding(root string, f Finding) string {
	rel := "-"
	if f.Path != "" {
		r, err := filepath.Rel(root, f.Path)
		if err != nil || strings.HasPrefix(r, "..") {
			r = f.Path
		}
		rel = filepath.ToSlash(r)
	}
	return fmt.Sprintf("%s:%s-%s %s %s %s", rel, f.Range.Start, f.Range.End, f.Severity, f.Code, f.Message)
}

func rewriteWant(t *testing.T, path string, got []string, root string) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ar.Files {
		if ar.Files[i].Name == "want" {
			var b strings.Builder
			for _, g := range got {
				b.WriteString(strings.ReplaceAll(g, root, "$WORK") + "\n")
			}
			ar.Files[i].Data = []byte(b.String())
		}
	}
	must(t, os.WriteFile(path, txtar.Format(ar), 0o644))
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	must(t, os.WriteFile(path, []byte(data), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
