package workspace

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// gitTimeout bounds the one git run per repository and snapshot; reading the
// index of a 100k-file repository takes well under a second.
const gitTimeout = 10 * time.Second

// trackedNames are the files whose tracked state gowell asks git about.
// Asking about these names alone keeps git's answer small in any repository.
var trackedNames = []string{"go.mod", "go.sum", "go.work", "go.work.sum"}

// GitTracked lists the files named go.mod, go.sum, go.work or go.work.sum
// that git tracks in the repository whose top directory is root, as
// slash-separated paths relative to root. It runs the git command (see
// gitLsFiles); a replay or a test may replace it before building snapshots,
// and it must be safe for concurrent use.
var GitTracked = gitLsFiles

// gitKey keys a repository's tracked files in a snapshot's on-demand store;
// a struct type never collides with the path keys stored there.
type gitKey struct{ root string }

// gitIndex is a repository's tracked files, asked for once per snapshot.
type gitIndex struct {
	once    sync.Once
	tracked map[string]bool // slash paths relative to the repository root
	known   bool
}

// Tracked reports whether git tracks path (its index holds it, committed or
// staged). known is false when git cannot say: path is not in a repository,
// git is not installed or fails (a repository owned by another user, say), or
// path is not named go.mod, go.sum, go.work or go.work.sum, the only names
// gowell asks git about. Git runs at most once per repository and snapshot,
// read-only, at the first question; the answer holds for the snapshot's life.
func (s *Snapshot) Tracked(path string) (tracked, known bool) {
	path = filepath.Clean(path)
	if !slices.Contains(trackedNames, filepath.Base(path)) {
		return false, false
	}
	root := s.RepoRoot(path)
	if root == "" || !s.Exists(filepath.Join(root, ".git")) {
		return false, false // RepoRoot falls back to the workspace folder
	}
	v, _ := s.extra.LoadOrStore(gitKey{root}, &gitIndex{})
	idx := v.(*gitIndex)
	idx.once.Do(func() {
		paths, err := GitTracked(root)
		if err != nil {
			return
		}
		idx.tracked, idx.known = map[string]bool{}, true
		for _, p := range paths {
			idx.tracked[p] = true
		}
	})
	if !idx.known {
		return false, false
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return false, false
	}
	return idx.tracked[filepath.ToSlash(rel)], true
}

// gitLsFiles asks git's index, in one run:
//
//	git -C root ls-files -z --cached -- ':(glob)**/go.mod' …
//
// ls-files only reads the index, and GIT_OPTIONAL_LOCKS=0 keeps git from
// taking the index lock to refresh it, so gowell never writes to the
// repository. The user's GIT_* variables are dropped: GIT_DIR or
// GIT_INDEX_FILE left over from a hook would make git answer about another
// repository, GIT_LITERAL_PATHSPECS would turn the globs into file names.
func gitLsFiles(root string) ([]string, error) {
	git, err := exec.LookPath("git")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
	defer cancel()
	args := []string{"-C", root, "ls-files", "-z", "--cached", "--"}
	for _, n := range trackedNames {
		args = append(args, ":(glob)**/"+n)
	}
	cmd := exec.CommandContext(ctx, git, args...)
	cmd.Env = gitEnv(os.Environ())
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("git ls-files in %s: %v: %s", root, err, strings.TrimSpace(stderr.String()))
	}
	var out []string
	for _, p := range bytes.Split(stdout.Bytes(), []byte{0}) {
		if len(p) > 0 {
			out = append(out, string(p))
		}
	}
	return out, nil
}

// gitEnv is environ without the GIT_* variables, plus GIT_OPTIONAL_LOCKS=0.
func gitEnv(environ []string) []string {
	out := slices.DeleteFunc(slices.Clone(environ), func(kv string) bool { return strings.HasPrefix(kv, "GIT_") })
	return append(out, "GIT_OPTIONAL_LOCKS=0")
}
