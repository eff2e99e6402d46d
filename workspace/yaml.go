package workspace

import (
	"bytes"

	"go.yaml.in/yaml/v3"
)

// yamlDeref follows an alias to the node its anchor names.
func yamlDeref(n *yaml.Node) *yaml.Node {
	if n != nil && n.Kind == yaml.AliasNode {
		return n.Alias
	}
	return n
}

// yamlGet returns the value of key in the mapping n (aliases followed), or
// nil. A key the mapping does not hold is looked up in the mappings it merges
// ("<<: *base", "<<: [*a, *b]"), the first one first, as YAML's merge keys
// work: the mapping's own keys win.
func yamlGet(n *yaml.Node, key string) *yaml.Node {
	return yamlGetSeen(yamlDeref(n), key, map[*yaml.Node]bool{})
}

// yamlGetSeen looks in each mapping once: a mapping can merge itself
// (&a {<<: *a}), yaml.v3 keeps such a cycle in its nodes, and merging the
// same anchors over and over must not cost more than reading them.
func yamlGetSeen(n *yaml.Node, key string, seen map[*yaml.Node]bool) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode || seen[n] {
		return nil
	}
	seen[n] = true
	var merged []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], yamlDeref(n.Content[i+1])
		switch {
		case k.Kind == yaml.ScalarNode && k.Value == key:
			return v
		case k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag == "!!merge":
			if v.Kind == yaml.SequenceNode {
				merged = append(merged, v.Content...)
			} else {
				merged = append(merged, v)
			}
		}
	}
	for _, m := range merged {
		if v := yamlGetSeen(yamlDeref(m), key, seen); v != nil {
			return v
		}
	}
	return nil
}

// yamlString is the value of a scalar node, or def when n is missing, null
// or not a scalar.
func yamlString(n *yaml.Node, def string) string {
	if n == nil || n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return def
	}
	return n.Value
}

// yamlScalarRange is the range of prefix, the start of the scalar n's value,
// in t. yaml.v3 gives a node's 1-based line and column in characters; the
// value starts after the quote of a quoted scalar. When the text there does
// not spell prefix (escapes in a quoted scalar, a block scalar, line breaks
// YAML counts and Text does not), the range is the node's line.
func yamlScalarRange(t *Text, n *yaml.Node, prefix string) Range {
	if n == nil || n.Line < 1 || n.Line > t.LineCount() {
		return t.LineSpan(0)
	}
	line := n.Line - 1
	text := t.Line(line)
	start := t.Offset(Position{Line: line})
	off, found, col := 0, false, 0
	for i := range string(text) {
		if col == n.Column-1 {
			off, found = start+i, true
			break
		}
		col++
	}
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		off++
	}
	if found && off+len(prefix) <= len(t.Bytes) && bytes.HasPrefix(t.Bytes[off:], []byte(prefix)) {
		return t.Span(off, off+len(prefix))
	}
	return t.LineSpan(line)
}
