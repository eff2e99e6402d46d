//go:build !darwin

package host

// liveSysctl: the sysctl values rules read exist only on macOS.
func liveSysctl(string) (string, bool) { return "", false }
