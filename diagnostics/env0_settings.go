package diagnostics

import (
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gowell/gowell/host"
)

// Helpers shared by the ENV and WSL rules that read the user's go settings.

// setting is a go setting as the user wrote it (where the probe found it set),
// else as `go env` printed it. The two differ where the go command rewrites a
// bad value (a relative GOCACHE prints as "off") or cannot run at all.
func setting(g host.GoEnv, key string) string {
	if v, ok := g.Settings[key]; ok {
		return v
	}
	return g.Vars[key]
}

// userSet reports whether the user set key: in the environment or with
// `go env -w`.
func userSet(g host.GoEnv, key string) bool {
	o := g.Origins[key]
	return o == host.OriginEnv || o == host.OriginGOENV
}

// whereSet says where the user set key, for messages.
func whereSet(g host.GoEnv, key string) string {
	switch g.Origins[key] {
	case host.OriginEnv:
		return "set in the environment"
	case host.OriginGOENV:
		return "set with go env -w"
	case host.OriginGOROOT:
		return "set by $GOROOT/go.env"
	}
	return "the default"
}

var windowsStyle = regexp.MustCompile(`^[A-Za-z]:|\\`)

// isWindowsPath reports a path written the Windows way (C:\Users\me\go,
// \\server\share): under Linux such a value is a relative path at best.
func isWindowsPath(v string) bool { return windowsStyle.MatchString(v) }

// badGOPATHEntry is the first entry of a GOPATH the go command refuses to
// start with, and its complaint (cmd/go/main.go): an entry starting with ~,
// or a relative one. Empty entries are skipped, as the go command does.
func badGOPATHEntry(gopath string) (entry, complaint string) {
	for _, p := range filepath.SplitList(gopath) {
		switch {
		case p == "":
		case strings.HasPrefix(p, "~"):
			return p, "go: GOPATH entry cannot start with shell metacharacter '~': " + strconv.Quote(p)
		case !filepath.IsAbs(p):
			return p, "go: GOPATH entry is relative; must be absolute path: " + strconv.Quote(p) + "."
		}
	}
	return "", ""
}

// goEnvUnset is the fix that removes settings from the user's go env file:
//
//	go env -u VAR…
//
// run from "/", where no go.mod can make the go command switch toolchains.
// A GOPATH or GOROOT the go command refuses to start with would make that
// command fail too, so the command then overrides them for its own run:
// GOROOT with the binary's own tree (the working form RULES-FACTS §E verified
// for GOROOT), GOPATH with its default, $HOME/go. It is false when such an
// override is needed and gowell cannot tell its value.
func goEnvUnset(s *Snapshot, vars ...string) (Fix, bool) {
	g := s.Host.Go
	var overrides []string
	if slices.Contains(vars, "GOROOT") || strings.Contains(g.Err, "cannot find GOROOT directory") {
		if g.Root == "" {
			return Fix{}, false
		}
		overrides = append(overrides, "GOROOT="+g.Root)
	}
	if entry, _ := badGOPATHEntry(setting(g, "GOPATH")); entry != "" || isWindowsPath(setting(g, "GOPATH")) {
		home := s.Host.Env["HOME"]
		if !filepath.IsAbs(home) {
			return Fix{}, false
		}
		overrides = append(overrides, "GOPATH="+filepath.Join(home, "go"))
	}
	argv := append([]string{"go", "env", "-u"}, vars...)
	if len(overrides) > 0 {
		argv = append(append([]string{"env"}, overrides...), argv...)
	}
	title := "Unset " + joinAnd(vars) + " in the go env file (go env -u)"
	return Fix{Title: title, Command: &Command{Argv: argv, Dir: "/", Outside: true}}, true
}

// goEnvUnsetFixes is goEnvUnset for those of vars set with go env -w; none
// when there are none.
func goEnvUnsetFixes(s *Snapshot, vars []string) []Fix {
	var inFile []string
	for _, v := range vars {
		if s.Host.Go.Origins[v] == host.OriginGOENV {
			inFile = append(inFile, v)
		}
	}
	if len(inFile) == 0 {
		return nil
	}
	if fix, ok := goEnvUnset(s, inFile...); ok {
		return []Fix{fix}
	}
	return nil
}

// joinAnd lists words as "A", "A and B", "A, B and C".
func joinAnd(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
