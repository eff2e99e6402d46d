//go:build !linux

package host

// getxattr: WSL's attributes exist only on Linux.
func getxattr(string, string) ([]byte, bool) { return nil, false }
