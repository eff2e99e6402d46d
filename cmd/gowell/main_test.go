package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/internal/testfs"
)

// gowell runs the CLI in-process in dir and returns its exit code and output.
func gowell(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func writeTree(t *testing.T, files map[string]string) string { return testfs.Tree(t, files) }

var deadUse = map[string]string{
	"go.work":    "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n",
	"svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
}

func TestCheckTextAndExitCode(t *testing.T) {
	root := writeTree(t, deadUse)
	code, out, _ := gowell(t, root, "check")
	if code != exitFindings {
		t.Errorf("exit code = %d, want %d (an error was found)\n%s", code, exitFindings, out)
	}
	for _, want := range []string{
		"[✗] Go workspace",
		`✗ go.work:5:2: GO003 ./gone does not exist`,
		"fix: Remove 'use ./gone' from go.work",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestCheckCleanWorkspaceExitsZero(t *testing.T) {
	root := writeTree(t, map[string]string{"svc/go.mod": "module example.com/svc\n\ngo 1.24\n"})
	code, out, stderr := gowell(t, root, "check", "--format", "json", "./...")
	if code != exitOK {
		t.Fatalf("exit code = %d, want 0\n%s%s", code, out, stderr)
	}
	var got struct{ Findings []diagnostics.Finding }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, f := range got.Findings {
		if f.Severity == diagnostics.Error {
			t.Errorf("unexpected error finding %+v", f)
		}
	}
}

func TestCheckJSON(t *testing.T) {
	root := writeTree(t, deadUse)
	_, out, _ := gowell(t, root, "check", "--format=json")
	var got struct {
		Findings []struct {
			Code, Severity, Path, Message string
			Range                         struct{ Start, End struct{ Line, Character int } }
			Fixes                         []struct{ Title string }
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, f := range got.Findings {
		if f.Code != "GO003" {
			continue
		}
		if f.Path != "go.work" || f.Severity != "error" || f.Range.Start.Line != 4 || f.Range.Start.Character != 1 || f.Range.End.Character != 7 {
			t.Errorf("GO003 finding = %+v, want go.work 4:1-4:7 (0-based), error", f)
		}
		if len(f.Fixes) != 1 || f.Fixes[0].Title != "Remove 'use ./gone' from go.work" {
			t.Errorf("fixes = %+v", f.Fixes)
		}
		return
	}
	t.Fatalf("no GO003 finding in %s", out)
}

func TestCheckSARIF(t *testing.T) {
	root := writeTree(t, deadUse)
	_, out, _ := gowell(t, root, "check", "--format", "sarif")
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct{ Rules []struct{ ID string } }
			}
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("not a SARIF 2.1.0 log with one run: %s", out)
	}
	if got, want := len(log.Runs[0].Tool.Driver.Rules), len(diagnostics.Rules()); got != want {
		t.Errorf("%d rule entries, want one per rule (%d)", got, want)
	}
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "GO003" {
			loc := r.Locations[0].PhysicalLocation
			if r.Level != "error" || loc.ArtifactLocation.URI != "go.work" || loc.ArtifactLocation.URIBaseID != "SRCROOT" || loc.Region.StartLine != 5 || loc.Region.StartColumn != 2 {
				t.Errorf("GO003 result = %+v", r)
			}
			return
		}
	}
	t.Errorf("no GO003 result: %s", out)
}

func TestUsageErrors(t *testing.T) {
	root := writeTree(t, deadUse)
	for _, args := range [][]string{
		{"check", "--format", "xml"},
		{"check", "no-such-dir"},
		{"frobnicate"},
		{"explain"},
		{"explain", "NOPE999"},
		{},
	} {
		if code, _, stderr := gowell(t, root, args...); code != exitUsage || stderr == "" {
			t.Errorf("gowell %v: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
}

func TestBadConfigIsAUsageError(t *testing.T) {
	root := writeTree(t, map[string]string{".gowell.json": `{"rules": {"GO999": "off"}}`})
	code, _, stderr := gowell(t, root, "check")
	if code != exitUsage || !strings.Contains(stderr, `unknown rule "GO999"`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

func TestConfigTurnsRuleOff(t *testing.T) {
	files := map[string]string{".gowell.json": `{"rules": {"GO003": "off"}}`}
	for k, v := range deadUse {
		files[k] = v
	}
	root := writeTree(t, files)
	code, out, _ := gowell(t, root, "check")
	if strings.Contains(out, "GO003") || code != exitOK {
		t.Errorf("GO003 is off in .gowell.json, yet exit %d:\n%s", code, out)
	}
}

func TestRulesAndExplain(t *testing.T) {
	_, out, _ := gowell(t, t.TempDir(), "rules")
	for _, r := range diagnostics.Rules() {
		if !strings.Contains(out, r.ID) || !strings.Contains(out, r.Title) {
			t.Errorf("rules output lacks %s %q", r.ID, r.Title)
		}
	}
	code, out, _ := gowell(t, t.TempDir(), "explain", "go003")
	if code != exitOK || !strings.HasPrefix(out, "# GO003: ") || !strings.Contains(out, "**Fix.**") {
		t.Errorf("explain go003: exit %d\n%s", code, out)
	}
}

func TestCheckFixAppliesSafeFixesOnly(t *testing.T) {
	root := writeTree(t, map[string]string{
		"go.work":    "go 1.21\n\nuse (\n\t./svc\n\t./gone\n)\n",
		"svc/go.mod": "module example.com/svc\n\ngo 1.24\n",
	})
	code, out, stderr := gowell(t, root, "check", "--fix")
	if !strings.Contains(out, "fixed: go.work: Set go.work go version to 1.24 (GO001)") {
		t.Errorf("report does not say what --fix changed:\n%s%s", out, stderr)
	}
	got, _ := os.ReadFile(filepath.Join(root, "go.work"))
	// GO001's fix is safe; GO003's (dropping a use line) is not, so ./gone stays.
	if want := "go 1.24\n\nuse (\n\t./svc\n\t./gone\n)\n"; string(got) != want {
		t.Errorf("go.work after --fix:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(out, " GO001 ") {
		t.Errorf("GO001 is still reported after its fix:\n%s", out)
	}
	if code != exitFindings {
		t.Errorf("exit %d, want 1: GO003 remains an error", code)
	}
	// A second run has nothing left to fix.
	_, out, _ = gowell(t, root, "check", "--fix")
	if strings.Contains(out, "fixed:") {
		t.Errorf("second --fix changed something again:\n%s", out)
	}
}

func TestEachFolderKeepsItsOwnConfig(t *testing.T) {
	quiet := map[string]string{".gowell.json": `{"rules": {"GO003": "off"}}`}
	for k, v := range deadUse {
		quiet[k] = v
	}
	a, b := writeTree(t, quiet), writeTree(t, deadUse)
	_, out, _ := gowell(t, t.TempDir(), "check", "--format", "json", a, b)
	var got struct{ Findings []diagnostics.Finding }
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range got.Findings {
		if f.Code == "GO003" {
			paths = append(paths, f.Path)
		}
	}
	if want := filepath.Join(b, "go.work"); len(paths) != 1 || paths[0] != want {
		t.Errorf("GO003 reported at %v; want only %s (the other folder turns it off)", paths, want)
	}
}
