// Package testfs writes the small file trees tests build their workspaces
// and machines from, and reads the rule fixtures that seed fuzz corpora.
package testfs

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// Tree writes files (slash-separated relative path → content) below a fresh
// temporary directory and returns it.
func Tree(tb testing.TB, files map[string]string) string {
	tb.Helper()
	root := tb.TempDir()
	Write(tb, root, files)
	return root
}

// Write writes files below root, creating directories as needed.
func Write(tb testing.TB, root string, files map[string]string) {
	tb.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

// FixtureSections returns the distinct contents of the sections of the rule
// fixtures (diagnostics/testdata/*/*.txtar) whose names keep says to keep. A
// fix golden ("fix <path>: <title>") is named by its path. Fuzz targets seed
// their corpora with it, so they start from the inputs the rules are known
// to meet rather than from hand-copied samples.
func FixtureSections(tb testing.TB, keep func(name string) bool) [][]byte {
	tb.Helper()
	_, self, _, _ := runtime.Caller(0)
	paths, err := filepath.Glob(filepath.Join(filepath.Dir(self), "..", "..", "diagnostics", "testdata", "*", "*.txtar"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no rule fixtures to seed from: %v", err)
	}
	seen := map[string]bool{}
	var out [][]byte
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, s := range ar.Files {
			name := s.Name
			if rest, ok := strings.CutPrefix(name, "fix "); ok {
				name, _, _ = strings.Cut(rest, ": ")
			}
			if keep(name) && !seen[string(s.Data)] {
				seen[string(s.Data)] = true
				out = append(out, s.Data)
			}
		}
	}
	return out
}
