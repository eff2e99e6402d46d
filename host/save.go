package host

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// machineFiles are the files of the machine the probe reads; Save copies
// those that exist.
var machineFiles = []string{
	"/proc/sys/kernel/osrelease",
	"/proc/self/mountinfo",
	"/etc/wsl.conf",
	"/proc/sys/fs/binfmt_misc/WSLInterop",
	"/proc/meminfo",
	"/.dockerenv",
}

// Save writes what the probe saw as a directory that Probe replays as a
// sysroot (`gowell check --sysroot DIR`): the machine files it read, the
// environment (only SnapshotEnv) as DIR/env, `go env` as DIR/goenv.json (or
// DIR/goenv.err), the go env files that say where settings come from, the
// VERSION of the GOROOT in effect, sysctl values, and empty stand-ins for
// the programs PATH lookups found. Everything passes through r. dir must be
// new or empty: a snapshot never overwrites anything.
func (i *Info) Save(dir string, r *Redactor) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	s := &saver{info: i, dir: dir, r: r}
	for _, p := range machineFiles {
		s.copy(p, i.Real(p))
	}
	if i.exists("/run/WSL") {
		s.mkdir("/run/WSL")
	}
	for name, v := range i.Sysctl {
		s.write(filepath.Join("/", replaySysctlDir, name), v+"\n", 0o644)
	}
	s.write("/"+replayEnvFile, envLines(r.Env(i.Env)), 0o644)
	s.saveGo()
	s.saveGitConfig()
	s.saveInotify()
	return s.err
}

// saver writes a snapshot, keeping the first error.
type saver struct {
	info *Info
	dir  string
	r    *Redactor
	err  error
}

func (s *saver) saveGo() {
	g := s.info.Go
	if g.Vars != nil {
		vars := map[string]string{}
		for k, v := range g.Vars {
			vars[k] = s.r.String(v)
		}
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // keep <user> readable
		enc.SetIndent("", "\t")
		s.keep(enc.Encode(vars))
		s.write("/"+replayGoEnvFile, b.String(), 0o644)
	} else if g.Err != "" {
		s.write("/"+replayGoErrFile, g.Err+"\n", 0o644)
	}
	// The go side is the real machine's when the probe ran go itself.
	real := s.info.Real
	if s.info.goLive {
		real = func(p string) string { return p }
	}
	if f := goEnvFile(g.Vars, s.info.Env); f != "" && f != "off" {
		s.copy(f, real(f))
	}
	if root := goRootInEffect(&g, s.info.Env, nil); root != "" {
		s.copy(filepath.Join(root, "go.env"), real(filepath.Join(root, "go.env")))
		s.copy(filepath.Join(root, "VERSION"), real(filepath.Join(root, "VERSION")))
	}
	if g.Root != "" {
		s.mkdir(filepath.Join(g.Root, "pkg", "tool"))
		if g.Path != "" {
			s.stub(g.Path, filepath.Join(g.Root, "bin", "go"))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(s.info.Which)) {
		if p := s.info.Which[name]; p != "" && p != g.Path {
			s.stub(p, "")
		}
	}
}

// stub writes an empty executable at path, or — when the program lives
// elsewhere (a /usr/bin/go linking into its GOROOT) — a relative symbolic
// link from path to an empty executable there, so that a replay finds the
// same binary and the same GOROOT.
func (s *saver) stub(path, target string) {
	if target == "" || target == path {
		s.write(path, "", 0o755)
		return
	}
	s.write(target, "", 0o755)
	link, to := s.at(path), s.at(target)
	rel, err := filepath.Rel(filepath.Dir(link), to)
	s.keep(err)
	s.keep(os.MkdirAll(filepath.Dir(link), 0o755))
	if s.err == nil {
		s.keep(os.Symlink(rel, link))
	}
}

// copy copies the machine file read from src to path in the snapshot, when
// it exists.
func (s *saver) copy(path, src string) {
	b, err := os.ReadFile(src)
	if err != nil {
		return
	}
	text := string(b)
	switch path {
	case "/proc/self/mountinfo":
		text = s.mountinfo(text)
	case "/etc/wsl.conf":
		text = s.r.Words(text)
	default:
		text = s.r.String(text)
	}
	s.write(path, text, 0o644)
}

// mountinfo redacts field by field: the kernel escapes blanks inside a
// field, so a name never runs into the next field.
func (s *saver) mountinfo(text string) string {
	var b strings.Builder
	for line := range strings.Lines(text) {
		f := strings.Fields(line)
		for k := range f {
			f[k] = s.r.String(f[k])
		}
		b.WriteString(strings.Join(f, " ") + "\n")
	}
	return b.String()
}

// at is where a machine path lands in the snapshot, redacted like every
// value that names it.
func (s *saver) at(path string) string {
	return filepath.Join(s.dir, s.r.String(filepath.Clean("/"+path)))
}

func (s *saver) write(path, data string, mode os.FileMode) {
	if s.err != nil {
		return
	}
	p := s.at(path)
	s.keep(os.MkdirAll(filepath.Dir(p), 0o755))
	if s.err == nil {
		s.keep(os.WriteFile(p, []byte(data), mode))
	}
}

func (s *saver) mkdir(path string) {
	if s.err == nil {
		s.keep(os.MkdirAll(s.at(path), 0o755))
	}
}

func (s *saver) keep(err error) {
	if s.err == nil && err != nil {
		s.err = err
	}
}

func envLines(env map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(env)) {
		b.WriteString(k + "=" + env[k] + "\n")
	}
	return b.String()
}
