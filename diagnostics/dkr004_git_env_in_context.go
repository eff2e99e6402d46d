package diagnostics

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/gowell/gowell/workspace"
)

var _ = register(&Rule{
	ID:       "DKR004",
	Title:    ".git or .env files sent to the builder",
	Severity: Warning,
	Area:     AreaDocker,
	Since:    "0.1.0",
	Doc: `A .dockerignore that does not exclude .git and .env files lets a ` + "`COPY . .`" + ` send them to the
builder. .git changes with every commit, fetch and checkout, so the step that copies it (and every
step after it) reruns although no source changed, and the history lands in the layer. .env files hold
secrets, and they end up in the build stage — in the image, if that stage is the one shipped.

gowell reports the first instruction of each Dockerfile that reads the whole context (or a directory
holding a .env file) while its ignore file — ` + "`<Dockerfile>.dockerignore`" + `, else the context's
` + "`.dockerignore`" + ` — excludes neither .git nor a .env file that exists there (` + "`.env`" + `, ` + "`.env.*`" + `; not
the templates ` + "`.env.example`" + `, ` + "`.sample`" + `, ` + "`.template`" + `, ` + "`.dist`" + `). The context, worked out
as DKR001 says, is looked at breadth first up to 10,000 entries (in the editor, once per
version of the ignore file and again on each rescan). A path some line of
the file already decides (an exception such as ` + "`!config/.env`" + `), a path a Dockerfile copies by name,
and .git when a RUN line calls git are taken as wanted and left alone. A nested .env that a
git-style ` + "`.env`" + ` line was meant to cover is left to DKR002. With no ignore file at all, DKR001
reports instead.

**Fix.** The quick fix appends the missing lines to the ignore file: ` + "`.git`" + `, ` + "`**/.env`" + `,
` + "`**/.env.*`" + ` (with ` + "`!**/.env.example`" + ` after it, as in gowell's template, unless the file already
excludes the example). A line that would exclude a path some Dockerfile copies by name is left out.
The fix only excludes what nothing names, so ` + "`gowell check --fix`" + ` applies it. A build that needs
the history through a script (` + "`make`" + ` calling git) is not seen: remove the .git line then.

**Sources.** docs.docker.com/build/concepts/context/#dockerignore-files;
docs.docker.com/build/cache/optimize/; RULES-FACTS D.2 and F.6 (DOCKER-004).`,
	Check: func(s *Snapshot) (out []Finding) {
		for _, f := range s.Files(workspace.DockerIgnore) {
			if f.Err != nil || f.DockerIgnore().Err != nil {
				continue
			}
			out = append(out, gitEnvInContext(s, f)...)
		}
		return out
	},
})

// gitEnvInContext reports, for every Dockerfile that reads the ignore file
// ign, the first instruction that sends a .git or .env the file lets
// through; all share one fix.
func gitEnvInContext(s *Snapshot, ign *workspace.File) []Finding {
	users := dockerignoreUsers(s, ign)
	if len(users) == 0 {
		return nil
	}
	sum := contextSummaryOf(s, ign, ignoreContext(s, users))
	exposed := exposedSecrets(ign, users, sum)
	if len(exposed) == 0 {
		return nil
	}
	fix, hasFix := excludeSecretsFix(ign, users, exposed)
	var out []Finding
	for _, u := range users {
		in, sent := firstSending(u.Dockerfile(), exposed)
		if in == nil {
			continue
		}
		fd := At(u, u.Text.LineSpan(in.Start), secretsMessage(in, fromDockerfile(u, ign.Path), sent))
		if hasFix {
			fd.Fixes = []Fix{fix}
		}
		out = append(out, fd)
	}
	return out
}

// exposedSecrets lists .git (when a Dockerfile sends the whole context and
// none runs git) and the .env files a Dockerfile copies: those the ignore
// file lets through with no line of it deciding, that no Dockerfile names,
// and that no git-style line (DKR002's) was meant to cover.
func exposedSecrets(ign *workspace.File, users []*workspace.File, sum *contextSummary) []string {
	d := ign.DockerIgnore()
	use := contextUseOf(users)
	var meant []string
	for _, g := range gitStylePatterns(ign, sum, use) {
		if !g.Negated {
			meant = append(meant, g.Nested...)
		}
	}
	var out []string
	for _, e := range sum.Secrets {
		isGit := e.Path == ".git"
		switch {
		case isGit && (!use.Whole || usesGit(users)):
			continue
		case !isGit && (e.Dir || !isEnvFile(path.Base(e.Path)) || !use.copies(e.Path)):
			continue
		}
		if excluded, line := d.Excluded(e.Path); excluded || line >= 0 || slices.Contains(use.Named, e.Path) || underAny(e.Path, meant) {
			continue
		}
		if isGit {
			out = slices.Insert(out, 0, e.Path) // first in every list
		} else {
			out = append(out, e.Path)
		}
	}
	return out
}

// isEnvFile reports whether a file name is a dotenv file that may hold
// secrets: .env or .env.<anything> except the conventional templates.
func isEnvFile(name string) bool {
	if name == ".env" {
		return true
	}
	suffix, ok := strings.CutPrefix(name, ".env.")
	if !ok {
		return false
	}
	switch suffix {
	case "example", "sample", "template", "dist":
		return false
	}
	return true
}

// usesGit reports whether a RUN line of the Dockerfiles calls git, which
// then needs .git in the context (DKR001 keeps it for the same reason).
func usesGit(users []*workspace.File) bool {
	for _, u := range users {
		for _, in := range u.Dockerfile().Instructions {
			if in.Cmd == "run" && runsGit.MatchString(strings.Join(in.Args, " ")) {
				return true
			}
		}
	}
	return false
}

// firstSending returns the instruction of d to report, and which of the
// exposed paths it sends: the first that reads the whole context, which
// sends them all, else the first that sends any of them.
func firstSending(d *workspace.ParsedDockerfile, exposed []string) (*workspace.Instruction, []string) {
	if in := wholeContextUse(d); in != nil {
		return in, exposed
	}
	for _, in := range d.Instructions {
		var sent []string
		for _, p := range exposed {
			for _, src := range d.ContextSources(in) {
				if p != ".git" && !strings.ContainsAny(src, "*?[") && strings.HasPrefix(p, src+"/") {
					sent = append(sent, p)
					break
				}
			}
		}
		if len(sent) > 0 {
			return in, sent
		}
	}
	return nil, nil
}

func secretsMessage(in *workspace.Instruction, ignName string, sent []string) string {
	var why []string
	if sent[0] == ".git" {
		why = append(why, "every commit changes .git and reruns the build from here")
	}
	if sent[len(sent)-1] != ".git" {
		why = append(why, "the secrets in .env files land in the build")
	}
	list := strings.Join(sent, ", ")
	switch n := len(sent); {
	case n > 3:
		list = fmt.Sprintf("%s and %d more", strings.Join(sent[:3], ", "), n-3)
	case n > 1:
		list = strings.Join(sent[:n-1], ", ") + " and " + sent[n-1]
	}
	return fmt.Sprintf("this %s sends %s to the builder, which %s lets through: %s",
		strings.ToUpper(in.Cmd), list, ignName, strings.Join(why, ", and "))
}
