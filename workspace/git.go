package workspace

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// gitTimeout bounds the one git run per repository and snapshot; listing the
// index of a 100k-file repository takes well under a second.
const gitTimeout = 10 * time.Second

// trackedNames are the files whose tracked state Tracked answers for.
var trackedNames = []string{"go.mod", "go.sum", "go.work", "go.work.sum"}

// GitLsFiles calls each for every entry of git's index in the repository
// whose top directory is root, in the index's order (sorted by path, an
// unmerged path once per stage): its slash-separated path relative to root
// and its mode (0o100644, 0o100755, 0o120000 for a symbolic link, 0o160000
// for a submodule). It runs the git command (see gitLsFiles); a replay or a
// test may replace it before building snapshots, and it must be safe for
// concurrent use.
var GitLsFiles = gitLsFiles

// gitKey keys a repository's index in a snapshot's on-demand store; a struct
// type never collides with the path keys stored there.
type gitKey struct{ root string }

// Tracked reports whether git tracks path (its index holds it, committed or
// staged). known is false when git cannot say: path is not in a repository,
// git is not installed or fails (a repository owned by another user, say), or
// path is not named go.mod, go.sum, go.work or go.work.sum, the only names
// Tracked answers for. Git runs at most once per repository and snapshot,
// read-only, at the first question; the answer holds for the snapshot's life.
func (s *Snapshot) Tracked(path string) (tracked, known bool) {
	path = filepath.Clean(path)
	if !slices.Contains(trackedNames, filepath.Base(path)) {
		return false, false
	}
	root := s.RepoRoot(path)
	idx := s.gitIndex(root)
	if idx == nil {
		return false, false
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return false, false
	}
	return idx.tracked[filepath.ToSlash(rel)], true
}

// gitIndex returns the index of the repository whose top directory is root,
// read at the first question in this snapshot; nil when git cannot say.
func (s *Snapshot) gitIndex(root string) *gitIndex {
	if idx := s.gitRun(root); idx != nil && idx.known {
		return idx
	}
	return nil
}

// gitRun is the one git run for the repository whose top directory is root,
// done at the first question in this snapshot, whether it worked or not; nil
// when root is not a repository.
func (s *Snapshot) gitRun(root string) *gitIndex {
	if root == "" || !s.Exists(filepath.Join(root, ".git")) {
		return nil // RepoRoot falls back to the workspace folder
	}
	v, _ := s.extra.LoadOrStore(gitKey{root}, &gitIndex{root: root})
	idx := v.(*gitIndex)
	idx.once.Do(idx.read)
	return idx
}

// dubiousOwnership is how git refuses a repository owned by another user
// (git 2.35.2 and later, CVE-2022-24765), on stderr:
//
//	fatal: detected dubious ownership in repository at '/path'
const dubiousOwnership = "detected dubious ownership in repository"

// DubiousOwnership reports whether git refused to read the repository whose
// top directory is root because another user owns it and it is not listed
// in safe.directory: the go command's VCS stamping fails there too. It
// shares the one git run per repository and snapshot with Tracked.
func (s *Snapshot) DubiousOwnership(root string) bool {
	idx := s.gitRun(root)
	return idx != nil && idx.err != nil && strings.Contains(idx.err.Error(), dubiousOwnership)
}

// gitLsFiles streams git's index, in one run:
//
//	git -c core.fsmonitor=false -C root ls-files -z --cached --stage
//
// ls-files only reads the index, and GIT_OPTIONAL_LOCKS=0 keeps git from
// taking the index lock to refresh it, so gowell never writes to the
// repository. It lists every path, yet costs about as much as listing a few:
// what dominates is reading the index, which git does either way (30 ms for
// 100 000 entries). --eol would also say which files have CRLF line endings,
// but it reads every blob and every working-tree file to say so (3 to 6 s for
// 100 000 files), so CRLF.go reads the few files that matter instead. The
// user's GIT_* variables are dropped: GIT_DIR or GIT_INDEX_FILE left over
// from a hook would make git answer about another repository. A repository
// is untrusted input: its .git/config could name an fsmonitor program, which
// git runs when it refreshes the index; ls-files should not, and the -c
// override makes sure.
func gitLsFiles(root string, each func(path string, mode uint32)) error {
	git, err := exec.LookPath("git")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), gitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, git, "-c", "core.fsmonitor=false", "-C", root, "ls-files", "-z", "--cached", "--stage")
	cmd.Env = gitEnv(os.Environ())
	cmd.WaitDelay = time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	perr := parseStage(bufio.NewReaderSize(stdout, 64<<10), each)
	if perr != nil {
		cancel() // stop git rather than wait for output nobody reads
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git ls-files in %s: %v: %s", root, err, strings.TrimSpace(stderr.String()))
	}
	return perr
}

// parseStage reads `ls-files -z --stage` records, "<mode> <object>
// <stage>\t<path>\x00", without holding more than one at a time.
func parseStage(r *bufio.Reader, each func(path string, mode uint32)) error {
	for {
		rec, err := r.ReadSlice(0)
		if errors.Is(err, io.EOF) && len(rec) == 0 {
			return nil
		}
		if err != nil {
			return fmt.Errorf("git ls-files: %w", err)
		}
		meta, path, ok := bytes.Cut(rec[:len(rec)-1], []byte{'\t'})
		if !ok || len(path) == 0 {
			return fmt.Errorf("git ls-files: malformed entry %q", rec)
		}
		var mode uint32
		for _, c := range meta {
			if c < '0' || c > '7' {
				break
			}
			mode = mode<<3 | uint32(c-'0')
		}
		each(string(path), mode)
	}
}

// gitEnv is environ without the GIT_* variables, plus GIT_OPTIONAL_LOCKS=0.
func gitEnv(environ []string) []string {
	out := slices.DeleteFunc(slices.Clone(environ), func(kv string) bool { return strings.HasPrefix(kv, "GIT_") })
	return append(out, "GIT_OPTIONAL_LOCKS=0")
}
