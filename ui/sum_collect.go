package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/internal/termsafe"
	"nianbao/office"
)

// collectDialog reads a folder of the units' reports into the draft file
// (office: every file through the importer; a report changed here since
// it was last collected is not replaced), then lists what became of each
// file. Enter on a report that was not replaced asks, and replaces it.

type (
	collectCompletedMsg struct{ c completion }
	collectDoneMsg      struct {
		items   []*office.CollectItem
		skipped []string
		err     error
	}
	collectReplacedMsg struct{ err error }
)

// Steps of the collect dialog.
const (
	ccPath = iota
	ccBusy
	ccDone
)

type collectDialog struct {
	*shared
	step    int
	path    lineInput
	comp    completion
	problem string
	items   []*office.CollectItem
	skipped []string
	listPos
	b   box
	col int
}

func newCollectDialog(sh *shared) screen {
	return &collectDialog{shared: sh, path: newLineInput(&sh.lineKeys, "", 0)}
}

func (d *collectDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case collectCompletedMsg:
		if d.step == ccPath && msg.c.input == d.path.value() {
			d.comp = msg.c
			d.path.setValue(msg.c.value)
			d.problem = msg.c.err
		}
	case collectDoneMsg:
		if msg.err != nil {
			d.step, d.problem = ccPath, storeProblem(msg.err)
			return d, nil
		}
		d.step, d.items, d.skipped, d.sel, d.top = ccDone, msg.items, msg.skipped, 0, 0
	case collectReplacedMsg:
		d.step = ccDone
		if msg.err != nil {
			d.problem = storeProblem(msg.err)
		}
	case tea.PasteMsg:
		if d.step == ccPath && d.path.update(msg) {
			d.problem, d.comp = "", completion{}
		}
	case tea.MouseWheelMsg:
		if d.step == ccDone {
			d.wheel(msg, len(d.items))
		}
	case tea.KeyPressMsg:
		return d, d.key(msg)
	}
	return d, nil
}

func (d *collectDialog) key(k tea.KeyPressMsg) tea.Cmd {
	o := d.office
	switch d.step {
	case ccBusy:
		return nil
	case ccDone:
		switch {
		case key.Matches(k, d.dlgKeys.Cancel):
			// The list behind has new reports.
			return tea.Sequence(send(popDialogMsg{}), send(showStartMsg{}))
		case key.Matches(k, d.sumKeys.Status):
			return tea.Sequence(send(popDialogMsg{}), send(showScreenMsg{newStatusScreen(d.shared, d.year())}))
		case d.moveKey(&d.keys, k, len(d.items)):
			d.problem = ""
		case key.Matches(k, d.sumKeys.Replace) && d.refuseWrite() != "":
			return send(statusMsg{text: d.refuseWrite(), err: true})
		case key.Matches(k, d.sumKeys.Replace):
			it := d.selected()
			if it == nil || it.Outcome != office.CollectConflict {
				return nil
			}
			r := it.Import.Report
			yes := func() tea.Msg {
				return collectReplacedMsg{o.CollectItems([]*office.CollectItem{it}, true)}
			}
			q := strf(txtCollectAskFmt, r.Title(), termsafe.String(it.File))
			return send(pushDialogMsg{newConfirmDialog(d.shared, q, yes)})
		}
		return nil
	}
	switch {
	case key.Matches(k, d.dlgKeys.Cancel):
		return send(popDialogMsg{})
	case key.Matches(k, d.dlgKeys.Complete):
		in := d.path.value()
		return func() tea.Msg { return collectCompletedMsg{completePath(in)} }
	case key.Matches(k, d.dlgKeys.Confirm):
		p := cleanPath(d.path.value())
		if p == "" {
			d.problem = txtCollectNeedPath
			return nil
		}
		d.step, d.problem = ccBusy, ""
		return func() tea.Msg {
			items, skipped, err := o.Collect(p, false)
			return collectDoneMsg{items, skipped, err}
		}
	default:
		if d.path.update(k) {
			d.problem, d.comp = "", completion{}
		}
	}
	return nil
}

func (d *collectDialog) selected() *office.CollectItem {
	if d.sel < 0 || d.sel >= len(d.items) {
		return nil
	}
	return d.items[d.sel]
}

// year is the year most of the collected reports are of (for the status
// screen that follows).
func (d *collectDialog) year() int {
	n := map[int]int{}
	best := d.now().Year() - 1
	for _, it := range d.items {
		if it.Import != nil {
			y := it.Import.Report.Year
			n[y]++
			if n[y] > n[best] {
				best = y
			}
		}
	}
	return best
}

// outcomeWords are the words the list uses for each outcome.
var outcomeWords = map[office.CollectOutcome]string{
	office.CollectAdded: wordAdded, office.CollectUpdated: wordUpdated, office.CollectReplaced: wordReplaced,
	office.CollectUnchanged: wordUnchanged, office.CollectKept: wordKept, office.CollectSame: wordSame,
	office.CollectConflict: wordConflict, office.CollectDuplicate: wordDuplicate, office.CollectFailed: wordFailed,
}

var outcomeOrder = []office.CollectOutcome{office.CollectAdded, office.CollectUpdated, office.CollectReplaced,
	office.CollectUnchanged, office.CollectKept, office.CollectSame, office.CollectConflict, office.CollectDuplicate, office.CollectFailed}

func (d *collectDialog) view(w, h int) string {
	inner := min(100, w-8)
	var body []string
	switch d.step {
	case ccPath, ccBusy:
		body = append(body, txtCollectIntro, strf(txtCollectIntro2, strings.Join(office.ImportableExtensions(), txtCollectFileSep), d.dlgKeys.Complete.Help().Key), "")
		text, col := d.path.render(inner - labelW - 2)
		d.col = labelW + 1 + col
		body = append(body, pad("> "+txtCollectFolder, labelW)+"["+d.st.Editing.Render(pad(text, inner-labelW-2))+"]")
		for _, m := range d.comp.matches {
			body = append(body, d.st.Dim.Render(strings.Repeat(" ", labelW+1)+termsafe.String(m)))
		}
		if d.step == ccBusy {
			body = append(body, "", txtCollectBusy)
		}
	case ccDone:
		counts := map[office.CollectOutcome]int{}
		for _, it := range d.items {
			counts[it.Outcome]++
		}
		var parts []string
		for _, oc := range outcomeOrder {
			if counts[oc] > 0 {
				parts = append(parts, strf(txtCollectCount, outcomeWords[oc], counts[oc]))
			}
		}
		body = append(body, strf(txtCollectTotal, len(d.items), strings.Join(parts, txtCollectFileSep)))
		if len(d.skipped) > 0 {
			body = append(body, d.st.Dim.Render(strf(txtCollectSkipped, strings.Join(d.skipped, txtCollectFileSep))))
		}
		body = append(body, "")
		rows := max(3, h-len(body)-12)
		d.follow(rows)
		d.top = max(0, min(d.top, len(d.items)-rows))
		wordW := 0
		for _, w := range outcomeWords {
			wordW = max(wordW, dw(w))
		}
		for i := d.top; i < len(d.items) && i < d.top+rows; i++ {
			it := d.items[i]
			file := termsafe.String(it.File) // a name on disk: shown visibly
			line := pad(outcomeWords[it.Outcome], wordW) + "  " + file
			if !it.Outcome.OK() {
				line = d.st.Error.Render(line)
			}
			if i == d.sel {
				line = d.st.Cursor.Render("> " + pad(cut(outcomeWords[it.Outcome]+"  "+file, inner-2), inner-2))
			} else {
				line = "  " + line
			}
			body = append(body, line)
		}
		if len(d.items) > rows {
			body = append(body, d.st.Dim.Render(fmt.Sprintf(txtRowsFmt, d.sel+1, len(d.items))))
		}
		if it := d.selected(); it != nil {
			body = append(body, "")
			body = append(body, wrapWidth(d.detail(it), inner)...)
		}
		body = append(body, "", d.st.Dim.Render(strf(txtCollectNext, d.sumKeys.Status.Help().Key)))
	}
	if d.problem != "" {
		body = append(body, "")
		for _, l := range wrapWidth(d.problem, inner) {
			body = append(body, d.st.Error.Render(l))
		}
	}
	body = append(body, "", d.st.Dim.Render(d.hints(d.bindings()...)))
	d.b = layoutBox(w, h, txtCollectTitle, body, inner)
	return d.b.render(w, h)
}

// detail says more of the selected file: its report, or why it was not
// taken.
func (d *collectDialog) detail(it *office.CollectItem) string {
	switch it.Outcome {
	case office.CollectFailed:
		if it.Err != nil {
			return storeProblem(it.Err)
		}
	case office.CollectSame:
		return strf(txtCollectSameFmt, it.Other)
	case office.CollectDuplicate:
		return strf(txtCollectDupFmt, it.Other)
	case office.CollectConflict:
		return strf(txtCollectDetailFmt, it.Import.Report.Title(), strf(txtCollectConflict, d.sumKeys.Replace.Help().Key))
	}
	if it.Import != nil {
		return it.Import.Report.Title()
	}
	return ""
}

func (d *collectDialog) cursor() *tea.Cursor {
	if d.step != ccPath {
		return nil
	}
	return d.b.cursorAt(3, d.col)
}

func (d *collectDialog) typing() bool { return d.step == ccPath }
func (d *collectDialog) bindings() []key.Binding {
	switch d.step {
	case ccDone:
		bs := []key.Binding{d.steps.Select}
		if it := d.selected(); it != nil && it.Outcome == office.CollectConflict {
			bs = append(bs, d.sumKeys.Replace)
		}
		return append(bs, d.sumKeys.Status, d.steps.ToStart)
	case ccBusy:
		return []key.Binding{d.steps.No}
	}
	return []key.Binding{d.dlgKeys.Confirm, d.steps.ShortComp, d.steps.No}
}
