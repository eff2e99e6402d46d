package diagnostics

import "github.com/gowell/gowell/workspace"

// inputs is what a rule reads (see Rule.Reads, Host and Disk).
type inputs struct {
	reads      []workspace.Kind
	host, disk bool
}

// Kinds, shortened for the table.
const (
	mod     = workspace.GoMod
	work    = workspace.GoWork
	gitign  = workspace.GitIgnore
	dkrign  = workspace.DockerIgnore
	dkr     = workspace.Dockerfile
	compose = workspace.Compose
	devc    = workspace.DevContainer
)

// declared holds the inputs of the rules whose files do not declare them,
// in one place so that annotating the catalogue touches no rule file. A
// rule that leaves this table is undeclared again (it runs on every scan),
// which is slower but never wrong; TestDeclaredInputs runs each rule's
// fixtures against what is declared here and fails on a read beyond it.
var declared = map[string]inputs{
	"GO000":  {reads: kinds(mod, work)},
	"GO001":  {reads: kinds(mod, work)},
	"GO002":  {reads: kinds(mod, work), host: true, disk: true},
	"GO003":  {reads: kinds(work), disk: true},
	"GO004":  {reads: kinds(mod, work)},
	"GO005":  {reads: kinds(mod, work)},
	"GO006a": {reads: kinds(mod, work), host: true, disk: true},
	"GO006b": {reads: kinds(mod, work)},
	"GO007":  {reads: kinds(mod, work, gitign), host: true, disk: true},
	"GO008":  {reads: kinds(work), host: true, disk: true},
	"GO009":  {reads: kinds(mod, work), host: true, disk: true},
	"GO010":  {reads: kinds(mod, work), host: true, disk: true},
	"GO011":  {reads: kinds(work), disk: true},
	"GO012":  {reads: kinds(mod, work, gitign), host: true, disk: true},

	"IGN001": {reads: kinds(mod, work, gitign), disk: true},
	"IGN002": {reads: kinds(mod, gitign), disk: true},
	"IGN003": {reads: kinds(mod, work, gitign), disk: true},
	"IGN004": {reads: kinds(gitign), disk: true},
	"IGN005": {reads: kinds(gitign), disk: true},

	// Where a Dockerfile is built from comes from Compose files and
	// devcontainer.json (dkr_context.go); its ignore file, from the disk.
	"DKR000": {reads: kinds(dkr)},
	"DKR001": {reads: kinds(dkr, dkrign, compose, devc), disk: true},
	"DKR002": {reads: kinds(dkr, dkrign, compose, devc), disk: true},
	"DKR003": {reads: kinds(dkr, dkrign, compose, devc), disk: true},
	"DKR004": {reads: kinds(dkr, dkrign, compose, devc), disk: true},
	"DKR005": {reads: kinds(dkr, dkrign, compose, devc, mod), disk: true},
	"DKR006": {reads: kinds(dkr, compose, devc), disk: true},
	"DKR007": {reads: kinds(dkr, dkrign, compose, devc, mod), disk: true},
	"DKR008": {reads: kinds(dkr, dkrign, compose, devc, mod), disk: true},
	"DKR009": {reads: kinds(dkr, dkrign, compose, devc, mod, work), disk: true},
	"DKR010": {reads: kinds(compose, devc), host: true},

	"ENV001":  {reads: kinds(mod, work), host: true},
	"ENV002":  {reads: kinds(mod, work), host: true},
	"ENV003a": {reads: kinds(mod, work), host: true},
	"ENV003b": {reads: kinds(mod), host: true},
	"ENV004":  {reads: kinds(mod, work), host: true},
	"ENV005":  {reads: kinds(mod, work), host: true},
	"ENV006":  {reads: kinds(mod, work), host: true},
	"ENV007":  {reads: kinds(mod, work), host: true, disk: true},
	"ENV008":  {reads: kinds(), host: true},
	"ENV009":  {reads: kinds(mod, work), host: true, disk: true},

	"WSL001": {reads: kinds(), host: true},
	"WSL002": {reads: kinds(), host: true},
	"WSL003": {reads: kinds(mod, work), host: true},
	"WSL004": {reads: kinds(mod, work), host: true},
	"WSL006": {reads: kinds(mod, work), host: true},
	"WSL007": {reads: kinds(mod, work), host: true},
	"WSL008": {reads: kinds(), host: true},
	"WSL009": {reads: kinds(), host: true},
	"WSL010": {reads: kinds(), host: true},
	"WSL011": {reads: kinds(mod, work), host: true},

	"FS001":  {reads: kinds(mod, work), host: true},
	"FS002":  {reads: kinds(mod, work), disk: true},
	"FS003":  {reads: kinds(mod, work), host: true},
	"GIT001": {reads: kinds(mod, work), disk: true},
	"GIT002": {reads: kinds(mod, work), host: true, disk: true},
}

// kinds is a list that is never nil, so that "reads no file" is declared.
func kinds(k ...workspace.Kind) []workspace.Kind { return append([]workspace.Kind{}, k...) }

func init() {
	for id, in := range declared {
		if r := Lookup(id); r != nil && r.Reads == nil {
			r.Reads, r.Host, r.Disk = in.reads, in.host, in.disk
		}
	}
}
