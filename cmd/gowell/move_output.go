package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gowell/gowell/move"
)

// moveOutput shows a move to a person (progress on stderr, the outcome on
// stdout) or to a program (JSON lines on stdout, one object per line).
//
// The JSON lines, the interface the editor extension relies on:
//
//	{"type":"suggest","from":"/abs/repo","dest":"/home/u/src/repo","folder":"."}
//	{"type":"progress","phase":"count|copy|verify","files":N,"totalFiles":N,"bytes":N,"totalBytes":N}
//	{"type":"done","src":"/abs","dest":"/abs","files":N,"symlinks":N,"dirs":N,"bytes":N,"git":true,
//	 "verified":true,"differences":[],"skipped":[],"notes":[]}
//	{"type":"error","reason":"refused|usage|cancelled|failed","message":"..."}
//
// files counts regular files and symbolic links, as in progress; the arrays
// are never null.
type moveOutput struct {
	json           bool
	stdout, stderr io.Writer
	tty            bool // stderr is a terminal: progress rewrites one line
	phase          move.Phase
	last           time.Time
}

// lineEvery spaces progress lines when stderr is not a terminal.
const lineEvery = 2 * time.Second

func newMoveOutput(asJSON bool, stdout, stderr io.Writer) *moveOutput {
	return &moveOutput{json: asJSON, stdout: stdout, stderr: stderr, tty: isTerminal(stderr)}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (o *moveOutput) emit(v any) {
	enc := json.NewEncoder(o.stdout)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func (o *moveOutput) suggest(root, dest, dir string) {
	folder, _ := filepath.Rel(root, dir)
	if o.json {
		o.emit(struct {
			Type   string `json:"type"`
			From   string `json:"from"`
			Dest   string `json:"dest"`
			Folder string `json:"folder"`
		}{"suggest", root, dest, folder})
		return
	}
	fmt.Fprintln(o.stdout, dest)
}

func (o *moveOutput) progress(p move.Progress) {
	if o.json {
		o.emit(struct {
			Type       string     `json:"type"`
			Phase      move.Phase `json:"phase"`
			Files      int        `json:"files"`
			TotalFiles int        `json:"totalFiles"`
			Bytes      int64      `json:"bytes"`
			TotalBytes int64      `json:"totalBytes"`
		}{"progress", p.Phase, p.Files, p.TotalFiles, p.Bytes, p.TotalBytes})
		return
	}
	var text string
	switch p.Phase {
	case move.PhaseCount:
		text = fmt.Sprintf("counting: %d files, %s", p.Files, mb(p.Bytes))
	case move.PhaseCopy:
		text = fmt.Sprintf("copying: %d of %d files, %s of %s", p.Files, p.TotalFiles, mb(p.Bytes), mb(p.TotalBytes))
	case move.PhaseVerify:
		text = fmt.Sprintf("verifying %d files against the original", p.TotalFiles)
	}
	if o.tty {
		fmt.Fprint(o.stderr, "\r\033[K"+text)
		return
	}
	if now := time.Now(); p.Phase != o.phase || now.Sub(o.last) >= lineEvery {
		o.phase, o.last = p.Phase, now
		fmt.Fprintln(o.stderr, text)
	}
}

// finish reports the outcome of move.Copy and returns the exit status.
func (o *moveOutput) finish(res move.Result, err error) int {
	if o.tty && !o.json {
		fmt.Fprint(o.stderr, "\r\033[K")
	}
	mismatch := errors.Is(err, move.ErrMismatch)
	switch {
	case err == nil, mismatch:
	case errors.Is(err, move.ErrRefused):
		return o.fail("refused", err)
	case errors.Is(err, context.Canceled):
		return o.fail("cancelled", errors.New("interrupted: nothing was left at the destination"))
	default:
		return o.fail("failed", fmt.Errorf("%w; nothing was left at the destination", err))
	}
	code := exitOK
	if mismatch {
		code = exitFindings
	}
	if o.json {
		o.emit(struct {
			Type        string   `json:"type"`
			Src         string   `json:"src"`
			Dest        string   `json:"dest"`
			Files       int      `json:"files"`
			Symlinks    int      `json:"symlinks"`
			Dirs        int      `json:"dirs"`
			Bytes       int64    `json:"bytes"`
			Git         bool     `json:"git"`
			Verified    bool     `json:"verified"`
			Differences []string `json:"differences"`
			Skipped     []string `json:"skipped"`
			Notes       []string `json:"notes"`
		}{"done", res.Src, res.Dest, res.Files + res.Symlinks, res.Symlinks, res.Dirs, res.Bytes, res.Git, !mismatch,
			orEmpty(res.Differences), orEmpty(res.Skipped), orEmpty(res.Notes)})
		return code
	}
	w := o.stdout
	fmt.Fprintf(w, "Copied %s to %s: %d files, %d symbolic links, %d directories, %s.\n", res.Src, res.Dest, res.Files, res.Symlinks, res.Dirs, mb(res.Bytes))
	if mismatch {
		fmt.Fprintln(w, "The copy differs from the original:")
		for _, d := range res.Differences {
			fmt.Fprintf(w, "  - %s\n", d)
		}
		fmt.Fprintf(w, "The copy is kept at %s and the original is unchanged: compare them before deleting anything.\n", res.Dest)
	} else {
		what := "the same files, links and bytes"
		if res.Git {
			what += ", the same git status and refs"
		}
		fmt.Fprintf(w, "Verified: %s.\nThe original is unchanged; delete it yourself once the copy suits you. Open the copy with: code %s\n", what, res.Dest)
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(w, "Not copied (they belong to running programs): %s\n", strings.Join(res.Skipped, ", "))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
	return code
}

// fail reports that nothing was copied, and why.
func (o *moveOutput) fail(reason string, err error) int {
	if o.json {
		o.emit(struct {
			Type    string `json:"type"`
			Reason  string `json:"reason"`
			Message string `json:"message"`
		}{"error", reason, err.Error()})
	} else {
		fmt.Fprintf(o.stderr, "gowell move-workspace: %v\n", err)
	}
	return exitUsage
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
