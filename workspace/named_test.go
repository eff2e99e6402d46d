package workspace

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func relPaths(root string, paths []string) []string {
	var out []string
	for _, p := range paths {
		r, _ := filepath.Rel(root, p)
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

func TestNamedPaths(t *testing.T) {
	root := tree(t, map[string]string{
		"go.mod":                              "module m\n",
		"internal/coverage/coverage.go":       "package coverage\n",
		"internal/coverage/coverage_test.go":  "package coverage\n",
		"internal/coverage/report.go":         "package coverage\n",
		"coverage.out":                        "mode: set\n",
		"cmd/tool/bin/run.sh":                 "#!/bin/sh\n",
		"bin/app":                             "",
		"web/dist/assets/app.js":              "",
		"vendor/x/coverage.go":                "package x\n",
		"vendor/bin/x":                        "",
		"testdata/coverage.go":                "package t\n",
		"pkg/bin.go":                          "package pkg\n",
		"docs/dist.md":                        "",
		"tools/binaries/bin_test.go":          "package tools\n",
		"tools/bin/vendor/modules.txt":        "",
		".git/modules/w/coverage.go":          "",
		"internal/coverage/testdata/dist/x.t": "",
	})
	must(t, os.MkdirAll(filepath.Join(root, "empty/bin"), 0o755))
	s, err := Load(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := relPaths(root, s.CoverageGoFiles()), []string{"internal/coverage/coverage.go", "internal/coverage/coverage_test.go"}; !slices.Equal(got, want) {
		t.Errorf("CoverageGoFiles = %v, want %v", got, want)
	}
	// An empty bin holds nothing git could commit; a bin holding only a
	// skipped directory still holds something.
	if got, want := relPaths(root, s.OutputDirs()), []string{"bin", "cmd/tool/bin", "tools/bin", "web/dist"}; !slices.Equal(got, want) {
		t.Errorf("OutputDirs = %v, want %v", got, want)
	}

	// Update takes in created and deleted files; the old snapshot is unchanged.
	created := filepath.Join(root, "pkg/coverage_linux.go")
	must(t, os.WriteFile(created, []byte("package pkg\n"), 0o644))
	filled := filepath.Join(root, "empty/bin/tool")
	must(t, os.WriteFile(filled, nil, 0o755))
	gone := filepath.Join(root, "internal/coverage/coverage_test.go")
	must(t, os.Remove(gone))
	emptied := filepath.Join(root, "cmd/tool/bin/run.sh")
	must(t, os.Remove(emptied))
	skipped := filepath.Join(root, "vendor/y/coverage.go")
	must(t, os.MkdirAll(filepath.Dir(skipped), 0o755))
	must(t, os.WriteFile(skipped, nil, 0o644))
	n := s.Update([]string{created, filled, gone, emptied, skipped}, nil)
	if got, want := relPaths(root, n.CoverageGoFiles()), []string{"internal/coverage/coverage.go", "pkg/coverage_linux.go"}; !slices.Equal(got, want) {
		t.Errorf("after Update, CoverageGoFiles = %v, want %v", got, want)
	}
	if got, want := relPaths(root, n.OutputDirs()), []string{"bin", "empty/bin", "tools/bin", "web/dist"}; !slices.Equal(got, want) {
		t.Errorf("after Update, OutputDirs = %v, want %v", got, want)
	}
	if got := len(s.CoverageGoFiles()) + len(s.OutputDirs()); got != 6 {
		t.Errorf("Update changed the old snapshot: %d noted paths, want 6", got)
	}
}
