package diagnostics

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gowell/gowell/host"
)

// When the user's setting stops every go command, `go env` itself fails and
// the probe has no Vars: the rules must still see the setting (from the go
// env file) and offer a fix that overrides it for the go env -u run, which
// would fail too otherwise (RULES-FACTS §E, and re-checked with go1.26.8:
// plain `go env -u GOPATH` exits 2 with the same complaint).
func TestRulesWhenGoEnvFails(t *testing.T) {
	for _, tc := range []struct {
		rule, goenvFile, err string
		host                 map[string]string
		wantMsg              string
		wantArgv             []string
	}{
		{"WSL007", "GOPATH=C:\\Users\\dev\\go\n", `/usr/local/go/bin/go env: go: GOPATH entry is relative; must be absolute path: "C".`, nil,
			`every go command fails with "go: GOPATH entry is relative; must be absolute path: "C"."`,
			[]string{"env", "GOPATH=/home/dev/go", "go", "env", "-u", "GOPATH"}},
		{"ENV004", "GOPATH=go\n", `/usr/local/go/bin/go env: go: GOPATH entry is relative; must be absolute path: "go".`, nil,
			`GOPATH=go is not an absolute path`,
			[]string{"env", "GOPATH=/home/dev/go", "go", "env", "-u", "GOPATH"}},
		{"ENV001", "GOROOT=/usr/local/go1.21\n", "/usr/local/go/bin/go env: go: cannot find GOROOT directory: /usr/local/go1.21",
			map[string]string{"usr/local/go/pkg/tool/linux_amd64/compile": ""},
			`which does not exist: every go command fails with "go: cannot find GOROOT directory: /usr/local/go1.21"`,
			[]string{"env", "GOROOT=/usr/local/go", "go", "env", "-u", "GOROOT"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			root := t.TempDir()
			writeFile(t, filepath.Join(root, "go.mod"), "module example.com/app\n\ngo 1.24\n")
			sysroot := t.TempDir()
			writeFile(t, filepath.Join(sysroot, "home/dev/.config/go/env"), tc.goenvFile)
			for name, data := range tc.host {
				writeFile(t, filepath.Join(sysroot, name), data)
			}
			s := snapshot(t, root, sysroot, map[string]string{"HOME": "/home/dev"},
				&host.GoEnv{Path: "/usr/local/go/bin/go", Err: tc.err})
			fs := runRule(ruleByID(t, tc.rule), s)
			if len(fs) != 1 || !strings.Contains(fs[0].Message, tc.wantMsg) {
				t.Fatalf("findings %+v, want one saying %q", fs, tc.wantMsg)
			}
			if len(fs[0].Fixes) != 1 || fs[0].Fixes[0].Command == nil || !slices.Equal(fs[0].Fixes[0].Command.Argv, tc.wantArgv) {
				t.Errorf("fixes %+v, want the command %q", fs[0].Fixes, tc.wantArgv)
			}
		})
	}
}

// Before `go env` has been read (the language server's first, quick probe),
// the rules that need it stay silent rather than guess.
func TestRulesBeforeGoEnvIsRead(t *testing.T) {
	root := t.TempDir()
	writeFile(t, filepath.Join(root, "go.mod"), "module example.com/app\n\ngo 1.99\n")
	s := snapshot(t, root, t.TempDir(), map[string]string{"HOME": "/home/dev"}, &host.GoEnv{Err: "`go env` has not been read yet"})
	for _, id := range []string{"WSL004", "WSL007", "ENV001", "ENV002", "ENV003a", "ENV004", "ENV005", "ENV006", "ENV007", "ENV008"} {
		if fs := runRule(ruleByID(t, id), s); len(fs) > 0 {
			t.Errorf("%s fired before go env was read: %+v", id, fs)
		}
	}
}

// ruleByID finds a rule by its exact ID (Lookup upper-cases, which misses
// ENV003a).
func ruleByID(t *testing.T, id string) *Rule {
	t.Helper()
	for _, r := range Rules() {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("no rule %s", id)
	return nil
}
