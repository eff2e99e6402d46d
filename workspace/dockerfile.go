package workspace

import (
	"bytes"
	"errors"
	"strings"
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// ParsedDockerfile is a Dockerfile as BuildKit's own parser reads it: line
// continuations, heredocs and the `# escape=` directive behave as in
// `docker build`. It holds what the parser checks; the stricter checks BuildKit
// makes later (unknown instructions, FROM argument counts) are not repeated.
type ParsedDockerfile struct {
	Instructions []*Instruction
	MetaArgs     []*Arg   // the ARGs before the first FROM, the only ones a FROM can use
	Stages       []*Stage // one per FROM, in order
	Escape       rune     // '\\', or '`' after `# escape=` + "`"
	Err          *ParseError

	text *Text
}

// Instruction is one Dockerfile instruction.
type Instruction struct {
	Cmd   string   // lower case: "from", "copy", "run", …
	Flags []string // builder flags as BuildKit read them: "--from=build", "--mount=type=cache,target=/go/pkg/mod"
	// Args are the words after the flags as BuildKit split them: quotes kept
	// and variables unexpanded in the shell form, unquoted in the JSON form.
	Args       []string
	Heredocs   []parser.Heredoc
	Start, End int // 0-based first and last source line, heredoc bodies included
	Node       *parser.Node

	sources struct { // ContextSourceWords, worked out once: a dozen rules ask
		once sync.Once
		v    []ContextSource
	}
}

// Flag returns the value of the builder flag --name (the last one given).
func (in *Instruction) Flag(name string) (string, bool) {
	val, found := "", false
	for _, f := range in.Flags {
		if v, ok := strings.CutPrefix(f, "--"+name+"="); ok {
			val, found = v, true
		} else if f == "--"+name {
			val, found = "", true
		}
	}
	return val, found
}

// Arg is one name of an ARG instruction.
type Arg struct {
	Name       string
	Word       string // as written: NAME=value or NAME
	HasDefault bool
	// Default is the value after quote removal and expansion of the meta ARGs
	// declared before it, as BuildKit computes it; meaningful when HasDefault.
	// Unknown is set when that value depends on the build machine.
	Default string
	Unknown bool
	In      *Instruction
}

// Stage is one FROM and the instructions up to the next.
type Stage struct {
	From     *Instruction
	Image    string // the image word as written: golang:${GO_VERSION}-alpine
	Platform string // the --platform value as written
	Name     string // the AS name, in lower case as BuildKit keeps it
	// Ref is Image with the meta ARGs' defaults expanded, what `docker build`
	// without --build-arg pulls; "" when that depends on the build machine
	// (BUILDPLATFORM and friends) or does not expand.
	Ref  string
	Base *Stage // the earlier stage Ref names (FROM build), nil when Ref is an image
	Body []*Instruction
}

// Dockerfile parses f, once, with BuildKit's parser.
func (f *File) Dockerfile() *ParsedDockerfile {
	return f.Memo("dockerfile", func() any {
		if f.Err != nil {
			return &ParsedDockerfile{Escape: parser.DefaultEscapeToken, Err: &ParseError{Msg: f.Err.Error()}}
		}
		return ParseDockerfile(f.Text)
	}).(*ParsedDockerfile)
}

// ParseDockerfile parses t; a syntax error leaves Err set and no instructions.
func ParseDockerfile(t *Text) *ParsedDockerfile {
	d := &ParsedDockerfile{Escape: parser.DefaultEscapeToken, text: t}
	res, err := parser.Parse(bytes.NewReader(t.Bytes))
	if err != nil {
		d.Err = dockerfileError(err)
		return d
	}
	d.Escape = res.EscapeToken
	for _, n := range res.AST.Children {
		in := &Instruction{Cmd: strings.ToLower(n.Value), Flags: n.Flags, Heredocs: n.Heredocs,
			Start: n.StartLine - 1, End: n.EndLine - 1, Node: n}
		for w := n.Next; w != nil; w = w.Next {
			in.Args = append(in.Args, w.Value)
		}
		d.Instructions = append(d.Instructions, in)
	}
	d.readMetaArgs()
	d.readStages()
	return d
}

// dockerfileError turns the parser's error into a ParseError on the line at
// fault. The parser numbers lines from 1, except for errors in a parser
// directive, which it reports with the 0-based number of the directive's line,
// and for a file with no instructions, which it reports at the end.
func dockerfileError(err error) *ParseError {
	msg := err.Error()
	var le *parser.LocationError
	if !errors.As(err, &le) || len(le.Locations) == 0 || len(le.Locations[0]) == 0 {
		return &ParseError{Msg: msg}
	}
	line := le.Locations[0][0].Start.Line
	switch {
	case strings.Contains(msg, "file with no instructions"):
		line = 0
	case strings.Contains(msg, "parser directive"), strings.Contains(msg, "escape token"):
	default:
		line--
	}
	return &ParseError{Line: max(line, 0), Msg: msg}
}

func (d *ParsedDockerfile) readMetaArgs() {
	for _, in := range d.Instructions {
		if in.Cmd == "from" {
			return
		}
		if in.Cmd != "arg" {
			continue
		}
		for _, w := range in.Args {
			name, val, hasDefault := strings.Cut(w, "=")
			a := &Arg{Name: name, Word: w, HasDefault: hasDefault, In: in}
			if hasDefault {
				v, ok := d.Expand(val)
				a.Default, a.Unknown = v, !ok
			}
			d.MetaArgs = append(d.MetaArgs, a)
		}
	}
}

func (d *ParsedDockerfile) readStages() {
	var cur *Stage
	byName := map[string]*Stage{}
	for _, in := range d.Instructions {
		if in.Cmd != "from" {
			if cur != nil {
				cur.Body = append(cur.Body, in)
			}
			continue
		}
		cur = &Stage{From: in}
		cur.Platform, _ = in.Flag("platform")
		if len(in.Args) > 0 {
			cur.Image = in.Args[0]
		}
		if len(in.Args) == 3 && strings.EqualFold(in.Args[1], "as") {
			cur.Name = strings.ToLower(in.Args[2])
		}
		if ref, ok := d.Expand(cur.Image); ok {
			cur.Ref = ref
			cur.Base = byName[ref] // BuildKit matches the expanded name as is against lower-cased stage names
		}
		if cur.Name != "" {
			byName[cur.Name] = cur
		}
		d.Stages = append(d.Stages, cur)
	}
}

// machineArgs are the ARGs BuildKit sets from the build machine and target.
var machineArgs = map[string]bool{
	"BUILDPLATFORM": true, "BUILDOS": true, "BUILDOSVERSION": true, "BUILDARCH": true, "BUILDVARIANT": true,
	"TARGETPLATFORM": true, "TARGETOS": true, "TARGETOSVERSION": true, "TARGETARCH": true, "TARGETVARIANT": true,
	"TARGETSTAGE": true,
}

// Expand expands the meta ARGs in word the way `docker build` without
// --build-arg does: an ARG takes its default, an ARG without one is unset, and
// the ${NAME:-default} forms work as in BuildKit (its own lexer does the work).
// ok is false when word does not expand or its value depends on the build
// machine (BUILDPLATFORM, TARGETARCH, … or an ARG whose default uses them).
func (d *ParsedDockerfile) Expand(word string) (string, bool) {
	env := metaEnv{}
	for _, a := range d.MetaArgs {
		if a.HasDefault {
			env[a.Name] = metaValue{a.Default, a.Unknown}
		}
	}
	res, err := shell.NewLex(d.Escape).ProcessWordWithMatches(word, env)
	if err != nil {
		return "", false
	}
	for name := range res.Matched {
		if env[name].unknown {
			return "", false
		}
	}
	for name := range res.Unmatched {
		if machineArgs[name] {
			return "", false
		}
	}
	return res.Result, true
}

type metaValue struct {
	value   string
	unknown bool
}

// metaEnv is the ARG environment of a FROM line, for BuildKit's lexer.
type metaEnv map[string]metaValue

func (e metaEnv) Get(name string) (string, bool) {
	v, ok := e[name]
	return v.value, ok
}

func (e metaEnv) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	return keys
}
