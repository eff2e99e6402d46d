package workspace

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// ignoreCase is a repository: its .gitignore files and the paths to ask
// about. A path ending in "/" is created as a directory, any other as a file,
// so git sees the same kinds gowell is told.
type ignoreCase struct {
	name   string
	ignore map[string]string // path of a .gitignore → content
	paths  []string
}

var ignoreCases = []ignoreCase{
	{"test binaries and negation", map[string]string{".gitignore": "*.test\ncoverage.*\n!coverage.go\n"},
		[]string{"x.test", "sub/pkg.test", "coverage.out", "coverage.go", "internal/coverage/coverage.go", "coverage.test", "x.go"}},
	{"anchored and unanchored bin", map[string]string{".gitignore": "/bin/\n"},
		[]string{"bin/", "bin/x", "cmd/bin/", "cmd/bin/x", "bin.go"}},
	{"unanchored bin", map[string]string{".gitignore": "bin\n"},
		[]string{"bin/", "bin/x", "cmd/bin/x", "cmd/bin/", "bin.go"}},
	{"bin directories only", map[string]string{".gitignore": "bin/\n"},
		[]string{"bin/", "bin/x", "cmd/bin/x", "x/bin", "bins/x"}},
	{"double star prefix", map[string]string{".gitignore": "**/foo\n"},
		[]string{"foo", "a/foo", "a/b/foo/x", "foox", "a/xfoo"}},
	{"double star middle", map[string]string{".gitignore": "a/**/b\n"},
		[]string{"a/b", "a/x/b", "a/x/y/b", "x/a/b", "a/bb", "a/c/d"}},
	{"double star backtracking", map[string]string{".gitignore": "a/**/b/c\n**/x/y\n"},
		[]string{"a/b/x/b/c", "a/b/c", "a/c", "x/q/x/y", "x/y"}},
	{"double star trailing", map[string]string{".gitignore": "a/**\n!a/keep\n"},
		[]string{"a/", "a/x", "a/keep", "a/d/e"}},
	{"stars inside a component", map[string]string{".gitignore": "x/foo**\nq**z\n"},
		[]string{"x/foo", "x/foobar", "qz", "d/qaaz"}},
	{"sum files", map[string]string{".gitignore": "*.sum\n!go.sum\n"},
		[]string{"go.sum", "go.work.sum", "sub/go.sum", "x.sum"}},
	{"go dot star", map[string]string{".gitignore": "go.*\n"},
		[]string{"go.mod", "go.sum", "go.work", "sub/go.mod", "gox.mod"}},
	{"anchored go.sum", map[string]string{".gitignore": "/go.sum\n"},
		[]string{"go.sum", "sub/go.sum"}},
	{"go.sum and its negation at depth", map[string]string{".gitignore": "go.sum\n", "sub/.gitignore": "!go.sum\n"},
		[]string{"go.sum", "sub/go.sum", "sub/deeper/go.sum", "other/go.sum"}},
	{"sub directory", map[string]string{".gitignore": "sub/\n"},
		[]string{"sub/", "sub/x", "a/sub/x", "sub.go"}},
	{"sub star", map[string]string{".gitignore": "sub/*\n!sub/keep\n"},
		[]string{"sub/", "sub/x", "sub/keep", "sub/d/x", "a/sub/x"}},
	{"trailing spaces", map[string]string{".gitignore": "trail  \nquoted\\ \nhalf\\  \nslash /\n"},
		[]string{"trail", "trail  ", "quoted", "quoted ", "half ", "half  ", "slash /"}},
	{"escaped hash and bang", map[string]string{".gitignore": "\\#hash\n#comment\n\\!bang\n!!twice\n"},
		[]string{"#hash", "hash", "#comment", "!bang", "bang", "!twice", "twice"}},
	{"nested overrides parent", map[string]string{".gitignore": "*.out\n!keep.out\n", "sub/.gitignore": "keep.out\n!x.out\n"},
		[]string{"x.out", "keep.out", "sub/x.out", "sub/keep.out", "sub/d/keep.out"}},
	{"excluded parent, child negated", map[string]string{".gitignore": "build\n!build/keep\n", "build/.gitignore": "!*\n"},
		[]string{"build/", "build/keep", "build/x", "build/d/y"}},
	{"directory re-included", map[string]string{".gitignore": "out/\n!out/\nout/*\n!out/keep\n"},
		[]string{"out/", "out/keep", "out/x"}},
	{"directory re-included, nothing below matched", map[string]string{".gitignore": "/a/b\nlogs\n!/a/b/\n!logs/\n"},
		[]string{"a/b/", "a/b/c", "logs/", "logs/x", "d/logs/x"}},
	{"classes", map[string]string{".gitignore": "[!a]x\nf[]]o\ng[a-]\n[^z]y\n"},
		[]string{"ax", "bx", "f]o", "fo", "ga", "g-", "gb", "zy", "qy"}},
	{"dot files and slashes", map[string]string{".gitignore": ".env\n.env.*\n!.env.example\ndocs/*.md\n"},
		[]string{".env", "sub/.env", ".env.local", ".env.example", "docs/a.md", "docs/x/a.md"}},
	{"byte order mark and CRLF", map[string]string{".gitignore": "\xef\xbb\xbfbom\r\ncrlf\r\n"},
		[]string{"bom", "crlf"}},
	{"spaces only and odd lines", map[string]string{".gitignore": "   \n!\n/\n a\n"},
		[]string{" a", "a", "b"}},
}

// TestGitIgnoredMatchesGit runs every case through `git check-ignore -v
// --no-index` in a real repository and requires the same deciding file, line
// and pattern for every path (or, like git, none).
func TestGitIgnoredMatchesGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	for _, c := range ignoreCases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			git(t, root, "", nil, "init", "-q", ".")
			for p, content := range c.ignore {
				writeTestFile(t, filepath.Join(root, p), content)
			}
			var paths []string
			for _, p := range c.paths {
				full := filepath.Join(root, p)
				if strings.HasSuffix(p, "/") {
					must(t, os.MkdirAll(full, 0o755))
				} else if _, err := os.Stat(full); err != nil {
					writeTestFile(t, full, "")
				}
				paths = append(paths, strings.TrimSuffix(p, "/"))
			}
			want := gitCheckIgnore(t, root, paths)
			s, err := Load(context.Background(), []string{root}, nil)
			must(t, err)
			for i, p := range paths {
				got := describe(root, s.GitIgnored(filepath.Join(root, p), strings.HasSuffix(c.paths[i], "/")))
				if got != want[p] {
					t.Errorf("%q: gowell says %q, git says %q", p, got, want[p])
				}
			}
		})
	}
}

// describe renders a match the way check-ignore -v does: source:line:pattern.
func describe(root string, m *IgnoreMatch) string {
	if m == nil {
		return "::"
	}
	rel, _ := filepath.Rel(root, m.File.Path)
	return fmt.Sprintf("%s:%d:%s", filepath.ToSlash(rel), m.Line+1, m.Pattern)
}

// gitCheckIgnore asks git about every path at once; -n lists the paths no
// pattern matches, -z keeps spaces and quotes intact.
func gitCheckIgnore(t *testing.T, root string, paths []string) map[string]string {
	t.Helper()
	stdin := strings.Join(paths, "\x00") + "\x00"
	out := git(t, root, stdin, []int{1}, "check-ignore", "-v", "-n", "-z", "--stdin", "--no-index")
	f := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if len(f)%4 != 0 {
		t.Fatalf("check-ignore output: %q", out)
	}
	got := map[string]string{}
	for i := 0; i < len(f); i += 4 {
		got[f[i+3]] = f[i] + ":" + f[i+1] + ":" + f[i+2]
	}
	return got
}

// git runs git in dir with stdin, isolated from the user's and the system's
// settings (a global excludes file would change the answers); exit codes in
// ok are not failures.
func git(t *testing.T, dir, stdin string, ok []int, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdin)
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ee, isExit := err.(*exec.ExitError); isExit {
		for _, code := range ok {
			if ee.ExitCode() == code {
				return out
			}
		}
	}
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return out
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(path), 0o755))
	must(t, os.WriteFile(path, []byte(content), 0o644))
}

// TestGitIgnoredEditorAndAncestors covers what the differential test cannot:
// unsaved editor text, a .gitignore above the workspace folder (the folder is
// a subdirectory of the repository), a nested repository that the outer
// .gitignore does not reach, and the range and Prev a rule reports.
func TestGitIgnoredEditorAndAncestors(t *testing.T) {
	repo := t.TempDir()
	must(t, os.Mkdir(filepath.Join(repo, ".git"), 0o755))
	writeTestFile(t, filepath.Join(repo, ".gitignore"), "*.sum\n")
	ws := filepath.Join(repo, "svc")
	writeTestFile(t, filepath.Join(ws, "go.mod"), "module example.com/svc\n")
	writeTestFile(t, filepath.Join(ws, ".gitignore"), "# nothing yet\n")
	writeTestFile(t, filepath.Join(ws, "nested", ".git"), "gitdir: ../../.git/modules/nested\n")

	s, err := Load(context.Background(), []string{ws}, nil)
	must(t, err)
	goSum := filepath.Join(ws, "go.sum")
	m := s.GitIgnored(goSum, false)
	if !m.Ignored() || m.File.Path != filepath.Join(repo, ".gitignore") || m.Pattern != "*.sum" {
		t.Fatalf("go.sum: want ignored by the repository root's *.sum, got %+v", m)
	}
	if got := s.GitIgnored(filepath.Join(ws, "nested", "go.sum"), false); got != nil {
		t.Errorf("a nested repository is outside the outer .gitignore's reach, got %+v", got)
	}

	// The user types "go.sum" and, two lines down, "!go.sum" into the unsaved
	// svc/.gitignore, which starts with a byte order mark.
	text := "\ufeffgo.sum\n# é\n!go.sum  \n"
	s = s.Update(nil, map[string]Overlay{filepath.Join(ws, ".gitignore"): {Version: 3, Text: []byte(text)}})
	m = s.GitIgnored(goSum, false)
	if m.Ignored() || m.Line != 2 || m.Pattern != "!go.sum" {
		t.Fatalf("want the unsaved negation on line 2 to decide, got %+v", m)
	}
	if want := (Range{Position{2, 0}, Position{2, 7}}); m.Range != want {
		t.Errorf("range of the pattern: got %v, want %v", m.Range, want)
	}
	if m.Prev == nil || m.Prev.Line != 0 || m.Prev.Pattern != "go.sum" || m.Prev.Range != (Range{Position{0, 1}, Position{0, 7}}) {
		t.Errorf("Prev: want the go.sum line it overrides, got %+v", m.Prev)
	}
}
