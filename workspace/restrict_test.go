package workspace

import (
	"path/filepath"
	"strings"
	"testing"
)

// A restricted view answers what was declared and refuses the rest loudly.
func TestOnlyRefusesUndeclaredReads(t *testing.T) {
	root, s := loadGenerations(t)
	v := s.Only([]Kind{GoWork}, false)
	if got := v.Files(GoWork); len(got) != 1 {
		t.Errorf("Files(go.work) = %d files", len(got))
	}
	for name, read := range map[string]func(){
		"go.mod files":  func() { v.Files(GoMod) },
		"go.mod files ": func() { v.File(filepath.Join(root, "a", "go.mod")) },
		"the disk":      func() { v.Exists(filepath.Join(root, "a")) },
		"the disk ":     func() { v.IsDir(filepath.Join(root, "a")) },
		"the disk  ":    func() { v.File(filepath.Join(root, "a", "go.sum")) },
		"go.mod":        func() { v.All() },
	} {
		func() {
			defer func() {
				p, _ := recover().(string)
				if !strings.Contains(p, strings.TrimSpace(name)) {
					t.Errorf("reading %s: panic %q", strings.TrimSpace(name), p)
				}
			}()
			read()
		}()
	}
	d := s.Only([]Kind{GoMod}, true)
	if !d.Exists(filepath.Join(root, "a")) || d.File(filepath.Join(root, "a", "go.mod")).Err != nil {
		t.Error("a view with the disk and go.mod files declared cannot read them")
	}
}
