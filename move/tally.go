package move

import (
	"context"
	"io/fs"
	"path/filepath"
)

// counts is what a walk of a tree found.
type counts struct {
	files, symlinks, dirs int
	bytes                 int64
	blocks                int64 // about the disk space a copy takes
}

// block is the allocation unit assumed for the space estimate.
const block = 4096

// tally walks root without following symbolic links and counts what a copy
// carries; step, when not nil, sees the counts grow.
func tally(ctx context.Context, root string, step func(counts)) (counts, error) {
	var c counts
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		switch t := d.Type(); {
		case t.IsDir():
			c.dirs++
			c.blocks += block
		case t&fs.ModeSymlink != 0:
			c.symlinks++
			c.blocks += block
		case t.IsRegular():
			info, err := d.Info()
			if err != nil {
				return err
			}
			c.files++
			c.bytes += info.Size()
			c.blocks += (info.Size() + block - 1) / block * block
		default:
			return nil // sockets, FIFOs and devices are not copied
		}
		if step != nil {
			step(c)
		}
		return nil
	})
	return c, err
}
