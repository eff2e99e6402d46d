package workspace

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func parseDF(t *testing.T, src string) (*ParsedDockerfile, *Text) {
	t.Helper()
	text := NewText([]byte(src))
	d := ParseDockerfile(text)
	if d.Err != nil {
		t.Fatalf("parse: %s (line %d)", d.Err.Msg, d.Err.Line)
	}
	return d, text
}

func TestDockerfileStages(t *testing.T) {
	d, _ := parseDF(t, `# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22
ARG VARIANT="alpine"
ARG IMG=golang:${GO_VERSION}-${VARIANT}
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS Build
ARG GO_VERSION=9.99
RUN go build
FROM ${IMG} as b2
FROM golang:${UNSET:-1.21}
FROM golang:$GO_VERSION
FROM golang:1.22-${TARGETOS}
FROM build AS final
COPY --from=build /out /out
`)
	type stage struct{ image, platform, name, ref, base string }
	var got []stage
	for _, s := range d.Stages {
		base := ""
		if s.Base != nil {
			base = s.Base.Name
		}
		got = append(got, stage{s.Image, s.Platform, s.Name, s.Ref, base})
	}
	want := []stage{
		{"golang:${GO_VERSION}-alpine", "$BUILDPLATFORM", "build", "golang:1.22-alpine", ""},
		{"${IMG}", "", "b2", "golang:1.22-alpine", ""},
		{"golang:${UNSET:-1.21}", "", "", "golang:1.21", ""},
		{"golang:$GO_VERSION", "", "", "golang:1.22", ""}, // an ARG inside a stage does not reach FROM
		{"golang:1.22-${TARGETOS}", "", "", "", ""},       // depends on the build machine
		{"build", "", "final", "build", "build"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("stages:\n got %v\nwant %v", got, want)
	}
	if n := len(d.Stages[0].Body); n != 2 {
		t.Errorf("first stage has %d instructions after FROM, want 2", n)
	}
	var args []string
	for _, a := range d.MetaArgs {
		args = append(args, a.Name+"="+a.Default)
	}
	if want := []string{"GO_VERSION=1.22", "VARIANT=alpine", "IMG=golang:1.22-alpine"}; !slices.Equal(args, want) {
		t.Errorf("meta ARGs %v, want %v (quotes removed, earlier ARGs expanded)", args, want)
	}
}

func TestDockerfileLinesAndWords(t *testing.T) {
	src := "FROM alpine:3.20\n" +
		"RUN <<EOF\n" +
		"FROM golang:1.22 in a heredoc\n" +
		"EOF\n" +
		"FROM \\\n" +
		"  # golang:1.22 in a comment\n" +
		"\n" +
		"  --platform=linux/amd64 \\\n" +
		"  golang:1.22 AS build\n"
	d, text := parseDF(t, src)
	var lines [][2]int
	for _, in := range d.Instructions {
		lines = append(lines, [2]int{in.Start, in.End})
	}
	if want := [][2]int{{0, 0}, {1, 3}, {4, 8}}; !slices.Equal(lines, want) {
		t.Errorf("instruction lines %v, want %v", lines, want)
	}
	from := d.Stages[1].From
	if got := d.WordRange(from, "golang:1.22"); got.Start != (Position{8, 2}) || got.End != (Position{8, 13}) {
		t.Errorf("image word at %v-%v, want 9:3-9:14 (not the comment line)", got.Start, got.End)
	}
	offs, ok := d.Words(from, "golang:1.22", "AS", "build")
	if !ok || text.Pos(offs[2]) != (Position{8, 17}) {
		t.Errorf("Words = %v, %v", offs, ok)
	}
	// The heredoc body is not the instruction's words.
	if _, ok := d.Words(d.Instructions[1], "golang:1.22"); ok {
		t.Error("found a word in a heredoc body")
	}
	// A word BuildKit joined across a continuation is not in the source as one.
	d2, _ := parseDF(t, "FROM golang:1.22\\\n-alpine\n")
	if d2.Stages[0].Image != "golang:1.22-alpine" {
		t.Fatalf("image %q", d2.Stages[0].Image)
	}
	if got := d2.WordRange(d2.Stages[0].From, "golang:1.22-alpine"); got != text2LineSpan("FROM golang:1.22\\\n-alpine\n", 0) {
		t.Errorf("a split word falls back to the first line, got %v", got)
	}
}

func text2LineSpan(src string, n int) Range { return NewText([]byte(src)).LineSpan(n) }

func TestDockerfileCRLF(t *testing.T) {
	d, text := parseDF(t, "ARG V=1.22\r\nFROM \\\r\n  golang:${V} AS b\r\n")
	if got := d.Stages[0].Ref; got != "golang:1.22" {
		t.Errorf("Ref %q", got)
	}
	if offs, ok := d.Words(d.Stages[0].From, "golang:${V}", "b"); !ok || text.Pos(offs[1]) != (Position{2, 17}) {
		t.Errorf("Words = %v, %v", offs, ok)
	}
}

func TestDockerfileEscapeDirective(t *testing.T) {
	d, text := parseDF(t, "# escape=`\nFROM `\n  golang:1.22 AS b\nRUN echo C:\\path\n")
	if d.Escape != '`' || len(d.Stages) != 1 || d.Stages[0].Image != "golang:1.22" {
		t.Fatalf("escape %q, stages %+v", d.Escape, d.Stages)
	}
	if offs, ok := d.Words(d.Stages[0].From, "golang:1.22"); !ok || text.Pos(offs[0]) != (Position{2, 2}) {
		t.Errorf("Words = %v, %v", offs, ok)
	}
}

func TestDockerfileParseErrors(t *testing.T) {
	cases := []struct {
		src, msg string
		line     int
	}{
		{"FROM alpine\nRUN <<EOF\necho hi\n", "unterminated heredoc", 1},
		{"# just a comment\n", "file with no instructions", 0},
		{"", "file with no instructions", 0},
		{"# escape=`\n# escape=\\\nFROM alpine\n", "only one escape parser directive", 1},
		{"# escape=x\nFROM alpine\n", "invalid escape token", 0},
		{"FROM alpine\nENV a=b c\n", "can't find =", 1},
	}
	for _, c := range cases {
		d := ParseDockerfile(NewText([]byte(c.src)))
		if d.Err == nil || !strings.Contains(d.Err.Msg, c.msg) || d.Err.Line != c.line {
			t.Errorf("%q: Err = %+v, want %q on line %d", c.src, d.Err, c.msg, c.line+1)
		}
	}
}

func TestDockerfileContextSources(t *testing.T) {
	d, _ := parseDF(t, `FROM golang:1.22 AS build
COPY go.mod go.sum ./
COPY ["go.work", "/src/"]
COPY "cmd/app" /src/cmd/app
COPY --from=tools /bin/x /bin/x
COPY --chown=1000 /etc/../app/ /app
ADD https://example.com/x.tgz ./
COPY <<EOF /etc/conf
a
EOF
COPY ${DIR} /x
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=bind,source=go.sum,target=go.sum go mod download
RUN --mount=type=bind,target=. go build
RUN --mount=target=/src,from=build true
COPY . .
`)
	var got []string
	for _, in := range d.Instructions {
		got = append(got, strings.Join(d.ContextSources(in), ","))
	}
	want := []string{"", "go.mod,go.sum", "go.work", "cmd/app", "", "app", "", "", "", "go.sum", ".", "", "."}
	if !slices.Equal(got, want) {
		t.Errorf("context sources:\n got %q\nwant %q", got, want)
	}
}

func TestDockerfileContextSourceWords(t *testing.T) {
	d, text := parseDF(t, `FROM golang:1.22
COPY "./go.mod" go.sum ./
COPY ["cmd/app", "internal", "/src/"]
RUN --mount=type=bind,source=go.work,target=go.work go build
`)
	var got []string
	for _, in := range d.Instructions {
		for _, src := range d.ContextSourceWords(in) {
			r := d.WordRange(in, src.Word)
			got = append(got, fmt.Sprintf("%s=%s@%v", src.Path, text.Bytes[text.Offset(r.Start):text.Offset(r.End)], r.Start))
		}
	}
	want := []string{
		`go.mod="./go.mod"@2:6`, `go.sum=go.sum@2:17`,
		`cmd/app=cmd/app@3:8`, `internal=internal@3:19`, // inside the JSON string literals
		`go.work=--mount=type=bind,source=go.work,target=go.work@4:5`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("source words:\n got %q\nwant %q", got, want)
	}
}

func TestParseImageRef(t *testing.T) {
	cases := []struct {
		ref                    string
		name, hub, tag, digest string
	}{
		{"golang", "golang", "golang", "", ""},
		{"golang:1.22-alpine", "golang", "golang", "1.22-alpine", ""},
		{"docker.io/library/golang:1.22", "docker.io/library/golang", "golang", "1.22", ""},
		{"library/golang:1.22@sha256:abc", "library/golang", "golang", "1.22", "sha256:abc"},
		{"golang@sha256:abc", "golang", "golang", "", "sha256:abc"},
		{"localhost:5000/golang", "localhost:5000/golang", "localhost:5000/golang", "", ""},
		{"ghcr.io/x/golang:1.22", "ghcr.io/x/golang", "ghcr.io/x/golang", "1.22", ""},
	}
	for _, c := range cases {
		r := ParseImageRef(c.ref)
		if r.Name != c.name || r.HubName() != c.hub || r.Tag != c.tag || r.Digest != c.digest {
			t.Errorf("ParseImageRef(%q) = %+v (hub %q)", c.ref, r, r.HubName())
		}
	}
}
