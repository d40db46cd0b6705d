package pdftext

import (
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// font is what the interpreter needs of a font: how to split a string into
// codes, each code's advance width, and its text.
type font struct {
	twoByte  bool                 // Identity and UCS-2 CMaps: every code is two bytes
	gbCMap   bool                 // a GB CMap: bytes 0x81-0xFE lead a two-byte code
	ucs2     bool                 // the codes are UCS-2 (UniGB-UCS2-H)
	spaces   [4][][2]uint32       // codespace ranges of an embedded CMap, by length-1
	toUni    map[uint32]string    // from the ToUnicode map
	enc      *[256]rune           // simple fonts: the encoding, differences applied
	first    int                  // simple fonts: FirstChar
	widths   []float64            // simple fonts: Widths
	cidW     map[uint32]float64   // CID fonts: /W
	dw       float64              // CID fonts: /DW
	scaleX   float64              // width units to text space (0.001, or Type 3's FontMatrix)
	scaleY   float64              // the glyph height relative to the font size
	cache    map[uint32]decodedCh // decoded codes
	hasCodes bool                 // spaces is set
}

type decodedCh struct {
	text string
	ok   bool
}

// unknownFont stands for a font the page does not define: its codes are
// bytes with no known text.
var unknownFont = &font{scaleX: 0.001, scaleY: 1, cache: map[uint32]decodedCh{}}

func (c *content) font(name string) *font {
	// Every Tf would otherwise resolve the page's font dictionary again:
	// the library reads an object anew each time it is asked for it.
	if f, ok := c.fonts[name]; ok {
		return f
	}
	if !c.fontDictRead {
		c.fontDict, c.fontDictRead = c.res.Key("Font"), true
	}
	fd := c.fontDict.Key(name)
	f := unknownFont
	if fd.Kind() == pdf.Dict {
		f = loadFont(fd, c.x.cmaps)
	}
	if c.fonts == nil {
		c.fonts = map[string]*font{}
	}
	if len(c.fonts) < 10000 {
		c.fonts[name] = f
	}
	return f
}

// loadFont reads a font dictionary. cmaps keeps the ToUnicode maps read so
// far, by their stream (whose printed form names its place in the file):
// a font used on many pages is read on each, its map only once.
func loadFont(fd pdf.Value, cmaps map[string]map[uint32]string) *font {
	f := &font{scaleX: 0.001, scaleY: 1, dw: 1000, cache: map[uint32]decodedCh{}}
	sub := fd.Key("Subtype").Name()
	if tu := fd.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		key := tu.String()
		if m, ok := cmaps[key]; ok {
			f.toUni = m
		} else {
			f.toUni = readToUnicode(tu)
			if cmaps != nil && len(cmaps) < 10000 {
				cmaps[key] = f.toUni
			}
		}
	}
	switch sub {
	case "Type0":
		enc := fd.Key("Encoding")
		switch {
		case enc.Kind() == pdf.Name:
			n := enc.Name()
			switch {
			case strings.HasPrefix(n, "Identity"):
				f.twoByte = true
			case strings.Contains(n, "UCS2"):
				f.twoByte, f.ucs2 = true, true
			case strings.HasPrefix(n, "GB") || strings.Contains(n, "EUC"):
				f.gbCMap = true
			default:
				f.twoByte = true
			}
		case enc.Kind() == pdf.Stream:
			f.spaces = readCodespace(enc)
			f.hasCodes = len(f.spaces[0])+len(f.spaces[1])+len(f.spaces[2])+len(f.spaces[3]) > 0
			if !f.hasCodes {
				f.twoByte = true
			}
		default:
			f.twoByte = true
		}
		desc := fd.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.cidW = readW(desc.Key("W"))
	default:
		f.first = int(fd.Key("FirstChar").Int64())
		w := fd.Key("Widths")
		n := w.Len()
		if n > 65536 {
			n = 65536
		}
		for i := 0; i < n; i++ {
			f.widths = append(f.widths, w.Index(i).Float64())
		}
		f.enc = simpleEncoding(fd)
		if sub == "Type3" {
			if m := fd.Key("FontMatrix"); m.Kind() == pdf.Array && m.Len() == 6 {
				a, d := m.Index(0).Float64(), m.Index(3).Float64()
				if a < 0 {
					a = -a
				}
				if d < 0 {
					d = -d
				}
				if a > 0 && a < 10 {
					f.scaleX = a
				}
				if d > 0 && d < 10 {
					f.scaleY = d * 1000
				}
			}
		}
	}
	return f
}

// next splits the first code off a string.
func (f *font) next(s string) (code uint32, n int) {
	switch {
	case f.hasCodes:
		for l := 1; l <= 4 && l <= len(s); l++ {
			var c uint32
			for i := 0; i < l; i++ {
				c = c<<8 | uint32(s[i])
			}
			for _, r := range f.spaces[l-1] {
				if c >= r[0] && c <= r[1] {
					return c, l
				}
			}
		}
		return uint32(s[0]), 1
	case f.twoByte:
		if len(s) < 2 {
			return uint32(s[0]), 1
		}
		return uint32(s[0])<<8 | uint32(s[1]), 2
	case f.gbCMap:
		if s[0] >= 0x81 && s[0] <= 0xFE && len(s) >= 2 {
			return uint32(s[0])<<8 | uint32(s[1]), 2
		}
		return uint32(s[0]), 1
	}
	return uint32(s[0]), 1
}

// width is the advance of a code per unit of font size.
func (f *font) width(code uint32) float64 {
	var w float64
	switch {
	case f.cidW != nil || f.twoByte || f.gbCMap || f.hasCodes:
		if v, ok := f.cidW[code]; ok {
			w = v
		} else {
			w = f.dw
		}
	default:
		i := int(code) - f.first
		if i >= 0 && i < len(f.widths) {
			w = f.widths[i]
		}
	}
	if w < 0 || w > 100000 {
		w = 0
	}
	return w * f.scaleX
}

// decode is the text of a code, and whether the font says what it is.
func (f *font) decode(code uint32) (string, bool) {
	if d, ok := f.cache[code]; ok {
		return d.text, d.ok
	}
	text, ok := f.decode1(code)
	if !ok {
		text = "\uFFFD"
	}
	if len(f.cache) < 100000 {
		f.cache[code] = decodedCh{text, ok}
	}
	return text, ok
}

func (f *font) decode1(code uint32) (string, bool) {
	if s, ok := f.toUni[code]; ok && s != "" {
		return s, true
	}
	switch {
	case f.ucs2:
		return string(rune(code)), code >= 0x20
	case f.gbCMap:
		if code > 0xFF {
			return gbk(string([]byte{byte(code >> 8), byte(code)}))
		}
		if code >= 0x20 && code < 0x7F {
			return string(rune(code)), true
		}
		return "", false
	case f.twoByte || f.hasCodes:
		return "", false
	case f.enc != nil && code < 256:
		if r := f.enc[code]; r != 0 {
			return string(r), true
		}
	}
	return "", false
}

// readW reads a CID font's /W array: c [w1 w2 …] or cfirst clast w.
func readW(w pdf.Value) map[uint32]float64 {
	out := map[uint32]float64{}
	n := w.Len()
	for i := 0; i < n && len(out) < 70000; {
		c := w.Index(i)
		if c.Kind() != pdf.Integer || i+1 >= n {
			break
		}
		start := c.Int64()
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && j < 70000; j++ {
				out[uint32(start)+uint32(j)] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		end := next.Int64()
		v := w.Index(i + 2).Float64()
		if end-start > 70000 || end < start {
			break
		}
		for cid := start; cid <= end; cid++ {
			out[uint32(cid)] = v
		}
		i += 3
	}
	return out
}

// cmapOps runs the operators of a CMap stream: each gets the operands
// pushed since the operator before it.
func cmapOps(strm pdf.Value, do func(op string, args []operand)) {
	data := streamBytes(strm)
	l := &lexer{b: data}
	var stack []operand
	for n := 0; n < 1_000_000; n++ {
		v, ok := l.next(0)
		if !ok {
			return
		}
		if v.k != kOp {
			if len(stack) < 100000 {
				stack = append(stack, v)
			}
			continue
		}
		do(v.str, stack)
		stack = stack[:0]
	}
}

func codeOf(v operand) (uint32, int, bool) {
	if v.k != kStr || len(v.str) == 0 || len(v.str) > 4 {
		return 0, 0, false
	}
	var c uint32
	for i := 0; i < len(v.str); i++ {
		c = c<<8 | uint32(v.str[i])
	}
	return c, len(v.str), true
}

// readToUnicode reads a ToUnicode CMap: bfchar and bfrange entries.
func readToUnicode(strm pdf.Value) map[uint32]string {
	out := map[uint32]string{}
	cmapOps(strm, func(op string, args []operand) {
		switch op {
		case "endbfchar":
			for i := 0; i+1 < len(args) && len(out) < 200000; i += 2 {
				if c, _, ok := codeOf(args[i]); ok && args[i+1].k == kStr {
					out[c] = utf16be(args[i+1].str)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(args) && len(out) < 200000; i += 3 {
				l, _, ok1 := codeOf(args[i])
				h, _, ok2 := codeOf(args[i+1])
				d := args[i+2]
				if !ok1 || !ok2 || h < l || h-l > 65535 {
					continue
				}
				switch d.k {
				case kStr:
					base := []rune(utf16be(d.str))
					if len(base) == 0 {
						continue
					}
					for c := l; c <= h; c++ {
						r := append([]rune(nil), base...)
						r[len(r)-1] += rune(c - l)
						out[c] = string(r)
					}
				case kArray:
					for c := l; c <= h && int(c-l) < len(d.arr); c++ {
						if e := d.arr[c-l]; e.k == kStr {
							out[c] = utf16be(e.str)
						}
					}
				}
			}
		}
	})
	return out
}

// readCodespace reads the codespace ranges of an embedded CMap.
func readCodespace(strm pdf.Value) [4][][2]uint32 {
	var out [4][][2]uint32
	cmapOps(strm, func(op string, args []operand) {
		if op != "endcodespacerange" {
			return
		}
		for i := 0; i+1 < len(args); i += 2 {
			l, n1, ok1 := codeOf(args[i])
			h, n2, ok2 := codeOf(args[i+1])
			if !ok1 || !ok2 || n1 != n2 {
				continue
			}
			if len(out[n1-1]) < 100 {
				out[n1-1] = append(out[n1-1], [2]uint32{l, h})
			}
		}
	})
	return out
}

// simpleEncoding is a simple font's encoding: a base encoding with the
// /Differences applied (glyph names read where they say a character).
func simpleEncoding(fd pdf.Value) *[256]rune {
	enc := latinEncoding
	e := fd.Key("Encoding")
	diffs := pdf.Value{}
	switch e.Kind() {
	case pdf.Name:
		if e.Name() == "WinAnsiEncoding" {
			enc = winAnsi()
		}
	case pdf.Dict:
		if e.Key("BaseEncoding").Name() == "WinAnsiEncoding" {
			enc = winAnsi()
		}
		diffs = e.Key("Differences")
	}
	out := enc
	if fd.Key("Subtype").Name() == "Type3" {
		// A Type 3 font's codes mean nothing without its differences.
		out = [256]rune{}
	}
	code := -1
	for i := 0; i < diffs.Len() && i < 1024; i++ {
		v := diffs.Index(i)
		switch v.Kind() {
		case pdf.Integer:
			code = int(v.Int64())
		case pdf.Name:
			if code >= 0 && code < 256 {
				out[code] = glyphRune(v.Name())
			}
			code++
		}
	}
	return &out
}

// latinEncoding: ASCII as itself, the rest Latin-1; close enough to the
// standard encodings for the figures and punctuation a report prints.
var latinEncoding = func() [256]rune {
	var e [256]rune
	for i := 32; i < 256; i++ {
		if i < 127 || i >= 160 {
			e[i] = rune(i)
		}
	}
	return e
}()

func winAnsi() [256]rune {
	e := latinEncoding
	for c, r := range map[int]rune{0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—'} {
		e[c] = r
	}
	return e
}

// glyphNames are the standard glyph names of the characters a report's
// figures and labels use.
var glyphNames = map[string]rune{
	"space": ' ', "zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7',
	"eight": '8', "nine": '9', "period": '.', "comma": ',', "hyphen": '-', "minus": '-', "slash": '/', "colon": ':',
	"semicolon": ';', "parenleft": '(', "parenright": ')', "percent": '%', "endash": '–', "emdash": '—', "plus": '+',
	"equal": '=', "quotedbl": '"', "quotesingle": '\'', "underscore": '_', "bracketleft": '[', "bracketright": ']',
	"quotedblleft": '“', "quotedblright": '”', "quoteleft": '‘', "quoteright": '’', "bullet": '•', "ellipsis": '…',
	"exclam": '!', "question": '?', "ampersand": '&', "asterisk": '*', "numbersign": '#', "at": '@',
}

// glyphRune reads a glyph name: a standard name, a single letter, uniXXXX
// or uXXXX[XX]. Anything else (g12, cid34) says nothing: 0.
func glyphRune(name string) rune {
	if r, ok := glyphNames[name]; ok {
		return r
	}
	if len(name) == 1 && (name[0] >= 'a' && name[0] <= 'z' || name[0] >= 'A' && name[0] <= 'Z') {
		return rune(name[0])
	}
	hex := ""
	switch {
	case strings.HasPrefix(name, "uni") && len(name) == 7:
		hex = name[3:]
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		hex = name[1:]
	}
	if hex != "" {
		if v, err := strconv.ParseUint(hex, 16, 32); err == nil && v >= 0x20 && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF) {
			return rune(v)
		}
	}
	return 0
}
