package lspbench

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Usage is what a process costs the machine, read from Linux's /proc.
type Usage struct {
	RSS, PeakRSS int64         // bytes: VmRSS and VmHWM
	CPU          time.Duration // user + system time so far
	Watches      int           // inotify watches the process holds
}

// clockTick is USER_HZ, which Linux fixes at 100 for /proc/<pid>/stat.
const clockTick = 10 * time.Millisecond

// ReadUsage reads the usage of process pid (os.Getpid() for this one).
func ReadUsage(pid int) (Usage, error) {
	var u Usage
	dir := filepath.Join("/proc", strconv.Itoa(pid))
	status, err := os.ReadFile(filepath.Join(dir, "status"))
	if err != nil {
		return u, err
	}
	for line := range strings.Lines(string(status)) {
		name, value, _ := strings.Cut(line, ":")
		f := strings.Fields(value)
		if len(f) != 2 || f[1] != "kB" {
			continue
		}
		kb, _ := strconv.ParseInt(f[0], 10, 64)
		switch name {
		case "VmRSS":
			u.RSS = kb << 10
		case "VmHWM":
			u.PeakRSS = kb << 10
		}
	}
	stat, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return u, err
	}
	// The command name may hold spaces and parentheses: fields start after
	// the last ")"; utime and stime are fields 14 and 15 of the line.
	i := bytes.LastIndexByte(stat, ')')
	f := strings.Fields(string(stat[i+1:]))
	if len(f) < 13 {
		return u, fmt.Errorf("%s/stat: too few fields", dir)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	u.CPU = time.Duration(utime+stime) * clockTick
	u.Watches = inotifyWatches(dir)
	return u, nil
}

// inotifyWatches counts the "inotify wd:" lines of the process's inotify
// descriptors, one per watch.
func inotifyWatches(dir string) int {
	fds, _ := os.ReadDir(filepath.Join(dir, "fdinfo"))
	n := 0
	for _, fd := range fds {
		b, err := os.ReadFile(filepath.Join(dir, "fdinfo", fd.Name()))
		if err == nil {
			n += bytes.Count(b, []byte("inotify wd:"))
		}
	}
	return n
}
