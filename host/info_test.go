package host

import (
	"os"
	"path/filepath"
	"testing"
)

func wslInfo(version int, lines ...string) *Info {
	var data string
	for _, l := range lines {
		data += l + "\n"
	}
	return &Info{WSL: WSL{Version: version}, Mounts: parseMountinfo([]byte(data)), WSLConf: defaultWSLConf()}
}

func TestWindowsDrive(t *testing.T) {
	bindExt4 := `80 65 8:32 /home/me/proj /mnt/c/proj rw,relatime - ext4 /dev/sdc rw`
	for _, tc := range []struct {
		name string
		info *Info
		path string
		want string // mount point, "" for none
	}{
		{"WSL2 9p drive", wslInfo(2, rootExt4, wsl2FD), "/mnt/c/Users/me/src/app", "/mnt/c"},
		{"WSL2 9p over virtio, elevated", wslInfo(2, rootExt4, wsl2Virtio), "/mnt/d/x", "/mnt/d"},
		{"WSL1 drvfs", wslInfo(1, rootExt4, wsl1Drvfs), "/mnt/c/src", "/mnt/c"},
		{"virtiofs below the automount root", wslInfo(2, rootExt4, virtiofsE), "/mnt/e/src", "/mnt/e"},
		{"the mount point itself", wslInfo(2, rootExt4, wsl2FD), "/mnt/c", "/mnt/c"},
		{"the Linux filesystem", wslInfo(2, rootExt4, wsl2FD), "/home/me/src", ""},
		{"a sibling whose name only starts like the drive", wslInfo(2, rootExt4, wsl2FD), "/mnt/cd/x", ""},
		{"the longest prefix wins: a Linux bind mount on the drive", wslInfo(2, rootExt4, wsl2FD, bindExt4), "/mnt/c/proj/x", ""},
		{"a 9p share that is not drvfs", wslInfo(2, rootExt4, wsl2Drivers), "/usr/lib/wsl/drivers/x", ""},
		{"virtiofs outside the automount root", wslInfo(2, rootExt4, `90 60 0:70 / /srv/share rw - virtiofs share rw`), "/srv/share/x", ""},
		{"not WSL: the same 9p mount is somebody else's", wslInfo(0, rootExt4, wsl2FD), "/mnt/c/src", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if m := tc.info.WindowsDrive(tc.path); m != nil {
				got = m.Point
			}
			if got != tc.want {
				t.Errorf("WindowsDrive(%q) = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
}

func TestWindowsDriveCustomAutomountRoot(t *testing.T) {
	info := wslInfo(2, rootExt4, `90 60 0:70 / /windir/c rw - virtiofs 8f3c2b1a-5d4e-4c6b-9a7f-1e2d3c4b5a69 rw`)
	if info.WindowsDrive("/windir/c/src") != nil {
		t.Errorf("virtiofs at /windir/c is a drive although the automount root is /mnt/")
	}
	info.WSLConf = parseWSLConf([]byte("[automount]\nroot=/windir\n"))
	if info.WindowsDrive("/windir/c/src") == nil {
		t.Errorf("virtiofs at /windir/c is not a drive with root=/windir")
	}
}

func TestWindowsDriveFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	drive := filepath.Join(dir, "drive")
	if err := os.MkdirAll(filepath.Join(drive, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "home", "src")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(drive, "src"), link); err != nil {
		t.Fatal(err)
	}
	info := wslInfo(2, rootExt4, `65 60 0:56 / `+drive+` rw - 9p drvfs rw,aname=drvfs;path=C:\`)
	if m := info.WindowsDrive(link); m == nil || m.Point != drive {
		t.Errorf("%s links into the drive at %s, but WindowsDrive = %+v", link, drive, m)
	}
}

func TestMountOfTies(t *testing.T) {
	// Mounting twice on the same point stacks: the later line is what paths see.
	info := wslInfo(2, rootExt4, wsl2FD, `99 65 0:80 / /mnt/c rw - tmpfs tmpfs rw`)
	if m := info.MountOf("/mnt/c/x"); m == nil || m.FSType != "tmpfs" {
		t.Errorf("MountOf = %+v, want the later tmpfs", m)
	}
}
