package move

import (
	"sync"
	"time"
)

// every is the shortest time between two progress calls within a phase.
const every = 100 * time.Millisecond

// reporter throttles progress and serializes the calls: the copy's workers
// report concurrently.
type reporter struct {
	fn   func(Progress)
	mu   sync.Mutex
	p    Progress
	last time.Time
}

func newReporter(fn func(Progress)) *reporter {
	return &reporter{fn: fn, p: Progress{Phase: PhaseCount}}
}

// counted is the first walk's running count.
func (r *reporter) counted(c counts) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.Files, r.p.Bytes = c.files+c.symlinks, c.bytes
	r.maybe()
}

// phase starts a phase and reports it at once. The copy starts from zero;
// verification keeps what the copy reached.
func (r *reporter) phase(ph Phase, total counts) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.Phase, r.p.TotalFiles, r.p.TotalBytes = ph, total.files+total.symlinks, total.bytes
	if ph == PhaseCopy {
		r.p.Files, r.p.Bytes = 0, 0
	}
	r.last = time.Time{}
	r.maybe()
}

// add counts files finished and bytes written.
func (r *reporter) add(files int, bytes int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.Files += files
	r.p.Bytes += bytes
	r.maybe()
}

func (r *reporter) maybe() {
	if r.fn == nil {
		return
	}
	if now := time.Now(); now.Sub(r.last) >= every {
		r.last = now
		r.fn(r.p)
	}
}
