package diagnostics

import (
	"fmt"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR000",
	Title:    "Dockerfile does not parse",
	Severity: Error,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `gowell reads Dockerfiles with BuildKit's own parser, the one ` + "`docker build`" + ` runs. When it rejects a
Dockerfile (a heredoc that is never closed, a second ` + "`# escape=`" + ` directive, an escape character other
than ` + "`\\`" + ` or a backtick, ` + "`ENV a=b c`" + `, a JSON form that is not an array of strings), the build
fails before it runs any step, and gowell's other Dockerfile checks skip the file.

Only the parser's errors are reported: the checks BuildKit makes afterwards (unknown instructions,
the number of FROM arguments) are not repeated. A Dockerfile with no instructions at all is not
reported either: it is a file still being written.

**Fix.** Correct the line the message points at; there is no automatic fix, because the intent of a
broken line is not known.

**Sources.** github.com/moby/buildkit frontend/dockerfile/parser (the parser);
docs.docker.com/reference/dockerfile/ (the syntax).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.Dockerfile) {
			if f.Err != nil {
				continue
			}
			perr := f.Dockerfile().Err
			if perr == nil || strings.Contains(perr.Msg, "file with no instructions") {
				continue
			}
			out = append(out, At(f, f.Text.LineSpan(perr.Line),
				fmt.Sprintf("%s: docker build fails here before it runs any step", perr.Msg)))
		}
		return out
	},
})
