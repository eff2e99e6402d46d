package host

import (
	"strconv"
	"syscall"
)

// liveSysctl reads an integer sysctl of the running macOS kernel. Unknown
// names (hw.optional.arm64 on an Intel Mac) are not an error, just unknown.
func liveSysctl(name string) (string, bool) {
	v, err := syscall.SysctlUint32(name)
	if err != nil {
		return "", false
	}
	return strconv.FormatUint(uint64(v), 10), true
}
