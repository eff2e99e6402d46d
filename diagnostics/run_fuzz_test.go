package diagnostics

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/txtar"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

// FuzzRun runs the whole catalogue over a workspace whose go.work, go.mod
// (in a fuzzed module directory), .gitignore, .dockerignore and Dockerfile
// are fuzzed editor buffers beside a fuzzed tree of further files on disk,
// on a replayed machine whose mountinfo and wsl.conf are fuzzed and whose
// environment, `go env` and other files come from a fuzzed txtar. No rule
// may panic (Run turns a panic into an "internal error in rule" finding),
// every finding's range must lie in its file, and every file-edit fix must
// apply to the buffers it was computed for, leave a file that parsed still
// parsing, and not be offered as often once applied. Each fixture seeds one
// input that reproduces it.
func FuzzRun(f *testing.F) {
	seedFromFixtures(f)
	// Git runs only where a tree gives .git/ls-files (read by the fixtures'
	// GitLsFiles): a real git run per input would dominate the fuzzing.
	fixtureGit := workspace.GitLsFiles
	workspace.GitLsFiles = func(root string, each func(string, uint32)) error {
		if _, err := os.Stat(filepath.Join(root, ".git", "ls-files")); err != nil {
			return err
		}
		return fixtureGit(root, each)
	}
	f.Cleanup(func() { workspace.GitLsFiles = fixtureGit })
	f.Fuzz(func(t *testing.T, gowork, gomod []byte, modDir string, gitignore, dockerignore, dockerfile, mountinfo, wslconf, machine, tree []byte) {
		dir := t.TempDir()
		root := filepath.Join(dir, "work")
		must(t, os.MkdirAll(filepath.Join(root, filepath.FromSlash(cleanModDir(modDir))), 0o755))
		buffers := map[string][]byte{}
		for path, b := range map[string][]byte{
			filepath.Join(root, "go.work"):                                         gowork,
			filepath.Join(root, filepath.FromSlash(cleanModDir(modDir)), "go.mod"): gomod,
			filepath.Join(root, ".gitignore"):                                      gitignore,
			filepath.Join(root, ".dockerignore"):                                   dockerignore,
			filepath.Join(root, "Dockerfile"):                                      dockerfile,
		} {
			if len(b) > 0 { // an empty slot is a file that does not exist
				buffers[path] = b
			}
		}
		writeTree(dir, root, tree, buffers)
		info := replayMachine(t, filepath.Join(dir, "host"), root, mountinfo, wslconf, machine)
		run := func(buffers map[string][]byte, version int32) ([]Finding, func(string) ([]byte, int32, error)) {
			overlays := map[string]workspace.Overlay{}
			for p, b := range buffers {
				overlays[p] = workspace.Overlay{Version: version, Text: b}
			}
			ws, err := workspace.Load(context.Background(), []string{root}, overlays)
			if err != nil {
				t.Fatal(err)
			}
			read := func(path string) ([]byte, int32, error) {
				if o, ok := overlays[path]; ok {
					return o.Text, o.Version, nil
				}
				b, err := os.ReadFile(path)
				return b, 0, err
			}
			return Run(&Snapshot{Snapshot: ws, Host: info}, Config{}), read
		}

		findings, read := run(buffers, 1)
		offered := countFixes(findings)
		for _, fd := range findings {
			if strings.HasPrefix(fd.Message, "internal error in rule") {
				t.Fatalf("%s: %s", fd.Code, fd.Message)
			}
			checkFindingRange(t, fd, read)
			for _, fix := range fd.Fixes {
				if fix.Command != nil {
					if len(fix.Command.Argv) == 0 {
						t.Fatalf("%s: fix %q runs an empty command", fd.Code, fix.Title)
					}
					continue
				}
				edited, err := Edited(fix, read)
				if err != nil {
					t.Fatalf("%s: fix %q does not apply: %v", fd.Code, fix.Title, err)
				}
				after := map[string][]byte{}
				for p, b := range buffers {
					after[p] = b
				}
				for p, b := range edited {
					before, _, _ := read(p)
					checkStillParses(t, fd.Code, fix.Title, p, before, b)
					after[p] = b
				}
				again, _ := run(after, 2)
				key := fd.Code + "\x00" + fix.Title
				if n := countFixes(again)[key]; n >= offered[key] {
					t.Fatalf("%s: fix %q is offered %d times before it is applied and %d times after", fd.Code, fix.Title, offered[key], n)
				}
			}
		}
	})
}

// countFixes counts the findings offering each fix, by rule and title.
func countFixes(findings []Finding) map[string]int {
	n := map[string]int{}
	for _, fd := range findings {
		seen := map[string]bool{}
		for _, fix := range fd.Fixes {
			if key := fd.Code + "\x00" + fix.Title; !seen[key] {
				seen[key] = true
				n[key]++
			}
		}
	}
	return n
}

// cleanModDir keeps the fuzzed module directory inside the workspace and out
// of the directories discovery skips, which an editor can still open a
// buffer in but which no rule is about.
func cleanModDir(dir string) string {
	dir = filepath.ToSlash(filepath.Clean("/" + dir))[1:]
	for _, c := range strings.Split(dir, "/") {
		if c == ".git" || c == "vendor" || c == "testdata" || c == "node_modules" || len(c) > 64 || strings.ContainsRune(c, 0) {
			return "."
		}
	}
	if dir == "" || len(dir) > 200 {
		return "."
	}
	return dir
}

// writeTree writes the files of the txtar tree, named relative to root as in
// a fixture ("../.git/HEAD" is above it), to disk, except where a buffer
// stands and outside dir. A name the file system refuses is a file the tree
// lacks.
func writeTree(dir, root string, tree []byte, buffers map[string][]byte) {
	for _, s := range txtar.Parse(tree).Files {
		p := filepath.Join(root, filepath.FromSlash(s.Name))
		if _, ok := buffers[p]; ok || !workspace.Within(dir, p) || p == dir || workspace.Within(filepath.Join(dir, "host"), p) {
			continue
		}
		if os.MkdirAll(filepath.Dir(p), 0o755) == nil {
			_ = os.WriteFile(p, s.Data, 0o644)
		}
	}
}

// replayMachine writes a machine below sysroot, as a fixture's host/
// sections do: the fuzzed mountinfo and wsl.conf, and the files, env and
// goenv.json sections of the machine txtar ($WORK stands for root), and
// probes it.
func replayMachine(t *testing.T, sysroot, root string, mountinfo, wslconf, machine []byte) *host.Info {
	t.Helper()
	expand := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("$WORK"), []byte(root)) }
	files := map[string][]byte{"proc/self/mountinfo": expand(mountinfo), "etc/wsl.conf": expand(wslconf)}
	env := map[string]string{}
	goenv := &host.GoEnv{Path: "/usr/local/go/bin/go", Vars: maps.Clone(defaultGoEnv)}
	for _, s := range txtar.Parse(machine).Files {
		data := expand(s.Data)
		switch name := filepath.ToSlash(filepath.Clean("/" + string(expand([]byte(s.Name)))))[1:]; {
		case s.Name == "env":
			for line := range strings.Lines(string(data)) {
				if k, v, ok := strings.Cut(strings.TrimSpace(line), "="); ok {
					env[k] = v
				}
			}
		case s.Name == "goenv.json":
			vars := map[string]string{}
			if json.Unmarshal(data, &vars) == nil {
				goenv.Vars = vars
			}
		case name != "" && !strings.ContainsRune(name, 0):
			files[name] = data
		}
	}
	for name, data := range files {
		if len(data) == 0 && (name == "proc/self/mountinfo" || name == "etc/wsl.conf") {
			continue // an empty slot is a file the machine lacks
		}
		p := filepath.Join(sysroot, filepath.FromSlash(name))
		if os.MkdirAll(filepath.Dir(p), 0o755) == nil {
			_ = os.WriteFile(p, data, 0o644) // a name the file system refuses is a file the machine lacks
		}
	}
	return host.Probe(context.Background(), host.Options{Sysroot: sysroot, Env: env, GoEnv: goenv})
}

// checkFindingRange: a finding on a file lies in that file's text; one on a
// file that cannot be read, or on the machine, sits at the start.
func checkFindingRange(t *testing.T, fd Finding, read func(string) ([]byte, int32, error)) {
	t.Helper()
	b, _, err := read(fd.Path)
	if fd.Path == "" || err != nil {
		if fd.Range != (workspace.Range{}) {
			t.Fatalf("%s on %q (unreadable: %v) at %v: %s", fd.Code, fd.Path, err, fd.Range, fd.Message)
		}
		return
	}
	txt := workspace.NewText(b)
	for _, p := range []workspace.Position{fd.Range.Start, fd.Range.End} {
		if p.Line < 0 || p.Line >= txt.LineCount() || p.Character < 0 || p.Character > utf16Len(rawLine(b, p.Line)) {
			t.Fatalf("%s at %v is outside %s (%d lines): %s", fd.Code, fd.Range, fd.Path, txt.LineCount(), fd.Message)
		}
	}
	if fd.Range.End.Before(fd.Range.Start) {
		t.Fatalf("%s at %v ends before it starts: %s", fd.Code, fd.Range, fd.Message)
	}
}

// checkStillParses: a fix never breaks the syntax of a file that parsed.
func checkStillParses(t *testing.T, code, title, path string, before, after []byte) {
	t.Helper()
	parses := func(b []byte) bool {
		switch workspace.KindOf(path) {
		case workspace.GoMod:
			_, err := modfile.Parse(path, b, nil)
			return err == nil
		case workspace.GoWork:
			_, err := modfile.ParseWork(path, b, nil)
			return err == nil
		case workspace.DockerIgnore:
			return workspace.ParseDockerIgnore(b).Err == nil
		case workspace.Dockerfile:
			return workspace.ParseDockerfile(workspace.NewText(b)).Err == nil
		}
		return true
	}
	if (before == nil || parses(before)) && !parses(after) {
		t.Fatalf("%s: fix %q leaves %s unparsable:\n%s", code, title, path, after)
	}
}

// rawLine is line n of b with its "\r" (a position may follow it) but not
// its "\n".
func rawLine(b []byte, n int) []byte {
	for ; n > 0; n-- {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil
		}
		b = b[i+1:]
	}
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return b
}

func utf16Len(b []byte) int { return len(utf16.Encode([]rune(string(b)))) }

// seedFromFixtures adds one input per rule fixture, which reproduces it:
// its root go.work, .gitignore, .dockerignore and Dockerfile and its
// shallowest go.mod go in the buffers, its other workspace files in the
// tree, its mountinfo and wsl.conf in theirs, and the rest of its machine
// (host files, env, goenv.json) in the machine txtar.
func seedFromFixtures(f *testing.F) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*", "*.txtar"))
	if err != nil || len(paths) == 0 {
		f.Fatalf("no fixtures to seed from: %v", err)
	}
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		modName := ""
		for _, s := range ar.Files {
			if isWorkspaceFile(s.Name) && filepath.Base(s.Name) == "go.mod" && !strings.HasPrefix(s.Name, "../") &&
				(modName == "" || strings.Count(s.Name, "/") < strings.Count(modName, "/")) {
				modName = s.Name
			}
		}
		slots := map[string][]byte{}
		machine, tree := &txtar.Archive{}, &txtar.Archive{}
		for _, s := range ar.Files {
			switch name := s.Name; {
			case name == "host/proc/self/mountinfo" || name == "host/etc/wsl.conf":
				slots[name] = s.Data
			case name == "env" || name == "goenv.json" || strings.HasPrefix(name, "host/"):
				machine.Files = append(machine.Files, txtar.File{Name: strings.TrimPrefix(name, "host/"), Data: s.Data})
			case !isWorkspaceFile(name):
			case name == modName || name == "go.work" || name == ".gitignore" || name == ".dockerignore" || name == "Dockerfile":
				slots[name] = s.Data
			default:
				tree.Files = append(tree.Files, s)
			}
		}
		modDir := "."
		if modName != "" {
			modDir = filepath.Dir(modName)
		}
		f.Add(slots["go.work"], slots[modName], modDir, slots[".gitignore"], slots[".dockerignore"], slots["Dockerfile"],
			slots["host/proc/self/mountinfo"], slots["host/etc/wsl.conf"], txtar.Format(machine), txtar.Format(tree))
	}
}

// isWorkspaceFile tells a fixture's workspace files from its other sections.
func isWorkspaceFile(name string) bool {
	return name != "want" && !strings.HasPrefix(name, "fix ") && !strings.HasPrefix(name, "command ")
}
