package export

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"nianbao/model"
)

// The DOCX is written with the standard library (archive/zip and text): the
// document is one fixed layout, and writing its WordprocessingML directly
// keeps every detail Word, WPS and LibreOffice look at in view (the
// document grid, vMerge/gridSpan, tblHeader, cantSplit, the PAGE field in
// odd and even footers, font fallbacks) with no dependency to keep up.

// Page and type after GB/T 9704-2012 (党政机关公文格式), in twentieths of a
// point (twips) and half-points.
const (
	pageW, pageH = 11906, 16838 // A4
	marginTop    = 2098         // 37 mm
	marginBottom = 1984         // 35 mm
	marginLeft   = 1587         // 28 mm
	marginRight  = 1474         // 26 mm
	footerDist   = 1587         // 28 mm: the number sits 7 mm below the type area
	textW        = pageW - marginLeft - marginRight
	// 22 lines in the 225 mm type area.
	linePitch = 579
	// 28 characters of 三号 (16 pt) in 156 mm (442 pt) need a pitch of
	// 15.75 pt: the body's characters are set 0.25 pt closer. (A document
	// grid of lines and characters would say the same to Word, but
	// LibreOffice draws such a grid square, 16 characters a line.)
	charTighten = -5

	sz2      = 44 // 二号 22 pt, the title
	sz3      = 32 // 三号 16 pt, the body and headings
	sz4      = 28 // 四号 14 pt, page numbers
	sz5      = 21 // 五号 10.5 pt, tables
	szSmall5 = 18 // 小五 9 pt, table 三, so that it stays on one page
	char3    = 320
	char4    = 280

	// cellMar is a table cell's inner margin on each side (0.7 mm).
	cellMar = 40
	// figureEm is the widest advance of a figure's characters (digits,
	// the point), in ems, taken conservatively: 仿宋_GB2312's
	// digits are 0.5 em, but where it is missing a word processor takes
	// them from another face (LibreOffice on Linux: DejaVu Sans, 0.636 em).
	figureEm = 0.64
	// minFigure is the number of digits every figure column holds on one
	// line whatever the report's figures: an area's sums reach 7 digits.
	minFigure = 7
	// minFigureSz is the smallest type (half-points, 7 pt) a table's
	// figures are set in to keep them on one line.
	minFigureSz = 14
)

// figureW is the width (twips) a cell needs to hold a figure of n
// characters at sz half-points on one line: the text, both margins and a
// little slack for rounding in the word processor.
func figureW(n, sz int) int {
	return int(float64(n)*figureEm*float64(sz)*10+0.999) + 2*cellMar + 20
}

// charsW is the width (twips) a cell needs for n Chinese characters a line
// at sz half-points.
func charsW(n, sz int) int {
	return n*sz*10 + 2*cellMar + 20
}

// figureLen is the length in characters of the longest figure of t in r,
// and at least minFigure.
func figureLen(r *model.Report, t *model.Table) int {
	n := minFigure
	for _, b := range t.Blocks {
		for _, row := range b.Rows {
			for _, col := range b.Cols {
				if c, ok := model.Cell(t.Addr(row.Key, col.Key)); ok {
					n = max(n, utf8.RuneCountInString(cellText(r, c)))
				}
			}
		}
	}
	return n
}

// fitFigures is the type size, from sz down to minFigureSz, at which cols
// columns of figures of n characters leave rest twips of the type area
// for the rest of the table, and the width of each such column.
func fitFigures(n, cols, sz, rest int) (int, int) {
	for sz > minFigureSz && cols*figureW(n, sz)+rest > textW {
		sz--
	}
	return sz, figureW(n, sz)
}

// The fonts of the official document, each declared in the font table with
// a face every Chinese Windows has as its alternative, so a machine without
// the GB2312 or 方正 fonts prints in 仿宋, 黑体, 楷体 or 宋体 instead of
// whatever the word processor picks.
// The family (roman: with serifs, swiss: without) is what a word processor
// falls back on when neither face is there: LibreOffice then picks a serif
// or sans CJK face by it.
// altName is a comma-separated list of other names of the face (ECMA-376
// 17.8.3.1), tried in order.
var docxFonts = []struct{ name, alt, family string }{
	{"仿宋_GB2312", "仿宋,FangSong,STFangsong", "roman"},
	{"黑体", "SimHei,STHeiti", "swiss"},
	{"楷体_GB2312", "楷体,KaiTi,STKaiti", "roman"},
	{"方正小标宋简体", "宋体,SimSun,STSong", "roman"},
	{"宋体", "SimSun,STSong", "roman"},
	{"仿宋", "FangSong,STFangsong", "roman"},
	{"楷体", "KaiTi,STKaiti", "roman"},
}

const (
	docxBody  = "仿宋_GB2312"
	docxHei   = "黑体"
	docxKai   = "楷体_GB2312"
	docxTitle = "方正小标宋简体"
	docxSong  = "宋体"
)

// docxTime is the time stamped on every part of the package: a fixed one,
// so that the same report gives the same bytes.
var docxTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

func renderDOCX(r *model.Report, opt Options) ([]byte, error) {
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", docxContentTypes},
		{"_rels/.rels", docxRootRels},
		{"docProps/core.xml", docxCore(r)},
		{"docProps/app.xml", docxApp(opt)},
		{"word/document.xml", docxDocument(r)},
		{"word/_rels/document.xml.rels", docxDocRels},
		{"word/styles.xml", docxStyles},
		{"word/settings.xml", docxSettings},
		{"word/fontTable.xml", docxFontTable()},
		{"word/footer1.xml", docxFooter("right")},
		{"word/footer2.xml", docxFooter("left")},
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: docxTime})
		if err != nil {
			return nil, fmt.Errorf("无法生成 Word 文档：%v", err)
		}
		if _, err := f.Write([]byte(p.body)); err != nil {
			return nil, fmt.Errorf("无法生成 Word 文档：%v", err)
		}
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("无法生成 Word 文档：%v", err)
	}
	return buf.Bytes(), nil
}

const xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

const nsW = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`

const docxContentTypes = xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const docxRootRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const docxDocRels = xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
	`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/>` +
	`</Relationships>`

// docxCore holds the title and author; no time, so that the same report
// gives the same file.
func docxCore(r *model.Report) string {
	return xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xmlText(r.Title()) + `</dc:title>` +
		`<dc:creator>` + xmlText(r.Agency) + `</dc:creator>` +
		`<dc:language>zh-CN</dc:language>` +
		`</cp:coreProperties>`
}

func docxApp(opt Options) string {
	return xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
		`<Application>` + xmlText(opt.generator()) + `</Application>` +
		`</Properties>`
}

// The footers put 「— N —」 in 四号宋体 one character in from the outer
// edge: right on odd pages, left on even ones (GB/T 9704 7.5).
func docxFooter(side string) string {
	ind := `<w:ind w:right="` + strconv.Itoa(char4) + `"/>`
	if side == "left" {
		ind = `<w:ind w:left="` + strconv.Itoa(char4) + `"/>`
	}
	run := func(inner string) string {
		return `<w:r><w:rPr><w:rFonts w:ascii="` + docxSong + `" w:hAnsi="` + docxSong + `" w:eastAsia="` + docxSong + `"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>` + inner + `</w:r>`
	}
	return xmlHead + `<w:ftr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="Footer"/><w:jc w:val="` + side + `"/>` + ind + `</w:pPr>` +
		run(`<w:t xml:space="preserve">— </w:t>`) +
		run(`<w:fldChar w:fldCharType="begin"/>`) +
		run(`<w:instrText xml:space="preserve"> PAGE </w:instrText>`) +
		run(`<w:fldChar w:fldCharType="separate"/>`) +
		run(`<w:t>1</w:t>`) +
		run(`<w:fldChar w:fldCharType="end"/>`) +
		run(`<w:t xml:space="preserve"> —</w:t>`) +
		`</w:p></w:ftr>`
}

func docxFontTable() string {
	var b strings.Builder
	b.WriteString(xmlHead + `<w:fonts ` + nsW + `>`)
	for _, f := range docxFonts {
		b.WriteString(`<w:font w:name="` + f.name + `"><w:altName w:val="` + f.alt +
			`"/><w:charset w:val="86"/><w:family w:val="` + f.family + `"/><w:pitch w:val="variable"/></w:font>`)
	}
	b.WriteString(`</w:fonts>`)
	return b.String()
}

func rFonts(f string) string {
	return `<w:rFonts w:ascii="` + f + `" w:hAnsi="` + f + `" w:eastAsia="` + f + `" w:cs="` + f + `" w:hint="eastAsia"/>`
}

func szOf(hp int) string {
	s := strconv.Itoa(hp)
	return `<w:sz w:val="` + s + `"/><w:szCs w:val="` + s + `"/>`
}

// The styles: the body (Normal) on the 22-line grid with a two-character
// first-line indent and no extra space between Chinese and figures (2024年,
// as the HTML prints it; the 落款 is placed by character count); the title; headings 1 and 2 (so that Word's navigation
// pane lists the sections); table text off the grid; the draft note; the
// 落款.
var docxStyles = xmlHead + `<w:styles ` + nsW + `>` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(docxBody) + `<w:spacing w:val="` + strconv.Itoa(charTighten) + `"/>` + szOf(sz3) + `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="` + strconv.Itoa(linePitch) + `" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:ind w:firstLineChars="200" w:firstLine="` + strconv.Itoa(2*char3) + `"/><w:jc w:val="both"/></w:pPr>` +
	`<w:rPr><w:lang w:val="zh-CN" w:eastAsia="zh-CN"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:snapToGrid w:val="0"/><w:spacing w:after="` + strconv.Itoa(linePitch) + `" w:line="` + strconv.Itoa(linePitch) + `" w:lineRule="exact"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr>` + rFonts(docxTitle) + szOf(sz2) + `</w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr>` + rFonts(docxHei) + szOf(sz3) + `</w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr>` + rFonts(docxKai) + szOf(sz3) + `</w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>` +
	`<w:rPr><w:spacing w:val="0"/>` + szOf(sz5) + `</w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="DraftNote"><w:name w:val="Draft Note"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:snapToGrid w:val="0"/><w:pBdr><w:top w:val="single" w:sz="12" w:space="4" w:color="C00000"/><w:left w:val="single" w:sz="12" w:space="4" w:color="C00000"/>` +
	`<w:bottom w:val="single" w:sz="12" w:space="4" w:color="C00000"/><w:right w:val="single" w:sz="12" w:space="4" w:color="C00000"/></w:pBdr>` +
	`<w:shd w:val="clear" w:color="auto" w:fill="FFF0F0"/><w:spacing w:line="360" w:lineRule="auto"/><w:ind w:left="113" w:right="113" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr>` +
	`<w:rPr><w:color w:val="C00000"/><w:spacing w:val="0"/>` + szOf(sz4) + `</w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Signature"><w:name w:val="Signature"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:keepNext/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:rPr>` + rFonts(docxSong) + `<w:spacing w:val="0"/>` + szOf(sz4) + `</w:rPr></w:style>` +
	`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>` +
	`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
	`</w:styles>`

const docxSettings = xmlHead + `<w:settings ` + nsW + `>` +
	`<w:zoom w:percent="100"/><w:evenAndOddHeaders/><w:defaultTabStop w:val="` + "640" + `"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>` +
	`</w:settings>`

// docxWriter builds word/document.xml.
type docxWriter struct{ b strings.Builder }

// para writes a paragraph of one run of text. ppr is extra paragraph
// properties after the style, rpr run properties.
func (w *docxWriter) para(style, ppr, rpr, text string) {
	w.b.WriteString(`<w:p>`)
	if style != "" || ppr != "" {
		w.b.WriteString(`<w:pPr>`)
		if style != "" {
			w.b.WriteString(`<w:pStyle w:val="` + style + `"/>`)
		}
		w.b.WriteString(ppr)
		w.b.WriteString(`</w:pPr>`)
	}
	if text != "" {
		w.run(rpr, text)
	}
	w.b.WriteString("</w:p>\n")
}

// run writes text as one run; a tab typed in the text becomes a w:tab.
func (w *docxWriter) run(rpr, text string) {
	w.b.WriteString(`<w:r>`)
	if rpr != "" {
		w.b.WriteString(`<w:rPr>` + rpr + `</w:rPr>`)
	}
	for i, part := range strings.Split(text, "\t") {
		if i > 0 {
			w.b.WriteString(`<w:tab/>`)
		}
		if part == "" {
			continue
		}
		w.b.WriteString(`<w:t xml:space="preserve">`)
		w.b.WriteString(xmlText(part))
		w.b.WriteString(`</w:t>`)
	}
	w.b.WriteString(`</w:r>`)
}

func (w *docxWriter) paragraphs(text string) {
	for _, l := range lines(text) {
		w.para("", "", "", l)
	}
}

func docxDocument(r *model.Report) string {
	w := &docxWriter{}
	w.b.WriteString(xmlHead + `<w:document ` + nsW + `><w:body>` + "\n")
	if notes := draftNotes(r); len(notes) > 0 {
		w.para("DraftNote", "", "<w:b/>", draftTitle)
		for _, n := range notes {
			w.para("DraftNote", "", "", "· "+n)
		}
		w.para("", "", "", "")
	}
	w.title(r)
	w.paragraphs(r.Preface)
	w.para("Heading1", "", "", model.SectionHeadings[0])
	w.paragraphs(r.S1.Intro)
	for i, p := range r.S1.Parts {
		w.para("Heading2", "", "", model.PartNumber(i)+p.Title)
		w.paragraphs(p.Body)
	}
	w.para("Heading1", "", "", model.SectionHeadings[1])
	w.tableS2(r)
	w.para("Heading1", "", "", model.SectionHeadings[2])
	w.tableLabelled(r, model.S3)
	w.para("Heading1", "", "", model.SectionHeadings[3])
	w.tableOneRow(r, model.S4)
	w.para("Heading1", "", "", model.SectionHeadings[4])
	w.paragraphs(r.S5)
	w.para("Heading1", "", "", model.SectionHeadings[5])
	// 六's last paragraph keeps with the 落款, so that the 落款 never
	// stands alone on the last page.
	six := lines(r.S6)
	if s := FeeSentence(r); s != "" {
		six = append(six, s)
	}
	for i, l := range six {
		ppr := ""
		if i == len(six)-1 {
			ppr = "<w:keepNext/>"
		}
		w.para("", ppr, "", l)
	}
	w.signOff(r)
	w.b.WriteString(`<w:sectPr>` +
		`<w:footerReference w:type="default" r:id="rId4"/><w:footerReference w:type="even" r:id="rId5"/>` +
		`<w:pgSz w:w="` + strconv.Itoa(pageW) + `" w:h="` + strconv.Itoa(pageH) + `"/>` +
		fmt.Sprintf(`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="851" w:footer="%d" w:gutter="0"/>`,
			marginTop, marginRight, marginBottom, marginLeft, footerDist) +
		`<w:pgNumType w:fmt="decimal" w:start="1"/><w:cols w:space="425"/>` +
		fmt.Sprintf(`<w:docGrid w:type="lines" w:linePitch="%d"/>`, linePitch) +
		`</w:sectPr></w:body></w:document>` + "\n")
	return w.b.String()
}

// titleChars is how many characters of 二号 a line of the type area holds
// (20: 156 mm of 22 pt, set 0.25 pt closer).
const titleChars = float64(textW) / float64(sz2*10+charTighten)

// emWidth is the width of s in ems: a figure or Latin letter figureEm
// (conservatively), any other character one.
func emWidth(s string) float64 {
	w := 0.0
	for _, c := range s {
		if c < 0x2000 {
			w += figureEm
		} else {
			w++
		}
	}
	return w
}

// title writes the title; one longer than a line breaks before its year
// (「北京市密云区科学技术委员会」/「2023年政府信息公开工作年度报告」), so that
// each line is a whole phrase (回行时词意完整) instead of one character
// left alone on the second line.
func (w *docxWriter) title(r *model.Report) {
	t := r.Title()
	year := strconv.Itoa(r.Year) + "年"
	i := strings.LastIndex(t, year)
	if emWidth(t) <= titleChars || i <= 0 || emWidth(t[i:]) > titleChars {
		w.para("Title", "", "", t)
		return
	}
	w.b.WriteString(`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>`)
	w.run("", t[:i])
	w.b.WriteString(`<w:r><w:br/></w:r>`)
	w.run("", t[i:])
	w.b.WriteString("</w:p>\n")
}

// signOff writes the 落款 below the text after a blank line (see signLayout).
func (w *docxWriter) signOff(r *model.Report) {
	signer, date := signature(r)
	if signer == "" && date == "" {
		return
	}
	w.para("", "<w:keepNext/>", "", "")
	sr, dr := signLayout(signer, date)
	if signer != "" {
		w.para("Signature", rightChars(sr), "", signer)
	}
	if date != "" {
		w.para("Signature", rightChars(dr), "", date)
	}
}

// rightChars is a right indent of n characters (halves allowed), in the
// units Word reads first (hundredths of a character) and in twips.
func rightChars(n float64) string {
	return fmt.Sprintf(`<w:ind w:rightChars="%d" w:right="%d" w:firstLineChars="0" w:firstLine="0"/>`, int(n*100+0.5), int(n*char3+0.5))
}

// A table is described as rows of cells before it is written, so that the
// header layout (with its vertical merges) is worked out once.
type dcell struct {
	text    string
	span    int    // gridSpan
	vmerge  string // "", "restart" or "continue"
	align   string // "center", "left", "right"
	shade   bool
	sz      int // half-points; 0 for the table's size
	keepNxt bool
}

type drow struct {
	cells  []dcell
	header bool // repeated at the top of each page
}

// table writes a bordered table of fixed column widths (twips), rows never
// split across pages. whole keeps the table on one page with the heading
// above it when it fits (every row but the last keeps with the next).
// line, when not 0, is an exact line height (twips) for the table's text.
func (w *docxWriter) table(widths []int, sz, line int, whole bool, rows []drow) {
	w.b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="` + strconv.Itoa(sum(widths)) + `" w:type="dxa"/><w:jc w:val="center"/>` +
		`<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>` +
		`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>` +
		`<w:tblLayout w:type="fixed"/>` +
		`<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="` + strconv.Itoa(cellMar) + `" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="` + strconv.Itoa(cellMar) + `" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>`)
	w.b.WriteString(`<w:tblGrid>`)
	for _, cw := range widths {
		w.b.WriteString(`<w:gridCol w:w="` + strconv.Itoa(cw) + `"/>`)
	}
	w.b.WriteString("</w:tblGrid>\n")
	for ri, row := range rows {
		w.b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if row.header {
			w.b.WriteString(`<w:tblHeader/>`)
		}
		w.b.WriteString(`</w:trPr>`)
		col := 0
		for _, c := range row.cells {
			span := max(c.span, 1)
			w.b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + strconv.Itoa(sum(widths[col:col+span])) + `" w:type="dxa"/>`)
			if span > 1 {
				w.b.WriteString(`<w:gridSpan w:val="` + strconv.Itoa(span) + `"/>`)
			}
			switch c.vmerge {
			case "restart":
				w.b.WriteString(`<w:vMerge w:val="restart"/>`)
			case "continue":
				w.b.WriteString(`<w:vMerge/>`)
			}
			if c.shade {
				w.b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="F0F0F0"/>`)
			}
			w.b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
			ppr := `<w:jc w:val="` + c.align + `"/>`
			if line != 0 {
				ppr = `<w:spacing w:line="` + strconv.Itoa(line) + `" w:lineRule="exact"/>` + ppr
			}
			if c.keepNxt || whole && ri < len(rows)-1 {
				ppr = `<w:keepNext/>` + ppr
			}
			csz := sz
			if c.sz != 0 {
				csz = c.sz
			}
			text := c.text
			if c.vmerge == "continue" {
				text = ""
			}
			w.para("TableText", ppr, szOf(csz), text)
			w.b.WriteString(`</w:tc>`)
			col += span
		}
		w.b.WriteString("</w:tr>\n")
	}
	w.b.WriteString("</w:tbl>\n")
	// Word needs a paragraph between a table and what follows; it also
	// parts the table from the next heading.
	w.para("", "", "", "")
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// widths shares the type area's width out by per-mille shares, the last
// column taking what rounding leaves.
func widths(shares ...int) []int {
	total := 0
	for _, s := range shares {
		total += s
	}
	out := make([]int, len(shares))
	used := 0
	for i, s := range shares {
		out[i] = textW * s / total
		used += out[i]
	}
	out[len(out)-1] += textW - used
	return out
}

// numCell is a figure's cell, its type sz half-points (0: the table's).
func numCell(r *model.Report, t *model.Table, row, col string, span, sz int) dcell {
	c, _ := model.Cell(t.Addr(row, col))
	return dcell{text: cellText(r, c), span: span, align: "right", sz: sz}
}

// tableS2 draws 二 as its four blocks, each a block row, a header row and
// its data rows, kept on one page together.
func (w *docxWriter) tableS2(r *model.Report) {
	t := model.S2
	width := 0
	for _, b := range t.Blocks {
		width = max(width, len(b.Cols))
	}
	// The figure columns share two thirds of the width, or more if the
	// widest figure needs it; past what leaves the labels ten characters,
	// the figures' type gets smaller.
	fsz, fw := fitFigures(figureLen(r, t), width, sz5, charsW(10, sz5))
	fw = max(fw, textW*2/3/width)
	cols := []int{textW - width*fw}
	for range width {
		cols = append(cols, fw)
	}
	var rows []drow
	for _, b := range t.Blocks {
		// Each row but the block's last keeps with the next, so that a
		// block never starts at a page foot.
		n := 2 + len(b.Rows)
		keep := func(i int) bool { return i < n-1 }
		rows = append(rows, drow{cells: []dcell{{text: b.Title, span: 1 + width, align: "left", shade: true, keepNxt: keep(0)}}})
		head := []dcell{{text: b.ItemHeader, align: "center", keepNxt: keep(1)}}
		for i, col := range b.Cols {
			head = append(head, dcell{text: col.Label, span: spanLast(i, len(b.Cols), width), align: "center", keepNxt: keep(1)})
		}
		rows = append(rows, drow{cells: head})
		for ri, row := range b.Rows {
			cells := []dcell{{text: row.Label, align: "left", keepNxt: keep(2 + ri)}}
			for i, col := range b.Cols {
				c := numCell(r, t, row.Key, col.Key, spanLast(i, len(b.Cols), width), fsz)
				c.keepNxt = keep(2 + ri)
				cells = append(cells, c)
			}
			rows = append(rows, drow{cells: cells})
		}
	}
	w.table(cols, sz5, 0, false, rows)
}

// headerRows turns an official multi-row header into table rows: a cell
// spanning rows starts a vertical merge that the rows below continue.
// lead, when not nil, gives the cells left of the header in each row.
func headerRows(h [][]model.HeaderCell, lead func(row int) []dcell) []drow {
	width := 0
	for _, c := range h[0] {
		width += max(1, c.ColSpan)
	}
	type placed struct {
		c    *model.HeaderCell
		row0 int
	}
	grid := make([][]*placed, len(h))
	for i := range grid {
		grid[i] = make([]*placed, width)
	}
	for ri := range h {
		col := 0
		for i := range h[ri] {
			c := &h[ri][i]
			for col < width && grid[ri][col] != nil {
				col++
			}
			p := &placed{c: c, row0: ri}
			for dr := 0; dr < max(1, c.RowSpan) && ri+dr < len(h); dr++ {
				for dc := 0; dc < max(1, c.ColSpan) && col+dc < width; dc++ {
					grid[ri+dr][col+dc] = p
				}
			}
			col += max(1, c.ColSpan)
		}
	}
	var rows []drow
	for ri := range h {
		row := drow{header: true}
		if lead != nil {
			row.cells = lead(ri)
		}
		for col := 0; col < width; {
			p := grid[ri][col]
			c := dcell{align: "center"}
			if p == nil { // a hole in a malformed header: an empty cell
				row.cells = append(row.cells, c)
				col++
				continue
			}
			c.text, c.span = p.c.Text, max(1, p.c.ColSpan)
			switch {
			case p.row0 != ri:
				c.vmerge = "continue"
			case p.c.RowSpan > 1:
				c.vmerge = "restart"
			}
			row.cells = append(row.cells, c)
			col += c.span
		}
		rows = append(rows, row)
	}
	return rows
}

// tableLabelled draws 三: the corner note over the label columns, the
// three-row header repeated on each page, the nested row labels merged over
// the rows they span.
func (w *docxWriter) tableLabelled(r *model.Report, t *model.Table) {
	b := t.Blocks[0]
	depth := 1
	for _, row := range b.Rows {
		depth = max(depth, row.Level()+1)
	}
	corner := t.Corner
	if corner == "" {
		corner = b.ItemHeader
	}
	header := t.Header
	if len(header) == 0 {
		header = [][]model.HeaderCell{nil}
		for _, col := range b.Cols {
			header[0] = append(header[0], model.HeaderCell{Text: col.Label, RowSpan: 1, ColSpan: 1})
		}
	}
	rows := headerRows(header, func(ri int) []dcell {
		c := dcell{text: corner, span: depth, align: "left"}
		if len(header) > 1 {
			c.vmerge = "restart"
			if ri > 0 {
				c.vmerge = "continue"
			}
		}
		return []dcell{c}
	})
	// The figure columns are as wide as the widest figure (at least
	// minFigure digits) needs; the outer labels span many rows and need
	// little width (1 and 4 characters: 「（三）不/予公开」); the innermost
	// label, the long one, takes the rest, at least 7 characters (which
	// keeps 7-digit figures in 小五). Past that the figures' type gets
	// smaller.
	sz := szSmall5
	outer := []int{charsW(1, sz), charsW(4, sz)}
	if depth != 3 {
		outer = nil
		for range depth - 1 {
			outer = append(outer, charsW(4, sz))
		}
	}
	// Each figure column as wide as its own widest figure needs: with
	// 7-digit figures the 总计 column's reach 9 digits.
	var lens []int
	for _, col := range b.Cols {
		n := minFigure
		for _, row := range b.Rows {
			c, _ := model.Cell(t.Addr(row.Key, col.Key))
			n = max(n, utf8.RuneCountInString(cellText(r, c)))
		}
		lens = append(lens, n)
	}
	fsz := sz
	figs := func() int {
		w := 0
		for _, n := range lens {
			w += figureW(n, fsz)
		}
		return w
	}
	for fsz > minFigureSz && figs()+sum(outer)+charsW(7, sz) > textW {
		fsz--
	}
	cols := append(outer, textW-sum(outer)-figs())
	for _, n := range lens {
		cols = append(cols, figureW(n, fsz))
	}
	for i, row := range b.Rows {
		var cells []dcell
		for lv := range row.Parents {
			c := dcell{text: row.Parents[lv], align: "center"}
			switch {
			case i > 0 && samePrefix(b.Rows[i-1].Parents, row.Parents, lv+1):
				c.vmerge = "continue"
			case i+1 < len(b.Rows) && samePrefix(b.Rows[i+1].Parents, row.Parents, lv+1):
				c.vmerge = "restart"
			}
			cells = append(cells, c)
		}
		cells = append(cells, dcell{text: row.Label, span: depth - row.Level(), align: "left"})
		for _, col := range b.Cols {
			cells = append(cells, numCell(r, t, row.Key, col.Key, 1, fsz))
		}
		rows = append(rows, drow{cells: cells})
	}
	// Lines 1.15 times the type, not the face's own (1.45 em for Noto
	// CJK), so that 三 stays on one page with labels of several lines.
	w.table(cols, sz, sz*23/2, true, rows)
}

// tableOneRow draws 四: the official three-row header over one row of 15
// figures, the rows of the block side by side.
func (w *docxWriter) tableOneRow(r *model.Report, t *model.Table) {
	b := t.Blocks[0]
	rows := headerRows(t.Header, nil)
	var data []dcell
	var shares []int
	// 15 columns cannot hold 7 digits each: the figures' type gets smaller
	// as the widest of them needs (to 7 pt: 5 digits).
	n := 0
	for _, row := range b.Rows {
		for _, col := range b.Cols {
			c, _ := model.Cell(t.Addr(row.Key, col.Key))
			n = max(n, utf8.RuneCountInString(cellText(r, c)))
			shares = append(shares, 1)
		}
	}
	fsz, _ := fitFigures(n, len(shares), sz5, 0)
	for _, row := range b.Rows {
		for _, col := range b.Cols {
			data = append(data, numCell(r, t, row.Key, col.Key, 1, fsz))
		}
	}
	rows = append(rows, drow{cells: data})
	w.table(widths(shares...), sz5, 0, true, rows)
}

// xmlText escapes s for XML character data and drops what XML 1.0 cannot
// hold at all (control characters other than tab and line ends, lone
// surrogates, U+FFFE/U+FFFF): a Word document with one of them does not open.
func xmlText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i, c := range s {
		switch {
		case c == utf8.RuneError && isInvalidAt(s, i):
			continue
		case c == '&':
			b.WriteString("&amp;")
		case c == '<':
			b.WriteString("&lt;")
		case c == '>':
			b.WriteString("&gt;")
		case c == '"':
			b.WriteString("&quot;")
		case c == '\t' || c == '\n' || c == '\r':
			b.WriteRune(c)
		case c < 0x20, c >= 0x7f && c < 0xa0, c == 0xfffe, c == 0xffff, c >= 0xd800 && c < 0xe000:
			continue
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func isInvalidAt(s string, i int) bool {
	_, n := utf8.DecodeRuneInString(s[i:])
	return n <= 1
}
