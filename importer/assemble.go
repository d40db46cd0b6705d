package importer

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
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
	titleAgencyFirst = regexp.MustCompile(`^(.*?)(\d{4})年度?政府信息公开(?:工作)?(?:年度)?(?:工作)?报告$`)
	titleYearFirst   = regexp.MustCompile(`^(\d{4})年度?(.+?)政府信息公开(?:工作)?(?:年度)?(?:工作)?报告$`)
	pageChrome       = regexp.MustCompile(`^(?:发布(?:时间|日期)|日期|来源|信息来源|字号|浏览|点击|阅读|打印|关闭|分享|【)`)
	signatureDate    = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`)
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
	if m := titleYearFirst.FindStringSubmatch(s); m != nil && !strings.ContainsAny(m[2], "0123456789") {
		y, _ := strconv.Atoi(m[1])
		return m[2], y, true
	}
	if m := titleAgencyFirst.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[2])
		return m[1], y, true
	}
	return "", 0, false
}

// looksLikeAgency accepts a short line with no sentence punctuation: the
// agency's name printed above the year line of a two-line title.
func looksLikeAgency(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 40 && !strings.ContainsAny(s, "。，；：,;:")
}

type assembler struct {
	notes []string
}

func (a *assembler) note(format string, args ...any) {
	if len(a.notes) < maxNotes {
		a.notes = append(a.notes, fmt.Sprintf(format, args...))
	}
}

// maxNotes bounds the notes of one import: a file that is not a report at
// all would otherwise list thousands.
const maxNotes = 400

// assemble builds a report from the blocks of a published page. fallbackTitle
// is the page's <title>, used when no title line is found among the blocks.
func assemble(blocks []block, opt Options, fallbackTitle string) (*model.Report, []string, error) {
	a := &assembler{}
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
		if ag, y, ok := parseTitle(b.para); ok {
			agency, year, start, found = ag, y, i+1, true
			if agency == "" && i > 0 && !blocks[i-1].isTbl && looksLikeAgency(blocks[i-1].para) {
				agency = strings.TrimSpace(blocks[i-1].para)
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
	tables := map[string][][]string{}
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
			tables[id] = append(tables[id], b.table...)
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
			if !pageChrome.MatchString(p) {
				preface = append(preface, p)
			}
		case 1:
			s1 = append(s1, p)
		case 2, 3, 4:
			if strings.HasPrefix(normLabel(p), "单位:") || strings.HasPrefix(normLabel(p), "(单位:") {
				continue // 单位：件 above a table
			}
			a.note("「%s」部分有一段文字未能放入报告：「%s」", model.SectionHeadings[section-1], clip(p))
		case 5:
			s5 = append(s5, p)
		case 6:
			s6 = append(s6, p)
		}
	}
	if headings == 0 && len(tables) == 0 {
		return nil, nil, errors.New("文件中没有找到年度报告的内容（既没有「一、总体情况」等标题，也没有统计表）；请确认导入的是政府信息公开工作年度报告")
	}
	if unknownTables > 0 {
		a.note("原文中有 %d 个表格无法判断是哪一张统计表，未导入", unknownTables)
	}

	// Trailing signature lines (the agency and the date) belong to no section.
	tail := &s6
	if len(s6) == 0 {
		tail = &s5
	}
	for len(*tail) > 0 {
		last := (*tail)[len(*tail)-1]
		if signatureDate.MatchString(foldDigits(last)) || foldDigits(last) == foldDigits(agency) {
			a.note("文末落款「%s」不属于报告正文，未导入", last)
			*tail = (*tail)[:len(*tail)-1]
			continue
		}
		break
	}

	if len(preface) > 0 {
		r.Preface = strings.Join(preface, "\n")
	} else {
		r.Preface = ""
		a.note("原文在「一、总体情况」之前没有开头段落，开头段落留空")
	}
	r.S1 = splitSection1(s1)
	r.S5 = strings.Join(s5, "\n")

	for _, t := range []*model.Table{model.S2, model.S3, model.S4} {
		a.readTable(r, t, tables[t.ID])
	}
	r.S6 = a.readFees(r, strings.Join(s6, "\n"))
	return r, a.notes, nil
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

var matchers = map[string]*rowMatcher{}

func init() {
	for _, t := range []*model.Table{model.S2, model.S3, model.S4} {
		matchers[t.ID] = newRowMatcher(t)
	}
}

func matcherFor(t *model.Table) *rowMatcher { return matchers[t.ID] }
