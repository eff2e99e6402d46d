package host

import (
	"maps"
	"testing"
)

// Lines as the kernel prints them on the machines gowell meets (proc(5); the
// WSL ones built from drvfs.cpp's option strings and RULES-FACTS §A.2).
const (
	rootExt4    = `60 1 8:32 / / rw,relatime shared:1 - ext4 /dev/sdc rw,discard,errors=remount-ro,data=ordered`
	wsl2FD      = `65 60 0:56 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5`
	wsl2Virtio  = `75 60 0:51 / /mnt/d rw,noatime shared:31 - 9p drvfsa rw,dirsync,aname=drvfs;path=D:\;symlinkroot=/mnt/,cache=5,access=client,msize=262144,trans=virtio`
	wsl2Drivers = `70 60 0:60 / /usr/lib/wsl/drivers ro,nosuid,nodev,noatime - 9p drivers ro,dirsync,aname=drivers;fmask=222;dmask=222,mmap,access=client,msize=65536,trans=fd,rfd=7,wfd=7`
	wsl1Drvfs   = `8 2 0:43 / /mnt/c rw,noatime - drvfs C: rw,metadata,case=off`
	virtiofsE   = `90 60 0:70 / /mnt/e rw,noatime shared:40 - virtiofs 8f3c2b1a-5d4e-4c6b-9a7f-1e2d3c4b5a69 rw`
)

func TestParseMountinfo(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       Mount
	}{
		{"root ext4 with an optional field", rootExt4, Mount{Point: "/", FSType: "ext4", Source: "/dev/sdc",
			Options: map[string]string{"rw": "", "relatime": "", "discard": "", "errors": "remount-ro", "data": "ordered"}}},
		{"WSL2 9p over fd: the aname value keeps its semicolons and backslash", wsl2FD, Mount{Point: "/mnt/c", FSType: "9p", Source: "drvfs",
			Options: map[string]string{"rw": "", "noatime": "", "dirsync": "", "aname": `drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/mnt/`,
				"mmap": "", "access": "client", "msize": "65536", "trans": "fd", "rfd": "5", "wfd": "5"}}},
		{"WSL1 drvfs", wsl1Drvfs, Mount{Point: "/mnt/c", FSType: "drvfs", Source: "C:",
			Options: map[string]string{"rw": "", "noatime": "", "metadata": "", "case": "off"}}},
		{"escaped source", `8 2 0:43 / /mnt/c rw - drvfs C:\134 rw`, Mount{Point: "/mnt/c", FSType: "drvfs", Source: `C:\`,
			Options: map[string]string{"rw": ""}}},
		{"escaped blanks in the mount point", `91 60 0:56 /Users/me/My\040Projects /home/me/My\040Projects\011x rw,noatime - 9p drvfs rw,aname=drvfs;path=C:\`,
			Mount{Point: "/home/me/My Projects\tx", FSType: "9p", Source: "drvfs",
				Options: map[string]string{"rw": "", "noatime": "", "aname": `drvfs;path=C:\`}}},
		{"several optional fields", `36 35 98:0 /mnt1 /mnt2 rw,noatime shared:1 master:2 propagate_from:3 - ext3 /dev/root rw,errors=continue`,
			Mount{Point: "/mnt2", FSType: "ext3", Source: "/dev/root", Options: map[string]string{"rw": "", "noatime": "", "errors": "continue"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := parseMountinfo([]byte(tc.line + "\n"))
			if len(got) != 1 {
				t.Fatalf("parsed %d mounts, want 1: %+v", len(got), got)
			}
			m := got[0]
			if m.Point != tc.want.Point || m.FSType != tc.want.FSType || m.Source != tc.want.Source || !maps.Equal(m.Options, tc.want.Options) {
				t.Errorf("got  %+v\nwant %+v", m, tc.want)
			}
		})
	}
}

func TestParseMountinfoSkipsMalformedLines(t *testing.T) {
	data := rootExt4 + "\n" +
		"garbage\n" +
		"1 2 3 4 5 6 no-separator here\n" +
		"1 2 3:4 / /x rw - ext4\n" + // separator but no source
		wsl2FD // no final newline
	got := parseMountinfo([]byte(data))
	if len(got) != 2 || got[0].Point != "/" || got[1].Point != "/mnt/c" {
		t.Errorf("got %+v, want the root and /mnt/c only", got)
	}
}

func TestUnescapeLeavesOtherBackslashes(t *testing.T) {
	for in, want := range map[string]string{
		`a\040b`:   "a b",
		`C:\`:      `C:\`,
		`C:\;uid`:  `C:\;uid`,
		`x\12`:     `x\12`,  // too short to be an escape
		`x\400`:    `x\400`, // not a byte
		`\134\134`: `\\`,
	} {
		if got := unescape(in); got != want {
			t.Errorf("unescape(%q) = %q, want %q", in, got, want)
		}
	}
}
