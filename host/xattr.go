package host

import (
	"path/filepath"
	"strings"
)

// caseSensitiveXattr is the extended attribute through which WSL shows, and
// sets, the per-directory case sensitivity of a directory on a Windows
// drive: "1" case-sensitive, "0" not (learn.microsoft.com/windows/wsl/case-sensitivity).
const caseSensitiveXattr = "system.wsl_case_sensitive"

// replayXattrDir holds, in a replayed machine, the extended attributes the
// probe would read: <sysroot>/xattr/<path>/<name> holds the value of
// attribute name of path (xattr/mnt/c/src/app/system.wsl_case_sensitive).
// A sysroot can replay files but not their extended attributes.
const replayXattrDir = "xattr"

// CaseSensitive reports whether the directory dir is case-sensitive, from
// the system.wsl_case_sensitive attribute WSL gives directories on Windows
// drives. known is false when the attribute cannot be read: outside such a
// drive, on a WSL build or mount that does not expose it (setfattr there
// fails with "Operation not supported", microsoft/WSL#4261), or in a replay
// that does not carry it. It reads the machine live (one getxattr) unless
// the sysroot replays one.
func (i *Info) CaseSensitive(dir string) (sensitive, known bool) {
	var v string
	if filepath.Clean(i.Sysroot) != "/" {
		s, ok := i.read(filepath.Join("/", replayXattrDir, dir, caseSensitiveXattr))
		if !ok {
			return false, false
		}
		v = s
	} else {
		b, ok := getxattr(dir, caseSensitiveXattr)
		if !ok {
			return false, false
		}
		v = string(b)
	}
	switch strings.TrimRight(v, "\x00\n") {
	case "1":
		return true, true
	case "0":
		return false, true
	}
	return false, false
}
