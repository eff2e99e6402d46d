package diagnostics

import (
	"fmt"
	"go/version"
	"regexp"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// tagRange is the range of the tag in the FROM line's image word as written
// (":${GO_VERSION}-alpine" counts as the tag of golang:${GO_VERSION}-alpine),
// the whole word when no tag is written there, the line when the word is not
// found as written.
func tagRange(f *workspace.File, d *workspace.ParsedDockerfile, st *workspace.Stage) workspace.Range {
	offs, ok := d.Words(st.From, st.Image)
	if !ok {
		return f.Text.LineSpan(st.From.Start)
	}
	start, end := tagSpan(st.Image)
	return f.Text.Span(offs[0]+start, offs[0]+end)
}

// tagSpan finds the tag of an image word: after the last colon that follows
// the last slash, up to a digest, ignoring the colons of ${NAME:-default}.
func tagSpan(word string) (start, end int) {
	depth, slash, colon := 0, -1, -1
	end = len(word)
	for i, c := range word {
		switch {
		case c == '{':
			depth++
		case c == '}':
			depth--
		case depth > 0:
		case c == '/':
			slash = i
		case c == ':':
			colon = i
		case c == '@':
			end = i
		}
		if end != len(word) {
			break
		}
	}
	if colon > slash {
		return colon + 1, end
	}
	return 0, len(word)
}

// bumpGolangTag raises the Go version in the image's tag to need, keeping the
// variant and the precision (1.22 → 1.24, 1.22.3 → 1.24.0), where the version
// is written: the FROM line, or the default of the meta ARG that supplies it.
// It gives up when that place is not certain, and for a digest, which pins
// the old image whatever the tag says.
func bumpGolangTag(f *workspace.File, d *workspace.ParsedDockerfile, st *workspace.Stage, ref workspace.ImageRef, tag []string, need string) (Fix, bool) {
	if ref.Digest != "" {
		return Fix{}, false
	}
	old, variant := tag[1]+tag[2], tag[3]
	lang := strings.TrimPrefix(version.Lang("go"+need), "go")
	bumped := lang
	if tag[2] != "" {
		bumped = need
		if need == lang {
			bumped += ".0" // a go line of the older form, go 1.24, is met by 1.24.0
		}
	}
	at, ok := versionSource(d, st, old)
	if !ok {
		return Fix{}, false
	}
	fix := Replace(fmt.Sprintf("Use %s:%s%s", ref.HubName(), bumped, variant), f, f.Text.Span(at, at+len(old)), bumped).Prefer()
	// Every Go release is published with no suffix and as -alpine; a tag
	// pinning an OS release may not exist for the new Go.
	if variant == "" || variant == "-alpine" {
		fix = fix.MarkSafe()
	}
	return fix, true
}

var argRef = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)`)

// versionSource returns the byte offset of the one place the version v of
// st's tag is written: in the FROM line's image word, or in the default of a
// meta ARG the image word uses (directly or through another ARG). Zero or
// several places mean no certain edit.
func versionSource(d *workspace.ParsedDockerfile, st *workspace.Stage, v string) (int, bool) {
	offs, ok := d.Words(st.From, st.Image)
	if !ok {
		return 0, false
	}
	found := versionAt(st.Image, v, offs[0], 0)
	used := map[string]bool{}
	for _, m := range argRef.FindAllStringSubmatch(st.Image, -1) {
		used[m[1]] = true
	}
	// Later ARGs may refer to earlier ones, so walk them last to first.
	for i := len(d.MetaArgs) - 1; i >= 0; i-- {
		a := d.MetaArgs[i]
		if !used[a.Name] || !a.HasDefault {
			continue
		}
		for _, m := range argRef.FindAllStringSubmatch(a.Word, -1) {
			used[m[1]] = true
		}
		if offs, ok := d.Words(a.In, a.Word); ok {
			found = append(found, versionAt(a.Word, v, offs[0], len(a.Name)+1)...)
		}
	}
	if len(found) != 1 {
		return 0, false
	}
	return found[0], true
}

// versionAt returns base+i for each i ≥ from where v stands alone in word: not
// preceded or followed by a digit or a dot.
func versionAt(word, v string, base, from int) []int {
	var out []int
	for i := from; i+len(v) <= len(word); i++ {
		if word[i:i+len(v)] != v {
			continue
		}
		if i > 0 && isVersionByte(word[i-1]) || i+len(v) < len(word) && isVersionByte(word[i+len(v)]) {
			continue
		}
		out = append(out, base+i)
	}
	return out
}

func isVersionByte(c byte) bool { return c == '.' || '0' <= c && c <= '9' }
