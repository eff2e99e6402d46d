package diagnostics

import _ "embed"

// dockerignoreTemplate is the recommended .dockerignore for a Go service
// (RULES-FACTS D.2): every line was checked with moby/patternmatcher, and it
// keeps go.mod, go.sum, the sources and vendor/.
//
//go:embed templates/dockerignore.go-service
var dockerignoreTemplate string
