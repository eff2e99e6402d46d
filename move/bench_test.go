package move

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkCopy10000Files moves a repository of 10 000 committed files
// (100 packages of 100, 0.1–4 kB each) plus its .git, on the local disk.
func BenchmarkCopy10000Files(b *testing.B) {
	needGit(b)
	src := filepath.Join(b.TempDir(), "big")
	for d := range 100 {
		for f := range 100 {
			write(b, src, fmt.Sprintf("pkg%03d/f%03d.go", d, f), fmt.Sprintf("package pkg%03d\n// %s\n", d, strings.Repeat("x", (d*100+f)%4000)), 0o644)
		}
	}
	gitT(b, src, "init", "-q")
	gitT(b, src, "add", ".")
	gitT(b, src, "-c", "user.name=b", "-c", "user.email=b@example.com", "-c", "gc.auto=0", "commit", "-qm", "big")
	b.ResetTimer()
	for i := range b.N {
		res, err := Copy(context.Background(), src, filepath.Join(b.TempDir(), fmt.Sprint(i)), nil)
		if err != nil {
			b.Fatalf("Copy: %v (%+v)", err, res)
		}
	}
}
