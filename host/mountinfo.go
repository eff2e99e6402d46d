package host

import (
	"slices"
	"strings"
)

// parseMountinfo reads /proc/self/mountinfo (proc(5)):
//
//	36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
//	id parent dev root point options [optional fields…] - fstype source super-options
//
// Lines that do not have that shape are skipped: a partial table is more
// useful to the rules than none.
func parseMountinfo(data []byte) []Mount {
	var out []Mount
	for line := range strings.Lines(string(data)) {
		if m, ok := parseMountLine(strings.TrimRight(line, "\r\n")); ok {
			out = append(out, m)
		}
	}
	return out
}

func parseMountLine(line string) (Mount, bool) {
	// The kernel escapes space, tab, newline and backslash in every field as
	// octal (\040, \011, \012, \134) and nothing else, so a name can hold a
	// raw "\r", "\v" or U+00A0: fields are split on spaces alone.
	f := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' })
	if len(f) < 7 {
		return Mount{}, false
	}
	// The optional fields (shared:N, master:N, …) run up to a lone "-".
	sep := slices.Index(f[6:], "-")
	if sep < 0 || 6+sep+2 >= len(f) {
		return Mount{}, false
	}
	sep += 6
	m := Mount{
		Point:   unescape(f[4]),
		FSType:  unescape(f[sep+1]),
		Source:  unescape(f[sep+2]),
		Options: map[string]string{},
	}
	if !strings.HasPrefix(m.Point, "/") {
		return Mount{}, false // the kernel prints mount points as absolute paths
	}
	addOptions(m.Options, f[5])
	if sep+3 < len(f) {
		addOptions(m.Options, f[sep+3])
	}
	return m, true
}

// addOptions adds a comma-separated option list to opts. A value is kept
// whole: 9p's aname=drvfs;path=C:\;uid=1000 carries WSL's own options after
// semicolons, and its backslash is not an escape.
func addOptions(opts map[string]string, list string) {
	for _, o := range strings.Split(list, ",") {
		if o == "" {
			continue
		}
		k, v, _ := strings.Cut(o, "=")
		opts[unescape(k)] = unescape(v)
	}
}

// unescape decodes the kernel's octal escapes (\040 for a space, \134 for a
// backslash); any other backslash is literal.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && s[i+1] <= '3' && isOctal(s[i+1]) && isOctal(s[i+2]) && isOctal(s[i+3]) {
			b.WriteByte((s[i+1]-'0')<<6 | (s[i+2]-'0')<<3 | (s[i+3] - '0'))
			i += 3
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isOctal(c byte) bool { return '0' <= c && c <= '7' }
