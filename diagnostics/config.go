package diagnostics

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
)

// ConfigFile is the repository's own settings file, at a workspace root.
const ConfigFile = ".gowell.json"

// ReadConfig reads root/.gowell.json. A missing file is the empty Config; a
// malformed one is an error naming the file.
func ReadConfig(root string) (Config, error) {
	var c Config
	path := filepath.Join(root, ConfigFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Merge returns c with over's settings taking precedence: the editor's
// settings over the repository's file.
func (c Config) Merge(over Config) Config {
	out := Config{Rules: maps.Clone(c.Rules)}
	if out.Rules == nil {
		out.Rules = map[string]string{}
	}
	maps.Copy(out.Rules, over.Rules)
	return out
}
