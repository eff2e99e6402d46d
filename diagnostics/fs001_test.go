package diagnostics

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

// TestFS001NeverLowers: whatever the limit, the value FS001 suggests is at
// least twice it, at least 524288 and at least twice what is needed — a
// machine whose default already exceeds VS Code's 524288 is never told to
// lower it.
func TestFS001NeverLowers(t *testing.T) {
	root := t.TempDir()
	must(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module m\n"), 0o644))
	must(t, os.MkdirAll(filepath.Join(root, "a", "b"), 0o755))
	ws, err := workspace.Load(context.Background(), []string{root}, nil)
	must(t, err)
	need := ws.WalkedDirs() // root, a, a/b
	for _, c := range []struct{ limit, used, want int }{
		{8192, 8000, 524288},
		{1048576, 1048000, 2097152},
		{600000, 599990, 1200000},
		{524288, 524000, 1048576},
		{524288, 524286, 1048578}, // twice what is needed: 2×(524286+3)
	} {
		s := &Snapshot{Snapshot: ws, Host: &host.Info{Inotify: &host.Inotify{MaxUserWatches: c.limit, Used: c.used}}}
		fs := runRule(Lookup("FS001"), s)
		want := fmt.Sprintf("fs.inotify.max_user_watches=%d ", c.want)
		if len(fs) != 1 || !strings.Contains(fs[0].Message, want) {
			t.Errorf("limit %d, %d used, %d needed: findings %v, want one suggesting %q", c.limit, c.used, need, fs, want)
		}
	}
}
