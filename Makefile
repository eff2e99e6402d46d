# gowell — the two commands a new machine needs:
#   make run    build gowell and check a folder (DIR=path, default: this repository)
#   make test   run every test: Go (with the race detector), the extension's unit tests, the
#               end-to-end test in a real VS Code, and one in a real Neovim (installs its own
#               tools on first run)

GO      ?= go
DIR     ?= .
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)

.PHONY: build run serve test test-go test-ext e2e nvim vsix bench fuzz clean

# Static (no cgo): no dynamic loader at start-up (~1 ms of every editor start)
# and no libc version to match on the user's distro.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/gowell ./cmd/gowell

run: build
	./bin/gowell check $(DIR)

serve: build
	./bin/gowell serve

test: test-go test-ext e2e nvim

# gowell ships for darwin too (editor/vscode/scripts/vsix.sh): vetting for it
# catches Linux-only code outside a _linux file, tests included, without a Mac.
test-go:
	$(GO) vet ./...
	GOOS=darwin GOARCH=amd64 $(GO) vet ./...
	GOOS=darwin GOARCH=arm64 $(GO) vet ./...
	$(GO) test -race -count=1 ./...

test-ext:
	editor/vscode/scripts/unit.sh

e2e:
	editor/vscode/scripts/e2e.sh

# gowell in a real Neovim (installs neovim with apt-get on first run).
nvim:
	editor/nvim/test.sh

vsix:
	editor/vscode/scripts/vsix.sh

# Go benchmarks (rules, snapshots, the stdio loop), then gowell against gopls; see docs/performance.md.
bench:
	bench/run.sh

# Every fuzz target for FUZZTIME each (default 30s); plain `go test` replays the seeds.
fuzz:
	scripts/fuzz.sh

clean:
	rm -rf bin dist editor/vscode/out editor/vscode/bin editor/vscode/test-results
