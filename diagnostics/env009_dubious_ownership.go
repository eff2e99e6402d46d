package diagnostics

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

var _ = register(&Rule{
	ID:       "ENV009",
	Title:    "git refuses the repository (dubious ownership), so VCS stamping fails",
	Severity: Error,
	Area:     AreaMachine,
	Since:    "0.1.0",
	Doc: `Since 2.35.2 (CVE-2022-24765) git refuses to work in a repository another user owns unless
safe.directory lists it — a checkout made with sudo, copied in as root, or on a mounted drive whose files
show another owner. git 2.39.5 says, run here:

    fatal: detected dubious ownership in repository at '/src/app'
    To add an exception for this directory, call:

    	git config --global --add safe.directory /src/app

` + "`go build`" + ` and ` + "`go install`" + ` of a command stamp the binary with the repository's revision (-buildvcs=auto),
and ask git for it; git's refusal fails the build (go1.26.8 and git 2.39.5, run here):

    error obtaining VCS status: exit status 128
    	Use -buildvcs=false to disable VCS stamping.

gowell sees it when its own read-only ` + "`git ls-files`" + ` in the repository fails with git's "detected dubious
ownership in repository" (the wording of the git 2.35 releases, "unsafe repository", is not recognised). The error sits on the module line of each top-level go.mod in that repository (the
go line of a go.work without one). It is not reported when GOFLAGS already holds -buildvcs=false.

**Fix.** If you trust the repository, add it to safe.directory (` + "`git config --global --add safe.directory <path>`" + `),
or give it back to your user (` + "`sudo chown -R $USER <path>`" + `); otherwise build with ` + "`-buildvcs=false`" + `.
gowell offers no automatic fix: trusting a directory another user controls lets that user's .git/config run
programs as you, which is what git guards against.

**Sources.** git-config documentation (safe.directory); git 2.35.2 release notes (CVE-2022-24765);
cmd/go/internal/load/pkg.go (setVCSError); RULES-FACTS §F.3 ENV-009; both messages run here.`,
	Check: func(s *Snapshot) (out []Finding) {
		if buildVCSOff(s.Host.Go.Vars["GOFLAGS"]) {
			return nil
		}
		for _, f := range topLevelFiles(s) {
			root := s.RepoRoot(f.Path)
			if !s.DubiousOwnership(root) {
				continue
			}
			out = append(out, At(f, anchorRange(f), fmt.Sprintf("git refuses the repository %s (\"detected dubious ownership in repository\": another user owns it), so go build of a command fails with \"error obtaining VCS status: exit status 128\"; if you trust it, run git config --global --add safe.directory %s, or build with -buildvcs=false", root, root)))
		}
		return out
	},
})

// buildVCSOff reports whether goflags turns VCS stamping off for every build:
// -buildvcs=false, with one dash or two and any spelling of false the flag
// package accepts.
func buildVCSOff(goflags string) bool {
	return slices.ContainsFunc(strings.Fields(goflags), func(f string) bool {
		name, val, ok := strings.Cut(strings.TrimPrefix(f, "-"), "=")
		on, err := strconv.ParseBool(val)
		return ok && (name == "-buildvcs" || name == "buildvcs") && err == nil && !on
	})
}
