package workspace

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// The recommended file of RULES-FACTS D.2, as a Go service would use it.
const goServiceIgnore = `# comment
.git
/bin
/dist
**/*.exe
**/*.test
**/*.out
**/coverage.*
!**/coverage.go
**/.env
**/.env.*
!**/.env.example
go.work
Dockerfile*
`

func TestDockerIgnoreContextRootAnchoring(t *testing.T) {
	// RULES-FACTS D.2: unlike git, a pattern without **/ matches at the
	// context root only.
	cases := []struct {
		patterns, path string
		excluded       bool
	}{
		{"*.test", "pkg.test", true},
		{"*.test", "sub/pkg.test", false},
		{"**/*.exe", "app.exe", true},
		{"**/*.exe", "cmd/x/app.exe", true},
		{"bin", "bin/app", true},
		{"bin", "cmd/bin/app", false},
		{".env", ".env", true},
		{".env", "sub/.env", false},
		{"/bin/", "bin/app", true},
		{"*.md\n!README.md", "README.md", false},
		{"*.md\n!README.md", "NOTES.md", true},
	}
	for _, c := range cases {
		got, _ := ParseDockerIgnore([]byte(c.patterns)).Excluded(c.path)
		if got != c.excluded {
			t.Errorf("%q excludes %s = %v, want %v", c.patterns, c.path, got, c.excluded)
		}
	}
}

func TestDockerIgnoreDecidingLine(t *testing.T) {
	d := ParseDockerIgnore([]byte(goServiceIgnore))
	cases := []struct {
		path     string
		excluded bool
		line     int
	}{
		{".git/HEAD", true, 1},
		{"bin/server", true, 2},
		{"cmd/tool/bin/x", false, -1},
		{"cmd/x/x.exe", true, 4},
		{"internal/coverage/coverage.go", false, 8}, // brought back by the exception on line 9
		{"coverage.out", true, 6},                   // **/*.out matched first; **/coverage.* cannot flip it
		{"sub/.env.example", false, 11},
		{"sub/.env.local", true, 10},
		{"go.mod", false, -1},
		{"go.sum", false, -1},
		{"vendor/modules.txt", false, -1},
		{"Dockerfile.dev", true, 13},
	}
	for _, c := range cases {
		ex, line := d.Excluded(c.path)
		if ex != c.excluded || line != c.line {
			t.Errorf("Excluded(%s) = %v, line %d; want %v, line %d", c.path, ex, line, c.excluded, c.line)
		}
	}
}

// The line map must not change what Docker reads: fed one line at a time,
// ReadAll has to give the patterns it gives for the whole file.
func TestDockerIgnoreSameAsReadAll(t *testing.T) {
	inputs := []string{
		goServiceIgnore,
		"\ufeff.git\n*.exe\n",        // a BOM on the first line is dropped
		"a\n\ufeffb\n",               // a BOM further down is part of the pattern
		"a\r\n  # not a comment\r\n", // CRLF; a # after blanks is a pattern
		"  spaced  \n\n!  keep\n/abs/../x\nno-newline",
	}
	for _, in := range inputs {
		want, err := ignorefile.ReadAll(bytes.NewReader([]byte(in)))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range ParseDockerIgnore([]byte(in)).Patterns {
			got = append(got, p.Text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: patterns %q, ReadAll gives %q", in, got, want)
		}
	}
}

func TestDockerIgnoreLinesSkipCommentsAndBlanks(t *testing.T) {
	d := ParseDockerIgnore([]byte("\ufeff# top\n\n.git\n\r\n!x\n"))
	want := []IgnorePattern{{".git", 2}, {"!x", 4}}
	if !slices.Equal(d.Patterns, want) {
		t.Errorf("patterns %v, want %v", d.Patterns, want)
	}
}

// Excluded must agree with patternmatcher's own answer on every path, and name
// a line of the right kind.
func TestDockerIgnoreAgreesWithPatternMatcher(t *testing.T) {
	d := ParseDockerIgnore([]byte(goServiceIgnore + "docs\n!docs/keep\ndocs/keep/drop.md\n"))
	var texts []string
	for _, p := range d.Patterns {
		texts = append(texts, p.Text)
	}
	paths := []string{"a", "docs", "docs/x.md", "docs/keep", "docs/keep/a.md", "docs/keep/drop.md",
		".env", "x/.env", "x/.env.example", "coverage.go", "coverage.txt", "a/b/c.test", "dist", "dist/a/b",
		"Dockerfile", "go.work", "go.work.sum", "sub/go.work", "bin", "binary"}
	for _, p := range paths {
		want, err := patternmatcher.MatchesOrParentMatches(p, texts)
		if err != nil {
			t.Fatal(err)
		}
		got, line := d.Excluded(p)
		if got != want {
			t.Errorf("Excluded(%s) = %v, patternmatcher says %v", p, got, want)
		}
		if got && (line < 0 || d.lineText(line)[0] == '!') {
			t.Errorf("Excluded(%s): deciding line %d is not an exclusion", p, line)
		}
		if !got && line >= 0 && d.lineText(line)[0] != '!' {
			t.Errorf("%s is kept but line %d (%s) decided", p, line, d.lineText(line))
		}
	}
}

func (d *ParsedDockerIgnore) lineText(line int) string {
	for _, p := range d.Patterns {
		if p.Line == line {
			return p.Text
		}
	}
	return ""
}

func TestDockerIgnoreBadPattern(t *testing.T) {
	for _, in := range []string{".git\n[\n", ".git\n!\n"} {
		d := ParseDockerIgnore([]byte(in))
		if d.Err == nil || d.Err.Line != 1 {
			t.Errorf("%q: Err = %v, want an error on line 2", in, d.Err)
		}
		if ex, _ := d.Excluded(".git"); ex {
			t.Errorf("%q: a file Docker rejects excludes nothing", in)
		}
	}
}

func TestDockerIgnoreFor(t *testing.T) {
	root := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("Dockerfile", "FROM scratch\n")
	write("Dockerfile.dev", "FROM scratch\n")
	write("Dockerfile.dev.dockerignore", "dev\n")
	write(".dockerignore", "root\n")
	write("svc/Dockerfile", "FROM scratch\n")
	s, err := Load(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ dockerfile, want string }{
		{"Dockerfile", ".dockerignore"},
		{"Dockerfile.dev", "Dockerfile.dev.dockerignore"}, // the Dockerfile's own file wins
		{"svc/Dockerfile", ""},
	} {
		df := s.File(filepath.Join(root, c.dockerfile))
		got := s.DockerIgnoreFor(df, s.BuildContext(df).Dir)
		gotRel := ""
		if got != nil {
			gotRel, _ = filepath.Rel(root, got.Path)
		}
		if gotRel != c.want {
			t.Errorf("%s: ignore file %q, want %q", c.dockerfile, gotRel, c.want)
		}
	}
}
