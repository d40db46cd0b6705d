package office

import (
	"fmt"
	"path/filepath"
	"strings"

	"nianbao/export"
	"nianbao/model"
)

// ExportJob is one export: a snapshot of a report in one of the export
// choices (export.Choices), to a file or, with Path "-", as data.
type ExportJob struct {
	Report *model.Report
	Choice export.Choice
	// Path is the file to write; "" is the default name (DefaultPath) in
	// Dir; "-" returns the data instead (the command line's standard
	// output).
	Path  string
	Dir   string
	Force bool // replace an existing file
	// Record: Report is stored in the draft file; its state is recorded in
	// its history before the file is written, so that what was sent out
	// can be found again.
	Record bool
}

// Exported is what an export did.
type Exported struct {
	Path string // the file written (absolute), or "-"
	Data []byte // with Path "-": the export itself
	// Counts are the report's findings (against last year's report when it
	// is stored): an export with errors or empty cells is a draft.
	Counts model.Counts
	// RecordErr: the file was written, but its record in the report's
	// history could not be (the front end tells the officer).
	RecordErr error
}

// DefaultPath is where an export goes when no file is named: the report's
// title with the format's extension (export.DefaultFileName), the choice's
// suffix after the stem (an HTML fragment beside the document), in dir.
func DefaultPath(r *model.Report, c export.Choice, dir string) string {
	name := export.DefaultFileName(r, c.Format)
	if c.Suffix != "" {
		ext := filepath.Ext(name)
		name = strings.TrimSuffix(name, ext) + c.Suffix + ext
	}
	if dir == "" {
		return name
	}
	return filepath.Join(dir, name)
}

// Export renders the report and writes it atomically. A file already there
// is refused (an error matching export.ErrExists) unless Force, before
// anything is recorded; a failed record does not stop the export
// (Exported.RecordErr says so).
func (o *Office) Export(job ExportJob) (*Exported, error) {
	r := job.Report
	path := job.Path
	if path == "" {
		path = DefaultPath(r, job.Choice, job.Dir)
	}
	out := &Exported{Path: path}
	where := txtStdout
	if path != "-" {
		where = path
		if abs, err := filepath.Abs(path); err == nil {
			out.Path = abs
		}
		if err := export.CheckTarget(path, job.Force); err != nil {
			return nil, err
		}
	}
	opt := job.Choice.Options
	if opt.Generator == "" && o != nil {
		opt.Generator = o.generator
	}
	data, err := export.Render(r, job.Choice.Format, opt)
	if err != nil {
		return nil, err
	}
	var prev *model.Report
	if job.Record {
		if db, err := o.store(); err != nil {
			out.RecordErr = err
		} else {
			// Last year's report only sharpens the counts: without it
			// the cross-year warnings are left out.
			prev, _ = db.Previous(r)
			out.RecordErr = db.MarkExport(r.ID, fmt.Sprintf(txtExportWhat, job.Choice.Label, shownName(where)))
		}
	}
	out.Counts = model.Tally(model.Check(r, prev))
	if path == "-" {
		out.Data = data
		return out, nil
	}
	if err := export.WriteFile(path, data, job.Force); err != nil {
		return nil, err
	}
	return out, nil
}
