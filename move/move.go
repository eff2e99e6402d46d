// Package move copies a workspace into a new folder — the whole working tree,
// .git included, so history, the index, stashes, untracked and ignored files
// all come along — and checks that the copy is the same repository. It is
// how a user leaves a Windows drive under WSL without losing a commit, a
// stash or a half-written file. The original is only ever read.
package move

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Phase names what Copy is doing when it reports progress.
type Phase string

const (
	PhaseCount  Phase = "count"  // the first walk: Files and Bytes climb, the totals are 0
	PhaseCopy   Phase = "copy"   // Files and Bytes of TotalFiles and TotalBytes are copied
	PhaseVerify Phase = "verify" // the copy is complete and being compared with the original
)

// Progress is a moment of a Copy. Files counts regular files and symbolic
// links; Bytes counts the regular files' contents.
type Progress struct {
	Phase             Phase
	Files, TotalFiles int
	Bytes, TotalBytes int64
}

var (
	// ErrRefused wraps every reason Copy declines to start; nothing was written.
	ErrRefused = errors.New("refusing to move")
	// ErrMismatch means the copy is complete and kept at dest, but it does
	// not match the original: Result.Differences says how.
	ErrMismatch = errors.New("the copy does not match the original")
)

// Result is what a Copy did.
type Result struct {
	Src, Dest string // absolute, symbolic links in Src resolved
	Files     int    // regular files copied
	Symlinks  int    // symbolic links copied as links
	Dirs      int    // directories, Src itself included
	Bytes     int64  // the regular files' contents
	// Skipped are the sockets, FIFOs and devices left behind, each as
	// "path (kind)": they belong to running programs, not to the project.
	Skipped []string
	// IndexModes is true when the original repository's core.fileMode is
	// false — git's own verdict that its filesystem does not keep executable
	// bits, as on a Windows drive mounted without metadata, where every file
	// reads as 0777. The copy's tracked files then take 0755 or 0644 from
	// git's index, other files 0755 when they start with "#!" or are ELF
	// binaries, 0644 otherwise, and directories 0755 — never with a read or
	// write permission the original does not show, so a read-only attribute,
	// git's read-only objects and private 0600 files stay as they were.
	IndexModes bool
	// Git is true when the original is a git repository, so verification
	// compared git status and refs as well as the files.
	Git bool
	// Differences are what verification found unlike the original; empty
	// when the copy matched.
	Differences []string
	// Notes are facts the user should know before deleting the original.
	Notes []string
}

// Copy copies the tree at src to the new folder dest and verifies the copy.
//
// It refuses (ErrRefused, nothing written) when dest exists as anything at
// all — even an empty directory or a dangling symbolic link —, when dest
// lies inside src, when src is only part of a git repository or a linked
// worktree whose history lives elsewhere, and when dest's filesystem has too
// little free space. Missing parents of dest are created.
//
// The tree is copied into a sibling dest.gowell-partial-* and renamed to dest
// only once complete and verified, so a failure or a cancelled ctx leaves no
// dest and no partial folder. Modes, times and symbolic links (as links,
// never followed) are kept; sockets, FIFOs and devices are skipped. Hard
// links become separate files, and extended attributes are not copied.
//
// The copy is verified by counting files, symbolic links and bytes again on
// both sides, and, for a git repository, by comparing
// `git status --porcelain=v1 -z --untracked-files=all --ignored=no` and
// `git show-ref --head` in both. When they differ the copy is still renamed to
// dest and Copy returns the Result with an error wrapping ErrMismatch.
//
// progress, when not nil, is called when each phase begins and then at most
// every 100ms; calls never overlap.
func Copy(ctx context.Context, src, dest string, progress func(Progress)) (Result, error) {
	p, err := plan(ctx, src, dest)
	if err != nil {
		return Result{}, err
	}
	rep := newReporter(progress)
	total, err := tally(ctx, p.src, rep.counted)
	if err != nil {
		return Result{}, err
	}
	rep.phase(PhaseCopy, total)
	if err := p.checkSpace(total); err != nil {
		return Result{}, err
	}
	if err := os.MkdirAll(filepath.Dir(p.dest), 0o755); err != nil {
		return Result{}, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(p.dest), filepath.Base(p.dest)+".gowell-partial-*")
	if err != nil {
		return Result{}, err
	}
	kept := false
	defer func() {
		if !kept {
			removeTree(tmp)
		}
	}()
	res, err := p.copyTree(ctx, tmp, rep)
	if err != nil {
		return Result{}, err
	}
	rep.phase(PhaseVerify, total)
	res.Differences, err = p.verify(ctx, tmp)
	if err != nil {
		return Result{}, err
	}
	if err := renameNoReplace(tmp, p.dest); err != nil {
		return Result{}, err
	}
	kept = true
	if len(res.Differences) > 0 {
		return res, fmt.Errorf("%w (kept at %s): %d difference(s)", ErrMismatch, p.dest, len(res.Differences))
	}
	return res, nil
}
