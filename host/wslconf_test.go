package host

import "testing"

func TestParseWSLConf(t *testing.T) {
	for _, tc := range []struct {
		name, conf string
		check      func(c WSLConf) bool
	}{
		{"root gets a trailing slash", "[automount]\nroot = /windir\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/windir/" }},
		{"an empty root is /", "[automount]\nroot =\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/" }},
		{"sections and keys are case-insensitive", "[AutoMount]\nROOT=/x/\n[Interop]\nAppendWindowsPath = FALSE\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/x/" && !c.AppendWindowsPath }},
		{"1 and 0 are booleans", "[interop]\nenabled=0\n[boot]\nsystemd=1\n",
			func(c WSLConf) bool { return !c.InteropEnabled && c.Systemd }},
		{"a boolean WSL cannot parse keeps its default", "[interop]\nenabled = no\n",
			func(c WSLConf) bool { return c.InteropEnabled && c.StoppedAt == 0 }},
		{"comments, whole-line and trailing", "# drives\n[automount] # here\nroot = /w # not part of it\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/w/" }},
		{"quotes keep # and blanks", "[automount]\nroot = \"/my drive#1 \"\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/my drive#1 /" }},
		{"unquoted trailing blanks are dropped", "[automount]\noptions = metadata,uid=1000   \t\n",
			func(c WSLConf) bool { return c.AutomountOptions == "metadata,uid=1000" }},
		{"escapes", "[automount]\noptions = a\\\"b\\\\c\n",
			func(c WSLConf) bool { return c.AutomountOptions == `a"b\c` }},
		{"a backslash continues the line", "[automount]\noptions = metadata,\\\n  uid=1000\nroot=/q\n",
			func(c WSLConf) bool { return c.AutomountOptions == "metadata,  uid=1000" && c.AutomountRoot == "/q/" }},
		{"the first occurrence wins", "[automount]\nroot=/first\nroot=/second\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/first/" }},
		{"unknown sections and keys are skipped", "[wsl2]\nmemory=4GB\n[automount]\nldconfig=false\nroot=/k\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/k/" && c.StoppedAt == 0 }},
		{"a key outside any section is not automount.root", "root=/top\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/mnt/" }},
		{"CRLF line ends", "[automount]\r\nroot = /crlf\r\n[interop]\r\nenabled=false\r\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/crlf/" && !c.InteropEnabled }},
		{"an INI-style ; comment stops WSL reading: later settings keep their defaults", "[automount]\nroot=/a\n; old\n[interop]\nenabled=false\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/a/" && c.InteropEnabled && c.StoppedAt == 3 }},
		{"a key with an underscore is invalid", "\n[automount]\nmount_fstab = false\nroot=/late\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/mnt/" && c.StoppedAt == 3 }},
		{"an unclosed quote is invalid", "[automount]\nroot = \"/open\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/mnt/" && c.StoppedAt == 2 }},
		{"an unknown escape is invalid", "[automount]\nroot = C:\\x\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/mnt/" && c.StoppedAt == 2 }},
		{"a malformed section header is invalid", "[ automount ]\nroot=/s\n",
			func(c WSLConf) bool { return c.AutomountRoot == "/mnt/" && c.StoppedAt == 1 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := parseWSLConf([]byte(tc.conf))
			if !c.Present || !tc.check(c) {
				t.Errorf("%q parsed to %+v", tc.conf, c)
			}
		})
	}
}

func TestWSLConfDefaults(t *testing.T) {
	c := parseWSLConf(nil)
	want := defaultWSLConf()
	want.Present = true
	if c != want {
		t.Errorf("empty wsl.conf: %+v, want %+v", c, want)
	}
	if want.AutomountRoot != "/mnt/" || !want.AutomountEnabled || !want.InteropEnabled || !want.AppendWindowsPath || want.Systemd {
		t.Errorf("defaults %+v differ from WslDistributionConfig.h", want)
	}
}
