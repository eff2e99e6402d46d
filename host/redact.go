package host

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// UserPlaceholder stands for the user's name in what gowell shows or saves.
const UserPlaceholder = "<user>"

// Redactor hides who the user is in what gowell shows (`gowell env`) or saves
// for a bug report (Save): the home directory; the user's name where a path
// names a home (/home/<name>, and under a Users directory any name —
// /mnt/c/Users/<name>, C:\Users\<name>, macOS's /Users/<name> — since a
// Windows profile name need not be the Linux one); the values of USER and
// LOGNAME; and credentials in URLs (GOPROXY=https://user:token@host).
type Redactor struct {
	home   string // "" when there is nothing to hide
	homeTo string
	users  []string
}

// NewRedactor redacts for the user env describes. For display the home
// directory becomes "~"; with keepPaths (a replayable snapshot) paths stay
// absolute — /home/alice becomes /home/<user> — so that a replay still
// treats them as paths.
func NewRedactor(env map[string]string, keepPaths bool) *Redactor {
	r := &Redactor{}
	for _, k := range []string{"USER", "LOGNAME"} {
		// root names nobody in particular, and /root must stay a path.
		if u := env[k]; u != "" && u != "root" && !strings.ContainsAny(u, `/\`) && !slices.Contains(r.users, u) {
			r.users = append(r.users, u)
		}
	}
	if h := filepath.Clean(env["HOME"]); filepath.IsAbs(h) && h != "/" {
		switch {
		case !keepPaths:
			r.home, r.homeTo = h, "~"
		case slices.Contains(r.users, filepath.Base(h)):
			r.home, r.homeTo = h, filepath.Join(filepath.Dir(h), UserPlaceholder)
		}
	}
	return r
}

var (
	urlCredentials = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://)[^/@\s]+@`)
	// homeLike is a home or Users directory and the name below it.
	homeLike = regexp.MustCompile(`(?i)(^|[/\\])(home|users)([/\\])([^/\\:;,\s"'<>]+)`)
	// spacedProfile is a Windows profile name with blanks in it
	// (/mnt/c/Users/Ada Lovelace/go), up to the separator that ends it.
	spacedProfile = regexp.MustCompile(`(?i)(^|[/\\])(users)([/\\])([^/\\:;,"'<>\n]+?)([/\\])`)
)

// String redacts a value, a path list or a line of text.
func (r *Redactor) String(s string) string {
	s = urlCredentials.ReplaceAllString(s, "${1}<redacted>@")
	if r.home != "" {
		s = replacePath(s, r.home, r.homeTo)
	}
	s = spacedProfile.ReplaceAllString(s, "${1}${2}${3}"+UserPlaceholder+"${5}")
	return homeLike.ReplaceAllStringFunc(s, func(m string) string {
		g := homeLike.FindStringSubmatch(m)
		if strings.EqualFold(g[2], "home") && !slices.Contains(r.users, g[4]) {
			return m // /home/linuxbrew is nobody's name
		}
		return g[1] + g[2] + g[3] + UserPlaceholder
	})
}

// Words redacts the user's names wherever they stand as a whole word, as in
// /etc/wsl.conf's "[user] default=alice", on top of String.
func (r *Redactor) Words(s string) string {
	s = r.String(s)
	for _, u := range r.users {
		s = replaceWord(s, u, UserPlaceholder)
	}
	return s
}

// Env redacts an environment, keeping only the variables gowell reads (see
// SnapshotEnv): a whole environment holds tokens that are nobody's business.
func (r *Redactor) Env(env map[string]string) map[string]string {
	out := map[string]string{}
	for _, k := range SnapshotEnv {
		v, ok := env[k]
		if !ok {
			continue
		}
		if k == "USER" || k == "LOGNAME" {
			v = UserPlaceholder
		}
		out[k] = r.String(v)
	}
	return out
}

// SnapshotEnv are the environment variables the probe and the rules read.
var SnapshotEnv = append([]string{"PATH", "HOME", "USER", "LOGNAME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
	"WSL_DISTRO_NAME", "WSL_INTEROP", "WSLENV"}, goEnvVars...)

// replacePath replaces the path old where it stands as a whole path: not
// inside a longer name (/home/alice2) or below another directory
// (/x/home/alice).
func replacePath(s, old, new string) string {
	return replaceBounded(s, old, new, func(c byte) bool { return !isNameByte(c) && c != '/' })
}

// replaceWord replaces old where it is a whole word.
func replaceWord(s, old, new string) string {
	return replaceBounded(s, old, new, func(c byte) bool { return !isNameByte(c) })
}

// replaceBounded replaces old in s where the byte before it (if any) passes
// before and the byte after it (if any) does not continue a name.
func replaceBounded(s, old, new string, before func(byte) bool) string {
	var b strings.Builder
	for {
		i := strings.Index(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + len(old)
		b.WriteString(s[:i])
		if (i == 0 || before(s[i-1])) && (end == len(s) || !isNameByte(s[end])) {
			b.WriteString(new)
		} else {
			b.WriteString(old)
		}
		s = s[end:]
	}
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-'
}
