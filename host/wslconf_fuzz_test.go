package host

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzWSLConf parses any text as /etc/wsl.conf. The automount root always
// ends in a slash; WSL stops at a line of the file, having applied exactly
// what the lines before it say, and ignores whatever follows.
func FuzzWSLConf(f *testing.F) {
	for _, b := range fixtureHostFiles(f, "etc/wsl.conf") {
		f.Add(b)
	}
	f.Add([]byte("[automount]\nroot = \"/my drive#1 \" # c\noptions = metadata,\\\n  uid=1000\n[interop]\nenabled=0\n; stop\n[boot]\nsystemd=true\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c := parseWSLConf(b)
		if !c.Present || !strings.HasSuffix(c.AutomountRoot, "/") {
			t.Fatalf("parsed %+v", c)
		}
		lines := bytes.Count(b, []byte("\n")) + 1
		if c.StoppedAt < 0 || c.StoppedAt > lines {
			t.Fatalf("stopped at line %d of %d", c.StoppedAt, lines)
		}
		// A "\r" ends a statement too, so a line can hold two: the prefix
		// property needs whole lines.
		if c.StoppedAt == 0 || bytes.ContainsRune(b, '\r') {
			return
		}
		start := 0
		for range c.StoppedAt - 1 {
			start += bytes.IndexByte(b[start:], '\n') + 1
		}
		before := parseWSLConf(b[:start])
		if before.StoppedAt != 0 || withStop(before, c.StoppedAt) != c {
			t.Fatalf("stopped at line %d with %+v, but the lines before it give %+v", c.StoppedAt, c, before)
		}
		if bytes.HasSuffix(b, []byte("\n")) {
			if after := parseWSLConf(append(bytes.Clone(b), "[automount]\nroot=/late\n"...)); after != c {
				t.Fatalf("lines after the stop changed %+v to %+v", c, after)
			}
		}
	})
}

func withStop(c WSLConf, line int) WSLConf {
	c.StoppedAt = line
	return c
}
