package workspace

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// FuzzDockerIgnore reads any text as a .dockerignore and asks about a path.
// Reading line by line must give the patterns Docker's ReadAll gives for the
// whole file, and fail when Docker would, on a line whose pattern fails on its
// own; Excluded must agree with patternmatcher's MatchesOrParentMatches over
// those patterns, and with itself for the same path spelled differently; the
// deciding line must hold a pattern that matches the path and says what
// Excluded says.
func FuzzDockerIgnore(f *testing.F) {
	paths := []string{"go.sum", "bin/app", ".git/config", "vendor/x/y.go", "Dockerfile", "a/b/c"}
	for i, b := range fixtureTexts(f, DockerIgnore) {
		f.Add(b, paths[i%len(paths)])
	}
	f.Add([]byte("*\n!go.*\n**/*.go\n!vendor\n"), "vendor/x/y.go")
	f.Add([]byte("\xef\xbb\xbf# c\r\n/bin/\r\n  !bin/keep  \r\n"), "bin/keep")
	f.Fuzz(func(t *testing.T, b []byte, path string) {
		d := ParseDockerIgnore(b)
		lines := NewText(b).LineCount()
		want, readErr := ignorefile.ReadAll(bytes.NewReader(b))
		if d.Err != nil {
			if d.Err.Line < 0 || d.Err.Line >= lines {
				t.Fatalf("error %+v is not on one of the %d lines", d.Err, lines)
			}
			if readErr == nil && !slices.ContainsFunc(d.Patterns, func(p IgnorePattern) bool { return p.Line == d.Err.Line && !compiles(p.Text) }) {
				t.Fatalf("error %+v, but the patterns of that line compile: %+v", d.Err, d.Patterns)
			}
			return
		}
		if readErr != nil {
			t.Fatalf("ReadAll fails (%v), ParseDockerIgnore does not", readErr)
		}
		got := make([]string, len(d.Patterns))
		for i, p := range d.Patterns {
			got[i] = p.Text
			if p.Line < 0 || p.Line >= lines || i > 0 && p.Line < d.Patterns[i-1].Line {
				t.Fatalf("pattern %d %q on line %d of %d, after line %d", i, p.Text, p.Line, lines, d.Patterns[max(i-1, 0)].Line)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("patterns read line by line %q, ReadAll reads %q", got, want)
		}
		if !compiles(want...) {
			t.Fatalf("no error, but Docker cannot use the patterns %q", want)
		}

		excluded, line := d.Excluded(path)
		rel := filepath.Clean(filepath.FromSlash(path))
		pm, _ := patternmatcher.New(want)
		if m, _ := pm.MatchesOrParentMatches(rel); m != excluded && rel != "." {
			t.Fatalf("Excluded(%q) = %v, MatchesOrParentMatches(%q) = %v", path, excluded, rel, m)
		}
		if rel == "." {
			if excluded || line != -1 {
				t.Fatalf("Excluded(%q) = %v, %d: the context root is never excluded", path, excluded, line)
			}
			return
		}
		for _, alias := range []string{"./" + path, path + "/", rel} {
			if filepath.Clean(filepath.FromSlash(alias)) != rel {
				continue // "" + "/" is the root of the file system, not the context
			}
			if e, l := d.Excluded(alias); e != excluded || l != line {
				t.Fatalf("Excluded(%q) = %v, %d; Excluded(%q) = %v, %d", path, excluded, line, alias, e, l)
			}
		}
		if line == -1 {
			for _, p := range d.Patterns {
				if p.Text[0] != '!' && matchesAlone(p.Text, rel) {
					t.Fatalf("Excluded(%q) names no line, but line %d %q matches", path, p.Line, p.Text)
				}
			}
			return
		}
		i := slices.IndexFunc(d.Patterns, func(p IgnorePattern) bool { return p.Line == line })
		if i < 0 {
			t.Fatalf("Excluded(%q) names line %d, which holds no pattern", path, line)
		}
		p := d.Patterns[i]
		if (p.Text[0] == '!') == excluded || !matchesAlone(p.Text, rel) {
			t.Fatalf("Excluded(%q) = %v, decided by line %d %q, which does not say so", path, excluded, line, p.Text)
		}
	})
}

// compiles reports whether Docker can match with the patterns: New accepts
// them all, and each compiles once a path reaches it (an exception is only
// reached after something matched; "**" matches everything).
func compiles(patterns ...string) bool {
	if _, err := patternmatcher.New(patterns); err != nil {
		return false
	}
	for _, p := range patterns {
		set := []string{p}
		if p[0] == '!' {
			set = []string{"**", p}
		}
		pm, err := patternmatcher.New(set)
		if err == nil {
			_, err = pm.MatchesOrParentMatches("x")
		}
		if err != nil {
			return false
		}
	}
	return true
}

// matchesAlone reports whether pattern (an exception: its path) matches rel
// or a directory above it, as patternmatcher decides.
func matchesAlone(pattern, rel string) bool {
	if pattern[0] != '!' {
		pm, _ := patternmatcher.New([]string{pattern})
		m, _ := pm.MatchesOrParentMatches(rel)
		return m
	}
	// An exception is only tried once something matched: "**" matches all.
	pm, _ := patternmatcher.New([]string{"**", pattern})
	m, _ := pm.MatchesOrParentMatches(rel)
	return !m
}
