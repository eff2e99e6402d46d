package diagnostics

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestGitignoreTemplateInSync keeps the embedded template equal to the
// researched one in ../shared (checked with git check-ignore there), when a
// checkout has it beside the repository, as CI does.
func TestGitignoreTemplateInSync(t *testing.T) {
	shared, err := os.ReadFile(filepath.Join("..", "..", "shared", "recommended", "gitignore.go-project"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no ../shared beside the repository")
	}
	must(t, err)
	if string(shared) != gitignoreTemplate {
		t.Errorf("diagnostics/templates/gitignore.go-project differs from shared/recommended/gitignore.go-project: copy it over and update testdata/IGN001")
	}
}
