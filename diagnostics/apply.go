package diagnostics

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/gowell/gowell/workspace"
)

// Edited computes what the files a fix touches look like after it, without
// writing anything. read supplies current contents (an editor overlay or the
// disk); it must return an error wrapping fs.ErrNotExist for a missing file.
// A file edit computed for another version than the one read is refused: the
// user has typed since, and applying it would clobber their text.
func Edited(fix Fix, read func(path string) (text []byte, version int32, err error)) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, fe := range fix.Edits {
		cur, version, err := read(fe.Path)
		switch {
		case fe.Create && err == nil:
			return nil, fmt.Errorf("%s already exists", fe.Path)
		case fe.Create && errors.Is(err, fs.ErrNotExist):
			cur = nil
		case err != nil:
			return nil, err
		case fe.Version != 0 && version != fe.Version:
			return nil, fmt.Errorf("%s changed since this fix was computed (version %d, now %d)", fe.Path, fe.Version, version)
		}
		b, err := workspace.NewText(cur).Apply(fe.Edits)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fe.Path, err)
		}
		out[fe.Path] = b
	}
	return out, nil
}

// ReadDisk is a read function for Edited that reads the disk.
func ReadDisk(path string) ([]byte, int32, error) {
	b, err := os.ReadFile(path)
	return b, 0, err
}

// WriteFix applies a file-edit fix to the disk. Every path must lie inside one
// of roots after resolving symlinks; nothing is written unless all are.
func WriteFix(fix Fix, roots []string) ([]string, error) {
	if fix.Command != nil {
		return nil, fmt.Errorf("%q runs a command; it is not a file edit", fix.Title)
	}
	for _, fe := range fix.Edits {
		if err := workspace.Confine(roots, fe.Path); err != nil {
			return nil, err
		}
	}
	files, err := Edited(fix, ReadDisk)
	if err != nil {
		return nil, err
	}
	var written []string
	for _, fe := range fix.Edits {
		if err := workspace.WriteFileAtomic(fe.Path, files[fe.Path]); err != nil {
			return written, err
		}
		written = append(written, fe.Path)
	}
	return written, nil
}
