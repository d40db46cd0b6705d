package pdftext

import (
	"io"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// The content streams and CMaps are tokenised here rather than by the
// library: the syntax is small, and reading it here keeps inline images,
// broken strings and deep nesting under this package's own bounds.

type kind int

const (
	kNull kind = iota
	kNum
	kStr
	kName
	kArray
	kDict
	kOp
)

// operand is one token or composite object of a content stream.
type operand struct {
	k    kind
	num  float64
	str  string // string bytes, name or operator
	arr  []operand
	dict map[string]operand
}

func (o operand) key(k string) operand {
	if o.k != kDict {
		return operand{}
	}
	return o.dict[k]
}

// maxStream bounds the decoded size of one stream.
const maxStream = 64 << 20

// streamBytes decodes a stream (or an array of streams, concatenated), or
// returns nil when the library cannot (an unknown filter, broken data).
func streamBytes(v pdf.Value) (out []byte) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	read := func(s pdf.Value) []byte {
		if s.Kind() != pdf.Stream {
			return nil
		}
		rc := s.Reader()
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, maxStream))
		return b
	}
	if v.Kind() == pdf.Array {
		for i := 0; i < v.Len() && i < 1000; i++ {
			out = append(out, read(v.Index(i))...)
			out = append(out, '\n')
			if len(out) > maxStream {
				break
			}
		}
		return out
	}
	return read(v)
}

type lexer struct {
	b   []byte
	pos int
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skip() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next returns the next object or operator; ok is false at the end.
func (l *lexer) next(depth int) (operand, bool) {
	l.skip()
	if l.pos >= len(l.b) {
		return operand{}, false
	}
	c := l.b[l.pos]
	if depth > 64 && (c == '[' || c == '<') {
		// Nesting deeper than any real content stream: flattened, so
		// that the recursion stays bounded.
		l.pos++
		return operand{}, true
	}
	switch {
	case c == '(':
		return operand{k: kStr, str: l.literal()}, true
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		l.pos += 2
		d := map[string]operand{}
		for {
			l.skip()
			if l.pos >= len(l.b) {
				break
			}
			if l.b[l.pos] == '>' {
				l.pos += 2
				break
			}
			k, ok := l.next(depth + 1)
			if !ok {
				break
			}
			if k.k != kName {
				continue
			}
			v, ok := l.next(depth + 1)
			if !ok {
				break
			}
			if depth < 32 && len(d) < 1000 {
				d[k.str] = v
			}
		}
		return operand{k: kDict, dict: d}, true
	case c == '<':
		return operand{k: kStr, str: l.hex()}, true
	case c == '>':
		l.pos++
		return operand{k: kOp, str: ">"}, true
	case c == '[':
		l.pos++
		var a []operand
		for {
			l.skip()
			if l.pos >= len(l.b) {
				break
			}
			if l.b[l.pos] == ']' {
				l.pos++
				break
			}
			v, ok := l.next(depth + 1)
			if !ok {
				break
			}
			if v.k == kOp && (v.str == "]" || v.str == "}") {
				break
			}
			if depth < 32 && len(a) < 100000 {
				a = append(a, v)
			}
		}
		return operand{k: kArray, arr: a}, true
	case c == ']' || c == ')' || c == '{' || c == '}':
		l.pos++
		return operand{k: kOp, str: string(c)}, true
	case c == '/':
		l.pos++
		start := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		return operand{k: kName, str: unescapeName(string(l.b[start:l.pos]))}, true
	}
	start := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	if l.pos == start {
		l.pos++
		return operand{k: kOp, str: string(c)}, true
	}
	word := string(l.b[start:l.pos])
	if c == '+' || c == '-' || c == '.' || c >= '0' && c <= '9' {
		if f, err := strconv.ParseFloat(word, 64); err == nil {
			return operand{k: kNum, num: f}, true
		}
		if f, ok := looseNumber(word); ok {
			return operand{k: kNum, num: f}, true
		}
	}
	if word == "BI" {
		l.inlineImage()
		return operand{k: kOp, str: "EI"}, true
	}
	return operand{k: kOp, str: word}, true
}

// looseNumber reads numbers some producers write badly (1.2.3, --5).
func looseNumber(w string) (float64, bool) {
	neg := false
	for len(w) > 0 && (w[0] == '-' || w[0] == '+') {
		neg = neg != (w[0] == '-')
		w = w[1:]
	}
	end := 0
	dot := false
	for end < len(w) && (w[end] >= '0' && w[end] <= '9' || w[end] == '.' && !dot) {
		dot = dot || w[end] == '.'
		end++
	}
	f, err := strconv.ParseFloat(w[:end], 64)
	if err != nil {
		return 0, false
	}
	if neg {
		f = -f
	}
	return f, true
}

// inlineImage skips an inline image: its dictionary up to ID, then the
// data up to EI standing alone.
func (l *lexer) inlineImage() {
	for l.pos+1 < len(l.b) {
		if l.b[l.pos] == 'I' && l.b[l.pos+1] == 'D' && (l.pos == 0 || isWhite(l.b[l.pos-1])) &&
			(l.pos+2 >= len(l.b) || isWhite(l.b[l.pos+2])) {
			l.pos += 3
			break
		}
		l.pos++
	}
	for l.pos+1 < len(l.b) {
		if l.b[l.pos] == 'E' && l.b[l.pos+1] == 'I' && (l.pos == 0 || isWhite(l.b[l.pos-1])) &&
			(l.pos+2 >= len(l.b) || isWhite(l.b[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
	l.pos = len(l.b)
}

func unescapeName(s string) string {
	if !containsByte(s, '#') {
		return s
	}
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

func (l *lexer) literal() string {
	l.pos++ // (
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func (l *lexer) hex() string {
	l.pos++ // <
	var out []byte
	var hi int = -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return string(out)
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
