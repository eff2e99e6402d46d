package diagnostics

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gowell/gowell/host"
)

// TestWorkspaceRulesAgainstRealGo holds GO004–GO009 and GO012 to the go
// command itself, on their own fixtures: where a rule reports a failure, the
// installed go fails there with the error the finding quotes; where it says
// nothing breaks (GO006b), go succeeds; and once a file fix is applied, the
// failure is gone. It runs offline and never switches toolchains.
func TestWorkspaceRulesAgainstRealGo(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	cases := []struct {
		fixture string
		dir     string   // where go runs, relative to the workspace root
		env     []string // on top of GOTOOLCHAIN=local GOPROXY=off GOENV=off GOFLAGS=
		args    []string
		files   map[string]string // added to the fixture's files: Go sources to build
		want    string            // in go's output when it fails; "" when it must succeed
	}{
		{"GO004/same_module_path", ".", nil, []string{"list", "-m"}, nil, "go: module example.com/dup appears multiple times in workspace"},
		{"GO005/trailing_slash", ".", nil, []string{"list", "-m"}, nil, "appears multiple times in workspace"},
		{"GO005/spellings", ".", nil, []string{"list", "-m"}, nil, "appears multiple times in workspace"},
		{"GO006a/equal", ".", nil, []string{"list", "-m"}, nil, "go: updates to go.mod needed"},
		{"GO006a/default_and_old", "a", nil, []string{"list", "-m"}, nil, "go: updates to go.mod needed"},
		{"GO006a/default_and_old", "b", nil, []string{"list", "-m"}, nil, "go: updates to go.mod needed"},
		{"GO006a/workspace_module", "a", []string{"GOWORK=off"}, []string{"list", "-m"}, nil, "go: updates to go.mod needed"},
		{"GO006a/workspace_module", "a", nil, []string{"list", "-m"}, nil, ""},
		{"GO006a/near_miss", "a", nil, []string{"list", "-m"}, nil, ""},
		{"GO006a/near_miss", "c", nil, []string{"list", "-m"}, nil, ""},
		{"GO006b/lower", "m", []string{"GOWORK=off"}, []string{"list", "-m"}, nil, ""},
		{"GO006b/lower", ".", nil, []string{"list", "-m"}, nil, ""},
		{"GO007/sorted_block", "tools", nil, []string{"build", "."}, map[string]string{"tools/t.go": "package tools\n"},
			"current directory is contained in a module that is not one of the workspace modules listed in go.work"},
		{"GO007/single_lines", "plugin", nil, []string{"build", "."}, map[string]string{"plugin/p.go": "package plugin\n"},
			"main module (example.com/root) does not contain package example.com/root/plugin"},
		{"GO008/from_goenv_file", "a", []string{"GOFLAGS=-mod=mod"}, []string{"build", "."}, map[string]string{"a/a.go": "package a\n"},
			`go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to "mod"`},
		{"GO009/no_workspace_vendor", "a", []string{"GOFLAGS=-mod=vendor"}, []string{"build", "."}, map[string]string{"a/a.go": "package a\n"},
			"go: inconsistent vendoring in $WORK"},
		{"GO012/missing", ".", nil, []string{"build", "."}, map[string]string{"main.go": "package main\n\nimport _ \"golang.org/x/mod/semver\"\n\nfunc main() {}\n"},
			"missing go.sum entry"},
	}
	for _, c := range cases {
		t.Run(c.fixture+"/"+c.dir, func(t *testing.T) {
			fx := parseFixture(t, filepath.Join("testdata", filepath.FromSlash(c.fixture)+".txtar"))
			for p, data := range c.files {
				fx.files[p] = data
			}
			root, s := fx.setup(t)
			dir := filepath.Join(root, c.dir)
			out, err := goWith(goBin, dir, c.env, c.args...)
			if c.want == "" {
				if err != nil {
					t.Fatalf("go %s in %s failed, but the rule says it works:\n%s", strings.Join(c.args, " "), c.dir, out)
				}
				return
			}
			want := strings.ReplaceAll(c.want, "$WORK", root)
			if err == nil || !strings.Contains(out, want) {
				t.Fatalf("go %s in %s: err %v, output\n%s\nwant it to fail with %q", strings.Join(c.args, " "), c.dir, err, out, want)
			}
			id := strings.Split(c.fixture, "/")[0]
			rule := Rules()[slices.IndexFunc(Rules(), func(r *Rule) bool { return r.ID == id })]
			if !applyFileFixes(t, rule, root, s.Host) {
				return // nothing to apply: the rule leaves the choice to the user
			}
			if out, err := goWith(goBin, dir, c.env, c.args...); err != nil {
				t.Errorf("after the rule's fixes, go %s in %s still fails:\n%s", strings.Join(c.args, " "), c.dir, out)
			}
		})
	}
}

// applyFileFixes applies the rule's file fixes one at a time, re-running the
// rule after each (a fix's edits hold for the text it was computed on), and
// reports whether there was any.
func applyFileFixes(t *testing.T, r *Rule, root string, h *host.Info) bool {
	t.Helper()
	applied := false
	for range 10 {
		var fix *Fix
		for _, f := range runRule(r, snapshot(t, root, h.Sysroot, h.Env, &h.Go)) {
			for _, x := range f.Fixes {
				if x.Command == nil && fix == nil {
					fix = &x
				}
			}
		}
		if fix == nil {
			return applied
		}
		if _, err := WriteFix(*fix, []string{root}); err != nil {
			t.Fatal(err)
		}
		applied = true
	}
	t.Fatal("the rule still offers fixes after 10 rounds")
	return applied
}

// goWith runs the go command in dir offline, without the user's go
// configuration, plus env.
func goWith(goBin, dir string, env []string, args ...string) (string, error) {
	cmd := exec.Command(goBin, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !strings.HasPrefix(k, "GO") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(append(cmd.Env, "GOTOOLCHAIN=local", "GOPROXY=off", "GOENV=off", "GOFLAGS="), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestGO008CommandUnsetsGoflags runs GO008's command the way an editor does
// (argv in its Dir, after asking: Outside) against a real go env file, which
// must lose GOFLAGS and keep everything else.
func TestGO008CommandUnsetsGoflags(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	fx := parseFixture(t, filepath.Join("testdata", "GO008", "from_goenv_file.txtar"))
	_, s := fx.setup(t)
	findings := runRule(Rules()[slices.IndexFunc(Rules(), func(r *Rule) bool { return r.ID == "GO008" })], s)
	if len(findings) != 1 || len(findings[0].Fixes) != 1 || findings[0].Fixes[0].Command == nil {
		t.Fatalf("want one finding with a command fix, got %+v", findings)
	}
	c := findings[0].Fixes[0].Command
	if !c.Outside || c.Dir != "/" {
		t.Errorf("command %v: Outside %v, Dir %q; want Outside (the editor asks first) and Dir /", c.Argv, c.Outside, c.Dir)
	}

	envFile := filepath.Join(t.TempDir(), "env")
	must(t, os.WriteFile(envFile, []byte("GOFLAGS=-mod=mod\nGOPRIVATE=example.com\n"), 0o644))
	cmd := exec.Command(goBin, c.Argv[1:]...)
	cmd.Dir = c.Dir
	cmd.Env = append(os.Environ(), "GOENV="+envFile, "GOFLAGS=", "GOTOOLCHAIN=local")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", c.Argv, err, out)
	}
	got, err := os.ReadFile(envFile)
	must(t, err)
	if string(got) != "GOPRIVATE=example.com\n" {
		t.Errorf("go env file after %v:\n%s", c.Argv, got)
	}
}
