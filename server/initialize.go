package server

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"go.uber.org/zap"

	"github.com/gowell/gowell/diagnostics"
)

// initializeParams holds the part of the client's initialize request gowell
// uses. It is decoded into this small type rather than the library's
// InitializeParams, whose hundred nested capability types would turn any
// client's quirk in a capability gowell never reads into a failed start.
type initializeParams struct {
	RootURI               *string              `json:"rootUri"`
	RootPath              *string              `json:"rootPath"`
	WorkspaceFolders      []lspWorkspaceFolder `json:"workspaceFolders"`
	InitializationOptions json.RawMessage      `json:"initializationOptions"`
	Capabilities          struct {
		Workspace struct {
			WorkspaceEdit struct {
				DocumentChanges    bool     `json:"documentChanges"`
				ResourceOperations []string `json:"resourceOperations"`
			} `json:"workspaceEdit"`
			DidChangeWatchedFiles struct {
				DynamicRegistration bool `json:"dynamicRegistration"`
			} `json:"didChangeWatchedFiles"`
		} `json:"workspace"`
		Window struct {
			WorkDoneProgress bool `json:"workDoneProgress"`
		} `json:"window"`
	} `json:"capabilities"`
}

// initOptions is initializationOptions (docs/protocol.md).
type initOptions struct {
	StatusNotification bool              `json:"statusNotification"`
	Rules              map[string]string `json:"rules"`
	// MoveWorkspaceCommand: the client runs gowell.moveWorkspace itself
	// (move_workspace.go), so WSL003 may offer it.
	MoveWorkspaceCommand bool `json:"moveWorkspaceCommand"`
}

// clientCaps is what gowell adapts to.
type clientCaps struct {
	documentChanges bool // versioned edits and file operations in a WorkspaceEdit
	createFiles     bool
	watchFiles      bool // may register workspace/didChangeWatchedFiles
	moveWorkspace   bool // runs gowell.moveWorkspace
	progress        bool // shows work-done progress the server creates (progress.go)
}

type initializeResult struct {
	Capabilities serverCapabilities `json:"capabilities"`
	ServerInfo   serverInfo         `json:"serverInfo"`
}

type serverInfo struct {
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
}

type serverCapabilities struct {
	TextDocumentSync struct {
		OpenClose bool `json:"openClose"`
		Change    int  `json:"change"` // 1: the full text on every change
		Save      struct {
			IncludeText bool `json:"includeText"`
		} `json:"save"`
	} `json:"textDocumentSync"`
	CodeActionProvider struct {
		CodeActionKinds []lspCodeActionKind `json:"codeActionKinds"`
	} `json:"codeActionProvider"`
	ExecuteCommandProvider struct {
		Commands []string `json:"commands"`
	} `json:"executeCommandProvider"`
	Workspace struct {
		WorkspaceFolders struct {
			Supported           bool `json:"supported"`
			ChangeNotifications bool `json:"changeNotifications"`
		} `json:"workspaceFolders"`
	} `json:"workspace"`
}

// watchedGlobs are the files whose changes the editor reports to gowell.
var watchedGlobs = []string{
	"**/go.mod", "**/go.work", "**/.gitignore", "**/*.dockerignore", "**/.dockerignore",
	"**/Dockerfile*", "**/*.Dockerfile", "**/*.dockerfile", "**/Containerfile",
	"**/compose*.y*ml", "**/docker-compose*.y*ml", "**/.devcontainer.json", "**/.devcontainer/devcontainer.json",
	"**/" + diagnostics.ConfigFile,
}

func (s *Server) initialize(_ context.Context, m *incoming) (any, error) {
	var p initializeParams
	if err := decode(m.Params, &p); err != nil {
		return nil, err
	}
	var opts initOptions
	var optErr error
	if len(p.InitializationOptions) > 0 && string(p.InitializationOptions) != "null" {
		// Settings a user typed are not worth refusing to start over: the
		// status says what was wrong with them.
		if err := json.Unmarshal(p.InitializationOptions, &opts); err != nil {
			optErr = fmt.Errorf("initializationOptions: %w", err)
			s.log.Warn("ignoring initializationOptions", zap.Error(err))
		}
	}
	ws := p.Capabilities.Workspace

	s.mu.Lock()
	s.state = running
	s.caps = clientCaps{
		documentChanges: ws.WorkspaceEdit.DocumentChanges,
		createFiles:     slices.Contains(ws.WorkspaceEdit.ResourceOperations, "create"),
		watchFiles:      ws.DidChangeWatchedFiles.DynamicRegistration,
		moveWorkspace:   opts.MoveWorkspaceCommand,
		// A client that shows gowell/status (the VS Code extension) shows the
		// scan there already: a second spinner would say the same.
		progress: p.Capabilities.Window.WorkDoneProgress && !opts.StatusNotification,
	}
	s.statusOn = opts.StatusNotification
	s.settings = diagnostics.Config{Rules: opts.Rules}
	s.optErr = optErr
	s.roots = initialRoots(p)
	s.mu.Unlock()
	s.log.Info("initialize", zap.Strings("roots", s.roots), zap.Bool("status", opts.StatusNotification))

	var res initializeResult
	res.ServerInfo = serverInfo{Name: "gowell", Version: s.opts.Version}
	c := &res.Capabilities
	c.TextDocumentSync.OpenClose = true
	c.TextDocumentSync.Change = 1
	c.CodeActionProvider.CodeActionKinds = []lspCodeActionKind{quickFix}
	c.ExecuteCommandProvider.Commands = commandNames()
	c.Workspace.WorkspaceFolders.Supported = true
	c.Workspace.WorkspaceFolders.ChangeNotifications = true
	return res, nil
}

// initialRoots reads the workspace folders, falling back to the older
// rootUri and rootPath.
func initialRoots(p initializeParams) []string {
	var roots []string
	for _, f := range p.WorkspaceFolders {
		if path, ok := pathOf(f.URI); ok {
			roots = append(roots, path)
		}
	}
	if len(roots) == 0 && p.RootURI != nil {
		if path, ok := pathOf(*p.RootURI); ok {
			roots = append(roots, path)
		}
	}
	if len(roots) == 0 && p.RootPath != nil && *p.RootPath != "" {
		if path, ok := pathOf(fileURI(*p.RootPath)); ok {
			roots = append(roots, path)
		}
	}
	return roots
}

// start begins scanning once the initialize reply is out. LSP lets the
// server notify the client from then on, so the first diagnostics do not
// wait for the client's initialized notification: one round trip sooner.
func (s *Server) start() {
	s.goBg(s.loop)
	s.schedule(change{reload: true, reprobe: true})
}

func (s *Server) initialized(_ context.Context, _ *incoming) (any, error) {
	s.mu.Lock()
	first := !s.started
	s.started = true
	register := s.caps.watchFiles
	s.mu.Unlock()
	if !first {
		return nil, nil
	}
	// Requests to the client wait for initialized, as clients expect.
	if register {
		s.goBg(func(ctx context.Context) {
			var watchers []fileSystemWatcher
			for _, g := range watchedGlobs {
				watchers = append(watchers, fileSystemWatcher{GlobPattern: g})
			}
			err := s.conn.Call(ctx, "client/registerCapability", registrationParams{Registrations: []registration{{
				ID: "gowell-watched-files", Method: "workspace/didChangeWatchedFiles",
				RegisterOptions: watchedFilesOptions{Watchers: watchers},
			}}})
			if err != nil {
				s.log.Warn("the client refused to watch files for gowell", zap.Error(err))
			}
		})
	}
	return nil, nil
}

func (s *Server) shutdown(_ context.Context, _ *incoming) (any, error) {
	s.mu.Lock()
	s.state = shutDown
	s.mu.Unlock()
	// Nothing may reach the client after the reply: stop scanning first.
	s.stop()
	return nil, nil
}

func (s *Server) exitNow(_ context.Context, _ *incoming) (any, error) {
	select {
	case <-s.exit:
	default:
		close(s.exit)
	}
	return nil, nil
}
