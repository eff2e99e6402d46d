package host

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// fixtureHostFiles returns the distinct contents of the replayed machine file
// name (say "proc/self/mountinfo") in the rule fixtures, with $WORK standing
// for a workspace under /home/dev, to seed a fuzz corpus.
func fixtureHostFiles(f *testing.F, name string) [][]byte {
	f.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "diagnostics", "testdata", "*", "*.txtar"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no rule fixtures to seed from: %v", err)
	}
	seen := map[string]bool{}
	var out [][]byte
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, s := range ar.Files {
			data := strings.ReplaceAll(string(s.Data), "$WORK", "/home/dev/work")
			if s.Name == "host/"+name && !seen[data] {
				seen[data] = true
				out = append(out, []byte(data))
			}
		}
	}
	if len(out) == 0 {
		f.Fatalf("the fixtures hold no host/%s to seed from", name)
	}
	return out
}
