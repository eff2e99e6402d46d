package diagnostics

var _ = register(&Rule{
	ID:       "ENV006",
	Title:    "An Intel Go toolchain under Rosetta on Apple silicon",
	Severity: Warning,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `On an Apple silicon Mac an amd64 (Intel) Go still runs — Rosetta 2 translates it — but the whole toolchain
runs emulated and slower, and since GOARCH defaults to the toolchain's own architecture (GOHOSTARCH, "the
architecture of the Go toolchain binaries"), every build produces amd64 programs that run under Rosetta too.
It happens after migrating from an Intel Mac, or installing the darwin-amd64 package by mistake; Rosetta-only
problems are tracked in golang/go#42700.

gowell reports it when ` + "`go env`" + ` says GOHOSTOS=darwin and GOHOSTARCH=amd64 while the hardware is arm64
(` + "`sysctl hw.optional.arm64`" + ` is 1). It does not ask whether gowell itself is translated: that describes gowell,
not the toolchain. A replayed machine carries the sysctl value as ` + "`<sysroot>/sysctl/hw.optional.arm64`" + `. The
warning sits on the module line of each top-level go.mod (the go line of a go.work without one).

**Fix.** Install the darwin-arm64 Go (go.dev/dl, or ` + "`brew install go`" + ` from an arm64 Homebrew in
` + "`/opt/homebrew`" + `) and remove the Intel one from PATH.

**Sources.** go help environment (GOHOSTARCH); Go source internal/cpu/cpu_x86_darwin.go (how the runtime
itself detects Rosetta); developer.apple.com/documentation/apple-silicon/about-the-rosetta-translation-environment;
github.com/golang/go/issues/42700. ` + "`hw.optional.arm64`" + ` is common practice; no Apple page documents it.`,
	Check: func(s *Snapshot) []Finding {
		v := s.Host.Go.Vars
		if v["GOHOSTOS"] != "darwin" || v["GOHOSTARCH"] != "amd64" || s.Host.Sysctl["hw.optional.arm64"] != "1" {
			return nil
		}
		return attachToWorkspace(s, "the go command is an amd64 (Intel) build on an Apple silicon Mac: it runs under Rosetta 2, slower, and builds amd64 programs by default; install the darwin-arm64 Go")
	},
})
