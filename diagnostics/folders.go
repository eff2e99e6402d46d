package diagnostics

import (
	"encoding/json"
	"slices"
)

// RunFolders runs the rules over a snapshot whose workspace folders may each
// carry their own .gowell.json, with the editor's settings (or none, from the
// CLI) on top. Folders with the same effective settings share one run; each
// finding is kept by the folder that owns its file, and findings about the
// machine by the first folder. The CLI and the server both call it, so they
// never disagree. Problems with settings files come back as messages.
func RunFolders(s *Snapshot, settings Config) ([]Finding, []string) {
	var problems []string
	if err := settings.Validate(); err != nil {
		problems = append(problems, "editor settings gowell.rules: "+err.Error())
	}
	type group struct {
		cfg   Config
		roots []string
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, root := range s.Roots {
		file, err := ReadConfig(root)
		if err != nil {
			problems = append(problems, err.Error())
		}
		cfg := file.Merge(settings)
		key, _ := json.Marshal(cfg)
		g := byKey[string(key)]
		if g == nil {
			g = &group{cfg: cfg}
			byKey[string(key)] = g
			groups = append(groups, g)
		}
		g.roots = append(g.roots, root)
	}
	if len(groups) == 0 {
		return Run(s, settings), problems
	}
	owner := func(f Finding) string {
		if r := s.RootOf(f.Path); f.Path != "" && r != "" {
			return r
		}
		return s.Roots[0]
	}
	var out []Finding
	for _, g := range groups {
		for _, f := range Run(s, g.cfg) {
			if slices.Contains(g.roots, owner(f)) {
				out = append(out, f)
			}
		}
	}
	Sort(out)
	return out, problems
}
