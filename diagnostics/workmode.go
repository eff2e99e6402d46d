package diagnostics

import (
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// This file answers "is the go command in workspace mode here?" for the
// workspace rules (GO006a, GO007–GO010, GO012), the way the user's go command
// decides it, and parses the -mod flag out of GOFLAGS.

// workFileIn is the go.work the go command uses when run in dir, or "" when
// it runs in module mode there (cmd/go/internal/modload.FindGoWork):
// GOWORK=off turns workspace mode off, an absolute GOWORK names the file
// (a relative one is an error of its own), else the nearest go.work at or
// above dir. GOWORK cannot be set with `go env -w`, so the environment is
// the only place it comes from.
func workFileIn(s *Snapshot, dir string) string {
	switch g := s.Host.Env["GOWORK"]; g {
	case "off":
		return ""
	case "", "auto":
		return s.WorkFileFor(dir)
	default:
		if filepath.IsAbs(g) {
			return filepath.Clean(g)
		}
		return ""
	}
}

// activeWorkFiles are the discovered go.work files that parse and that the go
// command uses somewhere: in their own directory, with GOWORK as the user has it.
func activeWorkFiles(s *Snapshot) []*workspace.File {
	var out []*workspace.File
	for _, f := range s.Files(workspace.GoWork) {
		if f.Work().File != nil && workFileIn(s, f.Dir()) == f.Path {
			out = append(out, f)
		}
	}
	return out
}

// workUsing is the go.work that puts the module in dir in workspace mode: the
// one the go command uses there, when it lists dir. It is nil when the module
// builds in module mode (or is left out of its workspace, GO007's case).
func workUsing(s *Snapshot, dir string) *workspace.File {
	p := workFileIn(s, dir)
	if p == "" {
		return nil
	}
	f := s.File(p)
	for _, u := range s.WorkUses(f) {
		if u.Dir == dir {
			return f
		}
	}
	return nil
}

// goflagsMod is the -mod value GOFLAGS sets ("mod", "vendor", "readonly"), or
// "" when it sets none. It reads GOFLAGS as cmd/go/internal/base.InitGOFLAGS
// does: words split at spaces, a quoted word kept whole, each word a flag
// (-x, --x, -x=v), the last setting of a flag winning. ok is false when the
// go command refuses GOFLAGS altogether ("go: parsing $GOFLAGS: …"): that
// failure is not about -mod.
func goflagsMod(goflags string) (mod string, ok bool) {
	words, ok := splitQuoted(goflags)
	if !ok {
		return "", false
	}
	for _, w := range words {
		if !strings.HasPrefix(w, "-") || w == "-" || w == "--" || strings.HasPrefix(w, "---") ||
			strings.HasPrefix(w, "-=") || strings.HasPrefix(w, "--=") {
			return "", false
		}
		name, value, _ := strings.Cut(strings.TrimPrefix(w[1:], "-"), "=")
		if name == "mod" {
			mod = value
		}
	}
	return mod, true
}

// splitQuoted splits s into words at spaces, a word opening with a single or
// double quote running to the matching quote, as cmd/internal/quoted.Split
// does; ok is false for an unterminated quote.
func splitQuoted(s string) (words []string, ok bool) {
	const space = " \t\n\r"
	for {
		s = strings.TrimLeft(s, space)
		if s == "" {
			return words, true
		}
		end := strings.IndexAny(s, space)
		if q := s[0]; q == '\'' || q == '"' {
			if end = strings.IndexByte(s[1:], q); end < 0 {
				return nil, false
			}
			words, s = append(words, s[1:1+end]), s[2+end:]
			continue
		}
		if end < 0 {
			end = len(s)
		}
		words, s = append(words, s[:end]), s[end:]
	}
}
