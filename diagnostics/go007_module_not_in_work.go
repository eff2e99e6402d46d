package diagnostics

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "GO007",
	Title:    "module inside the workspace that go.work does not use",
	Severity: Warning,
	Area:     AreaWorkspace,
	Since:    "0.1.0",
	Doc: `Below a go.work, the go command runs in workspace mode even inside a module the go.work does not
list. Building or testing that module's packages then fails:

    current directory is contained in a module that is not one of the workspace modules listed in
    go.work. You can add the module to the workspace using:
    	go work use .

(inside a directory of a module the workspace does use, the message is "main module (example.com/a)
does not contain package example.com/a/sub" instead), and ` + "`go build ./...`" + ` from there reports
"directory prefix . does not contain modules listed in go.work". ` + "`GOWORK=off`" + ` builds it.

gowell reports each module found below a go.work's directory that the go.work does not list, on
the go.work's go line. It leaves out what the go command itself leaves out of ` + "`./...`" + `: directories
whose name starts with ` + "`.`" + ` or ` + "`_`" + `, ` + "`testdata`" + ` and ` + "`vendor`" + `. It also leaves out directories
that .gitignore excludes (scratch checkouts are not part of the project), and modules nested inside
another module other than the one at the go.work's own directory: those are that module's test
programs and examples, which a test harness builds on its own (a large monorepo keeps dozens of
them, under tests/integration/…, say); a module nested in the repository's root module is
reported. A module below a nested go.work belongs to that go.work; with GOWORK=off or GOWORK
naming another file, nothing is reported.

**Fix.** "Add 'use ./b' to go.work" inserts the directory into the go.work's last ` + "`use`" + ` block,
with the block's indentation and at its place in the block's order when the block is sorted, or
adds a ` + "`use`" + ` line after the last one; ` + "`go work use ./b`" + ` does the same but reformats the file. The
fix is offered in the editor and never applied by ` + "`gowell check --fix`" + `: adding a module changes
what every build in the workspace resolves. If the module is meant to stay out, build it with
` + "`GOWORK=off`" + `, or move it out of the go.work's tree.

**Sources.** go.dev/ref/mod#workspaces; cmd/go/internal/modload/load.go (resolveLocalPackage) and
query.go (PackageNotInModuleError), the two errors;
reproduced with go1.26.8.`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, w := range activeWorkFiles(s) {
			out = append(out, modulesLeftOut(s, w)...)
		}
		return out
	},
})

func modulesLeftOut(s *Snapshot, w *workspace.File) (out []Finding) {
	uses := s.WorkUses(w)
	listed := map[string]bool{}
	for _, u := range uses {
		listed[u.Dir] = true
	}
	mods := s.Files(workspace.GoMod)
	modDirs := map[string]bool{}
	for _, mod := range mods {
		modDirs[mod.Dir()] = true
	}
	for _, mod := range mods {
		dir := mod.Dir()
		rel, err := filepath.Rel(w.Dir(), dir)
		if err != nil || !workspace.Within(w.Dir(), dir) || listed[dir] || hiddenFromDotDotDot(rel) {
			continue
		}
		if m := mod.Mod().File; m == nil || m.Module == nil || workFileIn(s, dir) != w.Path ||
			insideOtherModule(modDirs, w.Dir(), dir) || s.GitIgnored(dir, true).Ignored() {
			continue
		}
		usePath := "./" + filepath.ToSlash(rel)
		if rel == "." {
			usePath = "."
		}
		out = append(out, At(w, workGoLineRange(w),
			fmt.Sprintf("%s is a module below this go.work but not in it: building or testing its packages fails with \"%s\"", usePath, leftOutError(uses, dir)),
			addUse(w, usePath).Prefer()))
	}
	return out
}

// insideOtherModule reports whether dir lies inside the tree of another
// module (modDirs: the discovered ones) below the go.work's directory (one at that directory itself does not
// count: a repository's root module holds all the others). Such nested
// modules are mostly that module's test programs and examples, built on their
// own by a test harness; a forgotten module is rarely one of them.
func insideOtherModule(modDirs map[string]bool, workDir, dir string) bool {
	for p := filepath.Dir(dir); p != workDir && workspace.Within(workDir, p); p = filepath.Dir(p) {
		if modDirs[p] {
			return true
		}
	}
	return false
}

// hiddenFromDotDotDot reports whether the go command skips a directory when
// it expands ./... (cmd/go/internal/search): an element starting with . or _.
func hiddenFromDotDotDot(rel string) bool {
	for _, e := range strings.Split(filepath.ToSlash(rel), "/") {
		if e != "." && (strings.HasPrefix(e, ".") || strings.HasPrefix(e, "_")) {
			return true
		}
	}
	return false
}

// leftOutError is the go command's complaint about building in dir: about
// the module it is in, or, when dir lies inside a module the workspace uses,
// about that module not holding the package.
func leftOutError(uses []workspace.WorkUse, dir string) string {
	var outer workspace.WorkUse
	for _, u := range uses {
		if workspace.Within(u.Dir, dir) && len(u.Dir) > len(outer.Dir) && u.GoMod.Err == nil {
			if m := u.GoMod.Mod().File; m != nil && m.Module != nil {
				outer = u
			}
		}
	}
	if outer.GoMod == nil {
		return "current directory is contained in a module that is not one of the workspace modules listed in go.work"
	}
	path := outer.GoMod.Mod().File.Module.Mod.Path
	rel, _ := filepath.Rel(outer.Dir, dir)
	return fmt.Sprintf("main module (%s) does not contain package %s/%s", path, path, filepath.ToSlash(rel))
}
