package workspace

import (
	"sync"
	"sync/atomic"
	"testing"
)

// Rules that ask for one parse at the same time share one computation.
func TestMemoComputesOnceForConcurrentCallers(t *testing.T) {
	f := &File{Path: "/w/Dockerfile", Kind: Dockerfile}
	var calls atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			v := f.Memo("walk", func() any {
				calls.Add(1)
				<-release
				return 42
			})
			if v != 42 {
				t.Errorf("Memo = %v", v)
			}
		})
	}
	close(release)
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("computed %d times", n)
	}
}

// A computation that panics leaves nothing behind: the next caller computes.
func TestMemoForgetsAPanic(t *testing.T) {
	f := &File{Path: "/w/go.mod", Kind: GoMod}
	func() {
		defer func() { recover() }()
		f.Memo("parse", func() any { panic("broken parser") })
	}()
	if v := f.Memo("parse", func() any { return "parsed" }); v != "parsed" {
		t.Errorf("after a panic Memo = %v", v)
	}
}
