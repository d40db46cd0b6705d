// Package termsafe renders text for a terminal so that no control byte from
// user data reaches it raw. A report's name or text may come from a crafted
// file; printed raw, an ESC, BEL or OSC sequence in it could retitle the
// window, write the clipboard (OSC 52) or hide what the officer reads.
//
// String and Writer render every C0 control except \n and \t, DEL, every C1
// control (U+0080–U+009F) and every byte that is not valid UTF-8 as a
// visible escape: \x1b, \r, \u009b, \xff. Everything else, Chinese text
// included, passes unchanged. Every way out to a terminal goes through one of
// them; the ways in refuse or strip such characters already (model's
// CleanText and CheckName), so this is the second line of defence.
package termsafe

import (
	"io"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// IsControl reports whether r may not reach a terminal raw: a C0 control
// other than \n and \t, DEL, or a C1 control.
func IsControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f
}

// Safe reports whether s can be printed as it is.
func Safe(s string) bool { return safe(s, false) }

// safe reports whether s holds no control character and no invalid byte,
// SGR sequences (colours) aside when sgr is set (Styled's case).
func safe(s string, sgr bool) bool { return safePrefix(s, sgr) == len(s) }

// safePrefix is the length of s's longest start that holds no control
// character and no invalid byte (SGR sequences aside when sgr is set): the
// part String leaves as it is. A sequence cut at the end counts as invalid.
func safePrefix(s string, sgr bool) int {
	for i := 0; i < len(s); {
		if sgr {
			if n := sgrLen(s[i:]); n > 0 {
				i += n
				continue
			}
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if IsControl(rune(c)) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || IsControl(r) {
			return i
		}
		i += n
	}
	return len(s)
}

// String returns s with every control character and invalid byte written
// visibly. It returns s itself (no allocation) when there is none.
func String(s string) string {
	if Safe(s) {
		return s
	}
	return string(appendSafe(make([]byte, 0, len(s)+16), s, true))
}

// Rune renders one rune as String would.
func Rune(r rune) string {
	if IsControl(r) {
		return escape(r)
	}
	return string(r)
}

// escape writes a control rune visibly: the short Go escapes for the common
// ones (\r, \a …), \xNN for the rest of C0 and DEL, \u00NN for C1.
func escape(r rune) string {
	switch r {
	case '\a':
		return `\a`
	case '\b':
		return `\b`
	case '\f':
		return `\f`
	case '\r':
		return `\r`
	case '\v':
		return `\v`
	case 0:
		return `\x00`
	}
	if r < 0x80 {
		q := strconv.QuoteRuneToASCII(r) // '\x1b'
		return q[1 : len(q)-1]
	}
	return `\u00` + strconv.FormatInt(int64(r), 16)
}

// appendSafe appends s rendered safely to b. With final unset, an
// incomplete UTF-8 sequence at the very end is left out (the Writer keeps
// it for the next Write); the returned count says how much of s was used.
func appendSafe(b []byte, s string, final bool) []byte {
	b, _ = appendSafeN(b, s, final)
	return b
}

func appendSafeN(b []byte, s string, final bool) ([]byte, int) {
	start := 0 // s[start:i] is safe and not yet appended
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if IsControl(rune(c)) {
				b = append(b, s[start:i]...)
				b = append(b, escape(rune(c))...)
				start = i + 1
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			if !final && !utf8.FullRuneInString(s[i:]) {
				break // may be completed by the next write
			}
			b = append(b, s[start:i]...)
			b = append(b, `\x`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
			i++
			start = i
			continue
		}
		if IsControl(r) {
			b = append(b, s[start:i]...)
			b = append(b, escape(r)...)
			start = i + n
		}
		i += n
	}
	b = append(b, s[start:i]...)
	return b, i
}

// Writer renders everything written through it as String does, also when a
// multi-byte character is split between two writes. Call Flush (or Close)
// at the end so that a sequence left incomplete is written, escaped.
type Writer struct {
	w       io.Writer
	pending []byte // the start of a UTF-8 sequence the next write may complete
	buf     []byte
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write renders p and writes it to the underlying writer. It reports len(p)
// when everything was written (or kept to complete a character).
func (w *Writer) Write(p []byte) (int, error) {
	n := len(p)
	if len(w.pending) > 0 {
		// The character the last write cut: completed by p's first bytes
		// (a character is at most 4 bytes), rendered the careful way.
		had := len(w.pending)
		c := append(w.pending, p[:min(len(p), utf8.UTFMax)]...)
		var used int
		w.buf, used = appendSafeN(w.buf[:0], string(c), false)
		if used == 0 { // still incomplete: p was its next bytes, all of them
			w.pending = c
			return n, nil
		}
		w.pending = c[:0]
		if err := w.out(w.buf); err != nil {
			return 0, err
		}
		// used > 0 is past every byte kept from the last write: they are the
		// start of one sequence, which either completes or is escaped byte
		// by byte (a continuation byte never starts an incomplete one).
		p = p[used-had:]
	}
	// What needs no escape, in whole characters, is written as it is: the
	// common case, a chunk of a buffered writer, costs no copy.
	// (p is read as a string in place: safePrefix keeps nothing of it.)
	i := safePrefix(unsafe.String(unsafe.SliceData(p), len(p)), false)
	if err := w.out(p[:i]); err != nil {
		return 0, err
	}
	if p = p[i:]; len(p) == 0 {
		return n, nil
	}
	// The rest, from a character to escape or a character cut at the end.
	s := string(p)
	var used int
	w.buf, used = appendSafeN(w.buf[:0], s, false)
	w.pending = append(w.pending[:0], s[used:]...)
	if err := w.out(w.buf); err != nil {
		return 0, err
	}
	return n, nil
}

// out writes b to the underlying writer unless it is empty.
func (w *Writer) out(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	_, err := w.w.Write(b)
	return err
}

func (w *Writer) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

// Flush writes a pending incomplete sequence, escaped.
func (w *Writer) Flush() error {
	if len(w.pending) == 0 {
		return nil
	}
	w.buf = appendSafe(w.buf[:0], string(w.pending), true)
	w.pending = w.pending[:0]
	_, err := w.w.Write(w.buf)
	return err
}

// Close flushes; it does not close the underlying writer.
func (w *Writer) Close() error { return w.Flush() }

// Styled is String for text that carries its own colours: a frame the UI
// drew with lipgloss. Select Graphic Rendition sequences (ESC [ digits,
// semicolons and colons, m: colour, bold, reverse, underline) pass as they
// are; every other control character, lone ESC and other escape sequences
// included (OSC, cursor movement, C1 CSI), is written visibly as String
// writes it. A frame built only of our styles and clean text is returned as
// it is, without allocating.
func Styled(s string) string {
	if styledSafe(s) {
		return s
	}
	b := make([]byte, 0, len(s)+16)
	start := 0 // s[start:i] is not yet appended
	for i := 0; i < len(s); {
		if n := sgrLen(s[i:]); n > 0 {
			b = appendSafe(b, s[start:i], true)
			b = append(b, s[i:i+n]...)
			i += n
			start = i
			continue
		}
		i++
	}
	return string(appendSafe(b, s[start:], true))
}

// styledSafe reports whether s needs no change from Styled.
func styledSafe(s string) bool { return safe(s, true) }

// sgrLen is the length of the SGR sequence s starts with, or 0.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9' || c == ';' || c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}
