package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/export"
	"nianbao/model"
	"nianbao/office"
)

// Steps and fields of the export dialog.
const (
	expFormat  = iota // choosing the format
	expName           // typing the file name
	expBusy           // writing
	expReplace        // the file exists: replace it?
	expDone           // written
)

type exportResultMsg struct {
	path   string // absolute path written, or the one that exists
	exists bool   // the file exists and replacing was not asked for
	note   string // a problem that did not stop the export
	err    error
}

// exportDialog writes the report to a file: HTML document, HTML fragment
// for a website's editor, Markdown or JSON, under a name that defaults to
// the report's title in the export folder. It warns when the report still
// has errors and asks before replacing a file.
type exportDialog struct {
	*shared
	r       *model.Report // a snapshot: the editor goes on changing its own
	choices []export.Choice
	choice  int
	// preview: the line under the formats, 预览打印效果, is selected.
	preview bool
	step    int
	name    lineInput
	counts  model.Counts // as the editor counted them, for the warning
	ask     yesNo        // replace step: replace the file?
	result  exportResultMsg
	problem string
	b       box
	curLine int
	curCol  int
}

// newExportDialog opens the dialog on a snapshot of r; n is the editor's
// count of its findings (checked against last year too), so the warning
// says what the status line says.
func newExportDialog(sh *shared, r *model.Report, n model.Counts) screen {
	d := &exportDialog{shared: sh, r: r.Clone(), choices: export.Choices(), name: newLineInput(&sh.lineKeys, "", 0), counts: n}
	d.name.setValue(d.defaultName())
	return d
}

func (d *exportDialog) defaultName() string { return d.defaultFor(d.choice) }

// defaultFor is the default file name of choice i (office.DefaultPath: the
// fragment gets a name of its own, so that exporting both HTML forms keeps
// both files).
func (d *exportDialog) defaultFor(i int) string {
	return office.DefaultPath(d.r, d.choices[i], d.exportDir)
}

// setChoice changes the format and with it the file name: the default name
// follows the format; a name the user typed keeps its stem and gets the new
// format's extension.
func (d *exportDialog) setChoice(i int) {
	old, name := d.choice, d.name.value()
	d.choice = i
	switch ext := filepath.Ext(name); {
	case name == d.defaultFor(old):
		d.name.setValue(d.defaultFor(i))
	case strings.EqualFold(ext, "."+d.choices[old].Format.Ext()):
		d.name.setValue(strings.TrimSuffix(name, ext) + "." + d.choices[i].Format.Ext())
	}
}

func (d *exportDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case exportResultMsg:
		switch {
		case msg.exists:
			d.step, d.result, d.ask = expReplace, msg, yesNo{}
		case msg.err != nil:
			d.step, d.problem = expName, msg.err.Error()
		default:
			// The status line says it at once (under the dialog it
			// would name the file of the export before, until closed).
			d.step, d.result = expDone, msg
			return d, send(statusMsg{text: txtExportedTo + msg.path})
		}
		return d, nil
	case tea.PasteMsg:
		if d.step == expName {
			d.name.update(msg)
			d.problem = ""
		}
		return d, nil
	case tea.KeyPressMsg:
		return d, d.key(msg)
	}
	return d, nil
}

func (d *exportDialog) key(k tea.KeyPressMsg) tea.Cmd {
	switch d.step {
	case expBusy:
		return nil
	case expReplace:
		switch d.ask.key(&d.steps, k) {
		case answerYes:
			return d.write(true)
		case answerNo:
			d.step, d.problem = expName, txtExportNotReplaced
		}
		return nil
	case expDone:
		if key.Matches(k, d.steps.CloseDone) {
			return send(popDialogMsg{})
		}
		return nil
	}
	switch {
	case key.Matches(k, d.dlgKeys.Cancel):
		return send(popDialogMsg{})
	case key.Matches(k, d.keys.Preview):
		return send(pushDialogMsg{newPreviewDialog(d.shared, d.r, d.counts)})
	case key.Matches(k, d.dlgKeys.Confirm):
		if d.step == expFormat && d.preview {
			return send(pushDialogMsg{newPreviewDialog(d.shared, d.r, d.counts)})
		}
		if d.step == expFormat {
			d.step = expName
			d.name.selectAll() // typing replaces the default name
			return nil
		}
		return d.write(false)
	case d.step == expFormat && key.Matches(k, d.keys.Up):
		switch {
		case d.preview:
			d.preview = false
		case d.choice == 0:
			d.preview = true
		default:
			d.setChoice(d.choice - 1)
		}
	case d.step == expFormat && key.Matches(k, d.keys.Down):
		switch {
		case d.preview:
			d.preview = false
			d.setChoice(0)
		case d.choice == len(d.choices)-1:
			d.preview = true
		default:
			d.setChoice(d.choice + 1)
		}
	case key.Matches(k, d.dlgKeys.Next, d.dlgKeys.Prev):
		d.step = expFormat + expName - d.step
		if d.step == expName {
			d.name.selectAll()
		}
	case d.step == expName:
		if d.name.update(k) {
			d.problem = ""
		}
	}
	return nil
}

// write exports in a command (office.Export): a file already there is
// refused before anything is recorded, the export is recorded in the
// report's history, and the file is written atomically; when the record
// cannot be made the file is written all the same and the officer told.
func (d *exportDialog) write(force bool) tea.Cmd {
	p := cleanPath(d.name.value())
	if p == "" {
		d.problem = txtNeedFileName
		return nil
	}
	if filepath.Ext(p) == "" {
		// A name typed over the default one, without its extension.
		p += "." + d.choices[d.choice].Format.Ext()
	}
	d.step, d.problem = expBusy, ""
	// A read-only draft file cannot record the export in the report's
	// history: the export is made all the same, and says so.
	readOnly := d.readOnly != ""
	o, job := d.office, office.ExportJob{Report: d.r, Choice: d.choices[d.choice], Path: p, Force: force, Record: d.db != nil && !readOnly}
	return func() tea.Msg {
		out, err := o.Export(job)
		if errors.Is(err, export.ErrExists) {
			abs, aerr := filepath.Abs(p)
			if aerr != nil {
				abs = p
			}
			return exportResultMsg{path: abs, exists: true}
		}
		if err != nil {
			return exportResultMsg{err: err}
		}
		var note string
		if readOnly {
			note = txtExportReadOnly
		}
		if out.RecordErr != nil {
			note = txtExportNoRevision + storeProblem(out.RecordErr)
		}
		return exportResultMsg{path: out.Path, note: note}
	}
}

func (d *exportDialog) view(w, h int) string {
	inner := min(76, w-8)
	var body []string
	// Counted as the status line counts them: errors, then what is still
	// empty; either makes the exported file a draft.
	warn := ""
	errs, missing := d.counts.Errors, missingText(d.counts)
	switch {
	case errs > 0 && missing != "":
		warn = fmt.Sprintf(txtExportErrorsMissingFmt, errs, missing)
	case missing != "":
		warn = fmt.Sprintf(txtExportMissingFmt, missing)
	case errs > 0:
		warn = fmt.Sprintf(txtExportHasErrorsFmt, errs)
	}
	if warn != "" {
		ws := d.st.Warning
		if errs > 0 {
			ws = d.st.Error
		}
		for _, l := range wrapWidth(warn, inner) {
			body = append(body, ws.Render(l))
		}
		body = append(body, "")
	}
	switch d.step {
	case expFormat, expName, expBusy:
		body = append(body, txtExportFormat)
		for i, c := range d.choices {
			m := "( ) "
			if i == d.choice {
				m = "(*) "
			}
			line := "  " + m + c.Label
			if i == d.choice && d.step == expFormat && !d.preview {
				line = d.st.Cursor.Render(line)
			}
			body = append(body, line)
		}
		// Not a format: the report as it will print, in the terminal.
		pl := "      " + strf(txtExportPreviewKey, txtExportPreview, d.keys.Preview.Help().Key)
		if d.preview && d.step == expFormat {
			pl = d.st.Cursor.Render(pl)
		}
		body = append(body, pl)
		body = append(body, "", txtExportFile)
		text, col := d.name.render(inner - 2)
		d.curLine, d.curCol = len(body), 1+col
		field := pad(text, inner-2)
		switch {
		case d.step == expName && d.name.selected():
			field = d.st.Cursor.Render(field)
		case d.step == expName:
			field = d.st.Editing.Render(field)
		}
		body = append(body, "["+field+"]")
		switch {
		case d.step == expBusy:
			body = append(body, txtExportWriting)
		case d.problem != "":
			for _, l := range wrapWidth(d.problem, inner) {
				body = append(body, d.st.Error.Render(l))
			}
		}
		// Enter on the format list goes to the file name; the hint says
		// what Enter does in the step the officer is in.
		body = append(body, "", d.st.Dim.Render(d.hints(d.bindings()...)))
	case expReplace:
		body = append(body, wrapWidth(txtExportExists+d.result.path, inner)...)
		body = append(body, txtExportReplaceAsk, "", d.ask.view(d.st), "", d.st.Dim.Render(d.hints(d.bindings()...)))
	case expDone:
		body = append(body, d.st.OK.Render(txtExportedTo))
		body = append(body, wrapWidth(d.result.path, inner)...)
		if d.result.note != "" {
			for _, l := range wrapWidth(d.result.note, inner) {
				body = append(body, d.st.Warning.Render(l))
			}
		}
		body = append(body, "", d.st.Dim.Render(d.hints(d.bindings()...)))
	}
	d.b = layoutBox(w, h, txtExportTitle, body, inner)
	return d.b.render(w, h)
}

func (d *exportDialog) cursor() *tea.Cursor {
	if d.step != expName || d.b.lines == nil {
		return nil
	}
	return d.b.cursorAt(d.curLine, d.curCol)
}

func (d *exportDialog) typing() bool { return d.step == expName }

// copyText is the file name, or the path written (Ctrl+C).
func (d *exportDialog) copyText() (string, string) {
	if d.step == expDone {
		return d.result.path, strf(strCopyLine, txtExportedTo, len([]rune(d.result.path)))
	}
	return copyLine(txtExportFile, &d.name)
}

func (d *exportDialog) bindings() []key.Binding {
	sk := &d.steps
	switch d.step {
	case expFormat:
		if d.preview {
			return []key.Binding{sk.PickFormat, sk.ShowPreview, sk.No}
		}
		return []key.Binding{sk.PickFormat, sk.ToName, sk.No}
	case expName, expBusy:
		return []key.Binding{sk.Export, sk.ToFormat, sk.No}
	case expReplace:
		return sk.question(d.ask)
	}
	return []key.Binding{sk.CloseDone}
}
