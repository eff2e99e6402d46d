package move

// TestCopyNoSpace is apart from the other copy tests because it fills a
// small tmpfs, which only Linux mounts.

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestCopyNoSpace: a tree larger than the free space is refused before a
// byte is written. A small tmpfs plays the nearly full disk.
func TestCopyNoSpace(t *testing.T) {
	small := t.TempDir()
	if err := syscall.Mount("tmpfs", small, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a small tmpfs to fill (needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(small, syscall.MNT_DETACH) })
	src := plainTree(t) // 8 MB of big.bin
	_, err := Copy(context.Background(), src, filepath.Join(small, "proj"), nil)
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "needs about 8.") {
		t.Fatalf("Copy = %v, want a refusal for want of space", err)
	}
	noPartial(t, small)
}
