package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nianbao/model"
)

// partKey adds, deletes and reorders 一's sub-parts. Their numbers
// （一）（二）… follow from the position, so moving a part renumbers them.
func (e *editor) partKey(k tea.KeyPressMsg) tea.Cmd {
	if e.refused() {
		return nil
	}
	flush := e.flush()
	it := e.item()
	parts := e.r.S1.Parts
	switch {
	case key.Matches(k, e.keys.PartAdd):
		at := len(parts)
		if it.kind == secPart {
			at = it.part + 1
		}
		e.change(e.r.Clone(), helpPartAdd)
		e.r.S1.Parts = append(parts[:at:at], append([]model.Part{{}}, parts[at:]...)...)
		e.rebuildItems()
		e.sel = e.itemIndex(navItem{kind: secPart, part: at})
		e.loadForm()
		e.focus = paneMain
		e.form.idx = 0
		e.form.focus(true)
		e.setMsg(strf(strPartAdded, model.PartNumber(at)), false)
		return tea.Batch(flush, e.committed(sumParts))
	case key.Matches(k, e.keys.PartDel):
		if it.kind != secPart {
			return flush
		}
		if len(parts) <= 1 {
			e.setMsg(strPartLast, true)
			return flush
		}
		title := parts[it.part].Title
		if title == "" {
			title = strPartUntitled
		}
		q := strf(strPartDeleteQ, model.PartNumber(it.part), title, e.keys.Undo.Help().Key)
		return tea.Batch(flush, send(pushDialogMsg{newConfirmDialog(e.shared, q, send(deletePartMsg{it.part}))}))
	case key.Matches(k, e.keys.PartUp), key.Matches(k, e.keys.PartDown):
		if it.kind != secPart {
			return flush
		}
		to := it.part - 1
		if key.Matches(k, e.keys.PartDown) {
			to = it.part + 1
		}
		if to < 0 || to >= len(parts) {
			e.setMsg(strPartNoMove, false)
			return flush
		}
		label := helpPartUp
		if to > it.part {
			label = helpPartDown
		}
		e.change(e.r.Clone(), label)
		parts[it.part], parts[to] = parts[to], parts[it.part]
		e.rebuildItems()
		e.sel = e.itemIndex(navItem{kind: secPart, part: to})
		e.loadForm()
		e.setMsg(strf(strPartMoved, model.PartNumber(to)), false)
		return tea.Batch(flush, e.committed(sumParts))
	}
	return flush
}

func (e *editor) deletePart(i int) tea.Cmd {
	parts := e.r.S1.Parts
	if i < 0 || i >= len(parts) || len(parts) <= 1 {
		return nil
	}
	e.change(e.r.Clone(), helpPartDel)
	e.r.S1.Parts = append(parts[:i:i], parts[i+1:]...)
	e.rebuildItems()
	e.sel = e.itemIndex(navItem{kind: secPart, part: min(i, len(e.r.S1.Parts)-1)})
	e.loadForm()
	e.setMsg(strf(strPartDeleted, model.PartNumber(i)), false)
	return e.committed(sumParts)
}
