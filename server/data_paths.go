package server

import (
	"slices"

	"github.com/gowell/gowell/diagnostics"
)

// Paths travel in a diagnostic's data as file URIs. A JSON string is UTF-8
// and a Linux file name need not be: encoding/json turns each invalid byte
// into U+FFFD, and a fix carrying the raw path would then edit, or create, a
// file under another name. A URI percent-encodes those bytes.

// wireData is d with its paths as URIs, ready to be sent.
func wireData(d diagData) diagData {
	out := diagData{Fixes: make([]diagnostics.Fix, len(d.Fixes))}
	for i, fix := range d.Fixes {
		fix.Edits = slices.Clone(fix.Edits)
		for j := range fix.Edits {
			fix.Edits[j].Path = fileURI(fix.Edits[j].Path)
		}
		out.Fixes[i] = fix
	}
	if d.Base != nil {
		out.Base = make(map[string]string, len(d.Base))
		for p, h := range d.Base {
			out.Base[fileURI(p)] = h
		}
	}
	return out
}

// fromWire turns the URIs of data a client sent back into paths; false when
// one is not a file URI.
func fromWire(d diagData) (diagData, bool) {
	for i := range d.Fixes {
		for j := range d.Fixes[i].Edits {
			p, ok := pathOf(d.Fixes[i].Edits[j].Path)
			if !ok {
				return diagData{}, false
			}
			d.Fixes[i].Edits[j].Path = p
		}
	}
	if d.Base != nil {
		base := make(map[string]string, len(d.Base))
		for u, h := range d.Base {
			p, ok := pathOf(u)
			if !ok {
				return diagData{}, false
			}
			base[p] = h
		}
		d.Base = base
	}
	return d, true
}
