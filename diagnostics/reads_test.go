package diagnostics

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

// Every rule that declares its inputs runs over its fixtures through a view
// of the snapshot holding only what it declared: a read of anything else
// panics, which check turns into an internal-error finding, and without the
// host declared the rule sees none. Its findings must be those it reports
// over the whole snapshot.
func TestDeclaredInputs(t *testing.T) {
	for _, r := range Rules() {
		if r.Reads == nil {
			continue
		}
		cases, _ := filepath.Glob(filepath.Join("testdata", r.ID, "*.txtar"))
		for _, path := range cases {
			t.Run(r.ID+"/"+strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
				fx := parseFixture(t, path)
				root, s := fx.setup(t)
				want := formatAll(root, check(r, s))
				view := &Snapshot{Snapshot: s.Only(r.Reads, r.Disk)}
				if r.Host {
					view.Host = s.Host
				}
				got := formatAll(root, check(r, view))
				if !slices.Equal(got, want) {
					t.Errorf("%s reads more than it declares (Reads %v, Host %t, Disk %t): with only those, it reports\n\t%s\ninstead of\n\t%s",
						r.ID, r.Reads, r.Host, r.Disk, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
				}
			})
		}
	}
}

func formatAll(root string, fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = formatFinding(root, f)
	}
	return out
}

func TestDeclaredTableNamesRules(t *testing.T) {
	for id := range declared {
		if Lookup(id) == nil {
			t.Errorf("reads.go declares the inputs of %s, which is no rule", id)
		}
	}
}

// resultsWorkspace writes a go.work with two modules, a Dockerfile and
// ignore files, and loads it with a recorded machine.
func resultsWorkspace(t *testing.T) (string, *Snapshot) {
	t.Helper()
	root := t.TempDir()
	for name, data := range map[string]string{
		"go.work":           "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
		"a/go.mod":          "module example.com/a\n\ngo 1.24\n",
		"b/go.mod":          "module example.com/b\n\ngo 1.22\n",
		"a/Dockerfile":      "FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build ./...\n",
		".gitignore":        "go.sum\n",
		"a/.dockerignore":   ".git\n",
		"b/internal/x.go":   "package internal\n",
		"b/internal/y/y.go": "package y\n",
	} {
		writeFile(t, filepath.Join(root, name), data)
	}
	ws, err := workspace.Load(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	info := host.Probe(context.Background(), host.Options{Sysroot: t.TempDir(), Env: map[string]string{},
		GoEnv: &host.GoEnv{Path: "/usr/local/go/bin/go", Vars: defaultGoEnv}})
	return root, &Snapshot{Snapshot: ws, Host: info}
}

// Typing in a go.mod runs again only the rules that read go.mod files (and
// those that declare nothing); every other rule's findings are kept, and
// the result is what a run without kept results finds.
func TestEditRunsOnlyRulesReadingIt(t *testing.T) {
	root, s := resultsWorkspace(t)
	results := &Results{}
	s.Results = results
	mod := filepath.Join(root, "b", "go.mod")
	open := map[string]workspace.Overlay{mod: {Version: 1, Text: []byte("module example.com/b\n\ngo 1.22\n")}}
	s = &Snapshot{Snapshot: s.Update(nil, open), Host: s.Host, Results: results}
	Run(s, Config{})
	before := results.Runs()

	typed := map[string]workspace.Overlay{mod: {Version: 2, Text: []byte("module example.com/b\n\ngo 1.25\n")}}
	next := &Snapshot{Snapshot: s.Update(nil, typed), Host: s.Host, Results: results}
	got := Run(next, Config{})
	after := results.Runs()

	var ran, want []string
	for _, r := range Rules() {
		if after[r.ID] > before[r.ID] {
			ran = append(ran, r.ID)
		}
		if r.Reads == nil || slices.Contains(r.Reads, workspace.GoMod) {
			want = append(want, r.ID)
		}
	}
	if !slices.Equal(ran, want) {
		t.Errorf("after typing in go.mod these rules ran again:\n\t%v\nwant those that read go.mod files:\n\t%v", ran, want)
	}
	fresh := Run(&Snapshot{Snapshot: next.Snapshot, Host: next.Host}, Config{})
	if g, w := formatAll(root, got), formatAll(root, fresh); !slices.Equal(g, w) {
		t.Errorf("with kept results:\n\t%s\nwithout:\n\t%s", strings.Join(g, "\n\t"), strings.Join(w, "\n\t"))
	}
	if !slices.ContainsFunc(got, func(f Finding) bool { return f.Code == "GO001" && strings.Contains(f.Message, "1.25") }) {
		t.Errorf("the edit's GO001 is missing: %v", formatAll(root, got))
	}
}

// A change on disk runs again the rules that read the disk, and the host
// probe's arrival those that read the host.
func TestDiskAndHostChangesRunTheirRules(t *testing.T) {
	root, s := resultsWorkspace(t)
	results := &Results{}
	s.Results = results
	Run(s, Config{})
	before := results.Runs()
	writeFile(t, filepath.Join(root, "a", "go.sum"), "")
	disk := &Snapshot{Snapshot: s.Update([]string{filepath.Join(root, "a", "go.sum")}, nil), Host: s.Host, Results: results}
	Run(disk, Config{})
	mid := results.Runs()
	probed := &Snapshot{Snapshot: disk.Snapshot, Host: &host.Info{}, Results: results}
	*probed.Host = *s.Host
	Run(probed, Config{})
	after := results.Runs()
	for _, r := range Rules() {
		undeclared := r.Reads == nil
		if ran := mid[r.ID] > before[r.ID]; ran != (undeclared || r.Disk) {
			t.Errorf("%s (Disk %t) ran after a change on disk: %t", r.ID, r.Disk, ran)
		}
		if ran := after[r.ID] > mid[r.ID]; ran != (undeclared || r.Host) {
			t.Errorf("%s (Host %t) ran after a new probe: %t", r.ID, r.Host, ran)
		}
	}
}

// Before the machine is probed, the rules that read it stay out, and the
// rest find what they find with it.
func TestRunWithoutHost(t *testing.T) {
	root, s := resultsWorkspace(t)
	results := &Results{}
	Run(&Snapshot{Snapshot: s.Snapshot, Results: results}, Config{})
	ran := results.Runs()
	for _, r := range Rules() {
		if ran[r.ID] > 0 == readsHost(r) {
			t.Errorf("%s (reads the host: %t) ran without a host: %t", r.ID, readsHost(r), ran[r.ID] > 0)
		}
	}
	all := Run(s, Config{})
	hostFree := slices.DeleteFunc(slices.Clone(all), func(f Finding) bool { return readsHost(Lookup(f.Code)) })
	got := Run(&Snapshot{Snapshot: s.Snapshot}, Config{})
	if g, w := formatAll(root, got), formatAll(root, hostFree); !slices.Equal(g, w) {
		t.Errorf("without a host:\n\t%s\nwant the host-free rules' findings:\n\t%s", strings.Join(g, "\n\t"), strings.Join(w, "\n\t"))
	}
	if len(hostFree) == 0 {
		t.Error("the workspace is meant to make host-free rules fire")
	}
}

// A files-only run is the rules that declare they read nothing but files,
// and they find there what they find in a full run.
func TestRunFilesOnly(t *testing.T) {
	root, s := resultsWorkspace(t)
	results := &Results{}
	got := Run(&Snapshot{Snapshot: s.Snapshot, Host: s.Host, Results: results, FilesOnly: true}, Config{})
	ran := results.Runs()
	for _, r := range Rules() {
		if ran[r.ID] > 0 != readsOnlyFiles(r) {
			t.Errorf("%s (reads only files: %t) ran in a files-only run: %t", r.ID, readsOnlyFiles(r), ran[r.ID] > 0)
		}
	}
	all := Run(s, Config{})
	filesOnly := slices.DeleteFunc(slices.Clone(all), func(f Finding) bool { return !readsOnlyFiles(Lookup(f.Code)) })
	if g, w := formatAll(root, got), formatAll(root, filesOnly); !slices.Equal(g, w) || len(g) == 0 {
		t.Errorf("files only:\n\t%s\nwant:\n\t%s", strings.Join(g, "\n\t"), strings.Join(w, "\n\t"))
	}
}
