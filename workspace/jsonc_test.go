package workspace

import (
	"encoding/json"
	"testing"
)

func TestStripJSONC(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a": 1} // done`, `{"a": 1}        `},
		{"{\"a\": /* one */ 1,\n}", "{\"a\":           1 \n}"},
		{"[1, 2, // two\n]", "[1, 2        \n]"},
		{"[1,\n/* a\nb */]", "[1 \n    \n    ]"},
		{`{"url": "http://x/*y*/", "s": "a\"//b",}`, `{"url": "http://x/*y*/", "s": "a\"//b" }`},
		{"\uFEFF{}", "   {}"},
		{`{"a": "x",}  /* unterminated`, `{"a": "x" }                 `},
		{`[,]`, `[ ]`}, // still not JSON: a comma with nothing before it
	} {
		if got := string(StripJSONC([]byte(c.in))); got != c.want {
			t.Errorf("StripJSONC(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
		if len(StripJSONC([]byte(c.in))) != len(c.in) {
			t.Errorf("StripJSONC(%q) moved bytes", c.in)
		}
	}
}

func TestParseJSONOffsets(t *testing.T) {
	src := []byte(`{"mounts": ["a", {"source": "b\u0041"}], "n": [1, true, null], "k": "v", "k": "w"}`)
	root, err := parseJSON(src)
	if err != nil {
		t.Fatal(err)
	}
	m := root.get("mounts")
	if m == nil || m.Kind != '[' || len(m.Elems) != 2 {
		t.Fatalf("mounts = %+v", m)
	}
	if a := m.Elems[0]; string(src[a.Start:a.End]) != `"a"` || a.Str != "a" {
		t.Errorf("first mount at %q, value %q", src[a.Start:a.End], a.Str)
	}
	if b := m.Elems[1].get("source"); string(src[b.Start:b.End]) != `"b\u0041"` || b.Str != "bA" {
		t.Errorf("object source at %q, value %q", src[b.Start:b.End], b.Str)
	}
	if got := root.get("k").str(); got != "w" {
		t.Errorf("duplicate key: got %q, want the last, as encoding/json", got)
	}
	for _, bad := range []string{`{"a": }`, `{"a": 1} 2`, `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`} {
		if _, err := parseJSON([]byte(bad)); err == nil {
			t.Errorf("parseJSON(%.20q…) did not fail", bad)
		}
	}
	if !json.Valid(StripJSONC([]byte("{\"a\": [1, 2,], // c\n}"))) {
		t.Error("stripped JSONC is not valid JSON")
	}
}
