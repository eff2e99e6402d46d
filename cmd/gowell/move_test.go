package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// moveEvent is any JSON line of move-workspace --json.
type moveEvent struct {
	Type, Phase, Reason, Message, From, Folder, Src, Dest string
	Files, TotalFiles, Symlinks, Dirs                     int
	Bytes, TotalBytes                                     int64
	Git, Verified                                         bool
	Differences, Skipped, Notes                           []string
}

// moveRepo is a small repository with a commit, an unstaged change, an
// untracked file and a subdirectory, in a fresh HOME; git's identity and
// configuration are the test's own.
func moveRepo(t *testing.T) (repo, home string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	home = t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	for _, kv := range []string{"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com"} {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	repo = filepath.Join(writeTree(t, map[string]string{
		"app/go.mod":      "module example.com/app\n\ngo 1.24\n",
		"app/cmd/main.go": "package main\n",
	}), "app")
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"commit", "-qm", "first"}} {
		if out, err := exec.Command("git", append([]string{"-C", repo}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	for name, data := range map[string]string{"cmd/main.go": "package main // changed\n", "todo.txt": "untracked\n", "debug.log": "a log\n"} {
		if err := os.WriteFile(filepath.Join(repo, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return repo, home
}

func runMove(t *testing.T, ctx context.Context, dir string, args ...string) (int, string, string) {
	t.Helper()
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := runMoveWorkspace(ctx, args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// events decodes JSON lines, failing on anything else on stdout.
func events(t *testing.T, stdout string) []moveEvent {
	t.Helper()
	var out []moveEvent
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		var e moveEvent
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("not a JSON line: %q: %v", line, err)
		}
		out = append(out, e)
	}
	return out
}

// TestMoveWorkspaceJSON is the extension's path: started in a subdirectory,
// it moves the whole repository, reports progress, and ends with one done
// line that names the verified copy.
func TestMoveWorkspaceJSON(t *testing.T) {
	repo, home := moveRepo(t)
	dest := filepath.Join(home, "src", "app")
	code, stdout, stderr := runMove(t, context.Background(), filepath.Join(repo, "cmd"), dest, "--json")
	if code != exitOK || stderr != "" {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}
	evs := events(t, stdout)
	done := evs[len(evs)-1]
	if done.Type != "done" || !done.Verified || !done.Git || done.Src != repo || done.Dest != dest || len(done.Differences) != 0 {
		t.Errorf("last line = %+v, want a verified git copy of %s at %s", done, repo, dest)
	}
	if !strings.Contains(stdout, `"differences":[],"skipped":[],"notes":[]`) {
		t.Errorf("empty lists must be [], not null: %s", stdout)
	}
	var progress []moveEvent
	for _, e := range evs[:len(evs)-1] {
		if e.Type != "progress" {
			t.Errorf("unexpected line before done: %+v", e)
		}
		progress = append(progress, e)
	}
	if len(progress) == 0 {
		t.Fatal("no progress lines")
	}
	if p := progress[len(progress)-1]; p.Phase != "verify" || p.Files != done.Files || p.TotalFiles != done.Files || p.Bytes != done.Bytes {
		t.Errorf("last progress = %+v, want the verify phase at the done line's counts (%d files, %d bytes)", p, done.Files, done.Bytes)
	}
	for _, f := range []string{"todo.txt", "debug.log", ".git/HEAD"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("the copy lacks %s: %v", f, err)
		}
	}
}

// TestMoveWorkspaceText: progress lines on stderr, the outcome and what to
// do next on stdout.
func TestMoveWorkspaceText(t *testing.T) {
	repo, home := moveRepo(t)
	dest := filepath.Join(home, "src", "app")
	code, stdout, stderr := runMove(t, context.Background(), repo, dest)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
	}
	for _, want := range []string{"counting: ", "copying: 0 of ", "verifying "} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for _, want := range []string{"Copied " + repo + " to " + dest + ": ", "Verified: the same files, links and bytes, the same git status and refs.", "code " + dest} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
}

// TestMoveWorkspaceRefuses: exit 2 and a reason, and nothing written.
func TestMoveWorkspaceRefuses(t *testing.T) {
	repo, home := moveRepo(t)
	taken := filepath.Join(home, "taken")
	if err := os.Mkdir(taken, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		args   []string
		reason string
		msg    string
	}{
		{"an existing destination", []string{"--json", taken}, "refused", taken + " already exists"},
		{"a destination inside", []string{"--json", filepath.Join(repo, "copy")}, "refused", "inside " + repo},
		{"part of a repository", []string{"--json", "--from", filepath.Join(repo, "cmd"), filepath.Join(home, "x")}, "refused", "part of the git repository at " + repo},
		{"no destination", []string{"--json"}, "usage", "gowell move-workspace " + filepath.Join(home, "src", "app")},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, _ := runMove(t, context.Background(), repo, c.args...)
			evs := events(t, stdout)
			if code != exitUsage || len(evs) != 1 || evs[0].Type != "error" || evs[0].Reason != c.reason || !strings.Contains(evs[0].Message, c.msg) {
				t.Errorf("exit %d, %+v; want 2 and one %s error saying %q", code, evs, c.reason, c.msg)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(home, "x")); err == nil {
		t.Error("a refused move wrote its destination")
	}
	code, _, stderr := runMove(t, context.Background(), repo, taken)
	if code != exitUsage || !strings.HasPrefix(stderr, "gowell move-workspace: refusing to move: "+taken+" already exists") {
		t.Errorf("text mode: exit %d, stderr %q", code, stderr)
	}
}

// TestMoveWorkspaceCancelled: an interrupted move says so and leaves nothing.
func TestMoveWorkspaceCancelled(t *testing.T) {
	repo, home := moveRepo(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dest := filepath.Join(home, "src", "app")
	code, stdout, _ := runMove(t, ctx, repo, "--json", dest)
	evs := events(t, stdout)
	if e := evs[len(evs)-1]; code != exitUsage || e.Type != "error" || e.Reason != "cancelled" {
		t.Errorf("exit %d, last line %+v; want 2 and a cancelled error", code, e)
	}
	if _, err := os.Lstat(filepath.Join(home, "src")); err == nil {
		if ents, _ := os.ReadDir(filepath.Join(home, "src")); len(ents) > 0 {
			t.Errorf("an interrupted move left %v", ents)
		}
	}
}

// TestMoveWorkspaceSuggest: the destination the extension offers, and the
// repository it will move when the workspace folder is inside one.
func TestMoveWorkspaceSuggest(t *testing.T) {
	repo, home := moveRepo(t)
	code, stdout, stderr := runMove(t, context.Background(), home, "--suggest", "--json", "--from", filepath.Join(repo, "cmd"))
	evs := events(t, stdout)
	want := moveEvent{Type: "suggest", From: repo, Dest: filepath.Join(home, "src", "app"), Folder: "cmd"}
	if code != exitOK || len(evs) != 1 || evs[0].Type != want.Type || evs[0].From != want.From || evs[0].Dest != want.Dest || evs[0].Folder != want.Folder {
		t.Fatalf("exit %d, %+v (stderr %q); want %+v", code, evs, stderr, want)
	}
	if err := os.MkdirAll(want.Dest, 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runMove(t, context.Background(), repo, "--suggest")
	if code != exitOK || stdout != want.Dest+"-2\n" {
		t.Errorf("with %s taken: exit %d, %q; want %s-2", want.Dest, code, stdout, want.Dest)
	}
}

// TestMoveWorkspaceMismatch: a copy that git sees differently is kept, exit
// 1, and the difference is named. A real cause: the user's git
// configuration includes settings by the repository's path
// (includeIf "gitdir:…"), here an excludes file that hides *.log — in the
// original only.
func TestMoveWorkspaceMismatch(t *testing.T) {
	repo, home := moveRepo(t)
	config := "[includeIf \"gitdir:" + repo + "/\"]\n\tpath = " + filepath.Join(home, "only-here") + "\n"
	for name, data := range map[string]string{".gitconfig": config, "only-here": "[core]\n\texcludesFile = " + filepath.Join(home, "ignore") + "\n", "ignore": "*.log\n"} {
		if err := os.WriteFile(filepath.Join(home, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(home, "src", "app")
	code, stdout, _ := runMove(t, context.Background(), repo, "--json", dest)
	evs := events(t, stdout)
	done := evs[len(evs)-1]
	if code != exitFindings || done.Type != "done" || done.Verified || done.Dest != dest {
		t.Fatalf("exit %d, last line %+v; want 1 and an unverified copy", code, done)
	}
	if d := strings.Join(done.Differences, "\n"); !strings.Contains(d, `git status shows only in the copy: "?? debug.log"`) {
		t.Errorf("differences:\n%s\nwant debug.log untracked in the copy only", d)
	}
	if _, err := os.Stat(filepath.Join(dest, "debug.log")); err != nil {
		t.Errorf("the copy was not kept: %v", err)
	}
	code, stdout, _ = runMove(t, context.Background(), repo, dest+"-text")
	if code != exitFindings || !strings.Contains(stdout, "The copy differs from the original:\n  - git status shows only in the copy") || !strings.Contains(stdout, "The copy is kept at "+dest+"-text") {
		t.Errorf("text mode: exit %d:\n%s", code, stdout)
	}
}
