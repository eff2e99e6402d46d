package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/gowell/gowell/diagnostics"
)

// SARIF 2.1.0, the subset code-scanning services read. Columns are 1-based
// UTF-16 code units, SARIF's default, which is what findings carry.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                  `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactID `json:"originalUriBaseIds,omitempty"`
	Results            []sarifResult              `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name"`
	ShortDescription     sarifMessage `json:"shortDescription"`
	FullDescription      sarifMessage `json:"fullDescription"`
	HelpURI              string       `json:"helpUri"`
	DefaultConfiguration struct {
		Level string `json:"level"`
	} `json:"defaultConfiguration"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifArtifactID struct {
	URI string `json:"uri"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId,omitempty"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
			EndLine     int `json:"endLine"`
			EndColumn   int `json:"endColumn"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

var sarifLevels = map[diagnostics.Severity]string{diagnostics.Error: "error", diagnostics.Warning: "warning", diagnostics.Info: "note"}

// SARIF writes a SARIF 2.1.0 log with one rule entry per catalogue rule.
// Paths inside c.Dir are relative to %SRCROOT% (c.Dir).
func SARIF(w io.Writer, c Context, findings []diagnostics.Finding) error {
	run := sarifRun{Results: []sarifResult{}}
	run.Tool.Driver = sarifDriver{Name: "gowell", Version: c.Version, InformationURI: "https://github.com/gowell/gowell"}
	index := map[string]int{}
	for i, r := range diagnostics.Rules() {
		sr := sarifRule{ID: r.ID, Name: r.ID, ShortDescription: sarifMessage{r.Title},
			FullDescription: sarifMessage{firstParagraph(r.Doc)}, HelpURI: r.DocURL()}
		sr.DefaultConfiguration.Level = sarifLevels[r.Severity]
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sr)
		index[r.ID] = i
	}
	if c.Dir != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactID{"SRCROOT": {URI: fileURI(c.Dir) + "/"}}
	}
	for _, f := range findings {
		res := sarifResult{RuleID: f.Code, RuleIndex: index[f.Code], Level: sarifLevels[f.Severity], Message: sarifMessage{f.Message}}
		if f.Path != "" {
			var loc sarifLocation
			if rel := c.Rel(f.Path); rel != f.Path {
				loc.PhysicalLocation.ArtifactLocation.URI = (&url.URL{Path: filepath.ToSlash(rel)}).String()
				loc.PhysicalLocation.ArtifactLocation.URIBaseID = "SRCROOT"
			} else {
				loc.PhysicalLocation.ArtifactLocation.URI = fileURI(f.Path)
			}
			reg := &loc.PhysicalLocation.Region
			reg.StartLine, reg.StartColumn = f.Range.Start.Line+1, f.Range.Start.Character+1
			reg.EndLine, reg.EndColumn = f.Range.End.Line+1, f.Range.End.Character+1
			res.Locations = []sarifLocation{loc}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func firstParagraph(doc string) string {
	p, _, _ := strings.Cut(strings.TrimSpace(doc), "\n\n")
	return strings.Join(strings.Fields(p), " ")
}
