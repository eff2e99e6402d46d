package move

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mountLikeDrvFs serves dir read-only at a new path through a real mount and
// returns that path. It prefers bindfs, a FUSE filesystem, asked to show
// modes the way a Windows drive without metadata shows them under WSL: every
// file and directory executable and writable by all (0777), unless its owner
// cannot write it (a read-only attribute: 0577 here, 0555 on DrvFs); without FUSE it falls back to a read-only bind mount, whose modes
// are the real ones. Either way the original cannot be written through it,
// and the mount is undone when the test ends, failed or not.
func mountLikeDrvFs(t *testing.T, dir string) (mnt, how string) {
	t.Helper()
	mnt = t.TempDir()
	if _, err := os.Stat("/dev/fuse"); err == nil {
		out, err := exec.Command("testdata/setup-bindfs.sh").Output()
		if err != nil {
			t.Logf("no bindfs (%v); trying a bind mount", err)
		} else {
			cmd := exec.Command(strings.TrimSpace(string(out)), "--no-allow-other", "-r", "--perms=a+rx,go+w", dir, mnt)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Logf("bindfs cannot mount (%v: %s); trying a bind mount", err, msg)
			} else {
				t.Cleanup(func() { unmount(t, mnt, "fusermount3", "-u", mnt) })
				return mnt, "bindfs (FUSE) " + fsType(t, mnt)
			}
		}
	} else {
		t.Logf("no /dev/fuse (%v); trying a bind mount", err)
	}
	if err := syscall.Mount(dir, mnt, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("neither FUSE nor a bind mount is available here: %v", err)
	}
	t.Cleanup(func() { unmount(t, mnt, "umount", mnt) })
	if err := syscall.Mount("", mnt, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		t.Fatalf("making the bind mount read-only: %v", err)
	}
	return mnt, "a read-only bind mount " + fsType(t, mnt)
}

// unmount undoes a test's mount, retrying while it is busy, and detaching it
// lazily as a last resort so no test leaves a mount behind.
func unmount(t *testing.T, mnt string, argv ...string) {
	for range 50 {
		if exec.Command(argv[0], argv[1:]...).Run() == nil || syscall.Unmount(mnt, 0) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := syscall.Unmount(mnt, syscall.MNT_DETACH); err != nil {
		t.Errorf("%s is still mounted: %v", mnt, err)
	}
}

// fsType is the filesystem type /proc/self/mountinfo gives the mount at mnt.
func fsType(t *testing.T, mnt string) string {
	f, err := os.Open("/proc/self/mountinfo")
	must(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		for i, f := range fields {
			if f == "-" && len(fields) > i+2 && fields[4] == mnt {
				return "(" + fields[i+1] + " " + fields[i+2] + ")"
			}
		}
	}
	t.Fatalf("%s is not in /proc/self/mountinfo", mnt)
	return ""
}

// TestCopyFromMount moves a busy repository out of a real mount that
// behaves like a Windows drive under WSL — a FUSE filesystem that shows
// every mode as 0777 and cannot be written — and checks the copy against
// the files behind the mount: same content and times, modes from git's
// index, the same git status, and the original untouched.
func TestCopyFromMount(t *testing.T) {
	needGit(t)
	isolateGit(t)
	repo := busyRepo(t)
	gitT(t, repo, "config", "core.fileMode", "false") // what git init and clone set on such a drive
	want := gitView(t, repo)
	age(t, repo)
	before := describe(t, repo)

	mnt, how := mountLikeDrvFs(t, repo)
	t.Logf("the original is served by %s", how)
	if strings.HasPrefix(how, "bindfs") {
		st, err := os.Stat(filepath.Join(mnt, "main.go"))
		must(t, err)
		if st.Mode().Perm() != 0o777 {
			t.Fatalf("through bindfs main.go reads as %v, want 0777 as on a Windows drive", st.Mode())
		}
	}

	dest := filepath.Join(t.TempDir(), "src", "app")
	res, err := Copy(context.Background(), mnt, dest, nil)
	if err != nil {
		t.Fatalf("Copy: %v (%+v)", err, res)
	}
	if !res.Git || !res.IndexModes || len(res.Differences) != 0 {
		t.Errorf("result = %+v, want a verified git copy with modes from the index", res)
	}
	sameTree(t, "original", before, describe(t, repo))
	sameTree(t, "copy", before, describe(t, dest))
	got := gitView(t, dest)
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("git %s in the copy:\n%s\nwant:\n%s", k, got[k], want[k])
		}
	}
}
