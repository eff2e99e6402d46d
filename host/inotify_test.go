package host

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const watches3 = "pos:\t0\nflags:\t00\nmnt_id:\t15\nino:\t1057\n" +
	"inotify wd:3 ino:1a2b sdev:800011 mask:fce ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:2b1a000000000000\n" +
	"inotify wd:2 ino:1a2c sdev:800011 mask:fce ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:2c1a000000000000\n" +
	"inotify wd:1 ino:2 sdev:800011 mask:fce ignored_mask:0 fhandle-bytes:8 fhandle-type:1 f_handle:0200000000000000\n"

func uidStatus(uid string) string {
	return "Name:\tcode\nUmask:\t0022\nState:\tS (sleeping)\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nGid:\t1000\t1000\t1000\t1000\n"
}

// TestInotifyCountsThisUsersWatches replays a process table: only the
// watches of the probing user's processes count, whatever else they hold
// open, and a process without readable fdinfo counts nothing.
func TestInotifyCountsThisUsersWatches(t *testing.T) {
	info := replay(t, map[string]string{
		"proc/sys/fs/inotify/max_user_watches":   "8192\n",
		"proc/self/status":                       uidStatus("1000"),
		"proc/812/status":                        uidStatus("1000"),
		"proc/812/fdinfo/0":                      "pos:\t0\nflags:\t0100002\nmnt_id:\t26\nino:\t3\n",
		"proc/812/fdinfo/21":                     watches3,
		"proc/813/status":                        uidStatus("1000"),
		"proc/813/fdinfo/9":                      "inotify wd:1 ino:5 sdev:800011 mask:2 ignored_mask:0\n",
		"proc/900/status":                        uidStatus("0"), // root's watches are root's
		"proc/900/fdinfo/4":                      watches3 + watches3,
		"proc/901/status":                        uidStatus("1000"), // exited: no fdinfo
		"proc/sys/fs/inotify/max_user_instances": "128\n",
	}, nil)
	if info.Inotify == nil || *info.Inotify != (Inotify{MaxUserWatches: 8192, Used: 4}) {
		t.Errorf("Inotify = %+v, want 8192 and 4 used", info.Inotify)
	}
}

// TestInotifyUnknown: without the limit, the probing user or /proc the
// budget is unknown, never zero.
func TestInotifyUnknown(t *testing.T) {
	for name, files := range map[string]map[string]string{
		"no limit (macOS)": {"proc/self/status": uidStatus("1000")},
		"no own status":    {"proc/sys/fs/inotify/max_user_watches": "8192\n"},
		"garbled limit":    {"proc/sys/fs/inotify/max_user_watches": "many\n", "proc/self/status": uidStatus("1000")},
	} {
		if in := replay(t, files, nil).Inotify; in != nil {
			t.Errorf("%s: Inotify = %+v, want nil", name, in)
		}
	}
}

// TestSaveReplaysBudgetAndGit: a saved machine replays the same inotify
// budget and git settings, redacted.
func TestSaveReplaysBudgetAndGit(t *testing.T) {
	before := replay(t, map[string]string{
		"proc/sys/fs/inotify/max_user_watches": "65536\n",
		"proc/self/status":                     uidStatus("1000"),
		"proc/812/status":                      uidStatus("1000"),
		"proc/812/fdinfo/21":                   watches3,
		"gitconfig.txt":                        "file:/home/alice/.gitconfig\tcore.autocrlf true\n",
	}, map[string]string{"HOME": "/home/alice", "USER": "alice"})
	dir := filepath.Join(t.TempDir(), "snapshot")
	if err := before.Save(dir, NewRedactor(before.Env, true)); err != nil {
		t.Fatal(err)
	}
	after := Probe(context.Background(), Options{Sysroot: dir, GoEnv: &GoEnv{}})
	if after.Inotify == nil || *after.Inotify != *before.Inotify {
		t.Errorf("Inotify after the round trip %+v, want %+v", after.Inotify, before.Inotify)
	}
	want := GitSetting{Value: "true", Origin: "file:/home/<user>/.gitconfig"}
	if got := after.Git["core.autocrlf"]; got != want {
		t.Errorf("core.autocrlf after the round trip %+v, want %+v", got, want)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "gitconfig.txt"))
	if strings.Contains(string(b), "alice") {
		t.Errorf("gitconfig.txt names the user: %s", b)
	}
}
