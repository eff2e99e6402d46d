package wsgen

import (
	"path/filepath"
	"testing"
)

func TestGenerateShape(t *testing.T) {
	root := filepath.Join(t.TempDir(), "mono")
	c := Config{Files: 2000, Dirs: 200, Modules: 10}
	st, err := Generate(root, c)
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != c.Files || st.Modules != c.Modules || st.Dirs != c.Dirs {
		t.Errorf("generated %+v, asked for %+v", st, c)
	}
	mods, _ := filepath.Glob(filepath.Join(root, "services", "*", "go.mod"))
	if len(mods) != c.Modules {
		t.Errorf("%d go.mod files, want %d", len(mods), c.Modules)
	}
}
