package host

import (
	"strings"
	"testing"

	"github.com/gowell/gowell/internal/testfs"
)

// fixtureHostFiles returns the distinct contents of the replayed machine file
// name (say "proc/self/mountinfo") in the rule fixtures, with $WORK standing
// for a workspace under /home/dev, to seed a fuzz corpus.
func fixtureHostFiles(f *testing.F, name string) [][]byte {
	f.Helper()
	seen := map[string]bool{}
	var out [][]byte
	for _, b := range testfs.FixtureSections(f, func(n string) bool { return n == "host/"+name }) {
		data := strings.ReplaceAll(string(b), "$WORK", "/home/dev/work")
		if !seen[data] {
			seen[data] = true
			out = append(out, []byte(data))
		}
	}
	if len(out) == 0 {
		f.Fatalf("the fixtures hold no host/%s to seed from", name)
	}
	return out
}
