package move

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// verify compares the finished copy in dir with the original: the counts of
// files, links, directories and bytes, walked again on both sides, and for a
// repository git's own view of both. It returns the differences in words.
func (j *job) verify(ctx context.Context, dir string) ([]string, error) {
	orig, err := tally(ctx, j.src, nil)
	if err != nil {
		return nil, err
	}
	cp, err := tally(ctx, dir, nil)
	if err != nil {
		return nil, err
	}
	var diffs []string
	for _, n := range []struct {
		what       string
		orig, copy int64
	}{
		{"regular files", int64(orig.files), int64(cp.files)},
		{"symbolic links", int64(orig.symlinks), int64(cp.symlinks)},
		{"directories", int64(orig.dirs), int64(cp.dirs)},
		{"bytes in its files", orig.bytes, cp.bytes},
	} {
		if n.orig != n.copy {
			diffs = append(diffs, fmt.Sprintf("the original now has %d %s, the copy %d: did something change the original during the copy?", n.orig, n.what, n.copy))
		}
	}
	if j.repo {
		d, err := j.verifyGit(ctx, dir)
		if err != nil {
			return nil, err
		}
		diffs = append(diffs, d...)
	}
	return diffs, nil
}

// gitChecks are the git views compared: the state of every file against
// the index and HEAD, and every ref (branches, tags, the stash, HEAD).
var gitChecks = []struct {
	what string
	sep  byte
	args []string
}{
	{"git status", 0, []string{"status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=no"}},
	{"git show-ref --head", '\n', []string{"show-ref", "--head"}},
}

func (j *job) verifyGit(ctx context.Context, dir string) ([]string, error) {
	var diffs []string
	for _, c := range gitChecks {
		a, errA := git(ctx, j.src, c.args...)
		b, errB := git(ctx, dir, c.args...)
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		switch {
		case errA != nil && errB != nil && exitCode(errA) >= 0 && exitCode(errA) == exitCode(errB) && bytes.Equal(a, b):
			// The same answer on both sides: show-ref in a repository without commits.
		case errA != nil:
			diffs = append(diffs, fmt.Sprintf("%s failed in the original: %v", c.what, errA))
		case errB != nil:
			diffs = append(diffs, fmt.Sprintf("%s failed in the copy: %v", c.what, errB))
		case !bytes.Equal(a, b):
			d := append(onlyIn(c.what, "original", a, b, c.sep), onlyIn(c.what, "copy", b, a, c.sep)...)
			if len(d) == 0 {
				d = []string{c.what + " lists the same entries in the original and the copy, but not alike"}
			}
			diffs = append(diffs, d...)
			if c.sep == 0 && j.ignoreCase {
				diffs = append(diffs, "the original repository has core.ignoreCase=true (a case-insensitive drive): a file whose name differs in case from git's record is found there, but shows as deleted and untracked on the case-sensitive Linux filesystem")
			}
		}
	}
	return diffs, nil
}

// onlyIn describes the entries of out that other lacks, five at most.
func onlyIn(what, side string, out, other []byte, sep byte) []string {
	have := map[string]bool{}
	for _, e := range bytes.Split(other, []byte{sep}) {
		have[string(e)] = true
	}
	var missing []string
	for _, e := range bytes.Split(out, []byte{sep}) {
		if len(e) > 0 && !have[string(e)] {
			missing = append(missing, fmt.Sprintf("%q", e))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	more := ""
	if len(missing) > 5 {
		more = fmt.Sprintf(" and %d more", len(missing)-5)
		missing = missing[:5]
	}
	return []string{fmt.Sprintf("%s shows only in the %s: %s%s", what, side, strings.Join(missing, ", "), more)}
}

// exitCode is the exit status of a git that ran, or -1 when it did not run.
func exitCode(err error) int {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -1
}
