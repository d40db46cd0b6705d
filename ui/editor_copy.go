package ui

import (
	"strings"
	"unicode/utf8"

	"nianbao/model"
)

// copyText is what Ctrl+C copies in the editor: the value of the cell
// under the cursor (the typing, while a cell is typed into), the paragraph
// the caret is in, a one-line field's value, or the selected finding.
func (e *editor) copyText() (text, what string) {
	switch e.focus {
	case paneFinds:
		if e.fp.sel < len(e.fp.items) {
			t := onScreen(e.fp.items[e.fp.sel].text)
			return t, strf(strCopyFinding, utf8.RuneCountInString(t))
		}
		return "", ""
	case paneList:
		return "", ""
	}
	if e.edit != nil {
		c, _ := model.Cell(e.edit.addr)
		t := strings.TrimSpace(string(e.edit.text))
		return t, strf(strCopyCell, cellPos(c), t)
	}
	if e.form != nil && e.form.cur().kind != fGrid {
		fl := e.form.cur()
		switch fl.kind {
		case fChoice:
			t := fl.opts[fl.pick(e.r)]
			return t, strf(strCopyLine, fl.name, utf8.RuneCountInString(t))
		case fLine:
			t := strings.TrimSpace(fl.ta.Value())
			return t, strf(strCopyLine, fl.name, utf8.RuneCountInString(t))
		}
		paras := strings.Split(fl.ta.Value(), "\n")
		row := min(fl.ta.Line(), len(paras)-1)
		t := strings.TrimSpace(paras[row])
		// Blank lines between paragraphs are not counted.
		n := 0
		for _, p := range paras[:row+1] {
			if strings.TrimSpace(p) != "" {
				n++
			}
		}
		return t, strf(strCopyPara, fl.name, n, utf8.RuneCountInString(t))
	}
	if g := e.grid(); g != nil {
		c := g.spec()
		v, st := e.r.ValueOf(c)
		if st != model.Filled {
			return "", ""
		}
		return v.String(), strf(strCopyCell, cellPos(c), v.String())
	}
	return "", ""
}

// cellPos names a cell as the officer finds it in the printed table:
// 表三（一）予以公开/自然人, 表三（三）不予公开 1.属于国家秘密/商业企业,
// 六、发出收费通知件数. The outermost label of 三 (三、本年度办理结果) is
// left out: every result row is under it.
func cellPos(c *model.CellSpec) string {
	if c.Table == model.S6 {
		return c.ShortLabel()
	}
	row := c.RowSpec()
	path := row.Path()
	if len(path) > 2 {
		path = path[len(path)-2:]
	} else if len(path) == 2 && c.Table == model.S3 {
		path = path[1:]
	}
	lab := strings.Join(path, " ")
	if !strings.HasPrefix(lab, strOpenParen) {
		lab = " " + lab // 表三 二、上年结转…, 表二 规章
	}
	return onScreen(strf(strCellPos, c.Table.Number, lab, c.ColSpec().Label))
}
