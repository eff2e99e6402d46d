// Package workspace is gowell's view of the user's files: the workspace
// folders, the files that decide how Go builds found in them, and the editor's
// unsaved text laid over the disk. A Snapshot is immutable once built; rules
// read it concurrently, and a change produces a new Snapshot that shares every
// file that did not change (with its parse).
package workspace

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// MaxFileSize bounds what gowell reads of one file. The files it reads are
// small by nature; a 300 MB "go.mod" is hostile or broken, not a module.
const MaxFileSize = 4 << 20

// Overlay is an open document's text as the editor has it.
type Overlay struct {
	Version int32
	Text    []byte
}

// File is one file gowell reads, with its content as the editor or the disk
// has it.
type File struct {
	Path    string // absolute and clean
	Kind    Kind
	Version int32 // the editor's version when the text came from an overlay, else 0
	Text    *Text // nil when Err is set
	Err     error // unreadable, too large, deleted mid-scan

	memo sync.Map // parse results, keyed by the parser's name
}

// Memo returns the value fn computes for this file under key, computing it once.
// Parsers keep their results here so an unchanged file is never parsed twice.
// Rules run concurrently: a caller that comes while another computes the
// value waits for it rather than computing it again (two rules listing one
// build context at the start cost twice the walk). A computation that panics
// is not kept, so the next caller tries again.
func (f *File) Memo(key string, fn func() any) any {
	v, ok := f.memo.Load(key)
	if !ok {
		v, _ = f.memo.LoadOrStore(key, &memoEntry{})
	}
	e := v.(*memoEntry)
	if e.done.Load() {
		return e.v
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.done.Load() {
		e.v = fn()
		e.done.Store(true)
	}
	return e.v
}

// memoEntry is one value of File.Memo.
type memoEntry struct {
	mu   sync.Mutex
	done atomic.Bool
	v    any
}

// Dir is the directory holding the file.
func (f *File) Dir() string { return filepath.Dir(f.Path) }

// Snapshot is the workspace at one moment.
type Snapshot struct {
	Roots    []string // workspace folders, absolute and clean
	files    map[string]*File
	overlays map[string]Overlay
	named    map[string]bool // paths noted by name (named.go) → is a directory
	// walkedDirs counts the directories discovery walked, folders included
	// and skipped ones left out: about what an editor watches.
	walkedDirs int
	folds      *foldIndex // names that differ only in case, from the walk
	// listings are the directories discovery read, until ReleaseListings:
	// a build context's listing answers from them instead of the disk.
	listings *listings

	extra sync.Map   // files read on demand outside discovery (path → *File)
	stats *statCache // the disk's answers, shared by snapshots of one disk generation (stat.go)
	gen   generations
	only  *limits // a restricted view (restrict.go)

	kindsOnce sync.Once
	byKind    [len(kindNames)][]*File // the files of each kind, sorted (kinds)
}

// Load discovers the files gowell cares about under roots and reads them,
// preferring overlays. Unreadable directories and files deleted mid-scan are
// skipped, never fatal; ctx cancels a long walk.
func Load(ctx context.Context, roots []string, overlays map[string]Overlay) (*Snapshot, error) {
	s := &Snapshot{files: map[string]*File{}, overlays: overlays, named: map[string]bool{}, folds: newFoldIndex(), gen: freshGenerations(),
		listings: newListings(), stats: &statCache{}}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, err
		}
		s.Roots = append(s.Roots, abs)
	}
	slices.Sort(s.Roots)
	s.Roots = slices.Compact(s.Roots)
	for _, root := range s.Roots {
		if err := s.walk(ctx, root); err != nil {
			return nil, err
		}
	}
	for path := range overlays {
		// An open vendor/x/go.mod is the user's reading, not their module:
		// discovery skips it, and so does Update.
		if root := s.RootOf(path); root != "" && KindOf(path) != None && !insideSkipped(root, path) {
			if _, ok := s.files[path]; !ok {
				s.files[path] = s.read(path)
			}
		}
	}
	return s, nil
}

// Update returns a snapshot in which the given paths are re-read (or dropped
// when gone) and overlays replaced; every other file, with its parse, is
// shared, and so is a re-read file whose content did not change. A change to
// a directory (say, a checkout that brings a new module) needs Load instead.
func (s *Snapshot) Update(changed []string, overlays map[string]Overlay) *Snapshot {
	n := &Snapshot{Roots: s.Roots, files: make(map[string]*File, len(s.files)), overlays: overlays, named: maps.Clone(s.named),
		walkedDirs: s.walkedDirs, folds: s.folds, gen: s.gen}
	for p, f := range s.files {
		n.files[p] = f
	}
	for _, p := range changed {
		n.renote(p)
	}
	touched := slices.Clone(changed)
	for p, o := range overlays {
		if old, ok := s.overlays[p]; !ok || old.Version != o.Version {
			touched = append(touched, p)
		}
	}
	for p := range s.overlays {
		if _, ok := overlays[p]; !ok {
			touched = append(touched, p) // closed: back to the disk
		}
	}
	// The disk's generation changes with what Exists, IsDir and the files
	// of no kind see: a path that came or went, a file of no kind, anything
	// outside discovery. A new text of a file that was and still is there
	// is news for the rules that read its kind alone: opening or saving a
	// go.mod must not send a monorepo's git and build-context rules off
	// again.
	disk := false
	for i, p := range touched {
		onDisk := i < len(changed) // the disk's copy changed, not just the editor's
		k := KindOf(p)
		if k == None {
			disk = true
			continue
		}
		if n.RootOf(p) == "" || insideSkipped(n.RootOf(p), p) {
			n.gen[k] = newGeneration() // a file read on demand may have changed
			disk = true
			continue
		}
		f, old := n.read(p), n.files[p]
		switch {
		case errors.Is(f.Err, fs.ErrNotExist):
			delete(n.files, p)
			disk = old != nil || disk
		case old == nil:
			n.files[p] = f
			disk = true
		case sameContent(old, f):
			// Kept with its parses; rules that read the kind from disk
			// past an open document's text still run again.
			if !onDisk {
				continue
			}
		default:
			n.files[p] = f
		}
		n.gen[k] = newGeneration()
	}
	if disk {
		n.gen[None] = newGeneration()
		n.stats = &statCache{}
	} else {
		n.inherit(s, touched)
	}
	return n
}

// insideSkipped reports whether discovery would have skipped path.
func insideSkipped(root, path string) bool {
	rel, err := filepath.Rel(root, filepath.Dir(path))
	if err != nil || rel == "." {
		return false
	}
	return slices.ContainsFunc(strings.Split(rel, string(filepath.Separator)), skipDir)
}

func (s *Snapshot) read(path string) *File {
	f := &File{Path: path, Kind: KindOf(path)}
	if o, ok := s.overlays[path]; ok {
		f.Version = o.Version
		if len(o.Text) > MaxFileSize {
			f.Err = tooLarge(path)
			return f
		}
		f.Text = NewText(o.Text)
		return f
	}
	b, err := readBounded(path)
	if err != nil {
		f.Err = err
		return f
	}
	f.Text = NewText(b)
	return f
}

// readBounded reads a regular file of at most MaxFileSize bytes. It opens
// with O_NONBLOCK so that a FIFO named go.mod cannot block the scan forever
// (opening a FIFO for reading waits for a writer), then refuses anything that
// is not a regular file.
func readBounded(path string) ([]byte, error) {
	fh, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s); gowell does not read it", filepath.Base(path), st.Mode().Type())
	}
	b, err := io.ReadAll(io.LimitReader(fh, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxFileSize {
		return nil, tooLarge(path)
	}
	return b, nil
}

func tooLarge(path string) error {
	return fmt.Errorf("%s is larger than %d MiB; gowell does not read it", filepath.Base(path), MaxFileSize>>20)
}

// Files returns the discovered files of a kind, sorted by path.
func (s *Snapshot) Files(kind Kind) []*File {
	s.reads(kind, "Files", "")
	return slices.Clone(s.kinds()[kind])
}

// All returns every discovered file, sorted by path.
func (s *Snapshot) All() []*File {
	for k := range kindNames[1:] {
		s.reads(Kind(k+1), "All", "")
	}
	out := make([]*File, 0, len(s.files))
	for _, f := range s.files {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b *File) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// File returns the file at path: a discovered one, or one read on demand (a
// go.mod that a go.work uses from outside the workspace folders, say). It
// returns a File with Err set when the file cannot be read.
func (s *Snapshot) File(path string) *File {
	path = filepath.Clean(path)
	s.reads(KindOf(path), "File", path)
	if f, ok := s.files[path]; ok {
		return f
	}
	if f, ok := s.extra.Load(path); ok {
		return f.(*File)
	}
	f, _ := s.extra.LoadOrStore(path, s.read(path))
	return f.(*File)
}

// Exists reports whether path exists, in an overlay or on disk.
func (s *Snapshot) Exists(path string) bool {
	s.reads(None, "Exists", path)
	if _, ok := s.overlays[path]; ok {
		return true
	}
	return s.stat(path).exists
}

// IsDir reports whether path is a directory on disk.
func (s *Snapshot) IsDir(path string) bool {
	s.reads(None, "IsDir", path)
	return s.stat(path).dir
}

// RootOf returns the workspace folder holding path (the innermost, for nested
// folders), or "" when path is outside them all.
func (s *Snapshot) RootOf(path string) string {
	best := ""
	for _, r := range s.Roots {
		if Within(r, path) && len(r) > len(best) {
			best = r
		}
	}
	return best
}

// Dirs returns the directories worth watching: the roots and every directory
// holding a discovered file.
func (s *Snapshot) Dirs() []string {
	dirs := slices.Clone(s.Roots)
	for p := range s.files {
		dirs = append(dirs, filepath.Dir(p))
	}
	slices.Sort(dirs)
	return slices.Compact(dirs)
}

// Within reports whether path is dir or lies below it, lexically.
func Within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
