package workspace

import (
	"path/filepath"
	"slices"

	"golang.org/x/mod/modfile"
)

// The go command's versions for a go.mod or go.work without a go line
// (cmd/go/internal/gover: DefaultGoModVersion, DefaultGoWorkVersion).
const (
	DefaultGoModVersion  = "1.16"
	DefaultGoWorkVersion = "1.18"
)

// WorkUse is one `use` line of a go.work with the module directory it names.
type WorkUse struct {
	Use *modfile.Use
	Dir string // absolute and clean
	// GoMod is Dir/go.mod read through the snapshot, even from outside the
	// workspace folders; its Err is set when it is missing or unreadable.
	GoMod *File
}

// WorkUses lists the use lines of the go.work file f in file order, or nil
// when f does not parse. Most rules that read go.work ask, so the list is
// kept on f while the go.mod files and the disk keep their generations.
func (s *Snapshot) WorkUses(f *File) []WorkUse {
	type memo struct {
		inputs [2]uint64
		only   *limits // a restricted view reads for itself
		uses   []WorkUse
	}
	inputs := [2]uint64{s.Generation(GoMod), s.DiskGeneration()}
	if v, ok := f.memo.Load("workUses"); ok && v.(memo).inputs == inputs && v.(memo).only == s.only {
		return slices.Clone(v.(memo).uses)
	}
	w := f.Work().File
	if w == nil {
		return nil
	}
	out := make([]WorkUse, 0, len(w.Use))
	for _, u := range w.Use {
		dir := f.ModuleDir(u.Path)
		out = append(out, WorkUse{Use: u, Dir: dir, GoMod: s.File(filepath.Join(dir, "go.mod"))})
	}
	f.memo.Store("workUses", memo{inputs, s.only, out})
	return slices.Clone(out)
}

// GoVersion is the go line of a parsed go.mod or go.work as written ("1.22",
// "1.25.0"), or the go command's default when the line is missing. It is ""
// when f does not parse. Add the "go" prefix before handing it to go/version.
func (f *File) GoVersion() string {
	switch f.Kind {
	case GoWork:
		w := f.Work().File
		switch {
		case w == nil:
			return ""
		case w.Go == nil:
			return DefaultGoWorkVersion
		}
		return w.Go.Version
	default:
		m := f.Mod().File
		switch {
		case m == nil:
			return ""
		case m.Go == nil:
			return DefaultGoModVersion
		}
		return m.Go.Version
	}
}

// WorkFileFor is the go.work the go command uses when run in dir with GOWORK
// unset: the first one found in dir or its parents, or "" when there is none.
// The answer is kept with the disk's other answers (stat.go): rules ask it
// of every module on every keystroke.
func (s *Snapshot) WorkFileFor(dir string) string {
	s.reads(None, "WorkFileFor", dir)
	holder := s.upward(workFiles, dir, func(d string) bool {
		p := filepath.Join(d, "go.work")
		return s.Exists(p) && !s.IsDir(p)
	})
	if holder == "" {
		return ""
	}
	return filepath.Join(holder, "go.work")
}
