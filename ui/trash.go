package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/store"
)

type (
	trashLoadedMsg struct {
		list []store.Summary
		err  error
	}
	trashUndeletedMsg struct {
		title string
		err   error
	}
)

// trashDialog lists the deleted reports (newest deletion first, as the
// store gives them) and puts one back with Enter. Closing it reloads the
// start screen when something came back.
type trashDialog struct {
	*shared
	loading, loaded bool
	list            []store.Summary
	listPos
	changed bool
	note    string
	noteErr bool
	b       box
}

func newTrashDialog(sh *shared) screen { return &trashDialog{shared: sh} }

func (d *trashDialog) init() tea.Cmd {
	if d.loading {
		return nil
	}
	d.loading = true
	db := d.db
	if db == nil {
		return send(trashLoadedMsg{err: errNoStore{}})
	}
	return func() tea.Msg {
		l, err := db.Trash()
		return trashLoadedMsg{l, err}
	}
}

func (d *trashDialog) update(msg tea.Msg) (screen, tea.Cmd) {
	switch msg := msg.(type) {
	case trashLoadedMsg:
		d.loaded = true
		if msg.err != nil {
			d.note, d.noteErr = txtLoadFailed+msg.err.Error(), true
			return d, nil
		}
		d.list = msg.list
		d.sel = max(0, min(d.sel, len(d.list)-1))
		return d, nil
	case trashUndeletedMsg:
		if msg.err != nil {
			d.note, d.noteErr = txtUndeleteFailed+msg.err.Error(), true
			return d, nil
		}
		d.note, d.noteErr, d.changed = fmt.Sprintf(txtUndeletedFmt, msg.title), false, true
		d.loading = false
		return d, d.init()
	case tea.MouseWheelMsg:
		d.wheel(msg, len(d.list))
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, d.dlgKeys.Cancel):
			if d.changed {
				return d, tea.Sequence(send(popDialogMsg{}), send(showStartMsg{}))
			}
			return d, send(popDialogMsg{})
		case key.Matches(msg, d.keys.Up):
			d.move(-1, len(d.list))
		case key.Matches(msg, d.keys.Down):
			d.move(1, len(d.list))
		case key.Matches(msg, d.dlgKeys.Undelete) && d.refuseWrite() != "":
			return d, send(statusMsg{text: d.refuseWrite(), err: true})
		case key.Matches(msg, d.dlgKeys.Undelete):
			if d.sel < len(d.list) && d.loaded {
				r := d.list[d.sel]
				db, title := d.db, model.TitleOf(r.Agency, r.Year)
				return d, func() tea.Msg { return trashUndeletedMsg{title, db.Undelete(r.ID)} }
			}
		}
	}
	return d, nil
}

func (d *trashDialog) view(w, h int) string {
	inner := min(90, w-8)
	var body []string
	switch {
	case !d.loaded:
		body = append(body, txtLoading)
	case len(d.list) == 0:
		body = append(body, txtTrashEmpty)
	default:
		agencyW := max(10, inner-2-colYear-colTime-4)
		body = append(body, d.st.Header.Render("  "+pad(txtColAgency, agencyW)+" "+padL(txtColYear, colYear)+"  "+txtColDeleted))
		rows := max(1, h-10)
		d.follow(rows)
		for i := d.top; i < len(d.list) && i < d.top+rows; i++ {
			r := d.list[i]
			line := pad(cut(r.Agency, agencyW), agencyW) + " " + padL(fmt.Sprint(r.Year), colYear) + "  " + d.fmtDateTime(r.Deleted)
			if i == d.sel {
				body = append(body, d.st.Cursor.Render("> "+line))
			} else {
				body = append(body, "  "+line)
			}
		}
	}
	if d.note != "" {
		sty := d.st.OK
		if d.noteErr {
			sty = d.st.Error
		}
		body = append(body, "")
		for _, l := range wrapWidth(d.note, inner) {
			body = append(body, sty.Render(l))
		}
	}
	body = append(body, "", d.st.Dim.Render(d.hints(d.bindings()...)))
	d.b = layoutBox(w, h, txtTrashTitle, body, inner)
	return d.b.render(w, h)
}

func (d *trashDialog) cursor() *tea.Cursor { return nil }
func (d *trashDialog) typing() bool        { return false }
func (d *trashDialog) bindings() []key.Binding {
	return []key.Binding{d.steps.Select, d.dlgKeys.Undelete, d.steps.Close}
}
