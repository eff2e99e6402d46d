// Package diagnostics is gowell's rule catalogue and the engine that runs it.
// A rule is one file in this package: an ID, a title, a severity, its doc and
// a pure detector over a Snapshot. Rules register themselves; the CLI, the
// language server and the generated docs all read the same catalogue.
package diagnostics

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/gowell/gowell/host"
	"github.com/gowell/gowell/workspace"
)

// Severity follows the LSP's numbering.
type Severity int

const (
	Error Severity = iota + 1
	Warning
	Info
)

var severityNames = map[Severity]string{Error: "error", Warning: "warning", Info: "info"}

func (s Severity) String() string { return severityNames[s] }

func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Severity) UnmarshalText(b []byte) error {
	v, ok := ParseSeverity(string(b))
	if !ok {
		return fmt.Errorf("unknown severity %q", b)
	}
	*s = v
	return nil
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, bool) {
	for k, v := range severityNames {
		if v == s {
			return k, true
		}
	}
	return 0, false
}

// Area groups rules in the doctor report.
type Area string

const (
	AreaWorkspace Area = "Go workspace"
	AreaIgnore    Area = "Ignore files"
	AreaDocker    Area = "Docker"
	AreaMachine   Area = "WSL and machine"
)

// Areas lists the areas in report order.
var Areas = []Area{AreaMachine, AreaWorkspace, AreaIgnore, AreaDocker}

// Snapshot is what a rule sees: the workspace files and the machine.
type Snapshot struct {
	*workspace.Snapshot
	// Host is nil before the machine is probed: then only the rules that do
	// not read it run (see Rule.Host).
	Host *host.Info
	// Results, when set, keeps the rules' findings from earlier snapshots of
	// the same workspace, so that a rule none of whose inputs changed is not
	// run again. Rules never read it.
	Results *Results
	// FilesOnly runs only the rules that read nothing but the workspace's
	// files — not the disk beyond them (git, build contexts), not the host.
	// They take milliseconds on any tree, so the server publishes their
	// findings first after a scan of a new tree, then runs the rest.
	FilesOnly bool
}

// Rule is one check.
type Rule struct {
	ID       string // stable, never reused: GO001, IGN002, …
	Title    string // one line, for lists
	Severity Severity
	Area     Area
	Since    string // the gowell version that introduced it
	// Doc is Markdown: what the rule detects, why it matters (the exact error
	// the go command prints, where there is one), how to fix it, and sources.
	Doc   string
	Check func(s *Snapshot) []Finding

	// Reads lists the kinds of file Check reads, through Files, File and
	// the helpers built on them (WorkUses reads go.mod files, GitIgnored
	// .gitignore files, DockerIgnoreFor .dockerignore files); Host and Disk
	// say what else it reads. A rule that reads no file has an empty list.
	// nil means undeclared: the rule may read anything, so it runs on every
	// scan and not before the machine is probed. The engine keeps a
	// declared rule's findings while none of its inputs changed; a test runs
	// every rule's fixtures against what it declares (reads.go declares
	// them for the rules whose files do not).
	Reads []workspace.Kind
	// Host: Check reads Snapshot.Host.
	Host bool
	// Disk: Check asks the disk beyond the files of Reads — Exists, IsDir,
	// files of no kind, and what is built on them (RepoRoot, GitIgnored,
	// Tracked, DockerIgnoreFor, ContextTree, WorkFileFor, the names noted
	// by discovery). Such a rule runs again after any change on disk.
	Disk bool
}

var (
	catalogueMu sync.Mutex
	catalogue   = map[string]*Rule{} // by upper-cased ID: "GO006a" is looked up as "go006a" too
)

// register adds a rule to the catalogue; rule files call it in a package-level
// var so that adding a rule is adding a file.
func register(r *Rule) *Rule {
	catalogueMu.Lock()
	defer catalogueMu.Unlock()
	key := strings.ToUpper(r.ID)
	if _, dup := catalogue[key]; dup {
		panic("diagnostics: duplicate rule " + r.ID)
	}
	if r.ID == "" || r.Title == "" || r.Severity == 0 || r.Area == "" || r.Doc == "" || r.Check == nil {
		panic(fmt.Sprintf("diagnostics: rule %q is incomplete", r.ID))
	}
	catalogue[key] = r
	return r
}

// Rules returns the catalogue sorted by ID.
func Rules() []*Rule {
	catalogueMu.Lock()
	defer catalogueMu.Unlock()
	out := make([]*Rule, 0, len(catalogue))
	for _, r := range catalogue {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Rule) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Lookup finds a rule by ID, case-insensitively.
func Lookup(id string) *Rule {
	catalogueMu.Lock()
	defer catalogueMu.Unlock()
	return catalogue[strings.ToUpper(id)]
}

// DocURL is where a rule's page lives, for editors' code links.
func (r *Rule) DocURL() string {
	return "https://github.com/gowell/gowell/blob/main/docs/rules/" + r.ID + ".md"
}
