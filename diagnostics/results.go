package diagnostics

import (
	"slices"
	"sync"

	"github.com/gowell/gowell/host"
)

// Results keeps each rule's findings from one run to the next over
// successive snapshots of a workspace (Load, then Update after Update): a
// rule whose declared inputs — the generations of the kinds of file it
// reads, the disk's generation and the host when it reads them — are what
// they were is not run again. The cost of a scan after an edit then grows
// with what the edit touched, not with the tree. The server keeps one per
// session; the zero value is ready, and a nil *Results runs every rule. It
// is safe for concurrent use.
type Results struct {
	mu   sync.Mutex
	last map[*Rule]result
	runs map[string]int // Check calls per rule ID
}

type result struct {
	key      []uint64
	host     *host.Info
	findings []Finding
}

// of returns r's findings over s, from the last run when its inputs are
// unchanged.
func (c *Results) of(r *Rule, s *Snapshot) []Finding {
	if c == nil || r.Reads == nil {
		c.count(r)
		return check(r, s)
	}
	key, h := inputsKey(r, s)
	c.mu.Lock()
	last, ok := c.last[r]
	c.mu.Unlock()
	if ok && last.host == h && slices.Equal(last.key, key) {
		return last.findings
	}
	c.count(r)
	fs := check(r, s)
	c.mu.Lock()
	if c.last == nil {
		c.last = map[*Rule]result{}
	}
	c.last[r] = result{key: key, host: h, findings: fs}
	c.mu.Unlock()
	return fs
}

// inputsKey is what a declared rule's findings depend on.
func inputsKey(r *Rule, s *Snapshot) ([]uint64, *host.Info) {
	key := make([]uint64, 0, len(r.Reads)+1)
	for _, k := range r.Reads {
		key = append(key, s.Generation(k))
	}
	if r.Disk {
		key = append(key, s.DiskGeneration())
	}
	var h *host.Info
	if r.Host {
		h = s.Host
	}
	return key, h
}

func (c *Results) count(r *Rule) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.runs == nil {
		c.runs = map[string]int{}
	}
	c.runs[r.ID]++
}

// Runs reports how many times each rule has run, by ID: for logs, and for
// tests that a change re-runs only the rules that read what changed.
func (c *Results) Runs() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.runs))
	for id, n := range c.runs {
		out[id] = n
	}
	return out
}

// readsHost reports whether r may read the host: it says so, or it declares
// nothing.
func readsHost(r *Rule) bool { return r.Reads == nil || r.Host }

// readsOnlyFiles reports whether r declares that it reads workspace files
// and nothing else.
func readsOnlyFiles(r *Rule) bool { return r.Reads != nil && !r.Host && !r.Disk }
