package diagnostics

import (
	"fmt"
	"strings"
)

var _ = register(&Rule{
	ID:       "ENV008",
	Title:    "GOTOOLCHAIN=auto, but GOSUMDB or GOPROXY is off",
	Severity: Warning,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `With GOTOOLCHAIN=auto (the standard default) the go command switches to a newer toolchain when a go.mod
or go.work asks for one: it runs it from PATH or the module cache, or downloads it through GOPROXY. Toolchain
downloads are always verified against the checksum database — GOPRIVATE and GONOSUMDB do not exempt them — so:

- with ` + "`GOSUMDB=off`" + ` switching never works, not even to a toolchain already in the module cache
  (` + "`verifying module: checksum database disabled by GOSUMDB=off`" + `): a warning;
- with ` + "`GOPROXY=off`" + ` (as its first entry) only toolchains already in the module cache can be used, anything else
  fails with ` + "`toolchain not available`" + `: an info.

Nothing fails until a module asks for a newer Go — GO002 then reports the failure on its go line — so these
are machine findings: the status item and the report show them, on no file.

**Fix.** Prefer ` + "`GOPRIVATE`" + `/` + "`GONOSUMDB`" + ` for private modules to turning the checksum database off
(` + "`go env -u GOSUMDB`" + `, or remove ` + "`GOSUMDB=off`" + ` from your profile). With GOPROXY=off on purpose (offline, vendored
builds), install the Go versions your modules need, or set ` + "`GOTOOLCHAIN=local`" + ` to make the choice explicit.

**Sources.** go.dev/doc/toolchain (downloads "fail for lack of verification if GOSUMDB=off"; GOPRIVATE does not
apply); cmd/go/internal/modfetch/sumdb.go (useSumDB); RULES-FACTS §C.2 (the messages, run with go1.26.8).`,
	Check: func(s *Snapshot) (out []Finding) {
		p, ok := userToolchainPolicy(s.Host.Go)
		if !ok || p.mode != "auto" {
			return nil
		}
		if p.gosumdb == "off" {
			out = append(out, onMachine(fmt.Sprintf("GOTOOLCHAIN=%s, but GOSUMDB=off: the go command can never switch to a newer toolchain, since toolchains must be verified by the checksum database, so a module asking for a newer Go than %s fails", p.setting, p.running))...)
		}
		first, _, _ := strings.Cut(p.goproxy, ",")
		first, _, _ = strings.Cut(first, "|")
		if strings.TrimSpace(first) == "off" {
			out = append(out, asInfo(onMachine(fmt.Sprintf("GOTOOLCHAIN=%s, but GOPROXY=off: the go command can switch only to toolchains already in the module cache, and any other newer Go a module asks for fails with \"toolchain not available\"", p.setting))[0]))
		}
		return out
	},
})
