package move

import (
	"syscall"

	"golang.org/x/sys/unix"
)

func atimeOf(s *syscall.Stat_t) unix.Timespec {
	return unix.NsecToTimespec(syscall.TimespecToNsec(s.Atimespec))
}

// renameExclusive renames from to to, failing with EEXIST when to exists.
func renameExclusive(from, to string) error { return unix.RenamexNp(from, to, unix.RENAME_EXCL) }
