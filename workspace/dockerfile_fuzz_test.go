package workspace

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// FuzzDockerfile parses any text as a Dockerfile, once per file. An error
// names a line of the file; otherwise every instruction spans lines of the
// file, every word Words finds is that word of the instruction's own lines,
// in order, every WordRange spells its word or is the instruction's first
// line, the stages and meta ARGs follow the FROM lines, a stage's Ref is what
// Expand makes of its image, Expand of a meta ARG is its default, a plain
// word expands to itself, and context sources are clean paths inside the
// context whose words WordRange finds.
func FuzzDockerfile(f *testing.F) {
	for _, b := range fixtureTexts(f, Dockerfile) {
		f.Add(b, "${GO_VERSION}")
	}
	f.Add([]byte("# escape=`\nARG V=1.24\nFROM golang:${V:-x} AS b\nCOPY `\n  a b /c\nRUN --mount=type=bind,source=x <<EOF\necho\nEOF\n"), "golang:$V")
	f.Fuzz(func(t *testing.T, b []byte, word string) {
		txt := NewText(b)
		file := &File{Path: "/ctx/Dockerfile", Kind: Dockerfile, Text: txt}
		d := file.Dockerfile()
		if file.Dockerfile() != d {
			t.Fatal("Dockerfile parsed the file twice")
		}
		if d.Err != nil {
			if d.Err.Line < 0 || d.Err.Line >= txt.LineCount() || len(d.Instructions) > 0 {
				t.Fatalf("error %+v with %d instructions in %d lines", d.Err, len(d.Instructions), txt.LineCount())
			}
			return
		}
		froms := 0
		for _, in := range d.Instructions {
			if in.Start < 0 || in.End < in.Start || in.End >= txt.LineCount() {
				t.Fatalf("%s spans lines %d-%d of %d", in.Cmd, in.Start, in.End, txt.LineCount())
			}
			checkWords(t, d, in, in.Args)
			var words []string
			for _, src := range d.ContextSourceWords(in) {
				if p := src.Path; p == "" || CleanContextPath(p) != p || p == ".." || strings.HasPrefix(p, "../") {
					t.Fatalf("%s: context source %q is not a clean path inside the context", in.Cmd, p)
				}
				words = append(words, src.Word)
			}
			checkWords(t, d, in, words)
			if in.Cmd == "from" {
				froms++
			}
		}
		if len(d.Stages) != froms {
			t.Fatalf("%d stages for %d FROM lines", len(d.Stages), froms)
		}
		for _, st := range d.Stages {
			if ref, ok := d.Expand(st.Image); ok && st.Ref != ref || !ok && st.Ref != "" {
				t.Fatalf("stage %q: Ref %q, Expand gives %q, %v", st.Image, st.Ref, ref, ok)
			}
		}
		defaults := map[string]*Arg{}
		for _, a := range d.MetaArgs {
			if a.In.Cmd != "arg" || len(d.Stages) > 0 && a.In.Start > d.Stages[0].From.Start {
				t.Fatalf("meta ARG %q from %s on line %d", a.Name, a.In.Cmd, a.In.Start)
			}
			if a.HasDefault {
				defaults[a.Name] = a
			}
		}
		for name, a := range defaults {
			if !varName.MatchString(name) {
				continue
			}
			v, ok := d.Expand("${" + name + "}")
			if ok == a.Unknown || ok && v != a.Default {
				t.Fatalf("Expand(${%s}) = %q, %v; the ARG's default is %q (unknown: %v)", name, v, ok, a.Default, a.Unknown)
			}
		}
		if v, ok := d.Expand(word); ok && plainWord.MatchString(word) && v != word {
			t.Fatalf("Expand(%q) = %q: a word without quotes, escapes or variables must stay as is", word, v)
		}
	})
}

var (
	varName   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	plainWord = regexp.MustCompile(`^[A-Za-z0-9_./:@+-]*$`)
)

// checkWords: the words Words finds are at increasing offsets, each holding
// the word, within the instruction's lines; WordRange holds the word as
// written (in the JSON form, as a string literal spells it) or is the
// instruction's first line.
func checkWords(t *testing.T, d *ParsedDockerfile, in *Instruction, words []string) {
	t.Helper()
	first := d.text.Offset(Position{Line: in.Start})
	last := d.text.Offset(Position{Line: in.End + 1})
	if in.End+1 >= d.text.LineCount() {
		last = len(d.text.Bytes)
	}
	offs, ok := d.Words(in, words...)
	for i, off := range offs {
		if off < first || off+len(words[i]) > last || i > 0 && off <= offs[i-1] || string(d.text.Bytes[off:off+len(words[i])]) != words[i] {
			t.Fatalf("%s: word %q found at %d (lines %d-%d are bytes %d-%d)", in.Cmd, words[i], off, in.Start, in.End, first, last)
		}
	}
	if ok && len(offs) != len(words) {
		t.Fatalf("%s: %d offsets for %d words", in.Cmd, len(offs), len(words))
	}
	for _, w := range words {
		r := d.WordRange(in, w)
		checkRange(t, "WordRange", d.text, r)
		got := rangeText(d.text, r)
		var unquoted string
		if in.Node.Attributes["json"] && json.Unmarshal([]byte(`"`+got+`"`), &unquoted) == nil && unquoted == w {
			got = w
		}
		if got != w && r != d.text.LineSpan(in.Start) {
			t.Fatalf("%s: WordRange(%q) = %v holds %q", in.Cmd, w, r, got)
		}
	}
}
