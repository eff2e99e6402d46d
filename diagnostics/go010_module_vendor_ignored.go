package diagnostics

import (
	"fmt"
	"path/filepath"
)

var _ = register(&Rule{
	ID:       "GO010",
	Title:    "a module's vendor directory is ignored in workspace mode",
	Severity: Info,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `A module built on its own uses its ` + "`vendor/`" + ` directory by default (go 1.14 and later, when
` + "`vendor/modules.txt`" + ` exists). In workspace mode the go command never reads a module's vendor
directory: it vendors only from a workspace-level ` + "`vendor/`" + ` made by ` + "`go work vendor`" + `, and
without one it builds every module from the module cache (downloading what is missing). So the
same module builds from different sources depending on whether a go.work is in effect, and edits
to its vendored copies have no effect in the workspace.

gowell reports, on its ` + "`use`" + ` line, each module of a go.work in use that has ` + "`vendor/modules.txt`" + `
while the workspace has none. When GOFLAGS sets ` + "`-mod=vendor`" + `, GO009 reports the workspace
instead; with GOWORK=off nothing is reported.

**Fix.** Nothing is broken, so there is no fix to apply. To vendor in the workspace too, run
` + "`go work vendor`" + ` at the go.work's directory; to build the module with its own vendor directory,
use ` + "`GOWORK=off`" + `.

**Sources.** go.dev/ref/mod#vendoring and #workspaces; go.dev/doc/go1.22 ("go work vendor");
observed with go1.26.8: a module's vendor/ was not used in workspace mode.`,
	Check: func(s *Snapshot) (out []Finding) {
		if mod, _ := goflagsMod(s.Host.Go.Vars["GOFLAGS"]); mod == "vendor" {
			return nil // GO009
		}
		for _, w := range activeWorkFiles(s) {
			if s.Exists(filepath.Join(w.Dir(), "vendor", "modules.txt")) {
				continue
			}
			seen := map[string]bool{}
			for _, u := range s.WorkUses(w) {
				if seen[u.Dir] || !s.Exists(filepath.Join(u.Dir, "vendor", "modules.txt")) {
					continue
				}
				seen[u.Dir] = true
				out = append(out, At(w, w.LineRange(u.Use.Syntax), fmt.Sprintf(
					"the vendor directory of %s is not used in workspace mode: the go command builds this module from the module cache here, and from its vendor directory only without the workspace (GOWORK=off)",
					u.Use.Path)))
			}
		}
		return out
	},
})
