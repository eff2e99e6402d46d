package host

import (
	"bytes"
	"context"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"time"
)

// GitSetting is one git setting as git reads it outside any repository.
type GitSetting struct {
	// Value as written; "true" for a bare key, which git takes for a true
	// boolean.
	Value string
	// Origin is where git read it, as `git config --show-origin` says:
	// "file:/home/alice/.gitconfig", "file:/etc/gitconfig", "command line:"
	// (GIT_CONFIG_COUNT/KEY/VALUE or GIT_CONFIG_PARAMETERS).
	Origin string
}

// gitConfigNames are the git settings rules read, lower-cased.
var gitConfigNames = []string{"core.autocrlf"}

const gitConfigTimeout = 5 * time.Second

// replayGitConfigFile holds, in a replayed machine, what
// `git config --show-origin --get-regexp` printed.
const replayGitConfigFile = "gitconfig.txt"

// gitConfig asks git for gitConfigNames, once:
//
//	git config --show-origin --get-regexp '^(core\.autocrlf)$'   (in /)
//
// Outside any repository git reads the system file, the global ones and
// what they include, and GIT_CONFIG_* variables: the settings every
// repository of the user starts from. A repository's own .git/config is
// left out. The environment is the probed one (HOME and XDG_CONFIG_HOME
// find the global files) without GIT_* variables other than GIT_CONFIG*,
// so that GIT_DIR left in a terminal cannot point git at a repository.
// A replay reads <sysroot>/gitconfig.txt and never runs git.
func (i *Info) gitConfig(ctx context.Context, replay bool) map[string]GitSetting {
	if replay {
		s, _ := i.read("/" + replayGitConfigFile)
		return parseGitConfig(s)
	}
	git, err := lookPath("git", i.Env["PATH"])
	if err != nil {
		return map[string]GitSetting{}
	}
	quoted := make([]string, len(gitConfigNames))
	for k, n := range gitConfigNames {
		quoted[k] = regexp.QuoteMeta(n)
	}
	ctx, cancel := context.WithTimeout(ctx, gitConfigTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, git, "config", "--show-origin", "--get-regexp", "^("+strings.Join(quoted, "|")+")$")
	cmd.Dir = "/"
	cmd.Env = gitConfigEnv(i.Env)
	cmd.WaitDelay = time.Second
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	_ = cmd.Run() // exit status 1: none of them is set; a failure tells nothing either
	return parseGitConfig(stdout.String())
}

func gitConfigEnv(env map[string]string) []string {
	var out []string
	for k, v := range env {
		if !strings.HasPrefix(k, "GIT_") || strings.HasPrefix(k, "GIT_CONFIG") {
			out = append(out, k+"="+v)
		}
	}
	slices.Sort(out)
	return out
}

// parseGitConfig reads "<origin>\t<name> <value>" lines; a later line for a
// name wins, as it does in git.
func parseGitConfig(s string) map[string]GitSetting {
	out := map[string]GitSetting{}
	for line := range strings.Lines(s) {
		origin, kv, ok := strings.Cut(strings.TrimRight(line, "\r\n"), "\t")
		if !ok {
			continue
		}
		name, value, hasValue := strings.Cut(kv, " ")
		if !hasValue {
			value = "true"
		}
		name = strings.ToLower(name)
		if slices.Contains(gitConfigNames, name) {
			out[name] = GitSetting{Value: value, Origin: origin}
		}
	}
	return out
}

// saveGitConfig writes the settings as a replay reads them.
func (s *saver) saveGitConfig() {
	var b strings.Builder
	for _, name := range gitConfigNames {
		if g, ok := s.info.Git[name]; ok {
			b.WriteString(s.r.String(g.Origin) + "\t" + name + " " + g.Value + "\n")
		}
	}
	if b.Len() > 0 {
		s.write("/"+replayGitConfigFile, b.String(), 0o644)
	}
}

// GitBool reads a git boolean the way git does (git-config(1) "Values"):
// true, yes, on, 1 and false, no, off, 0, "" in any case. ok is false for
// anything else — core.autocrlf's "input", say.
func GitBool(v string) (value, ok bool) {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1":
		return true, true
	case "false", "no", "off", "0", "":
		return false, true
	}
	return false, false
}
