package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Confine returns nil when path, after resolving symlinks and "..", lies inside
// one of roots (themselves resolved). A path that does not exist yet is judged
// by its deepest existing ancestor, so a fix cannot create a file through a
// symlinked directory that points out of the workspace.
func Confine(roots []string, path string) error {
	real, err := Resolve(path)
	if err != nil {
		return err
	}
	for _, r := range roots {
		rr, err := Resolve(r)
		if err == nil && Within(rr, real) {
			return nil
		}
	}
	return fmt.Errorf("refusing to write %s: it is outside the workspace", path)
}

// Resolve makes path absolute, evaluates the symbolic links in its longest
// existing prefix and appends the missing rest: where a file at path would
// really be, whether or not it exists yet.
func Resolve(path string) (string, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		real, err := filepath.EvalSymlinks(path)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(path)
		if parent == path {
			return "", err
		}
		rest = filepath.Join(filepath.Base(path), rest)
		path = parent
	}
}

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so a crash leaves the old or the new content, never
// half of one. An existing file keeps its permissions.
func WriteFileAtomic(path string, data []byte) error {
	perm := fs.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		perm = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".gowell-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
