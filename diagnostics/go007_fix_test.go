package diagnostics

import (
	"path/filepath"
	"testing"

	"github.com/gowell/gowell/workspace"
)

// TestAddUseWithoutTrailingNewline covers what a txtar fixture cannot hold:
// a go.work whose last line has no newline keeps having none after the fix,
// and the new use line is not glued onto the old one.
func TestAddUseWithoutTrailingNewline(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"go 1.24\n\nuse ./a", "go 1.24\n\nuse ./a\nuse ./b"},
		{"go 1.24\r\n\r\nuse ./a", "go 1.24\r\n\r\nuse ./a\r\nuse ./b"},
		{"go 1.24", "go 1.24\n\nuse ./b\n"},
		{"go 1.24\n\nuse (\n\t./a\n)", "go 1.24\n\nuse (\n\t./a\n\t./b\n)"},
	} {
		f := &workspace.File{Path: filepath.Join(t.TempDir(), "go.work"), Kind: workspace.GoWork, Text: workspace.NewText([]byte(c.in))}
		got, err := Edited(addUse(f, "./b"), func(string) ([]byte, int32, error) { return []byte(c.in), 0, nil })
		if err != nil {
			t.Fatal(err)
		}
		if string(got[f.Path]) != c.want {
			t.Errorf("%q: after the fix\n%q\nwant\n%q", c.in, got[f.Path], c.want)
		}
	}
}
