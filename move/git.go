package move

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/gowell/gowell/workspace"
)

// git runs `git -C dir args…` and returns its stdout. GIT_OPTIONAL_LOCKS=0
// keeps commands like status from refreshing the index, so nothing is written
// in either tree, and core.fsmonitor=false keeps git from starting a
// monitor daemon in the copy. The user's GIT_* variables are dropped: a
// GIT_DIR or GIT_INDEX_FILE left over from a hook would make git answer
// about another repository.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	argv := append([]string{"-C", dir, "-c", "core.fsmonitor=false"}, args...)
	cmd := exec.CommandContext(ctx, "git", argv...)
	cmd.Env = append(slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "GIT_") }),
		"GIT_OPTIONAL_LOCKS=0")
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return stdout.Bytes(), fmt.Errorf("git %s in %s: %w: %s", args[0], dir, err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

// gitBool reads a boolean setting as git resolves it (repository, global and
// system configuration), or def when it is unset or git cannot say.
func gitBool(ctx context.Context, dir, key string, def bool) bool {
	out, err := git(ctx, dir, "config", "--bool", "--get", key)
	if err != nil {
		return def
	}
	return strings.TrimSpace(string(out)) == "true"
}

// Root is the folder a move of dir should take: the top of the git
// repository holding dir when git tracks files in dir, or else dir itself —
// outside a repository, in a folder the repository does not track (a home
// directory kept in git, say), or without git. Symbolic links in the answer
// are resolved.
func Root(ctx context.Context, dir string) (string, error) {
	real, err := workspace.Resolve(dir)
	if err != nil {
		return "", err
	}
	out, err := git(ctx, real, "rev-parse", "--show-toplevel")
	top := strings.TrimSpace(string(out))
	if err != nil || top == "" {
		return real, nil
	}
	if top, err = workspace.Resolve(top); err != nil || top == real {
		return real, err
	}
	tracked, err := git(ctx, real, "ls-files", "-z", "--cached", "--", ".")
	if err == nil && len(tracked) == 0 {
		return real, nil
	}
	return top, nil
}
