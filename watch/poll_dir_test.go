package watch

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A degraded directory is listed again only when its mtime moves: a poll of
// a big directory that did not change costs a stat per relevant entry, not a
// listing of every entry. Content changes of known files are still seen,
// and so is a file created once the directory's mtime shows it.
func TestPollDegradedDirListsOnlyOnChange(t *testing.T) {
	dir := t.TempDir()
	mod := filepath.Join(dir, "go.mod")
	write(t, mod, "module a\n")
	long := time.Now().Add(-time.Hour)
	setDirMtime(t, dir, long)

	p := newPoller(relevant)
	p.setDirs([]string{dir})
	expectPoll(t, p, nil, false)

	// Content: seen through the stat of the known file.
	write(t, mod, "module b\n")
	expectPoll(t, p, []string{mod}, false)

	// A new file whose directory mtime is put back, as if the creation fell
	// in the same clock tick as the last listing: the directory is not
	// listed, so it is not seen. That is the listing saved.
	docker := filepath.Join(dir, "Dockerfile")
	write(t, docker, "FROM scratch\n")
	setDirMtime(t, dir, long)
	expectPoll(t, p, nil, false)

	// Once the mtime moves, the directory is listed again.
	setDirMtime(t, dir, long.Add(time.Second))
	expectPoll(t, p, []string{docker}, false)
}

// A directory changed shortly before it was listed is listed on every poll
// until that change is old enough for its mtime to be trusted.
func TestPollDegradedDirRacyMtime(t *testing.T) {
	dir := t.TempDir() // its mtime is now: too recent to trust
	p := newPoller(relevant)
	p.setDirs([]string{dir})
	mtime := p.dirs[dir].mtime

	docker := filepath.Join(dir, "Dockerfile")
	write(t, docker, "FROM scratch\n")
	setDirMtime(t, dir, mtime) // the creation kept the mtime it had
	expectPoll(t, p, []string{docker}, false)
}

func setDirMtime(t *testing.T, dir string, at time.Time) {
	t.Helper()
	if err := os.Chtimes(dir, at, at); err != nil {
		t.Fatal(err)
	}
}
