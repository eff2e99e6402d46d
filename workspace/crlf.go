package workspace

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
)

// CRLF is what gowell found of CRLF line endings among the files of a
// repository's working tree that git tracks and whose line endings matter
// on Linux: shell scripts, go.mod files and Go files.
//
// A file counts when its first line ends in "\r\n": a checkout with
// core.autocrlf=true, or a file saved by a Windows editor, ends every line
// so, and the first line is the one a script's #! sits on. Only that line is
// read (at most 1 KiB), and only maxEOLReads files per repository — scripts
// first, then go.mod files, then Go files — so a 100 000-file repository
// costs what a small one does. `git ls-files --eol` would say the same of
// every file, but reads every blob and every file in full to say it.
type CRLF struct {
	Scripts []CRLFScript // absolute paths, in the index's order
	GoMods  []string
	GoFiles []string
	// Checked is how many files were read, of Candidates that git tracks;
	// when fewer, more of them may have CRLF line endings.
	Checked, Candidates int
}

// CRLFScript is a shell script with CRLF line endings: a tracked *.sh or
// *.bash file, or an executable one that starts with #!.
type CRLFScript struct {
	Path string
	// Shebang: its first line is a #! line, whose "\r" the kernel takes as
	// part of the interpreter's name, so running the script fails.
	Shebang bool
}

// Empty reports whether no file with CRLF line endings was found.
func (c *CRLF) Empty() bool {
	return len(c.Scripts) == 0 && len(c.GoMods) == 0 && len(c.GoFiles) == 0
}

// CRLF reports the tracked files with CRLF line endings in the repository
// whose top directory is repo, reading them once per snapshot. known is
// false when git cannot say what it tracks.
func (s *Snapshot) CRLF(repo string) (c *CRLF, known bool) {
	idx := s.gitIndex(repo)
	if idx == nil {
		return nil, false
	}
	idx.eolOnce.Do(func() { idx.crlf = idx.scanCRLF() })
	return idx.crlf, true
}

func (idx *gitIndex) scanCRLF() *CRLF {
	c := &CRLF{Candidates: idx.candidates}
	buf := make([]byte, 1024)
	read := func(rel string) (head []byte, crlf bool) {
		if c.Checked == maxEOLReads {
			return nil, false
		}
		c.Checked++
		head = firstBytes(filepath.Join(idx.root, filepath.FromSlash(rel)), buf)
		nl := bytes.IndexByte(head, '\n')
		return head, nl > 0 && head[nl-1] == '\r'
	}
	abs := func(rel string) string { return filepath.Join(idx.root, filepath.FromSlash(rel)) }
	for _, p := range idx.scripts {
		head, crlf := read(p)
		shebang := bytes.HasPrefix(head, []byte("#!"))
		ext := filepath.Ext(p)
		if crlf && (shebang || ext == ".sh" || ext == ".bash") {
			c.Scripts = append(c.Scripts, CRLFScript{Path: abs(p), Shebang: shebang})
		}
	}
	for _, p := range idx.goMods {
		if _, crlf := read(p); crlf {
			c.GoMods = append(c.GoMods, abs(p))
		}
	}
	for _, p := range idx.goFiles {
		if _, crlf := read(p); crlf {
			c.GoFiles = append(c.GoFiles, abs(p))
		}
	}
	return c
}

// firstBytes reads the start of a file into buf; nil when it cannot.
func firstBytes(path string, buf []byte) []byte {
	// O_NONBLOCK: a FIFO where git has a file must not hang the scan.
	fh, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil
	}
	defer fh.Close()
	n, _ := fh.Read(buf)
	return buf[:n]
}
