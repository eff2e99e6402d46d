package report

import (
	"fmt"

	"github.com/gowell/gowell/host"
)

// Machine says in one line what the rules saw of the machine.
func Machine(h *host.Info) string {
	goLine := "no Go toolchain found"
	if v := h.Go.Version(); v != "" {
		goLine = v
	}
	switch h.WSL.Version {
	case 0:
		return goLine
	default:
		if h.WSL.Distro != "" {
			return fmt.Sprintf("%s on WSL%d (%s)", goLine, h.WSL.Version, h.WSL.Distro)
		}
		return fmt.Sprintf("%s on WSL%d", goLine, h.WSL.Version)
	}
}
