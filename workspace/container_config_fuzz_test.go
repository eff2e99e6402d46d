package workspace

import (
	"path/filepath"
	"testing"
)

// FuzzContainerConfig parses any text as a Compose file and as a
// devcontainer.json. Neither panics nor hangs (merge-key cycles, deep
// nesting); an error's line is in the file; every bind's range lies in the
// file and spells the source, unless it is the whole line or JSON literal
// gowell falls back to; every path is absolute and clean.
func FuzzContainerConfig(f *testing.F) {
	for _, k := range []Kind{Compose, DevContainer} {
		for _, b := range fixtureTexts(f, k) {
			f.Add(b)
		}
	}
	f.Add([]byte("a: &a\n  <<: *a\nservices:\n  s:\n    <<: [*a, *a]\n    volumes: [\"/x:/y\"]\n"))
	f.Add([]byte("{\"mounts\": [\"source=/x,type=bind\",], /* c */}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		txt := NewText(b)
		for _, k := range []Kind{Compose, DevContainer} {
			file := &File{Path: "/w/.devcontainer/x", Kind: k, Text: txt}
			c := file.ContainerConfig()
			if c.Err != nil {
				if c.Err.Line < 0 || c.Err.Line >= txt.LineCount() {
					t.Fatalf("%s: error on line %d of %d", k, c.Err.Line, txt.LineCount())
				}
				continue
			}
			for _, bind := range c.Binds {
				checkRange(t, k.String()+" bind", txt, bind.Range)
				got := rangeText(txt, bind.Range)
				if got != bind.Source && bind.Range != txt.LineSpan(bind.Range.Start.Line) && k == Compose {
					t.Fatalf("compose bind %q: range spells %q", bind.Source, got)
				}
				if got != bind.Source && k == DevContainer && (len(got) < 2 || got[0] != '"' || got[len(got)-1] != '"') {
					t.Fatalf("devcontainer bind %q: range spells %q, not the source or its string literal", bind.Source, got)
				}
				if !filepath.IsAbs(bind.Path) || filepath.Clean(bind.Path) != bind.Path {
					t.Fatalf("%s bind %q: path %q", k, bind.Source, bind.Path)
				}
			}
			for _, bs := range c.Builds {
				if !filepath.IsAbs(bs.Dockerfile) || !filepath.IsAbs(bs.Context) {
					t.Fatalf("%s build %+v: relative paths", k, bs)
				}
			}
		}
	})
}
