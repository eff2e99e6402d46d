package diagnostics

import (
	"cmp"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
)

// Config adjusts the catalogue for one workspace: per-rule "off" or a
// severity ("error", "warning", "info"), from the editor's settings or the
// repository's .gowell.json.
type Config struct {
	Rules map[string]string `json:"rules,omitempty"`
}

// Validate reports unknown rule IDs and values, so a typo in a settings file
// is an error the user sees rather than a rule silently left on.
func (c Config) Validate() error {
	var bad []string
	for id, v := range c.Rules {
		if Lookup(id) == nil {
			bad = append(bad, fmt.Sprintf("unknown rule %q", id))
		} else if _, ok := ParseSeverity(v); !ok && v != "off" {
			bad = append(bad, fmt.Sprintf("rule %s: %q is not off, error, warning or info", id, v))
		}
	}
	slices.Sort(bad)
	if len(bad) > 0 {
		return fmt.Errorf("%s", strings.Join(bad, "; "))
	}
	return nil
}

func (c Config) setting(id string) string {
	for k, v := range c.Rules {
		if strings.EqualFold(k, id) {
			return v
		}
	}
	return ""
}

// Run evaluates every enabled rule over s, concurrently, and returns the
// findings sorted by path and position. A rule that panics is reported as a
// finding of its own instead of taking the caller down. Without s.Host only
// the rules that do not read it run, with s.FilesOnly only those that read
// nothing but files; with s.Results a rule whose inputs did not change since
// it last ran there is not run again.
func Run(s *Snapshot, cfg Config) []Finding {
	var (
		mu  sync.Mutex
		out []Finding
		wg  sync.WaitGroup
	)
	for _, r := range Rules() {
		setting := cfg.setting(r.ID)
		if setting == "off" || s.Host == nil && readsHost(r) || s.FilesOnly && !readsOnlyFiles(r) {
			continue
		}
		override, overridden := ParseSeverity(setting)
		wg.Go(func() {
			fs := slices.Clone(s.Results.of(r, s)) // shared with later runs: set the code on a copy
			for i := range fs {
				fs[i].Code = r.ID
				switch {
				case overridden:
					fs[i].Severity = override
				case fs[i].Severity == 0:
					fs[i].Severity = r.Severity
				}
			}
			mu.Lock()
			out = append(out, fs...)
			mu.Unlock()
		})
	}
	wg.Wait()
	Sort(out)
	return out
}

func check(r *Rule, s *Snapshot) (fs []Finding) {
	defer func() {
		if p := recover(); p != nil {
			fs = []Finding{{Severity: Error, Message: fmt.Sprintf("internal error in rule %s: %v (please report this with `gowell env`)\n%s", r.ID, p, debug.Stack())}}
		}
	}()
	return r.Check(s)
}

// Sort orders findings by path, position and code.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			strings.Compare(a.Path, b.Path),
			cmp.Compare(a.Range.Start.Line, b.Range.Start.Line),
			cmp.Compare(a.Range.Start.Character, b.Range.Start.Character),
			strings.Compare(a.Code, b.Code),
			strings.Compare(a.Message, b.Message),
		)
	})
}
