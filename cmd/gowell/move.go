package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/move"
)

const moveUsage = `Usage: gowell move-workspace [--from DIR] [--json] DEST
       gowell move-workspace [--from DIR] [--json] --suggest

Copies the workspace DIR to DEST, a folder that must not exist yet — out of a
Windows drive into the Linux filesystem, say — with everything in it: the
.git directory (history, stashes, the index), changes not yet committed,
untracked and ignored files, modes, times and symbolic links. Then it checks
the copy: files, links and bytes counted again on both sides, and for a git
repository the same git status and refs. The original is only read; delete
it yourself once the copy suits you.

DIR defaults to the git repository holding the current directory, or the
current directory outside one. --suggest prints a DEST under ~/src that does
not exist yet, and copies nothing.

--json prints JSON lines on stdout for programs: "progress" lines while the
copy runs, then one "done" or "error" line.

Exit status: 0 when the copy is verified; 1 when it is complete but differs
from the original (it is kept, and the differences are printed); 2 when
nothing was copied: DEST exists or lies inside DIR, DIR is only part of a
repository, too little space, a usage error, a failure or an interruption.

Flags:
`

func runMoveWorkspace(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("move-workspace", flag.ContinueOnError)
	fl.SetOutput(stderr)
	from := fl.String("from", "", "the folder to move (default: the git repository holding the current directory)")
	asJSON := fl.Bool("json", false, "print progress and the outcome as JSON lines on stdout")
	suggest := fl.Bool("suggest", false, "print a free destination under ~/src and copy nothing")
	fl.Usage = func() { fmt.Fprint(stderr, moveUsage); fl.PrintDefaults() }
	dest, err := parseWithOneArg(fl, args)
	if err != nil {
		return usageErr(err)
	}
	out := newMoveOutput(*asJSON, stdout, stderr)
	dir, root, err := moveSource(ctx, *from)
	if err != nil {
		return out.fail("usage", err)
	}
	if *suggest || dest == "" {
		suggested, err := suggestDest(root)
		if err != nil {
			return out.fail("failed", err)
		}
		if *suggest {
			out.suggest(root, suggested, dir)
			return exitOK
		}
		return out.fail("usage", fmt.Errorf("name the new folder, for example: gowell move-workspace %s", suggested))
	}
	src := root
	if *from != "" {
		src = dir // as asked: move.Copy refuses part of a repository
	}
	if dest, err = expandHome(dest); err != nil {
		return out.fail("usage", err)
	}
	res, err := move.Copy(ctx, src, dest, out.progress)
	return out.finish(res, err)
}

// parseWithOneArg parses flags before and after the one positional
// argument, so `gowell move-workspace DEST --json` works too.
func parseWithOneArg(fl *flag.FlagSet, args []string) (string, error) {
	if err := fl.Parse(args); err != nil {
		return "", err
	}
	if fl.NArg() == 0 {
		return "", nil
	}
	arg := fl.Arg(0)
	if err := fl.Parse(fl.Args()[1:]); err != nil {
		return "", err
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(fl.Output(), "gowell %s: one destination, please; also got %q\n", fl.Name(), fl.Args())
		return "", errors.New("too many arguments")
	}
	return arg, nil
}

// moveSource is the directory to start from — --from, or the current
// directory — with symbolic links resolved, and the folder a move of it
// takes: the top of its git repository, or itself outside one.
func moveSource(ctx context.Context, from string) (dir, root string, err error) {
	if from == "" {
		from = "."
	}
	if dir, err = filepath.EvalSymlinks(from); err != nil {
		return "", "", err
	}
	if dir, err = filepath.Abs(dir); err != nil {
		return "", "", err
	}
	root, err = move.Root(ctx, dir)
	return dir, root, err
}

// suggestDest is ~/src/<name of src>, or the first of <name>-2, <name>-3, …
// that does not exist yet.
func suggestDest(src string) (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	base := filepath.Join(home, "src", filepath.Base(src))
	for i := 1; i < 100; i++ {
		dest := base
		if i > 1 {
			dest = fmt.Sprintf("%s-%d", base, i)
		}
		if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
			return dest, nil
		}
	}
	return "", fmt.Errorf("%s and 98 numbered variants all exist: name the new folder yourself", base)
}

// expandHome turns a leading ~ into the home directory, for a DEST that
// reached us quoted, from a program rather than a shell.
func expandHome(path string) (string, error) {
	if path != "~" && !strings.HasPrefix(path, "~/") {
		return path, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, path[1:]), nil
}
