package diagnostics

import (
	"fmt"
	"path/filepath"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO009",
	Title:    "GOFLAGS sets -mod=vendor but the workspace has no vendor directory",
	Severity: Error,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `In workspace mode ` + "`-mod=vendor`" + ` means the workspace's own vendor directory, made by
` + "`go work vendor`" + ` next to go.work (Go 1.22 and later). The vendor directories of the modules
inside it do not count. With ` + "`-mod=vendor`" + ` in GOFLAGS and no ` + "`vendor/modules.txt`" + ` beside
go.work, every build in the workspace whose modules require anything fails:

    go: inconsistent vendoring in /home/me/src/ws:
    	example.com/dep@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt
    	…
    	To ignore the vendor directory, use -mod=readonly or -mod=mod.
    	To sync the vendor directory, run:
    		go work vendor

gowell reads GOFLAGS as the user's go command does and reports the go line of each go.work in use
whose modules have at least one ` + "`require`" + ` (without requirements there is nothing to vendor, and
builds succeed). With GOWORK=off nothing is reported. A workspace vendor directory that exists but
is out of date is not detected.

**Fix.** No automatic fix: either vendor the workspace with ` + "`go work vendor`" + ` (it needs the
module cache or the network, and adds a directory to commit), or take ` + "`-mod=vendor`" + ` out of
GOFLAGS (` + "`go env -u GOFLAGS`" + ` when nothing else is in it, or your shell profile) and let the
workspace build from the module cache.

**Sources.** go.dev/doc/go1.22 ("go work vendor"); go.dev/ref/mod#vendoring;
cmd/go/internal/modload/vendor.go (checkVendorConsistency); reproduced with go1.26.8.`,
	Check: func(s *Snapshot) (out []Finding) {
		if mod, ok := goflagsMod(s.Host.Go.Vars["GOFLAGS"]); !ok || mod != "vendor" {
			return nil
		}
		for _, w := range activeWorkFiles(s) {
			if s.Exists(filepath.Join(w.Dir(), "vendor", "modules.txt")) || !workRequiresAny(s, w) {
				continue
			}
			out = append(out, At(w, workGoLineRange(w), fmt.Sprintf(
				"GOFLAGS sets -mod=vendor but this workspace has no vendor/modules.txt (module vendor directories do not count): every build here fails with \"go: inconsistent vendoring in %s\"", w.Dir())))
		}
		return out
	},
})

// workRequiresAny reports whether a module the go.work uses requires any
// other module.
func workRequiresAny(s *Snapshot, w *workspace.File) bool {
	for _, u := range s.WorkUses(w) {
		if u.GoMod.Err == nil {
			if m := u.GoMod.Mod().File; m != nil && len(m.Require) > 0 {
				return true
			}
		}
	}
	return false
}
