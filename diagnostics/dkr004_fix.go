package diagnostics

import (
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

// excludeSecretsFix appends to the ignore file the lines that exclude the
// exposed paths, each only when needed, and none that would exclude a path
// a Dockerfile reading the file copies by name.
func excludeSecretsFix(ign *workspace.File, users []*workspace.File, exposed []string) (Fix, bool) {
	var lines []string
	for _, p := range exposed {
		var line string
		switch name := path.Base(p); {
		case p == ".git":
			line = ".git"
		case name == ".env":
			line = "**/.env"
		default:
			line = "**/.env.*"
		}
		if !slices.Contains(lines, line) && !excludesNamed(ign, users, append(lines, line)) {
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		return Fix{}, false
	}
	title := "Add " + strings.Join(lines, ", ") + " to " + filepath.Base(ign.Path)
	if slices.Contains(lines, "**/.env.*") && keepsEnvExample(ign) {
		lines = append(lines, "!**/.env.example") // as gowell's template: the example is no secret
	}
	return Append(title, ign, strings.Join(lines, "\n")+"\n").Prefer().MarkSafe(), true
}

// excludesNamed reports whether the ignore file with extra appended would
// newly exclude a path one of users copies by name.
func excludesNamed(ign *workspace.File, users []*workspace.File, extra []string) bool {
	before := ign.DockerIgnore()
	after := workspace.ParseDockerIgnore([]byte(string(ign.Text.Bytes) + "\n" + strings.Join(extra, "\n") + "\n"))
	for _, n := range namedContextSources(users) {
		was, _ := before.Excluded(n)
		now, _ := after.Excluded(n)
		if now && !was {
			return true
		}
	}
	return false
}

// keepsEnvExample reports whether the file leaves .env.example files in the
// context today, at the root and below, so that the exception keeps that.
func keepsEnvExample(ign *workspace.File) bool {
	d := ign.DockerIgnore()
	root, _ := d.Excluded(".env.example")
	nested, _ := d.Excluded("sub/.env.example")
	return !root && !nested
}
