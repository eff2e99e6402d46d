package watch

import (
	"reflect"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func at(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }

func TestDebouncerCoalescesABurst(t *testing.T) {
	d := newDebouncer(50 * time.Millisecond)
	if _, ok := d.due(); ok {
		t.Fatal("an empty debouncer is due")
	}
	// Three saves of go.mod and one of a Dockerfile, each within the quiet
	// period of the previous change.
	d.add(at(0), "/w/go.mod", false)
	d.add(at(30), "/w/go.mod", false)
	d.add(at(60), "/w/Dockerfile", false)
	d.add(at(90), "/w/go.mod", false)

	if _, ok := d.flush(at(139)); ok {
		t.Fatal("flushed before the burst went quiet")
	}
	if due, _ := d.due(); !due.Equal(at(140)) {
		t.Fatalf("due %v, want quiet period after the last change", due.Sub(t0))
	}
	b, ok := d.flush(at(140))
	if !ok {
		t.Fatal("not flushed once quiet")
	}
	want := Batch{Paths: []string{"/w/Dockerfile", "/w/go.mod"}}
	if !reflect.DeepEqual(b, want) {
		t.Fatalf("got %+v, want %+v", b, want)
	}
	if d.pending() {
		t.Fatal("still pending after flush")
	}
}

func TestDebouncerCapsANeverQuietStream(t *testing.T) {
	d := newDebouncer(50 * time.Millisecond) // maxWait is 1s
	for ms := 0; ms <= 2000; ms += 10 {
		d.add(at(ms), "/w/go.mod", false)
		if b, ok := d.flush(at(ms)); ok {
			if ms != 1000 {
				t.Fatalf("first flush at %dms, want at the 1s cap", ms)
			}
			if len(b.Paths) != 1 {
				t.Fatalf("got %v", b.Paths)
			}
			return
		}
	}
	t.Fatal("a steady stream was never flushed")
}

func TestDebouncerRescanAlone(t *testing.T) {
	d := newDebouncer(50 * time.Millisecond)
	d.add(at(0), "", false)
	if d.pending() {
		t.Fatal("an empty change is pending")
	}
	d.add(at(0), "", true)
	b, ok := d.flush(at(50))
	if !ok || !b.Rescan || len(b.Paths) != 0 {
		t.Fatalf("got %+v, %v; want a rescan-only batch", b, ok)
	}
}

func TestBatchMerge(t *testing.T) {
	a := Batch{Paths: []string{"/w/a", "/w/c"}}
	b := Batch{Paths: []string{"/w/b", "/w/c"}, Rescan: true}
	got := a.merge(b)
	want := Batch{Paths: []string{"/w/a", "/w/b", "/w/c"}, Rescan: true}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if len(a.Paths) != 2 {
		t.Fatal("merge modified its receiver")
	}
}
