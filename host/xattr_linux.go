package host

import "syscall"

// getxattr reads an extended attribute of path, following symbolic links.
func getxattr(path, name string) ([]byte, bool) {
	buf := make([]byte, 64)
	n, err := syscall.Getxattr(path, name, buf)
	if err != nil {
		return nil, false
	}
	return buf[:n], true
}
