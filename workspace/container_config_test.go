package workspace

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
)

func TestKindOfContainerConfigs(t *testing.T) {
	for path, want := range map[string]Kind{
		"compose.yaml":                        Compose,
		"compose.yml":                         Compose,
		"docker-compose.yml":                  Compose,
		"deploy/docker-compose.yaml":          Compose,
		"docker-compose.override.yml":         Compose,
		"compose.prod.yaml":                   Compose,
		"compose.yaml.bak":                    None,
		"mycompose.yaml":                      None,
		"compose-dev.yml":                     Compose, // for docker compose -f, as remark42 keeps them
		"docker-compose-caddy.yml":            Compose,
		"compose-.yml":                        None,
		"compose.json":                        None,
		"Compose.yaml":                        None, // docker compose looks for these names as written
		".devcontainer/devcontainer.json":     DevContainer,
		".devcontainer/go/devcontainer.json":  DevContainer,
		"sub/.devcontainer.json":              DevContainer,
		"devcontainer.json":                   None,
		".devcontainer/a/b/devcontainer.json": None,
		".devcontainer/docker-compose.yml":    Compose,
		"docker-compose.yml.dockerignore":     DockerIgnore,
	} {
		if got := KindOf(path); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestParseCompose(t *testing.T) {
	src := `x-base: &base
  build:
    context: ..
    dockerfile: build/Dockerfile
services:
  api:
    <<: *base
    volumes:
      - ./data:/data
      - logs:/logs
      - '~/cache:/cache'
      - /srv
      - type: volume
        source: other
        target: /other
      - type: bind
        source: "../shared"
        target: /shared
  web:
    build: ./web
  inline:
    build:
      dockerfile_inline: FROM scratch
  remote:
    build: https://github.com/x/y.git
  dflt:
    build: {}
`
	c := parseCompose(NewText([]byte(src)), "/w/deploy")
	if c.Err != nil {
		t.Fatal(c.Err.Msg)
	}
	wantBuilds := []BuildSpec{
		{Dockerfile: "/w/build/Dockerfile", Context: "/w"},
		{Dockerfile: "/w/deploy/web/Dockerfile", Context: "/w/deploy/web"},
		{Dockerfile: "/w/deploy/Dockerfile", Context: "/w/deploy"},
	}
	if !slices.Equal(c.Builds, wantBuilds) {
		t.Errorf("builds %+v\nwant %+v", c.Builds, wantBuilds)
	}
	var got []string
	for _, b := range c.Binds {
		got = append(got, b.Source+" "+b.Path+" "+b.Range.Start.String()+"-"+b.Range.End.String())
	}
	want := []string{"./data /w/deploy/data 9:9-9:15", "../shared /w/shared 17:18-17:27"}
	if !slices.Equal(got, want) {
		t.Errorf("binds %q\nwant %q", got, want)
	}
	for _, bad := range []string{"services: [", "a: &a\n  <<: *a\nservices:\n  x:\n    <<: *a\n"} {
		_ = parseCompose(NewText([]byte(bad)), "/w") // must not hang or panic
	}
	if c := parseCompose(NewText([]byte("services:\n  - x\n\t- y")), "/w"); c.Err == nil {
		t.Error("a YAML syntax error gave no error")
	}
}

func TestParseDevContainer(t *testing.T) {
	src := "{\n  // comment\n  \"dockerFile\": \"Dockerfile\",\n  \"build\": {\"context\": \"..\"},\n" +
		"  \"mounts\": [\"src=/mnt/c/x,dst=/x,type=bind\", \"source=/mnt/c/\\u0079,target=/y,type=bind\"],\n}\n"
	c := parseDevContainer(NewText([]byte(src)), "/w/.devcontainer")
	if c.Err != nil {
		t.Fatal(c.Err.Msg)
	}
	if want := []BuildSpec{{Dockerfile: "/w/.devcontainer/Dockerfile", Context: "/w"}}; !slices.Equal(c.Builds, want) {
		t.Errorf("builds %+v, want %+v", c.Builds, want)
	}
	var got []string
	for _, b := range c.Binds {
		got = append(got, b.Path+" "+b.Range.Start.String()+"-"+b.Range.End.String())
	}
	// The second literal spells y as an escape: the whole literal is the range.
	if want := []string{"/mnt/c/x 5:19-5:27", "/mnt/c/y 5:47-5:89"}; !slices.Equal(got, want) {
		t.Errorf("binds %q, want %q", got, want)
	}
	if c := parseDevContainer(NewText([]byte("{\n\"a\": ]\n}")), "/w"); c.Err == nil || c.Err.Line != 1 {
		t.Errorf("syntax error %+v, want one on line 2", c.Err)
	}
}

func TestBuildContext(t *testing.T) {
	root := tree(t, map[string]string{
		"go.mod": "module m\n", "go.sum": "", "Makefile": "", "ui/index.html": "", ".dockerignore": ".git\n",
		// memos: scripts/Dockerfile copies go.mod and go.sum, found only at the root.
		"scripts/Dockerfile": "FROM golang:1.24\nCOPY go.mod go.sum ./\nCOPY . .\n",
		// gotify: docker/Dockerfile copies ./Makefile and ./ui.
		"docker/Dockerfile": "FROM node\nCOPY ./Makefile /src/Makefile\nCOPY ./ui /src/ui\nCOPY . /src\n",
		// A service with its own module: its own directory wins the tie on go.mod.
		"svc/Dockerfile": "FROM golang:1.24\nCOPY go.mod go.sum ./\nCOPY . .\n", "svc/go.mod": "module svc\n", "svc/go.sum": "",
		// Only the whole context, or nothing that exists: the Dockerfile's directory.
		"plain/Dockerfile": "FROM golang:1.24\nCOPY . .\n",
		"gen/Dockerfile":   "FROM scratch\nCOPY bin/app /app\n",
		// Compose builds deploy/Dockerfile from the root; devcontainer.json builds its own from the root.
		"deploy/Dockerfile":               "FROM scratch\nCOPY . .\n",
		"compose.yaml":                    "services:\n  app:\n    build:\n      context: .\n      dockerfile: deploy/Dockerfile\n  out:\n    build:\n      context: ../..\n      dockerfile: gen/Dockerfile\n",
		".devcontainer/Dockerfile":        "FROM golang:1.24\n",
		".devcontainer/devcontainer.json": `{"build": {"dockerfile": "Dockerfile", "context": ".."}}`,
	})
	s, err := Load(context.Background(), []string{root}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dockerfile, dir string
		by              ContextBy
		evident         bool
	}{
		{"scripts/Dockerfile", ".", ContextSources, true},
		{"docker/Dockerfile", ".", ContextSources, true},
		{"svc/Dockerfile", "svc", ContextSources, false}, // the root has go.mod and go.sum too
		{"plain/Dockerfile", "plain", ContextDefault, false},
		{"gen/Dockerfile", "gen", ContextDefault, false}, // compose's context leaves the workspace
		{"deploy/Dockerfile", ".", ContextConfig, true},
		{".devcontainer/Dockerfile", ".", ContextConfig, true},
	} {
		f := s.File(filepath.Join(root, c.dockerfile))
		bc := s.BuildContext(f)
		dir, _ := filepath.Rel(root, bc.Dir)
		if dir != c.dir || bc.By != c.by || bc.Evident != c.evident {
			t.Errorf("%s: context %s by %d (evident %v), want %s by %d (evident %v)", c.dockerfile, dir, bc.By, bc.Evident, c.dir, c.by, c.evident)
		}
		if again := s.BuildContext(f); again != bc {
			t.Errorf("%s: asked again, %+v", c.dockerfile, again)
		}
	}
}
