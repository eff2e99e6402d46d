package lspbench

import (
	"slices"
	"time"
)

// Summary describes a set of durations.
type Summary struct {
	N           int
	Median, Max time.Duration
	P90         time.Duration
}

// Summarize computes a Summary; ds is left unsorted.
func Summarize(ds []time.Duration) Summary {
	if len(ds) == 0 {
		return Summary{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return Summary{N: len(s), Median: s[len(s)/2], P90: s[len(s)*9/10], Max: s[len(s)-1]}
}
