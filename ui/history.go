package ui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/store"
)

type (
	historyLoadedMsg struct {
		revs []store.Revision
		err  error
	}
	historyRestoredMsg struct {
		n   int
		err error
	}
)

// historyDialog lists a report's revisions, newest first, with time and
// summary; Enter restores one after a confirmation and reopens the report.
// Restoring is itself a revision, so it can be undone the same way.
type historyDialog struct {
	*shared
	id              string
	loading, loaded bool
	revs            []store.Revision
	listPos
	problem string
	b       box
}

// newHistoryDialog shows the history of report id; its list is read by
// init's command, which the root runs when it pushes the dialog.
func newHistoryDialog(sh *shared, id string) screen {
	return &historyDialog{shared: sh, id: id}
}

func (d *historyDialog) init() tea.Cmd {
	if d.loading {
		return nil
	}
	d.loading = true
	db, id := d.db, d.id
	if db == nil {
		return send(historyLoadedMsg{err: errNoStore{}})
	}
	return func() tea.Msg {
		revs, err := db.History(id)
		return historyLoadedMsg{revs, err}
	}
}

func (d *historyDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case historyLoadedMsg:
		d.loaded = true
		if msg.err != nil {
			d.problem = txtLoadFailed + msg.err.Error()
			return d, nil
		}
		d.revs = append([]store.Revision(nil), msg.revs...)
		sort.SliceStable(d.revs, func(i, j int) bool { return d.revs[i].N > d.revs[j].N })
		d.sel = 0
		return d, nil
	case historyRestoredMsg:
		if msg.err != nil {
			d.problem = txtRestoreFailed + msg.err.Error()
			return d, nil
		}
		// The note goes with the report: loading it clears older notes.
		return d, tea.Sequence(send(popDialogMsg{}), send(openReportMsg{id: d.id, note: fmt.Sprintf(txtRestoredFmt, msg.n)}))
	case tea.MouseWheelMsg:
		d.wheel(msg, len(d.revs))
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, d.dlgKeys.Cancel):
			return d, send(popDialogMsg{})
		case d.moveKey(&d.keys, msg, len(d.revs)): // moved the selection
		case key.Matches(msg, d.dlgKeys.Restore) && d.refuseWrite() != "":
			return d, send(statusMsg{text: d.refuseWrite(), err: true})
		case key.Matches(msg, d.dlgKeys.Restore):
			if d.sel < len(d.revs) {
				return d, d.askRestore(d.revs[d.sel])
			}
		}
	}
	return d, nil
}

func (d *historyDialog) askRestore(rv store.Revision) tea.Cmd {
	db, id, n := d.db, d.id, rv.N
	restore := func() tea.Msg {
		_, err := db.Restore(id, n)
		return historyRestoredMsg{n, err}
	}
	// The root runs the restore once the saves already asked for are
	// written, after dropping those of this report not yet started, and
	// holds later saves until it is done: none can overwrite it.
	yes := send(afterSavesMsg{run: restore, drop: id})
	q := fmt.Sprintf(txtRestoreAskFmt, rv.N, d.fmtDateTime(rv.Time), rv.Summary)
	return send(pushDialogMsg{d: newConfirmDialog(d.shared, q, yes)})
}

func (d *historyDialog) view(w, h int) string {
	inner := min(90, w-8)
	var body []string
	switch {
	case !d.loaded:
		body = append(body, txtLoading)
	case len(d.revs) == 0 && d.problem == "":
		body = append(body, txtNoHistory)
	default:
		body = append(body, d.st.Header.Render("  "+pad(txtColRevision, 8)+" "+pad(txtColTime, 16)+"  "+txtColSummary))
		rows := max(1, h-10)
		d.follow(rows)
		for i := d.top; i < len(d.revs) && i < d.top+rows; i++ {
			rv := d.revs[i]
			head := pad(fmt.Sprintf(txtRevisionFmt, rv.N), 8) + " " + pad(d.fmtDateTime(rv.Time), 16) + "  "
			if i != d.sel {
				body = append(body, "  "+cut(head+rv.Summary, inner-2))
				continue
			}
			// The selected revision's summary whole, over as many
			// lines as it needs, under its column.
			sw := max(10, inner-2-dw(head))
			for j, l := range wrapWidth(rv.Summary, sw) {
				lead := "> " + head
				if j > 0 {
					lead = strings.Repeat(" ", 2+dw(head))
				}
				body = append(body, d.st.Cursor.Render(pad(lead+l, inner)))
			}
		}
	}
	if d.problem != "" {
		body = append(body, "")
		for _, l := range wrapWidth(d.problem, inner) {
			body = append(body, d.st.Error.Render(l))
		}
	}
	body = append(body, "", d.st.Dim.Render(d.hints(d.bindings()...)))
	d.b = layoutBox(w, h, txtHistoryTitle, body, inner)
	return d.b.render(w, h)
}

func (d *historyDialog) cursor() *tea.Cursor { return nil }
func (d *historyDialog) typing() bool        { return false }
func (d *historyDialog) bindings() []key.Binding {
	return []key.Binding{d.steps.Select, d.dlgKeys.Restore, d.steps.Close}
}
