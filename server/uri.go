package server

import (
	"net/url"
	"path/filepath"
)

// pathOf returns the file path a document URI names, and false for anything
// that is not a local file: untitled:, vscode-notebook-cell:, a remote
// file://host/… and garbage. Such documents are ignored, never a crash.
func pathOf(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || (u.Host != "" && u.Host != "localhost") || u.Path == "" {
		return "", false
	}
	p := filepath.FromSlash(u.Path)
	if !filepath.IsAbs(p) {
		return "", false
	}
	return filepath.Clean(p), true
}

// fileURI is the URI of an absolute path.
func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}
