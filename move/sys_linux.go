package move

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func atimeOf(s *syscall.Stat_t) unix.Timespec { return unix.NsecToTimespec(s.Atim.Nano()) }

// renameExclusive renames from to to, failing with EEXIST when to exists.
func renameExclusive(from, to string) error {
	return unix.Renameat2(unix.AT_FDCWD, from, unix.AT_FDCWD, to, unix.RENAME_NOREPLACE)
}
