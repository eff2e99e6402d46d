package host

import "testing"

func TestRedactor(t *testing.T) {
	env := map[string]string{"HOME": "/home/alice", "USER": "alice", "LOGNAME": "alice"}
	display, keep := NewRedactor(env, false), NewRedactor(env, true)
	for _, tc := range []struct{ in, display, keep string }{
		{"/home/alice/go", "~/go", "/home/<user>/go"},
		{"/home/alice", "~", "/home/<user>"},
		{"/home/alice2/go:/x/home/alice/y", "/home/alice2/go:/x/home/<user>/y", "/home/alice2/go:/x/home/<user>/y"},
		{"/usr/bin:/home/alice/bin:/mnt/c/Users/Ada Lovelace/AppData/Local/bin:/mnt/c/Program Files/Go/bin",
			"/usr/bin:~/bin:/mnt/c/Users/<user>/AppData/Local/bin:/mnt/c/Program Files/Go/bin",
			"/usr/bin:/home/<user>/bin:/mnt/c/Users/<user>/AppData/Local/bin:/mnt/c/Program Files/Go/bin"},
		{`C:\Users\ada\go`, `C:\Users\<user>\go`, `C:\Users\<user>\go`},
		{"/home/linuxbrew/.linuxbrew/bin", "/home/linuxbrew/.linuxbrew/bin", "/home/linuxbrew/.linuxbrew/bin"},
		{"https://alice:s3cret@proxy.corp/go,direct", "https://<redacted>@proxy.corp/go,direct", "https://<redacted>@proxy.corp/go,direct"},
		{"/usr/local/go", "/usr/local/go", "/usr/local/go"},
	} {
		if got := display.String(tc.in); got != tc.display {
			t.Errorf("display %q = %q, want %q", tc.in, got, tc.display)
		}
		if got := keep.String(tc.in); got != tc.keep {
			t.Errorf("keepPaths %q = %q, want %q", tc.in, got, tc.keep)
		}
	}
	if got := keep.Words("[user]\ndefault = alice\n# alice2 stays\n"); got != "[user]\ndefault = <user>\n# alice2 stays\n" {
		t.Errorf("Words = %q", got)
	}
}

func TestRedactorEnvKeepsOnlyWhatGowellReads(t *testing.T) {
	env := map[string]string{"HOME": "/home/alice", "USER": "alice", "GOPATH": "/home/alice/go",
		"GITHUB_TOKEN": "ghp_secret", "GOOGLE_API_KEY": "k", "PATH": "/home/alice/bin:/usr/bin"}
	got := NewRedactor(env, true).Env(env)
	want := map[string]string{"HOME": "/home/<user>", "USER": "<user>", "GOPATH": "/home/<user>/go", "PATH": "/home/<user>/bin:/usr/bin"}
	if len(got) != len(want) {
		t.Errorf("Env = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestRedactorUnusualHome(t *testing.T) {
	env := map[string]string{"HOME": "/var/lib/alice", "USER": "alice"}
	if got := NewRedactor(env, true).String("/var/lib/alice/go"); got != "/var/lib/<user>/go" {
		t.Errorf("keepPaths = %q", got)
	}
	root := map[string]string{"HOME": "/root", "USER": "root"}
	if got := NewRedactor(root, true).String("/root/go"); got != "/root/go" {
		t.Errorf("root's home = %q: nothing to hide, and a replay needs it absolute", got)
	}
}
