package diagnostics

import (
	"fmt"
	"go/version"
	"path/filepath"

	"golang.org/x/mod/modfile"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO002",
	Title:    "go.mod or go.work needs a newer Go than the installed one",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `Since Go 1.21 the ` + "`go`" + ` line of go.mod and go.work is a minimum: a toolchain older than it
refuses the module. What happens then depends on GOTOOLCHAIN, as the user's go command sees it
(environment, then the ` + "`go env -w`" + ` file, then ` + "`$GOROOT/go.env`" + `, which says ` + "`auto`" + ` in the standard
distribution but may say ` + "`local`" + ` in a repackaged one; the official golang Docker images set
` + "`GOTOOLCHAIN=local`" + ` in the environment):

- ` + "`local`" + ` (or a pinned ` + "`go1.X.Y`" + `, or a ` + "`toolchain default`" + ` line): every go command fails,

      go: go.mod requires go >= 1.99 (running go 1.26.8; GOTOOLCHAIN=local)

- ` + "`path`" + `: the go command runs a binary named like the toolchain (` + "`go1.99.0`" + `) from PATH, and fails with
  ` + "`go: cannot find \"go1.99.0\" in PATH`" + ` when there is none;
- ` + "`auto`" + ` (the default): the go command silently switches to that toolchain, from PATH, the module cache,
  or by downloading it (` + "`go: downloading go1.99.0 (linux/amd64)`" + `); gowell reports this as info. The
  download fails with GOPROXY=off ("toolchain not available") unless the toolchain is already cached, and
  always with GOSUMDB=off: toolchains must be verified by the checksum database.

A ` + "`toolchain`" + ` line newer than the installed Go makes the go command switch the same way (it is ignored
under ` + "`local`" + `). In workspace mode only go.work's lines select the toolchain, so a go.mod below a go.work
is not reported here (GO001 reports a module that needs more than its go.work's go line).
A go line of ` + "`1.26`" + ` is the language version and is satisfied by go1.26.0 and later, so it never fires
on an installed go1.26.8, while ` + "`1.26.9`" + ` does. Nothing is reported when gowell found no go command.

**Fix.** Install a Go at least as new as the line asks for, or let the go command fetch it
(` + "`go env -w GOTOOLCHAIN=auto`" + `, with GOPROXY and GOSUMDB on), or lower the line if the module does not
need that Go. There is no automatic fix: each of these downloads and runs code or changes what the
module promises.

**Sources.** go.dev/doc/toolchain (selection, GOTOOLCHAIN, downloads and GOSUMDB); go.dev/ref/mod#go-mod-file-go;
cmd/go/internal/toolchain/select.go (Select, Exec); cmd/go/internal/gover/toolchain.go (TooNewError);
cmd/go/internal/modfetch/sumdb.go (useSumDB).`,
	Check: func(s *Snapshot) (out []Finding) {
		p, ok := userToolchainPolicy(s.Host.Go)
		if !ok {
			return nil
		}
		for _, f := range s.Files(workspace.GoWork) {
			if w := f.Work().File; w != nil {
				out = append(out, newerThanToolchain(s, p, f, w.Go, w.Toolchain)...)
			}
		}
		for _, f := range s.Files(workspace.GoMod) {
			if m := f.Mod().File; m != nil && s.WorkFileFor(f.Dir()) == "" {
				out = append(out, newerThanToolchain(s, p, f, m.Go, m.Toolchain)...)
			}
		}
		return out
	},
})

// newerThanToolchain checks the go and toolchain lines of one go.mod or
// go.work, where the go command reads them to select a toolchain.
func newerThanToolchain(s *Snapshot, p toolchainPolicy, f *workspace.File, goLine *modfile.Go, tc *modfile.Toolchain) []Finding {
	if goLine == nil && tc == nil {
		return nil
	}
	what := filepath.Base(f.Path)
	tcName := ""
	if tc != nil {
		tcName = tc.Name
	}
	if p.mode == "" || tcName == "default" {
		if goLine == nil || version.Compare("go"+goLine.Version, p.running) <= 0 {
			return nil
		}
		return []Finding{At(f, f.TokenRange(goLine.Syntax, 1), noSwitchMessage(p, what, goLine.Version, tcName == "default"))}
	}

	// The toolchain the go command switches to: the toolchain line when newer
	// than what runs, then the go line when newer still (a bare language
	// version means its first release, go1.22 → go1.22.0).
	target, at, subject := "", (*modfile.Line)(nil), ""
	if tcName != "" && version.IsValid(tcName) && version.Compare(tcName, p.running) > 0 {
		target, at = tcName, tc.Syntax
		subject = fmt.Sprintf("%s asks for toolchain %s, newer than %s", what, tcName, p.describeRunning())
	}
	if goLine != nil && version.Compare("go"+goLine.Version, newerVersion(target, p.running)) > 0 {
		target, at = "go"+goLine.Version, goLine.Syntax
		if version.Lang(target) == target && version.Compare(target, goStrictVersion) >= 0 {
			target += ".0"
		}
		subject = fmt.Sprintf("%s requires go >= %s, newer than %s", what, goLine.Version, p.describeRunning())
	}
	if target == "" {
		return nil
	}
	r := f.TokenRange(at, 1)
	if p.mode == "path" {
		if toolchainOnPath(s, target) {
			return []Finding{asInfo(At(f, r, fmt.Sprintf("%s: with GOTOOLCHAIN=%s every go command here silently switches to the %s found on PATH", subject, p.setting, target)))}
		}
		return []Finding{At(f, r, fmt.Sprintf("%s: with GOTOOLCHAIN=%s the go command needs a %s binary on PATH and there is none, so every go command here fails with 'go: cannot find %q in PATH'", subject, p.setting, target, target))}
	}
	how, blocked := p.switchTo(s, target)
	if blocked != "" {
		return []Finding{At(f, r, fmt.Sprintf("%s: GOTOOLCHAIN=%s would switch to %s, but %s, so every go command here fails", subject, p.setting, target, blocked))}
	}
	return []Finding{asInfo(At(f, r, fmt.Sprintf("%s: with GOTOOLCHAIN=%s every go command here silently switches to %s, %s", subject, p.setting, target, how)))}
}

// noSwitchMessage is the failure when the go command may not switch: it
// quotes the go command's error (cmd/go/internal/gover.TooNewError).
func noSwitchMessage(p toolchainPolicy, what, goV string, tcDefault bool) string {
	why, explain := "GOTOOLCHAIN="+p.setting+" forbids switching", ""
	if p.setting == "" {
		why = "GOTOOLCHAIN is unset, so the go command does not switch"
	} else if p.setting != "auto" {
		explain = "; GOTOOLCHAIN=" + p.setting
	}
	if tcDefault && p.mode != "" {
		why = "its 'toolchain default' line forbids switching"
		explain += "; " + what + " sets toolchain default"
	}
	return fmt.Sprintf("%s requires go >= %s, newer than %s, and %s: every go command here fails with \"go: %s requires go >= %s (running go %s%s)\"",
		what, goV, p.describeRunning(), why, what, goV, p.runningVersion(), explain)
}

func asInfo(f Finding) Finding { f.Severity = Info; return f }

// newerVersion is the newer of two go/version versions; an invalid or empty
// one counts as older than any.
func newerVersion(a, b string) string {
	if version.Compare(a, b) >= 0 {
		return a
	}
	return b
}
