package importer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/width"

	"nianbao/model"
)

// sectionKeys are phrases that identify a numbered section heading even when
// a page words it a little differently from the official heading.
var sectionKeys = [6]string{"总体情况", "主动公开政府信息", "收到和处理政府信息公开申请", "行政复议", "存在的主要问题", "其他需要报告"}

// headingNumber returns 1..6 when line is the heading of that section (with
// or without its number 一、), else 0.
func headingNumber(line string) int {
	if utf8.RuneCountInString(line) > 40 {
		return 0
	}
	n := normLabel(line)
	rest, numbered := stripNumbering(n)
	for i, h := range model.SectionHeadings {
		_, title, _ := strings.Cut(h, "、")
		t := normLabel(title)
		if rest == t {
			if numbered && !strings.HasPrefix(n, model.ChineseNumber(i+1)) {
				continue
			}
			return i + 1
		}
		if numbered && strings.HasPrefix(n, model.ChineseNumber(i+1)+".") && strings.Contains(rest, sectionKeys[i]) &&
			utf8.RuneCountInString(rest) <= utf8.RuneCountInString(t)+8 {
			return i + 1
		}
	}
	return 0
}

var (
	titleAgencyFirst = lazyRegexp(`^(.*?)(\d{4})年度?政府信息公开(?:工作)?(?:年度)?(?:工作)?报告$`)
	titleYearFirst   = lazyRegexp(`^(\d{4})年度?(.+?)政府信息公开(?:工作)?(?:年度)?(?:工作)?报告$`)
	// partStart is a line that starts a sub-part of 一 (（一）…): in text
	// whose lines were broken by a page, it starts a paragraph.
	partStart     = lazyRegexp(`^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]`)
	pageChrome    = lazyRegexp(`^(?:发布(?:时间|日期)|日期|来源|信息来源|字号|浏览|点击|阅读|打印|关闭|分享|【)`)
	footerChrome  = lazyRegexp(`主办单位|承办单位|主办：|承办：|网站标识码|ICP备|ICP证|公网安备|版权所有|技术支持|联系我们|网站地图|打印本页|关闭窗口|【打印】|【关闭】|返回顶部|扫一扫`)
	titleYear     = lazyRegexp(`\d{4}年`)
	signatureDate = lazyRegexp(`^\d{4}年\d{1,2}月\d{1,2}日$`)
)

// foldDigits writes full-width digits narrow and drops spaces, for matching
// titles and dates only; narrative text is kept as published.
func foldDigits(s string) string {
	s = width.Fold.String(s)
	return strings.Join(strings.Fields(s), "")
}

// parseTitle reads agency and year from a title line. agency is empty when
// the line holds only the year part (the agency stands on the line above).
func parseTitle(line string) (agency string, year int, ok bool) {
	s := foldDigits(line)
	if utf8.RuneCountInString(s) > 80 {
		return "", 0, false
	}
	if m := titleYearFirst().FindStringSubmatch(s); m != nil && !strings.ContainsAny(m[2], "0123456789") && m[2] != "度" {
		y, _ := strconv.Atoi(m[1])
		return m[2], y, true
	}
	if m := titleAgencyFirst().FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[2])
		return m[1], y, true
	}
	return "", 0, false
}

// isAgencyLine accepts the agency's name printed under a generic title: a
// name, not a date, a heading or the start of the text.
func isAgencyLine(s string) bool {
	s = strings.TrimSpace(s)
	if _, ok := signatureDay(s); ok || !looksLikeAgency(s) || headingNumber(s) > 0 || pageChrome().MatchString(s) {
		return false
	}
	_, kindOK := guessKind(s)
	return kindOK || strings.HasSuffix(s, "局") || strings.HasSuffix(s, "委员会") || strings.HasSuffix(s, "政府") ||
		strings.HasSuffix(s, "办公室") || strings.HasSuffix(s, "中心") || strings.HasSuffix(s, "厅") || strings.HasSuffix(s, "处")
}

// sentencePunct ends or divides a sentence: a 落款 has none.
const sentencePunct = "。，；：！？,;:!?"

// looksLikeAgency accepts a short line with no sentence punctuation: the
// agency's name printed above the year line of a two-line title.
func looksLikeAgency(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 40 && !strings.ContainsAny(s, "。，；：,;:")
}

type assembler struct {
	notes []string
	kept  []model.Note // the notes about cells, kept with the report
	// fromPDF: the tables were rebuilt from the positions of a PDF's text
	// (or from text extracted from a PDF), where a label standing alone on
	// its line may belong to the figures above it as well as below, and
	// where a fragment of a wrapped label may stand beside figures. Only a
	// label beside its figures places them; the rest are placed by position
	// where the count fits, or by the table's arithmetic.
	fromPDF bool
	// orderOnly: text extracted from a PDF without column positions
	// (pdftotext's default), where a table's cells are known only by the
	// order of their figures (see orderRead).
	orderOnly bool
	flows     map[string][]int // for each table's rows, its flow (see block)
	// cutTable is the table the text stops in (see block.cut), "" when
	// none does.
	cutTable string
	// splitBudget bounds the work of reading run-together cells over the
	// whole import.
	splitBudget int
}

func (a *assembler) note(format string, args ...any) {
	if len(a.notes) < maxNotes {
		a.notes = append(a.notes, fmt.Sprintf(format, args...))
	}
}

// cellNote is a note about cells: shown like any other, and kept with the
// report (model.Report.Notes) until those cells change or the officer
// dismisses it.
func (a *assembler) cellNote(cells []model.CellAddr, format string, args ...any) {
	if len(a.notes) >= maxNotes {
		return
	}
	text := fmt.Sprintf(format, args...)
	a.notes = append(a.notes, text)
	a.kept = append(a.kept, model.Note{Cells: cells, Text: text})
}

// inputsOf lists the input cells of rows of the format.
func inputsOf(trs ...tableRow) []model.CellAddr {
	var out []model.CellAddr
	for _, tr := range trs {
		for _, c := range tr.cells {
			if !c.Computed {
				out = append(out, c.Addr)
			}
		}
	}
	return out
}

func tableInputs(t *model.Table) []model.CellAddr {
	var out []model.CellAddr
	for _, c := range t.Inputs() {
		out = append(out, c.Addr)
	}
	return out
}

// maxNotes bounds the notes of one import: a file that is not a report at
// all would otherwise list thousands.
const maxNotes = 400

// assemble builds a report from the blocks of a published page. fallbackTitle
// is the page's <title>, used when no title line is found among the blocks.
func assemble(blocks []block, opt Options, fallbackTitle string) (*model.Report, []string, error) {
	return assembleWith(&assembler{}, blocks, opt, fallbackTitle)
}

func assembleWith(a *assembler, blocks []block, opt Options, fallbackTitle string) (*model.Report, []string, error) {
	a.splitBudget = 1_000_000
	// The title: the first paragraph that parses as one, within the first
	// paragraphs before any section heading.
	// Without a title line the report starts at the first block (start 0).
	agency, year, start := "", 0, 0
	found := false
	paras := 0
	for i, b := range blocks {
		if b.isTbl || headingNumber(b.para) > 0 || paras > 30 {
			break
		}
		paras++
		// A title in a large font may wrap onto a second or third line
		// (a PDF, text extracted from one).
		title, used := b.para, 1
		_, _, ok := parseTitle(title)
		// Only a line with the year (北京市…2023年政府信) starts a wrapped
		// title: the line before a title is not part of it.
		for k := 1; !ok && titleYear().MatchString(foldDigits(title)) && k <= 2 && i+k < len(blocks) && !blocks[i+k].isTbl && headingNumber(blocks[i+k].para) == 0; k++ {
			if utf8.RuneCountInString(title) > 40 {
				break
			}
			if _, _, whole := parseTitle(blocks[i+k].para); whole {
				break // the title is the next line by itself
			}
			title += strings.TrimSpace(blocks[i+k].para)
			if _, _, ok = parseTitle(title); ok {
				used = k + 1
			}
		}
		if ag, y, ok := parseTitle(title); ok {
			agency, year, start, found = ag, y, i+used, true
			switch {
			case agency != "":
			case i > 0 && !blocks[i-1].isTbl && looksLikeAgency(blocks[i-1].para):
				agency = strings.TrimSpace(blocks[i-1].para)
			case start < len(blocks) && !blocks[start].isTbl && isAgencyLine(blocks[start].para):
				// A generic title with the agency on the line under it.
				agency, start = strings.TrimSpace(blocks[start].para), start+1
			}
			break
		}
	}
	if !found && fallbackTitle != "" {
		if ag, y, ok := parseTitle(fallbackTitle); ok {
			agency, year, found = ag, y, true
		}
	}
	if opt.Agency != "" {
		agency = opt.Agency
	}
	if opt.Year != 0 {
		year = opt.Year
	}
	agency = strings.TrimSpace(agency)
	if agency == "" || year == 0 {
		return nil, nil, errors.New("没有在文件中找到报告标题（例如「北京市某某局2023年政府信息公开工作年度报告」），无法确定机关名称和年度；请指定机关名称和年度后再导入")
	}
	if year < 1990 || year > 2100 {
		return nil, nil, fmt.Errorf("标题中的年度 %d 不像是报告年度；请指定年度后再导入", year)
	}

	kind, kindOK := guessKind(agency)
	r := model.New(agency, year, kind, model.ScopeSelf)
	if !kindOK {
		a.note("原文没有写明机关类型，也无法从机关名称「%s」判断，已设为「%s」，请核对", agency, model.KindOther.Name())
	}

	var preface, s1, s5, s6 []string
	var s5Right, s6Right []bool
	var titleDate model.Date
	tables := map[string][][]string{}
	tableFlows := map[string][]int{}
	section := 0
	headings := 0
	unknownTables := 0
	for _, b := range blocks[start:] {
		if b.isTbl {
			id := classifyTable(b.table, section)
			if id == "" {
				unknownTables++
				continue
			}
			// Each row's flow, where known; else a flow of its own.
			for i := range b.table {
				f := -1 - len(tableFlows[id])
				if b.flows != nil {
					f = b.flows[i]
				}
				tableFlows[id] = append(tableFlows[id], f)
			}
			tables[id] = append(tables[id], b.table...)
			if b.cut {
				a.cutTable = id
			}
			continue
		}
		p := strings.TrimSpace(b.para)
		if p == "" {
			continue
		}
		if k := headingNumber(p); k > section {
			section = k
			headings++
			continue
		}
		switch section {
		case 0:
			if d, ok := signatureDay(p); ok {
				// A date under the title: the report's date when no
				// 落款 gives one.
				if titleDate == "" {
					titleDate = d
				}
				continue
			}
			if !pageChrome().MatchString(p) {
				preface = append(preface, p)
			}
		case 1:
			s1 = append(s1, p)
		case 2, 3, 4:
			if matchers()[fmt.Sprintf("s%d", section)].isFrame(p) {
				continue // 单位：件 above a table, a block title, 三's corner note
			}
			a.note("「%s」部分有一段文字未能放入报告：「%s」", model.SectionHeadings[section-1], clip(p))
		case 5:
			s5 = append(s5, p)
			s5Right = append(s5Right, b.right)
		case 6:
			s6 = append(s6, p)
			s6Right = append(s6Right, b.right)
		}
	}
	if headings == 0 && len(tables) == 0 {
		return nil, nil, errors.New("文件中没有找到年度报告的内容（既没有「一、总体情况」等标题，也没有统计表）；请确认导入的是政府信息公开工作年度报告")
	}
	if unknownTables > 0 {
		a.note("原文中有 %d 个表格无法判断是哪一张统计表，未导入", unknownTables)
	}

	// The 落款 (the signing agency and the date) ends the report; what
	// follows it (page chrome, an attachment's title) belongs to no part.
	tail, right := &s6, s6Right
	if len(s6) == 0 {
		tail, right = &s5, s5Right
	}
	a.readSignature(r, tail, right, agency)
	if r.Date == "" && titleDate != "" {
		r.Date = titleDate
		a.note("原文没有落款日期，已把标题下的日期 %s 作为成文日期，请核对", titleDate)
	}

	if len(preface) > 0 {
		r.Preface = strings.Join(preface, "\n")
	} else {
		r.Preface = ""
		a.note("原文在「一、总体情况」之前没有开头段落，开头段落留空")
	}
	r.S1 = splitSection1(s1)
	r.S5 = strings.Join(s5, "\n")

	a.flows = tableFlows
	for _, t := range []*model.Table{model.S2, model.S3, model.S4} {
		a.readTable(r, t, tables[t.ID])
	}
	r.S6 = a.readFees(r, strings.Join(s6, "\n"))

	// What came in goes through the model's own checks: control
	// characters removed from texts (and said), names, sizes and the
	// number of 一's sub-parts refused with the model's Chinese message.
	for i := range r.S1.Parts {
		t, _ := model.CleanText(r.S1.Parts[i].Title)
		r.S1.Parts[i].Title = strings.Join(strings.Fields(t), " ")
	}
	removed, err := r.Sanitize()
	if err != nil {
		return nil, nil, fmt.Errorf("无法导入：%w", err)
	}
	if removed > 0 {
		a.note("原文中有 %d 个控制字符（不可见的特殊字符），已删去", removed)
	}
	// Notes about cells are kept with the report, after every cell is set
	// (setting a cell drops the notes that name it).
	for _, n := range a.kept {
		r.AddNote(n.Text, n.Cells...)
	}
	return r, a.notes, nil
}

// readSignature takes the 落款 off the end of the last part: a date line
// (2024年1月20日, or 二〇二四年一月二十日) and the signing agency above it,
// read into the report's signer (left empty when it is the agency itself,
// so that a renamed agency signs with its new name) and date. Lines after
// the date belong to no part and are left out with a note each. right says
// which of tail's paragraphs are set right-aligned (nil where the form
// does not say).
func (a *assembler) readSignature(r *model.Report, tail *[]string, right []bool, agency string) {
	paras := *tail
	// A page's footer copied with the report (打印本页, 主办单位, the
	// site's registration numbers) belongs to no part.
	for len(paras) > 0 {
		last := strings.TrimSpace(paras[len(paras)-1])
		if !pageChrome().MatchString(last) && !footerChrome().MatchString(last) {
			break
		}
		a.note("文末「%s」是网页的页脚，不属于报告的任何部分，未导入", clip(last))
		paras = paras[:len(paras)-1]
	}
	*tail = paras
	d := -1
	for i := len(paras) - 1; i >= 0 && i >= len(paras)-6; i-- {
		if _, ok := signatureDay(paras[i]); ok {
			d = i
			break
		}
	}
	if d < 0 {
		// No date: a last line that names an organ is the 落款 (the
		// agency's name, or an organ's: 某县测试局办公室), and so is a
		// short right-aligned line of a .docx or HTML; said in a note, as
		// a real last paragraph of 六 could read so. A PDF's lines may
		// have run the agency on after the last sentence.
		if n := len(paras); n > 0 {
			last := strings.TrimSpace(paras[n-1])
			same := foldDigits(last) == foldDigits(agency)
			organ := !strings.ContainsAny(last, sentencePunct) &&
				(isAgencyLine(last) || n-1 < len(right) && right[n-1] && looksLikeAgency(last) && headingNumber(last) == 0)
			if same || organ {
				*tail = paras[:n-1]
				if !same {
					r.Signer = last
					a.note("文末「%s」没有日期，已作为落款机关读入，不作为正文，请核对", clip(last))
				}
			} else if cut, ok := strings.CutSuffix(last, agency); ok && agency != "" && strings.HasSuffix(cut, "。") {
				paras[n-1] = cut
			}
		}
		return
	}
	for _, p := range paras[d+1:] {
		a.note("文末「%s」在落款之后，不属于报告的任何部分，未导入", clip(p))
	}
	date, _ := signatureDay(paras[d])
	r.Date = date
	end := d
	if d > 0 {
		s := strings.TrimSpace(paras[d-1])
		// A PDF's lines may have run the signing agency on after the
		// last sentence (…987.65 元。北京市某某局).
		before := ""
		if i := strings.LastIndex(s, "。"); i >= 0 && isAgencyLine(s[i+len("。"):]) {
			before, s = s[:i+len("。")], s[i+len("。"):]
		}
		if looksLikeAgency(s) && !strings.ContainsAny(s, "。！？") {
			if foldDigits(s) != foldDigits(agency) {
				r.Signer = s
			}
			end = d - 1
			if before != "" {
				paras[end] = before
				end++
			}
		}
	}
	*tail = paras[:end]
}

var (
	sigDateArabic  = lazyRegexp(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
	sigDateChinese = lazyRegexp(`^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$`)
)

// signatureDay reads a 落款 date line as a model.Date.
func signatureDay(line string) (model.Date, bool) {
	s := foldDigits(line)
	var y, m, d int
	if g := sigDateArabic().FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if g := sigDateChinese().FindStringSubmatch(s); g != nil {
		for _, r := range g[1] {
			y = y*10 + strings.IndexRune("〇一二三四五六七八九", r)/len("〇")
		}
		if strings.HasPrefix(g[1], "零") {
			return "", false
		}
		m, d = chineseSmall(g[2]), chineseSmall(g[3])
	} else {
		return "", false
	}
	date := model.Date(fmt.Sprintf("%04d-%02d-%02d", y, m, d))
	return date, date.Valid()
}

// chineseSmall reads 一 … 三十一.
func chineseSmall(s string) int {
	digit := func(r rune) int { return strings.IndexRune("〇一二三四五六七八九", r) / len("〇") }
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digit(rs[0])
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digit(rs[1])
	case len(rs) == 2 && rs[1] == '十':
		return digit(rs[0]) * 10
	case len(rs) == 3 && rs[1] == '十':
		return digit(rs[0])*10 + digit(rs[2])
	}
	return 0
}

// splitSection1 splits 一's paragraphs into the opening and the sub-parts
// headed （一）（二）…, dropping the numbers from the titles: the one splitter
// every way into 一 shares.
func splitSection1(paras []string) model.Section1 { return model.SplitSection1(paras) }

// clip shortens a text quoted in a note.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// markers2019 are headers found only in the 2019 trial layout of table 二.
var markers2019 = []string{"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "本年增减", "第二十条第(九)项"}

func is2019(rows [][]string) bool {
	for _, row := range rows {
		for _, c := range row {
			n := normLabel(c)
			for _, m := range markers2019 {
				if strings.Contains(n, m) {
					return true
				}
			}
		}
	}
	return false
}

// classifyTable says which statistical table a table is, by its labels, or
// by the section it stands in when the labels say nothing.
func classifyTable(rows [][]string, section int) string {
	if is2019(rows) {
		return "s2"
	}
	score := map[string]int{}
	for _, t := range []*model.Table{model.S2, model.S3, model.S4} {
		m := matcherFor(t)
		for _, row := range rows {
			for _, c := range row {
				if c == "" {
					continue
				}
				if _, ok := m.row(c); ok {
					score[t.ID] += 2
				} else if m.isFrame(c) {
					score[t.ID]++
				}
			}
		}
	}
	for _, row := range rows {
		for _, c := range row {
			if strings.Contains(c, "第二十条") {
				score["s2"] += 2
			}
		}
	}
	best, bestScore, tie := "", 0, false
	for _, id := range []string{"s2", "s3", "s4"} {
		switch {
		case score[id] > bestScore:
			best, bestScore, tie = id, score[id], false
		case score[id] == bestScore && bestScore > 0:
			tie = true
		}
	}
	if best != "" && !tie {
		return best
	}
	if section >= 2 && section <= 4 {
		return fmt.Sprintf("s%d", section)
	}
	return ""
}

var matchers = sync.OnceValue(func() map[string]*rowMatcher {
	m := map[string]*rowMatcher{}
	for _, t := range []*model.Table{model.S2, model.S3, model.S4} {
		m[t.ID] = newRowMatcher(t)
	}
	return m
})

func matcherFor(t *model.Table) *rowMatcher { return matchers()[t.ID] }
