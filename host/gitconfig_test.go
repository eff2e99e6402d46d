package host

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestParseGitConfig(t *testing.T) {
	got := parseGitConfig("file:/etc/gitconfig\tcore.autocrlf true\n" +
		"file:/home/u/.gitconfig\tcore.autocrlf input\n" + // later files win, as in git
		"file:/home/u/.gitconfig\tcore.editor vim\n" +
		"junk\n")
	if want := (GitSetting{Value: "input", Origin: "file:/home/u/.gitconfig"}); len(got) != 1 || got["core.autocrlf"] != want {
		t.Errorf("parsed %v, want only core.autocrlf %+v", got, want)
	}
	if got := parseGitConfig("command line:\tcore.AutoCRLF\n"); got["core.autocrlf"].Value != "true" {
		t.Errorf("a bare key is git's true: %v", got)
	}
}

func TestGitBool(t *testing.T) {
	for in, want := range map[string][2]bool{"true": {true, true}, "YES": {true, true}, "1": {true, true}, "on": {true, true},
		"false": {false, true}, "Off": {false, true}, "": {false, true}, "input": {false, false}, "2": {false, false}} {
		if v, ok := GitBool(in); v != want[0] || ok != want[1] {
			t.Errorf("GitBool(%q) = %v, %v; want %v, %v", in, v, ok, want[0], want[1])
		}
	}
}

// TestGitConfigLive asks the real git: the global file of the probed HOME
// counts, and neither a repository's own config nor GIT_DIR pointing at one
// does.
func TestGitConfigLive(t *testing.T) {
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	home := t.TempDir()
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte("[core]\n\tautocrlf = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	if out, err := exec.Command(gitPath, "init", "-q", repo).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	if out, err := exec.Command(gitPath, "-C", repo, "config", "core.autocrlf", "false").CombinedOutput(); err != nil {
		t.Fatalf("git config: %v %s", err, out)
	}
	env := map[string]string{"PATH": filepath.Dir(gitPath), "HOME": home, "XDG_CONFIG_HOME": filepath.Join(home, "xdg"),
		"GIT_CONFIG_NOSYSTEM": "1", "GIT_DIR": filepath.Join(repo, ".git")}
	live := &Info{Sysroot: "/", Env: env}
	want := GitSetting{Value: "true", Origin: "file:" + filepath.Join(home, ".gitconfig")}
	if got := live.gitConfig(context.Background(), false); got["core.autocrlf"] != want {
		t.Errorf("core.autocrlf = %+v, want %+v", got["core.autocrlf"], want)
	}

	env["HOME"] = t.TempDir() // nothing sets it
	if got := live.gitConfig(context.Background(), false); len(got) != 0 {
		t.Errorf("with no global setting: %v", got)
	}
}
