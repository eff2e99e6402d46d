package diagnostics

var _ = register(&Rule{
	ID:       "FS003",
	Title:    "Workspace directory on a Windows drive is case-insensitive",
	Severity: Info,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `On a Windows drive under WSL, case sensitivity is a flag of each directory, which WSL shows as the extended
attribute ` + "`system.wsl_case_sensitive`" + `: 1 for case-sensitive, 0 for the Windows default. In a case-insensitive
directory names that differ only in case are one file: a checkout keeps one of each such pair (FS002), and a
Linux tool that writes ` + "`Foo.go`" + ` beside ` + "`foo.go`" + ` overwrites it. New directories inherit the flag of the
directory they are created in.

gowell reads the attribute of the directory of each top-level go.mod (or go.work) that lies on a Windows drive
(found as WSL003 finds it) and reports an info when it is 0. It says nothing when the attribute cannot be read
(outside WSL, off a Windows drive, or where WSL does not expose it: microsoft/WSL#4261). A replay
(` + "`gowell check --sysroot DIR`" + `) cannot carry extended attributes: it reads the value from
` + "`DIR/xattr/<directory>/system.wsl_case_sensitive`" + ` instead, a file holding 0 or 1.

**Fix.** None automatic: the flag can only be changed on an empty directory, and from Windows it needs an
elevated prompt. Best, move the repository into the Linux filesystem (WSL003). Otherwise make a new, empty
directory case-sensitive — ` + "`fsutil.exe file setCaseSensitiveInfo C:\\src\\app enable`" + ` in PowerShell run as
Administrator — and clone the repository into it; its subdirectories inherit the flag.

**Sources.** learn.microsoft.com/windows/wsl/case-sensitivity (the attribute, fsutil, the empty-directory rule,
inheritance); microsoft/WSL#4261.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range topLevelFiles(s) {
			m := s.Host.WindowsDrive(f.Dir())
			if m == nil {
				continue
			}
			if sensitive, known := s.Host.CaseSensitive(f.Dir()); !known || sensitive {
				continue
			}
			out = append(out, At(f, anchorRange(f), "this "+kindNoun(f)+"'s directory on "+driveName(m)+" is case-insensitive (system.wsl_case_sensitive is 0): names that differ only in case are one file there, so a checkout keeps one of each such pair and a tool writing Foo.go beside foo.go overwrites it; move the repository into the Linux filesystem, or clone it into a directory made case-sensitive (see FS003's page)"))
		}
		return out
	},
})
