package diagnostics

import (
	"strings"

	"github.com/gowell/gowell/host"
)

var _ = register(&Rule{
	ID:       "GIT002",
	Title:    "core.autocrlf=true in the git configuration on Linux",
	Severity: Warning,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `git-config(1): ` + "`core.autocrlf=true`" + ` is "text=auto" plus "eol=crlf": git converts the line endings of
every text file to CRLF when it checks files out. That is Git for Windows' default and right for Windows tools;
on Linux (WSL included) and macOS it writes CRLF files that Linux tools choke on: scripts stop running
(` + "`cannot execute: required file not found`" + `), gofmt lists every Go file, and a tree that Windows git checked out
shows every file modified to a Linux git without the setting (Microsoft's WSL git tutorial warns of this).
GIT001 reports the files it has already broken.

gowell runs ` + "`git config --show-origin --get-regexp`" + ` once per probe, outside any repository: it sees the system
file, the global ones (~/.gitconfig, ~/.config/git/config) with what they include, and GIT_CONFIG_*
variables. A repository's own ` + "`core.autocrlf`" + ` (in .git/config) is not read; check one with
` + "`git config --show-origin core.autocrlf`" + ` inside it. The finding sits on the module line of each top-level
go.mod when a repository in the workspace has CRLF files (GIT001), and on the machine otherwise.

**Fix.** ` + "`git config --global core.autocrlf input`" + ` (gowell offers to run it; the editor asks first): git then
converts CRLF to LF when committing and leaves checkouts alone. A global value overrides the system file's; if
the setting comes from a file the global one includes, or from GIT_CONFIG_* variables, change it there. Then
fix the files already checked out as GIT001 describes, and add eol=lf rules to .gitattributes so that clones
on any machine get LF.

**Sources.** git-config(1) core.autocrlf, core.eol; gitattributes(5); learn.microsoft.com/windows/wsl/tutorials/wsl-git;
the CRLF checkout reproduced with git 2.39.5 (` + "`git -c core.autocrlf=true clone`" + ` gives ` + "`i/lf w/crlf`" + `).`,
	Check: func(s *Snapshot) []Finding {
		g, ok := s.Host.Git["core.autocrlf"]
		if !ok {
			return nil
		}
		if on, _ := host.GitBool(g.Value); !on {
			return nil
		}
		msg := "core.autocrlf is true in " + gitOrigin(g.Origin) + ": git checks text files out with CRLF line endings, so shell scripts stop running (\"cannot execute: required file not found\") and gofmt flags every Go file"
		var fixes []Fix
		if strings.HasPrefix(g.Origin, "file:") {
			msg += "; set it to input"
			fixes = append(fixes, Fix{Title: "Set core.autocrlf to input in the global git config",
				Command: &Command{Argv: []string{"git", "config", "--global", "core.autocrlf", "input"}, Dir: "/", Outside: true}}.Prefer())
		} else {
			msg += "; unset them"
		}
		if workspaceHasCRLF(s) {
			return attachToWorkspace(s, msg, fixes...)
		}
		return onMachine(msg, fixes...)
	},
})

// gitOrigin names where git read a setting: the file, or the environment
// for "command line:" (GIT_CONFIG_COUNT/KEY/VALUE, GIT_CONFIG_PARAMETERS).
func gitOrigin(origin string) string {
	if file, ok := strings.CutPrefix(origin, "file:"); ok {
		return file
	}
	return "the environment (GIT_CONFIG_* variables)"
}

// workspaceHasCRLF reports whether a repository of the workspace has files
// with CRLF line endings that GIT001 reports.
func workspaceHasCRLF(s *Snapshot) bool {
	for _, repo := range repositories(s) {
		if c, known := s.CRLF(repo); known && !inWorkspace(s, c).Empty() {
			return true
		}
	}
	return false
}
