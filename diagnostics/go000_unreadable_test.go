package diagnostics

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

// Files gowell could not read cannot live in a txtar fixture: a go.mod over
// the size limit, and one the user may not read.

// TestGO000TooLarge: a go.mod larger than gowell reads is a warning on its
// first line saying so, never a crash or a parse error.
func TestGO000TooLarge(t *testing.T) {
	root := t.TempDir()
	pad := strings.Repeat("// padding\n", workspace.MaxFileSize/len("// padding\n")+1)
	writeFile(t, filepath.Join(root, "go.mod"), "module example.com/big\n\ngo 1.24\n"+pad)
	got := unreadableFindings(t, root)
	want := "go.mod:1:1-1:1 warning GO000 gowell skips its checks of go.mod: go.mod is larger than 4 MiB; gowell does not read it"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestGO000Unreadable: a go.mod the user may not read is an error, since the
// go command, running as the same user, cannot read it either.
func TestGO000Unreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	root := t.TempDir()
	path := filepath.Join(root, "go.mod")
	writeFile(t, path, "module example.com/m\n\ngo 1.24\n")
	must(t, os.Chmod(path, 0))
	got := unreadableFindings(t, root)
	if len(got) != 1 || !strings.HasPrefix(got[0], "go.mod:1:1-1:1 error GO000 go.mod cannot be read (open ") ||
		!strings.HasSuffix(got[0], "permission denied): the go command cannot read it either, so every go command that needs it fails") {
		t.Errorf("got %q", got)
	}
}

func unreadableFindings(t *testing.T, root string) []string {
	t.Helper()
	s := snapshot(t, root, t.TempDir(), nil, &host.GoEnv{})
	var out []string
	for _, f := range runRule(Lookup("GO000"), s) {
		out = append(out, formatFinding(root, f))
	}
	return out
}
