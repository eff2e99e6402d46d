package move

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"

	"github.com/gowell/gowell/workspace"
	"golang.org/x/sys/unix"
)

const (
	// workers copy files in parallel: on a Windows drive under WSL2 every
	// open and read is a round trip to Windows, and waiting on one at a
	// time leaves the link idle.
	workers = 8
	// chunk is how much of a file is copied between two progress reports
	// and cancellation checks.
	chunk = 8 << 20
	// keptBits are the mode bits a copy keeps.
	keptBits = fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky
)

// copier copies one tree into a fresh directory.
type copier struct {
	*job
	to  string
	rep *reporter

	mu       sync.Mutex
	res      Result
	absLinks []string // symbolic links that name a path in the original
}

// copyTree copies j.src into the empty directory to: directories in walk
// order, files and links by a pool of workers, then the directories' modes
// and times, deepest first, once nothing more is written in them.
func (j *job) copyTree(ctx context.Context, to string, rep *reporter) (Result, error) {
	c := &copier{job: j, to: to, rep: rep, res: Result{Src: j.src, Dest: j.dest, Git: j.repo, IndexModes: j.indexModes}}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	type entry struct {
		rel  string
		link bool
	}
	jobs := make(chan entry, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for e := range jobs {
				if ctx.Err() != nil {
					continue // drain, so the walk never blocks
				}
				copyOne := c.file
				if e.link {
					copyOne = c.link
				}
				if err := copyOne(ctx, e.rel); err != nil {
					cancel(err)
				}
			}
		})
	}
	var dirs, skipped []string
	walkErr := filepath.WalkDir(j.src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return context.Cause(ctx)
		}
		rel, err := filepath.Rel(j.src, path)
		if err != nil {
			return err
		}
		switch t := d.Type(); {
		case t.IsDir():
			dirs = append(dirs, rel)
			if rel != "." {
				return os.Mkdir(filepath.Join(to, rel), 0o700)
			}
		case t&fs.ModeSymlink != 0, t.IsRegular():
			jobs <- entry{rel, t&fs.ModeSymlink != 0}
		default:
			skipped = append(skipped, fmt.Sprintf("%s (%s)", rel, kind(t)))
		}
		return nil
	})
	close(jobs)
	wg.Wait()
	if walkErr == nil {
		walkErr = context.Cause(ctx)
	}
	if walkErr != nil {
		return Result{}, walkErr
	}
	for _, rel := range slices.Backward(dirs) {
		if err := c.finishDir(rel); err != nil {
			return Result{}, err
		}
	}
	c.res.Dirs, c.res.Skipped = len(dirs), skipped
	c.res.Notes = slices.Concat(j.notes, c.linkNote())
	return c.res, nil
}

// file copies a regular file's content, mode and times. The original is
// opened read-only and never through a symbolic link.
func (c *copier) file(ctx context.Context, rel string) error {
	in, err := os.OpenFile(filepath.Join(c.src, rel), os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return err
	}
	defer in.Close()
	st, err := in.Stat()
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s changed while it was copied: it is no longer a regular file", in.Name())
	}
	to := filepath.Join(c.to, rel)
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	var written int64
	for {
		n, err := io.CopyN(out, in, chunk)
		written += n
		c.rep.add(0, n)
		if err == io.EOF {
			break
		}
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			out.Close()
			return err
		}
	}
	if err := out.Chmod(c.fileMode(rel, st, in)); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	if err := setTimes(to, st, 0); err != nil {
		return err
	}
	c.rep.add(1, 0)
	c.mu.Lock()
	c.res.Files++
	c.res.Bytes += written
	c.mu.Unlock()
	return nil
}

// fileMode is the mode a copied file gets: the original's, or, when the
// original's filesystem does not keep executable bits, git's record or a look
// at the file's first bytes (see Result.IndexModes).
func (c *copier) fileMode(rel string, st fs.FileInfo, in *os.File) fs.FileMode {
	if !c.indexModes {
		return st.Mode() & keptBits
	}
	if m, ok := c.modes[filepath.ToSlash(rel)]; ok {
		return narrow(m, st)
	}
	var head [4]byte
	n, _ := in.ReadAt(head[:], 0)
	if bytes.HasPrefix(head[:n], []byte("#!")) || bytes.Equal(head[:n], []byte("\x7fELF")) {
		return narrow(0o755, st)
	}
	return narrow(0o644, st)
}

// narrow keeps m from granting a read or write permission the original does
// not show — a Windows read-only attribute, git's read-only objects, a
// private 0600 file — and drops execute bits left without their read bit.
func narrow(m fs.FileMode, st fs.FileInfo) fs.FileMode {
	m &^= ^st.Mode() & 0o666
	return m &^ ((^m & 0o444) >> 2)
}

// link copies a symbolic link as a link with the same target and times.
func (c *copier) link(_ context.Context, rel string) error {
	from, to := filepath.Join(c.src, rel), filepath.Join(c.to, rel)
	st, err := os.Lstat(from)
	if err != nil {
		return err
	}
	target, err := os.Readlink(from)
	if err != nil {
		return err
	}
	if err := os.Symlink(target, to); err != nil {
		return err
	}
	if err := setTimes(to, st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return err
	}
	c.rep.add(1, 0)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.res.Symlinks++
	if filepath.IsAbs(target) && workspace.Within(c.src, target) {
		c.absLinks = append(c.absLinks, rel+" -> "+target)
	}
	return nil
}

// finishDir gives a copied directory its original's mode and times.
func (c *copier) finishDir(rel string) error {
	st, err := os.Lstat(filepath.Join(c.src, rel))
	if err != nil {
		return err
	}
	mode := st.Mode() & keptBits
	if c.indexModes {
		mode = narrow(0o755, st)
	}
	to := filepath.Join(c.to, rel)
	if err := os.Chmod(to, mode); err != nil {
		return err
	}
	return setTimes(to, st, 0)
}

// linkNote warns about links that will keep pointing at the original.
func (c *copier) linkNote() []string {
	if len(c.absLinks) == 0 {
		return nil
	}
	slices.Sort(c.absLinks)
	return []string{fmt.Sprintf("%d symbolic link(s) name a path inside the original, so in the copy they still point there (e.g. %s)", len(c.absLinks), c.absLinks[0])}
}

// setTimes gives path st's access and modification times; flags may say not
// to follow a symbolic link.
func setTimes(path string, st fs.FileInfo, flags int) error {
	mtime := unix.NsecToTimespec(st.ModTime().UnixNano())
	atime := mtime
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		atime = atimeOf(s)
	}
	if err := unix.UtimesNanoAt(unix.AT_FDCWD, path, []unix.Timespec{atime, mtime}, flags); err != nil {
		return &fs.PathError{Op: "utimensat", Path: path, Err: err}
	}
	return nil
}

// kind names a file type that is not copied.
func kind(t fs.FileMode) string {
	switch {
	case t&fs.ModeSocket != 0:
		return "socket"
	case t&fs.ModeNamedPipe != 0:
		return "FIFO"
	case t&fs.ModeDevice != 0:
		return "device"
	}
	return "special file"
}

// renameNoReplace renames the finished copy to dest unless something has
// appeared there since the copy began.
func renameNoReplace(from, to string) error {
	err := renameExclusive(from, to)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.EEXIST), errors.Is(err, unix.ENOTEMPTY):
		return refuse("%s appeared while the copy was made; the copy was removed", to)
	case errors.Is(err, unix.EINVAL), errors.Is(err, unix.ENOSYS):
		// The filesystem cannot rename without replacing: check, then rename.
		if _, err := os.Lstat(to); err == nil {
			return refuse("%s appeared while the copy was made; the copy was removed", to)
		}
		return os.Rename(from, to)
	}
	return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
}

// removeTree deletes a partial copy, making its directories writable first
// (a read-only directory of the original is read-only in the copy too).
func removeTree(dir string) {
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(path, 0o700)
		}
		return nil
	})
	os.RemoveAll(dir)
}
