package workspace

import "os"

// statResult is what a snapshot keeps of one os.Stat.
type statResult struct{ exists, dir bool }

// stat asks the disk about path once per snapshot: rules ask about the same
// paths many times (every Dockerfile's candidate ignore files, every
// directory up to a repository root), and a snapshot is one moment anyway.
func (s *Snapshot) stat(path string) statResult {
	if v, ok := s.stats.Load(path); ok {
		return v.(statResult)
	}
	st, err := os.Stat(path)
	r := statResult{exists: err == nil, dir: err == nil && st.IsDir()}
	s.stats.Store(path, r)
	return r
}
