package host

import (
	"maps"
	"strings"
	"testing"
)

// FuzzMountinfo parses any text as /proc/self/mountinfo: at most one mount
// per line, each at an absolute mount point that MountOf finds again.
func FuzzMountinfo(f *testing.F) {
	for _, b := range fixtureHostFiles(f, "proc/self/mountinfo") {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		mounts := parseMountinfo(b)
		if lines := strings.Count(string(b), "\n") + 1; len(mounts) > lines {
			t.Fatalf("%d mounts from %d lines", len(mounts), lines)
		}
		info := &Info{Mounts: mounts}
		for _, m := range mounts {
			if !strings.HasPrefix(m.Point, "/") || m.FSType == "" || m.Source == "" || m.Options == nil {
				t.Fatalf("parsed %+v", m)
			}
			if got := info.MountOf(m.Point); got == nil || got.Point != m.Point {
				t.Fatalf("MountOf(%q) = %+v", m.Point, got)
			}
		}
	})
}

// FuzzMountLine prints a mount the way the kernel does (show_mountinfo
// escapes blanks, newlines and backslashes in paths, types and sources as
// octal, and nothing else) and parses it back: every field must survive.
func FuzzMountLine(f *testing.F) {
	f.Add("/mnt/c", "9p", "drvfs", `rw,dirsync,aname=drvfs;path=C:\;uid=1000`)
	f.Add("/home/me/My Projects\tx", "drvfs", `C:\`, "rw,case=off")
	f.Add("/", "ext4", "/dev/sdc", "rw,errors=remount-ro")
	f.Add("/media/usb", "fuse.sshfs", "me@host:/srv", "rw,user_id=0")
	f.Add("/home/me/My\u00a0Projects", "9p", "drvfs", `rw,aname=drvfs;path=C:\`) // a no-break space is not escaped
	f.Fuzz(func(t *testing.T, point, fstype, source, superOpts string) {
		if !strings.HasPrefix(point, "/") || fstype == "" || source == "" || strings.ContainsRune(point+fstype+source+superOpts, 0) ||
			strings.ContainsAny(superOpts, " \t\n\r") {
			return // the kernel prints none of these
		}
		line := "36 35 98:0 / " + kernelEscape(point) + " rw,noatime shared:1 - " + kernelEscape(fstype) + " " + kernelEscape(source) + " " + superOpts
		got := parseMountinfo([]byte(line + "\n"))
		if len(got) != 1 {
			t.Fatalf("%q parsed to %d mounts", line, len(got))
		}
		m := got[0]
		want := map[string]string{"rw": "", "noatime": ""}
		addOptions(want, superOpts)
		if m.Point != point || m.FSType != fstype || m.Source != source || !maps.Equal(m.Options, want) {
			t.Fatalf("%q parsed to %+v, want point %q, type %q, source %q, options %v", line, m, point, fstype, source, want)
		}
	})
}

// kernelEscape is the kernel's mangle(): " \t\n\\" as octal escapes.
func kernelEscape(s string) string {
	return strings.NewReplacer(" ", `\040`, "\t", `\011`, "\n", `\012`, `\`, `\134`).Replace(s)
}
