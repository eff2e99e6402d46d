package server

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

// maxPolled bounds the files polled on Windows drives. Each costs one stat
// across 9p into Windows every poll interval (a second), so a monorepo with
// thousands of Dockerfiles on C: must not turn the safety net into a load.
const maxPolled = 256

// drivePolled lists the files inotify cannot watch for gowell because they
// are on a Windows drive under WSL: a Windows program's edits there raise no
// event in Linux. Besides the files read, it takes the go.mod files of
// go.work's use targets (used), present or not, so that a module created from
// Windows where a use line points is seen. go.work and go.mod files come
// first, so they are the ones kept when there are more than maxPolled. The
// note says so for the status; it is "" when nothing is polled.
func drivePolled(s *diagnostics.Snapshot, used []string) (paths []string, note string) {
	if s.Host == nil || s.Host.WSL.Version == 0 {
		return nil, ""
	}
	byDir := map[string]*host.Mount{} // one mount lookup (and symlink walk) per directory
	var drives []string
	candidates := slices.Clone(used)
	for _, f := range s.All() {
		candidates = append(candidates, f.Path)
	}
	for _, p := range candidates {
		dir := filepath.Dir(p)
		m, ok := byDir[dir]
		if !ok {
			m = s.Host.WindowsDrive(dir)
			byDir[dir] = m
		}
		if m == nil {
			continue
		}
		paths = append(paths, p)
		if d := driveName(m); !slices.Contains(drives, d) {
			drives = append(drives, d)
		}
	}
	slices.SortFunc(paths, func(a, b string) int {
		if pa, pb := pollPriority(a), pollPriority(b); pa != pb {
			return pa - pb
		}
		return strings.Compare(a, b)
	})
	paths = slices.Compact(paths)
	if len(paths) == 0 {
		return nil, ""
	}
	count := plural(len(paths), "file")
	if len(paths) > maxPolled {
		count = fmt.Sprintf("%d of %s", maxPolled, count)
		paths = paths[:maxPolled]
	}
	slices.Sort(drives)
	return paths, fmt.Sprintf("Watching %s on %s by polling: Windows-side edits are not reported by inotify", count, strings.Join(drives, " and "))
}

// pollPriority orders polled files: those that decide what builds first.
func pollPriority(path string) int {
	switch workspace.KindOf(path) {
	case workspace.GoWork:
		return 0
	case workspace.GoMod:
		return 1
	}
	return 2
}

// driveName names a Windows drive as its user knows it, "C:", when the mount
// says (WSL2's 9p carries path=C:\ in its aname, WSL1's drvfs has the drive
// as its source), and by its mount point otherwise (virtiofs names a share by
// a GUID tag only).
func driveName(m *host.Mount) string {
	if d := m.Drive(); d != "" {
		return d
	}
	return "the Windows drive at " + m.Point
}

// plural counts nouns: "1 file", "2 files", "3 directories".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if y, ok := strings.CutSuffix(noun, "y"); ok {
		return fmt.Sprintf("%d %sies", n, y)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
