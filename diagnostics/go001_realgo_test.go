package diagnostics

import (
	"go/version"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGO001AgainstRealGo holds GO001 to the go command itself: on the
// go_line_older fixture the installed go must fail with exactly the error the
// finding quotes, and succeed once the finding's fix is applied. It runs
// offline and never switches toolchains (GOTOOLCHAIN=local, GOPROXY=off).
func TestGO001AgainstRealGo(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	fx := parseFixture(t, filepath.Join("testdata", "GO001", "go_line_older.txtar"))
	root, s := fx.setup(t)
	if v, _ := runGo(goBin, root, "env", "GOVERSION"); version.Compare(strings.TrimSpace(v), "go1.25.0") < 0 {
		t.Skipf("the fixture's module needs go1.25.0; the installed go is %s", v)
	}

	findings := runRule(Lookup("GO001"), s)
	if len(findings) != 1 || len(findings[0].Fixes) != 1 {
		t.Fatalf("want one finding with one fix, got %+v", findings)
	}
	_, quoted, ok := strings.Cut(findings[0].Message, `"`)
	quoted, _, ok2 := strings.Cut(quoted, `"`)
	if !ok || !ok2 {
		t.Fatalf("message quotes no go error: %s", findings[0].Message)
	}

	out, err := runGo(goBin, root, "list", "-m")
	if err == nil {
		t.Fatalf("go list -m succeeded before the fix:\n%s", out)
	}
	if want := "go: " + quoted + "; to update it:"; !strings.Contains(out, want) {
		t.Errorf("go list -m printed\n%s\nwant it to contain\n%s", out, want)
	}

	if _, err := WriteFix(findings[0].Fixes[0], []string{root}); err != nil {
		t.Fatal(err)
	}
	out, err = runGo(goBin, root, "list", "-m")
	if err != nil {
		t.Fatalf("go list -m still fails after the fix: %v\n%s", err, out)
	}
	if got := strings.Fields(out); strings.Join(got, " ") != "example.com/a example.com/b" {
		t.Errorf("go list -m after the fix listed %q, want both workspace modules", got)
	}
}

// runGo runs the go command in dir with the user's configuration shut out:
// no toolchain switch, no network, no GOFLAGS or go env file, and the go.work
// found from dir.
func runGo(goBin, dir string, args ...string) (string, error) {
	cmd := exec.Command(goBin, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); !strings.HasPrefix(k, "GO") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "GOTOOLCHAIN=local", "GOPROXY=off", "GOENV=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	return string(out), err
}
