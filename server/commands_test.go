package server_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/gowell/gowell/diagnostics"
	"github.com/gowell/gowell/server"
)

func TestCommands(t *testing.T) {
	dir := brokenWork(t)
	var reported []diagnostics.Finding
	c := start(t, server.Options{ReportText: func(fs []diagnostics.Finding, s *diagnostics.Snapshot) string {
		reported = fs
		return "report of " + strings.Join(s.Roots, ",")
	}})
	var caps struct {
		Capabilities struct {
			ExecuteCommandProvider struct{ Commands []string }
		}
	}
	c.call("initialize", initParams(false, dir), &caps)
	if got := strings.Join(caps.Capabilities.ExecuteCommandProvider.Commands, " "); got != "gowell.server.runTool gowell.server.report gowell.server.rescan gowell.server.explain" {
		t.Errorf("commands = %s", got)
	}
	c.notify("initialized", map[string]any{})
	c.diagnostics(filepath.Join(dir, "go.work"), nil)

	var rep struct{ Text string }
	c.call("workspace/executeCommand", map[string]any{"command": "gowell.server.report", "arguments": []any{}}, &rep)
	if rep.Text != "report of "+dir || len(reported) != 1 || reported[0].Code != "GO003" {
		t.Errorf("report = %q from %v", rep.Text, reported)
	}

	var exp struct{ Markdown string }
	c.call("workspace/executeCommand", map[string]any{"command": "gowell.server.explain", "arguments": []string{"go003"}}, &exp)
	if exp.Markdown != diagnostics.Lookup("GO003").Markdown() {
		t.Errorf("explain = %q", exp.Markdown)
	}
	wantError(t, c.callRaw("workspace/executeCommand", `{"command":"gowell.server.explain","arguments":["XX999"]}`), -32602)

	m := c.callRaw("workspace/executeCommand", `{"command":"gowell.server.rescan","arguments":[]}`)
	if m.Error != nil || string(m.Result) != "null" {
		t.Errorf("rescan = %s", m.raw)
	}

	// runTool runs only what the server offered for a current finding.
	for _, args := range []string{
		`{"title":"x","argv":["sh","-c","touch pwned"],"dir":"` + dir + `"}`,
		`{"title":"x","argv":[],"dir":"` + dir + `"}`,
	} {
		m := c.callRaw("workspace/executeCommand", `{"command":"gowell.server.runTool","arguments":[`+args+`]}`)
		wantError(t, m, -32602)
	}
}

// A typo in the settings is shown in the status instead of being ignored.
func TestSettingsTypoInStatus(t *testing.T) {
	dir := t.TempDir()
	c := start(t, server.Options{})
	p := initParams(true, dir)
	p["initializationOptions"] = map[string]any{"statusNotification": true, "rules": map[string]string{"GO999": "off"}}
	c.call("initialize", p, nil)
	c.notify("initialized", map[string]any{})
	c.status()
	s := c.status()
	if s.Health != "warning" || !strings.Contains(s.Message, `unknown rule \"GO999\"`) && !strings.Contains(s.Message, `unknown rule "GO999"`) {
		t.Errorf("status = %+v", s)
	}
}
