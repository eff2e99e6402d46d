// Command lspbench measures gowell against gopls on generated workspaces, as
// an editor sees them: each server is started as a process and driven over
// its stdio pipes. `make bench` runs it through bench/compare.sh.
//
//	lspbench ws small|monorepo          print the path of a cached workspace, generating it
//	lspbench compare -gowell BIN [-gopls BIN] [flags]
//	                                    measure both servers and print a table of ratios
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/internal/wsgen"
)

var shapes = map[string]wsgen.Config{"small": wsgen.Small, "monorepo": wsgen.Monorepo}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	switch os.Args[1] {
	case "ws":
		if len(os.Args) != 3 {
			usage()
		}
		c, ok := shapes[os.Args[2]]
		if !ok {
			usage()
		}
		root, _, err := wsgen.Cached(c)
		if err != nil {
			fail(err)
		}
		fmt.Println(root)
	case "compare":
		fl := flag.NewFlagSet("compare", flag.ExitOnError)
		var o compareOptions
		fl.StringVar(&o.gowell, "gowell", "", "the gowell binary (required)")
		fl.StringVar(&o.gopls, "gopls", "", "the gopls binary; empty measures gowell alone")
		workspaces := fl.String("ws", "small,monorepo", "workspaces to measure, comma separated: small, monorepo")
		fl.IntVar(&o.edits, "edits", 200, "go.work edits to time per gowell run")
		fl.DurationVar(&o.gap, "gap", 0, "pause between timed edits (default: twice the server's debounce, so each edit follows a quiet period)")
		fl.DurationVar(&o.idle, "idle", 5e9, "how long to watch each server idle")
		fl.DurationVar(&o.deadline, "deadline", 120e9, "the longest wait for a server to start and report")
		fl.DurationVar(&o.stale, "stale", 20e9, "how long to wait for a repaired go.work's error to go away")
		fl.IntVar(&o.checks, "checks", 21, "gowell check runs to time on each workspace")
		fl.IntVar(&o.starts, "starts", 10, "extra gowell starts to time per workspace, for the median (gopls: a third as many)")
		fl.StringVar(&o.jsonOut, "json", "", "also write the raw results to this file")
		fl.Parse(os.Args[2:])
		if o.gowell == "" {
			fl.Usage()
			os.Exit(2)
		}
		// The servers run in the workspace's directory.
		for _, p := range []*string{&o.gowell, &o.gopls} {
			if *p != "" {
				abs, err := filepath.Abs(*p)
				if err != nil {
					fail(err)
				}
				*p = abs
			}
		}
		for _, w := range strings.Split(*workspaces, ",") {
			if _, ok := shapes[w]; !ok {
				fail(fmt.Errorf("unknown workspace %q", w))
			}
			o.workspaces = append(o.workspaces, w)
		}
		if err := compare(context.Background(), o, os.Stdout); err != nil {
			fail(err)
		}
	default:
		usage()
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: lspbench ws small|monorepo | lspbench compare -gowell BIN [-gopls BIN] [flags]")
	os.Exit(2)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "lspbench:", err)
	os.Exit(1)
}
