// Package pdftext extracts the characters drawn on the pages of a PDF file,
// each with its position and size, and the straight ruling lines (table
// borders). It reads what an importer needs to rebuild paragraphs and table
// cells from coordinates, and nothing else: no images, no colours, no
// layout.
//
// The file structure (cross-reference tables and streams, object streams,
// filters, encryption with an empty password) is read by
// github.com/ledongthuc/pdf, a descendant of rsc.io/pdf (BSD licence, pure
// Go). Everything above it (content streams, fonts, ToUnicode maps, Type 3
// fonts, form XObjects) is interpreted here, so that the library can be
// replaced by another that reads objects and streams without touching the
// importer. The library reports malformed input by panicking; every entry
// point here recovers and returns an error instead, and bounds the work done
// for one file (pages, operators, glyphs, nesting) so that no input hangs.
package pdftext

import (
	"bytes"
	"math"
	"strings"
	"unicode/utf16"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Glyph is one character code drawn on a page. Coordinates are in points
// from the top-left corner of the page, y growing downwards; Y is the
// baseline.
type Glyph struct {
	X, Y float64
	W    float64 // advance width; estimated from Size when the font gives none
	Size float64 // font size on the page
	Text string  // usually one character; "" for the tail of an ActualText span
	// Unmapped: the font says nothing about which character the code is
	// (a Type 3 or CID font without a ToUnicode map); Text is then "\uFFFD".
	Unmapped bool
}

// Seg is a straight horizontal or vertical ruling line (a table border).
type Seg struct {
	X1, Y1, X2, Y2 float64 // X1 <= X2, Y1 <= Y2
}

// Horizontal reports whether s runs left to right.
func (s Seg) Horizontal() bool { return s.Y2-s.Y1 < s.X2-s.X1 }

// Page is what one page draws.
type Page struct {
	Width, Height float64
	Glyphs        []Glyph
	Segs          []Seg
}

// Limits bound the work done for one file.
type Limits struct {
	Pages     int // pages read; more are left out
	Operators int // content stream operators over all pages
	Glyphs    int // glyphs over all pages
}

// DefaultLimits are far above any annual report (a few dozen pages).
var DefaultLimits = Limits{Pages: 300, Operators: 3_000_000, Glyphs: 1_000_000}

// stop aborts the interpretation of a file when a limit is reached.
type stop struct{ err error }

// Doc is what a PDF file draws, page by page, and its title as the
// document information says it.
type Doc struct {
	Title string
	Pages []Page
}

// Read extracts every page of the PDF in data.
func Read(data []byte, lim Limits) (doc *Doc, err error) {
	defer func() {
		if x := recover(); x != nil {
			doc = nil
			if s, ok := x.(stop); ok {
				err = s.err
				return
			}
			err = ErrDamaged
		}
	}()
	if tooDeep(data) {
		return nil, ErrDamaged
	}
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		msg := err.Error()
		switch {
		case strings.Contains(msg, "encrypt") || strings.Contains(msg, "password"):
			return nil, ErrEncrypted
		case strings.Contains(msg, "not a PDF"):
			return nil, ErrNotPDF
		}
		return nil, ErrDamaged
	}
	x := &extractor{lim: lim, cmaps: map[string]map[uint32]string{}}
	root := r.Trailer().Key("Root").Key("Pages")
	x.walkPages(root, pdf.Value{}, 0)
	doc = &Doc{Pages: x.pages}
	if t := r.Trailer().Key("Info").Key("Title"); t.Kind() == pdf.String {
		doc.Title = textString(t.RawString())
	}
	return doc, nil
}

type extractor struct {
	lim   Limits
	cmaps map[string]map[uint32]string // ToUnicode maps read, by stream
	pages []Page
	ops   int
	glyph int
}

// inherited page attributes.
type inherit struct {
	resources pdf.Value
	mediaBox  pdf.Value
}

func (x *extractor) walkPages(node pdf.Value, _ pdf.Value, depth int) {
	x.walk(node, inherit{}, depth)
}

func (x *extractor) walk(node pdf.Value, inh inherit, depth int) {
	if depth > 32 || len(x.pages) >= x.lim.Pages || node.Kind() != pdf.Dict {
		return
	}
	if v := node.Key("Resources"); v.Kind() == pdf.Dict {
		inh.resources = v
	}
	if v := node.Key("MediaBox"); v.Kind() == pdf.Array && v.Len() == 4 {
		inh.mediaBox = v
	}
	kids := node.Key("Kids")
	if node.Key("Type").Name() == "Pages" || (kids.Kind() == pdf.Array && node.Key("Type").Name() != "Page") {
		n := kids.Len()
		if n > x.lim.Pages {
			n = x.lim.Pages
		}
		for i := 0; i < n; i++ {
			x.walk(kids.Index(i), inh, depth+1)
		}
		return
	}
	x.page(node, inh)
}

func (x *extractor) page(p pdf.Value, inh inherit) {
	llx, lly, urx, ury := 0.0, 0.0, 595.0, 842.0
	if mb := inh.mediaBox; mb.Kind() == pdf.Array {
		llx, lly, urx, ury = mb.Index(0).Float64(), mb.Index(1).Float64(), mb.Index(2).Float64(), mb.Index(3).Float64()
		if urx < llx {
			llx, urx = urx, llx
		}
		if ury < lly {
			lly, ury = ury, lly
		}
	}
	pg := Page{Width: urx - llx, Height: ury - lly}
	// Page space to top-left origin: x - llx, ury - y.
	base := matrix{1, 0, 0, -1, -llx, ury}
	c := &content{x: x, page: &pg, res: inh.resources}
	c.g.ctm = base
	c.g.th = 1
	c.run(p.Key("Contents"), 0)
	x.pages = append(x.pages, pg)
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m, then n).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return x*m[0] + y*m[2] + m[4], x*m[1] + y*m[3] + m[5]
}

type gstate struct {
	ctm                matrix
	tc, tw, th, tl, ts float64
	font               *font
	size               float64
}

// content interprets one content stream (a page's or a form's).
type content struct {
	x     *extractor
	page  *Page
	res   pdf.Value
	g     gstate
	stack []gstate
	tm    matrix
	tlm   matrix
	// the path being built, in page space
	path  []Seg
	rects []Seg
	// boxes are the bounding boxes of the subpaths of the path, in page
	// space: a thin filled polygon (a bevelled border) is a line too.
	boxes []Seg
	cur   [2]float64 // current point, user space
	open  [2]float64 // start of the subpath, user space
	// ActualText spans: the depth of marked content and, when a span
	// with ActualText is open, its text and depth.
	fonts        map[string]*font // by resource name, for this stream
	fontDict     pdf.Value
	fontDictRead bool
	mcDepth      int
	actual       string
	actualAt     int
	actualUsed   bool
}

func (c *content) run(strm pdf.Value, depth int) {
	data := streamBytes(strm)
	if len(data) == 0 {
		return
	}
	l := &lexer{b: data}
	var stack []operand
	for {
		v, ok := l.next(0)
		if !ok {
			return
		}
		if v.k != kOp {
			if len(stack) < 64 {
				stack = append(stack, v)
			}
			continue
		}
		c.x.ops++
		if c.x.ops > c.x.lim.Operators {
			panic(stop{ErrTooBig})
		}
		c.op(v.str, stack, depth)
		stack = stack[:0]
	}
}

func num(args []operand, i int) float64 {
	if i >= len(args) || args[i].k != kNum {
		return 0
	}
	f := args[i].num
	if math.IsNaN(f) || math.IsInf(f, 0) || f > 1e7 || f < -1e7 {
		return 0
	}
	return f
}

func mat(args []operand) matrix {
	var m matrix
	for i := 0; i < 6; i++ {
		m[i] = num(args, i)
	}
	return m
}

func (c *content) op(op string, args []operand, depth int) {
	switch op {
	case "q":
		if len(c.stack) < 64 {
			c.stack = append(c.stack, c.g)
		}
	case "Q":
		if n := len(c.stack); n > 0 {
			c.g = c.stack[n-1]
			c.stack = c.stack[:n-1]
		}
	case "cm":
		if len(args) == 6 {
			c.g.ctm = mat(args).mul(c.g.ctm)
		}
	case "BT":
		c.tm, c.tlm = identity, identity
	case "Tc":
		c.g.tc = num(args, 0)
	case "Tw":
		c.g.tw = num(args, 0)
	case "Tz":
		c.g.th = num(args, 0) / 100
	case "TL":
		c.g.tl = num(args, 0)
	case "Ts":
		c.g.ts = num(args, 0)
	case "Tf":
		if len(args) == 2 && args[0].k == kName {
			c.g.font = c.font(args[0].str)
			c.g.size = num(args, 1)
		}
	case "Td", "TD":
		if len(args) == 2 {
			if op == "TD" {
				c.g.tl = -num(args, 1)
			}
			c.tlm = matrix{1, 0, 0, 1, num(args, 0), num(args, 1)}.mul(c.tlm)
			c.tm = c.tlm
		}
	case "Tm":
		if len(args) == 6 {
			c.tm = mat(args)
			c.tlm = c.tm
		}
	case "T*":
		c.nextLine()
	case "Tj":
		if len(args) == 1 && args[0].k == kStr {
			c.show(args[0].str)
		}
	case "'":
		if len(args) == 1 && args[0].k == kStr {
			c.nextLine()
			c.show(args[0].str)
		}
	case "\"":
		if len(args) == 3 && args[2].k == kStr {
			c.g.tw, c.g.tc = num(args, 0), num(args, 1)
			c.nextLine()
			c.show(args[2].str)
		}
	case "TJ":
		if len(args) == 1 && args[0].k == kArray {
			for _, v := range args[0].arr {
				switch v.k {
				case kStr:
					c.show(v.str)
				case kNum:
					c.tm = matrix{1, 0, 0, 1, -num([]operand{v}, 0) / 1000 * c.g.size * c.g.th, 0}.mul(c.tm)
				}
			}
		}
	case "BDC":
		c.mcDepth++
		if len(args) == 2 {
			if at := args[1].key("ActualText"); at.k == kStr && c.actualAt == 0 {
				c.actual, c.actualAt, c.actualUsed = textString(at.str), c.mcDepth, false
			}
		}
	case "BMC":
		c.mcDepth++
	case "EMC":
		if c.actualAt == c.mcDepth {
			c.actualAt = 0
		}
		if c.mcDepth > 0 {
			c.mcDepth--
		}
	case "Do":
		if len(args) == 1 && args[0].k == kName && depth < 8 {
			c.form(args[0].str, depth)
		}
	// Paths: only straight lines matter (table borders).
	case "m":
		c.cur = [2]float64{num(args, 0), num(args, 1)}
		c.open = c.cur
		x, y := c.g.ctm.apply(c.cur[0], c.cur[1])
		if len(c.boxes) < 100000 {
			c.boxes = append(c.boxes, Seg{x, y, x, y})
		}
	case "l":
		p := [2]float64{num(args, 0), num(args, 1)}
		c.line(c.cur, p)
		c.cur = p
	case "c", "v", "y":
		if len(args) >= 2 {
			c.cur = [2]float64{num(args, len(args)-2), num(args, len(args)-1)}
		}
	case "h":
		c.line(c.cur, c.open)
		c.cur = c.open
	case "re":
		c.rect(num(args, 0), num(args, 1), num(args, 2), num(args, 3))
	case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*":
		c.paint(op)
	case "n":
		c.path = c.path[:0]
		c.rects = c.rects[:0]
		c.boxes = c.boxes[:0]
	}
}

func (c *content) nextLine() {
	c.tlm = matrix{1, 0, 0, 1, 0, -c.g.tl}.mul(c.tlm)
	c.tm = c.tlm
}

// form draws a form XObject.
func (c *content) form(name string, depth int) {
	xo := c.res.Key("XObject").Key(name)
	if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" {
		return
	}
	sub := &content{x: c.x, page: c.page, res: c.res}
	if r := xo.Key("Resources"); r.Kind() == pdf.Dict {
		sub.res = r
	}
	sub.g = c.g
	if m := xo.Key("Matrix"); m.Kind() == pdf.Array && m.Len() == 6 {
		var mm matrix
		for i := 0; i < 6; i++ {
			if v := m.Index(i); v.Kind() == pdf.Integer || v.Kind() == pdf.Real {
				mm[i] = v.Float64()
			}
		}
		sub.g.ctm = mm.mul(c.g.ctm)
	}
	sub.run(xo, depth+1)
}

// show draws a string in the current font.
func (c *content) show(raw string) {
	f := c.g.font
	if f == nil {
		f = unknownFont
	}
	trm := matrix{c.g.size * c.g.th, 0, 0, c.g.size, 0, c.g.ts}
	for len(raw) > 0 {
		code, n := f.next(raw)
		raw = raw[n:]
		c.x.glyph++
		if c.x.glyph > c.x.lim.Glyphs {
			panic(stop{ErrTooBig})
		}
		m := trm.mul(c.tm).mul(c.g.ctm)
		x, y := m[4], m[5]
		// The vertical scale of the glyph on the page is its size.
		size := math.Hypot(m[2], m[3]) * f.scaleY
		w0 := f.width(code) // in text space units per unit of font size
		adv := w0 * math.Hypot(m[0], m[1])
		text, mapped := f.decode(code)
		if adv <= 0 {
			adv = estimateWidth(text, size)
		}
		if c.actualAt > 0 {
			if c.actualUsed {
				text = ""
			} else {
				text, mapped, c.actualUsed = c.actual, true, true
			}
		}
		c.page.Glyphs = append(c.page.Glyphs, Glyph{X: x, Y: y, W: adv, Size: size, Text: text, Unmapped: !mapped})
		tx := w0*c.g.size + c.g.tc
		if n == 1 && code == 32 {
			tx += c.g.tw
		}
		c.tm = matrix{1, 0, 0, 1, tx * c.g.th, 0}.mul(c.tm)
	}
}

// estimateWidth guesses the advance of a glyph whose font gives none
// (Chromium's Type 3 fonts): a full square for CJK, half for the rest.
func estimateWidth(text string, size float64) float64 {
	for _, r := range text {
		if r >= 0x2E80 {
			return size
		}
	}
	return size / 2
}

// textString decodes a PDF text string (UTF-16BE with a BOM, or PDFDocEncoding
// approximated by Latin-1).
func textString(s string) string {
	if strings.HasPrefix(s, "\xfe\xff") {
		return utf16be(s[2:])
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteRune(rune(s[i]))
	}
	return b.String()
}

func utf16be(s string) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// Paths.

func (c *content) line(a, b [2]float64) {
	x1, y1 := c.g.ctm.apply(a[0], a[1])
	x2, y2 := c.g.ctm.apply(b[0], b[1])
	if x1 > x2 {
		x1, x2 = x2, x1
	}
	if y1 > y2 {
		y1, y2 = y2, y1
	}
	if len(c.path) < 100000 {
		c.path = append(c.path, Seg{x1, y1, x2, y2})
	}
	if n := len(c.boxes); n > 0 {
		b := &c.boxes[n-1]
		b.X1, b.Y1 = math.Min(b.X1, x1), math.Min(b.Y1, y1)
		b.X2, b.Y2 = math.Max(b.X2, x2), math.Max(b.Y2, y2)
	}
}

func (c *content) rect(x, y, w, h float64) {
	x1, y1 := c.g.ctm.apply(x, y)
	x2, y2 := c.g.ctm.apply(x+w, y+h)
	if x1 > x2 {
		x1, x2 = x2, x1
	}
	if y1 > y2 {
		y1, y2 = y2, y1
	}
	if len(c.rects) < 100000 {
		c.rects = append(c.rects, Seg{x1, y1, x2, y2})
	}
	c.cur = [2]float64{x, y}
	c.open = c.cur
}

// thin is the greatest thickness of a filled rectangle drawn as a line.
const thin = 3

// paint keeps the straight axis-aligned lines of the path: stroked lines,
// thin filled rectangles (how many producers draw borders) and the edges of
// stroked rectangles. A filled rectangle that is not thin is a background,
// not a border.
func (c *content) paint(op string) {
	stroke := op != "f" && op != "F" && op != "f*"
	add := func(s Seg) {
		dx, dy := s.X2-s.X1, s.Y2-s.Y1
		switch {
		case dy <= 1 && dx >= thin:
			y := (s.Y1 + s.Y2) / 2
			c.page.Segs = append(c.page.Segs, Seg{s.X1, y, s.X2, y})
		case dx <= 1 && dy >= thin:
			x := (s.X1 + s.X2) / 2
			c.page.Segs = append(c.page.Segs, Seg{x, s.Y1, x, s.Y2})
		}
	}
	if len(c.page.Segs) < 200000 {
		if stroke {
			for _, s := range c.path {
				add(s)
			}
		}
		for _, r := range c.rects {
			dx, dy := r.X2-r.X1, r.Y2-r.Y1
			switch {
			case dy <= thin && dx >= thin:
				y := (r.Y1 + r.Y2) / 2
				c.page.Segs = append(c.page.Segs, Seg{r.X1, y, r.X2, y})
			case dx <= thin && dy >= thin:
				x := (r.X1 + r.X2) / 2
				c.page.Segs = append(c.page.Segs, Seg{x, r.Y1, x, r.Y2})
			case stroke:
				add(Seg{r.X1, r.Y1, r.X2, r.Y1})
				add(Seg{r.X1, r.Y2, r.X2, r.Y2})
				add(Seg{r.X1, r.Y1, r.X1, r.Y2})
				add(Seg{r.X2, r.Y1, r.X2, r.Y2})
			}
		}
	}
	if !stroke {
		for _, b := range c.boxes {
			add(b)
		}
	}
	c.path = c.path[:0]
	c.rects = c.rects[:0]
	c.boxes = c.boxes[:0]
}

// gbk decodes GBK/GB18030 bytes (fonts with a GB CMap and no ToUnicode).
func gbk(b string) (string, bool) {
	out, err := simplifiedchinese.GB18030.NewDecoder().String(b)
	if err != nil || strings.ContainsRune(out, '\uFFFD') {
		return "", false
	}
	return out, true
}

// maxNesting bounds how deeply arrays and dictionaries nest in the file's
// objects. The library reads nested objects recursively, and a file of
// nothing but "[" would exhaust the stack (a crash no recover can catch);
// real files nest a few levels.
const maxNesting = 200

// tooDeep reports whether the objects of data nest deeper than maxNesting,
// counting brackets outside strings, comments and stream data.
func tooDeep(data []byte) bool {
	depth := 0
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case '<':
			if i+1 < len(data) && data[i+1] == '<' {
				depth++
				i++
			}
		case '>':
			if i+1 < len(data) && data[i+1] == '>' && depth > 0 {
				depth--
				i++
			}
		case '(':
			// Skip a literal string, with its nested parentheses.
			n := 1
			for i++; i < len(data) && n > 0; i++ {
				switch data[i] {
				case '\\':
					i++
				case '(':
					n++
				case ')':
					n--
				}
			}
			i--
		case '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case 's':
			if bytes.HasPrefix(data[i:], []byte("stream")) {
				if j := bytes.Index(data[i:], []byte("endstream")); j > 0 {
					i += j + len("endstream") - 1
				}
			}
		}
		if depth > maxNesting {
			return true
		}
	}
	return false
}
