package move

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/gowell/gowell/workspace"
)

// job is a move that passed every refusal: resolved paths and what git says
// about the original.
type job struct {
	src, dest  string
	repo       bool                   // src holds its own repository
	indexModes bool                   // see Result.IndexModes
	modes      map[string]fs.FileMode // tracked files' modes, by slash path, when indexModes
	ignoreCase bool                   // core.ignoreCase: explains status differences
	notes      []string
}

func refuse(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrRefused, fmt.Sprintf(format, a...))
}

// plan checks everything that can be checked before writing.
func plan(ctx context.Context, src, dest string) (*job, error) {
	real, err := filepath.EvalSymlinks(src)
	if err != nil {
		return nil, refuse("%v", err)
	}
	if real, err = filepath.Abs(real); err != nil {
		return nil, err
	}
	if st, err := os.Stat(real); err != nil || !st.IsDir() {
		return nil, refuse("%s is not a directory", src)
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	switch _, err := os.Lstat(abs); {
	case err == nil:
		return nil, refuse("%s already exists; the copy only goes into a new folder, so nothing there is mixed with or overwritten — choose a path that does not exist yet", abs)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, refuse("%v", err)
	}
	realDest, err := workspace.Resolve(abs)
	if err != nil {
		return nil, refuse("%v", err)
	}
	if workspace.Within(real, realDest) {
		return nil, refuse("%s is inside %s, the folder being copied", abs, real)
	}
	j := &job{src: real, dest: abs}
	return j, j.gitFacts(ctx)
}

// gitFacts asks git about the original: whether it is a whole repository
// (moving part of one, or a worktree whose history lives elsewhere, would
// leave the history behind), and whether its modes can be trusted.
func (j *job) gitFacts(ctx context.Context) error {
	dotgit := filepath.Join(j.src, ".git")
	if _, err := os.Lstat(dotgit); err != nil {
		if root, err := Root(ctx, j.src); err == nil && root != j.src {
			return refuse("%s is part of the git repository at %s; copying only this folder would leave the history behind — move %s instead", j.src, root, root)
		}
		return nil
	}
	gitDir, err := gitDirOf(dotgit)
	if err != nil {
		return refuse("%v", err)
	}
	if !workspace.Within(j.src, gitDir) {
		return refuse("the history of %s lives in %s, outside it (a linked worktree or a submodule); move the repository that holds it", j.src, gitDir)
	}
	j.repo = true
	j.ignoreCase = gitBool(ctx, j.src, "core.ignoreCase", false)
	j.notes = append(j.notes, dependencyNotes(gitDir)...)
	if gitBool(ctx, j.src, "core.fileMode", true) {
		return nil
	}
	j.indexModes = true
	j.notes = append(j.notes, fmt.Sprintf("git records core.fileMode=false for this repository (its drive does not keep executable bits), so the copy's modes come from git's index; the Linux filesystem keeps them, and git -C %s config core.fileMode true lets git track them again", j.dest))
	out, err := git(ctx, j.src, "ls-files", "--stage", "-z")
	if err != nil {
		return err
	}
	j.modes = indexModes(out)
	return nil
}

// gitDirOf is the repository directory a .git entry leads to: itself, the
// target of a symbolic link, or the "gitdir:" a .git file names.
func gitDirOf(dotgit string) (string, error) {
	st, err := os.Stat(dotgit)
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		return filepath.EvalSymlinks(dotgit)
	}
	data, err := os.ReadFile(dotgit)
	if err != nil {
		return "", err
	}
	dir, ok := strings.CutPrefix(strings.TrimSpace(string(data)), "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s is neither a directory nor a gitdir file", dotgit)
	}
	dir = strings.TrimSpace(dir)
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(filepath.Dir(dotgit), dir)
	}
	return workspace.Resolve(dir)
}

// dependencyNotes names what the repository at gitDir needs from outside
// itself: borrowed objects and linked worktrees stay with the original.
func dependencyNotes(gitDir string) []string {
	var notes []string
	if data, err := os.ReadFile(filepath.Join(gitDir, "objects", "info", "alternates")); err == nil && len(bytes.TrimSpace(data)) > 0 {
		notes = append(notes, fmt.Sprintf("the repository borrows objects from %s (objects/info/alternates); the copy still needs them — run git repack -a -d in the copy and delete its alternates file before removing them",
			strings.Join(strings.Fields(string(data)), ", ")))
	}
	trees, _ := os.ReadDir(filepath.Join(gitDir, "worktrees"))
	for _, t := range trees {
		where, err := os.ReadFile(filepath.Join(gitDir, "worktrees", t.Name(), "gitdir"))
		if err == nil {
			notes = append(notes, fmt.Sprintf("the linked worktree %s is not copied and keeps using the original repository", filepath.Dir(strings.TrimSpace(string(where)))))
		}
	}
	return notes
}

// indexModes reads `git ls-files --stage -z`: "<mode> <object> <stage>\t<path>".
func indexModes(out []byte) map[string]fs.FileMode {
	modes := map[string]fs.FileMode{}
	for _, rec := range bytes.Split(out, []byte{0}) {
		meta, path, ok := bytes.Cut(rec, []byte{'\t'})
		if !ok {
			continue
		}
		mode, _, _ := bytes.Cut(meta, []byte{' '})
		switch string(mode) {
		case "100755":
			modes[string(path)] = 0o755
		case "100644":
			modes[string(path)] = 0o644
		}
	}
	return modes
}

// checkSpace refuses when the filesystem that will hold dest has less free
// space than the tree takes.
func (j *job) checkSpace(c counts) error {
	dir := filepath.Dir(j.dest)
	var st syscall.Statfs_t
	for {
		err := syscall.Statfs(dir, &st)
		if err == nil {
			break
		}
		if !errors.Is(err, syscall.ENOENT) || filepath.Dir(dir) == dir {
			return &fs.PathError{Op: "statfs", Path: dir, Err: err}
		}
		dir = filepath.Dir(dir)
	}
	if free := int64(st.Bavail) * int64(st.Bsize); c.blocks > free {
		return refuse("the copy needs about %s and the filesystem holding %s has %s free", size(c.blocks), dir, size(free))
	}
	return nil
}

// size is n bytes for people: "812 B", "3.4 MB", "1.2 GB".
func size(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	f, i := float64(n)/unit, 0
	for ; f >= unit && i < 4; i++ {
		f /= unit
	}
	return fmt.Sprintf("%.1f %cB", f, "kMGTP"[i])
}
