package termsafe

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for in, want := range map[string]string{
		"北京市密云区科学技术委员会":              "北京市密云区科学技术委员会",
		"第一行\n\t第二行":                 "第一行\n\t第二行",
		"测\x1b]0;PWNED\a机关":          `测\x1b]0;PWNED\a机关`,
		"\x1b]52;c;aGk=\x1b\\":       `\x1b]52;c;aGk=\x1b\`,
		"a\rb\x00c\x7fd":             `a\rb\x00c\x7fd`,
		"C1 \u009b31m and \u0085":    `C1 \u009b31m and \u0085`,
		"bad \xff\xfe utf8 \xe4\xb8": `bad \xff\xfe utf8 \xe4\xb8`,
		"\b\f\v":                     `\b\f\v`,
		"":                           "",
	} {
		if got := String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
		if Safe(in) != (in == want) {
			t.Errorf("Safe(%q) = %v", in, Safe(in))
		}
	}
	if Rune('\x1b') != `\x1b` || Rune('中') != "中" || Rune('\u009b') != `\u009b` {
		t.Error("Rune")
	}
}

// TestStringNoAlloc: safe text, the common case, is returned as it is.
func TestStringNoAlloc(t *testing.T) {
	s := strings.Repeat("政府信息公开工作年度报告", 20)
	if n := testing.AllocsPerRun(100, func() { _ = String(s) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// TestWriterSplits: a character split between writes passes whole; an
// escape split the same way is rendered the same as in one piece.
func TestWriterSplits(t *testing.T) {
	in := "机关\x1b[31m名称\u009b\xff结束\xe4"
	want := String(in)
	for size := 1; size <= len(in); size++ {
		var out bytes.Buffer
		w := NewWriter(&out)
		for i := 0; i < len(in); i += size {
			n, err := w.Write([]byte(in[i:min(i+size, len(in))]))
			if err != nil || n != min(size, len(in)-i) {
				t.Fatalf("write: %d %v", n, err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("chunks of %d: %q, want %q", size, out.String(), want)
		}
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"测\x1b]0;PWNED\a机关", "\u009b\xff", "中文\n\t", "\xe4\xb8", "\\x1b"} {
		f.Add(s, 3)
	}
	f.Add("机关\x1b[31m名称\u009b\xff结束\xe4\xb8\xad文字\xe4", 12345)
	f.Fuzz(func(t *testing.T, s string, chunk int) {
		out := String(s)
		if !utf8.ValidString(out) {
			t.Fatalf("String(%q) = %q: not UTF-8", s, out)
		}
		for _, r := range out {
			if IsControl(r) {
				t.Fatalf("String(%q) = %q keeps %U", s, out, r)
			}
		}
		// Escapes are ASCII: every non-ASCII character of s is kept, in order.
		if a, b := nonASCII(s), nonASCII(out); a != b {
			t.Fatalf("String(%q) = %q: %q became %q", s, out, a, b)
		}
		if Safe(s) && out != s {
			t.Fatalf("safe %q changed to %q", s, out)
		}
		// The Writer gives the same in any chunking: even sizes, and sizes
		// that vary from write to write (chunk's bits), up to the whole.
		size := (chunk%7+7)%7 + 1
		var buf bytes.Buffer
		w := NewWriter(&buf)
		for i := 0; i < len(s); i += size {
			_, _ = w.Write([]byte(s[i:min(i+size, len(s))]))
		}
		_ = w.Flush()
		if buf.String() != out {
			t.Fatalf("writer in chunks of %d: %q, String: %q", size, buf.String(), out)
		}
		buf.Reset()
		bits := uint32(chunk)
		for i := 0; i < len(s); {
			size := int(bits%9) + 1
			if bits%13 == 0 {
				size = len(s)
			}
			bits = bits*1664525 + 1013904223
			_, _ = w.Write([]byte(s[i:min(i+size, len(s))]))
			i += size
		}
		_ = w.Flush()
		if buf.String() != out {
			t.Fatalf("writer in chunks varying with %d: %q, String: %q", chunk, buf.String(), out)
		}
	})
}

// nonASCII keeps the valid non-ASCII characters of s that are not controls.
func nonASCII(s string) string {
	var b strings.Builder
	for i, r := range s {
		if _, n := utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && n == 1 || r < 0xa0 {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestStyled: a frame's own colours pass; anything else that would act on
// the terminal is written visibly.
func TestStyled(t *testing.T) {
	for in, want := range map[string]string{
		"\x1b[1;31m错误\x1b[m 机关":           "\x1b[1;31m错误\x1b[m 机关",
		"\x1b[4:3m下划线\x1b[0m\n第二行\t":      "\x1b[4:3m下划线\x1b[0m\n第二行\t",
		"\x1b[31m测\x1b]0;PWNED\a机关\x1b[m": "\x1b[31m测\\x1b]0;PWNED\\a机关\x1b[m",
		"\x1b]52;c;aGk=\x07":              `\x1b]52;c;aGk=\a`,
		"\x1b[2J清屏 \x1b[H":                `\x1b[2J清屏 \x1b[H`,
		"\u009b31m C1 \x00 \x7f \xff":     `\u009b31m C1 \x00 \x7f \xff`,
		"lone \x1b":                       `lone \x1b`,
		"\x1b[31":                         `\x1b[31`,
		"":                                "",
	} {
		if got := Styled(in); got != want {
			t.Errorf("Styled(%q) = %q, want %q", in, got, want)
		}
	}
	frame := strings.Repeat("\x1b[1m标题\x1b[m 政府信息公开 12 345\n", 40)
	if n := testing.AllocsPerRun(100, func() { _ = Styled(frame) }); n != 0 {
		t.Errorf("a clean frame: %v allocations", n)
	}
}

func FuzzStyled(f *testing.F) {
	for _, s := range []string{"\x1b[31m测\x1b]0;PWNED\a机关\x1b[m", "\u009b\xff", "\x1b[", "\x1b[1;2:3m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Styled(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Styled(%q) = %q: not UTF-8", s, out)
		}
		// Outside SGR sequences no control character is left.
		for i := 0; i < len(out); {
			if n := sgrLen(out[i:]); n > 0 {
				i += n
				continue
			}
			r, n := utf8.DecodeRuneInString(out[i:])
			if IsControl(r) {
				t.Fatalf("Styled(%q) = %q keeps %U at %d", s, out, r, i)
			}
			i += n
		}
		if a, b := nonASCII(s), nonASCII(out); a != b {
			t.Fatalf("Styled(%q) = %q: %q became %q", s, out, a, b)
		}
	})
}

// TestWriterSafeNoAlloc: what needs no escape passes without a copy, also
// when a character is cut between writes (as a buffered writer's chunks cut
// them).
func TestWriterSafeNoAlloc(t *testing.T) {
	text := []byte(strings.Repeat("机关名称\t2023\n", 200))
	w := NewWriter(io.Discard)
	if n := testing.AllocsPerRun(20, func() {
		for i := 0; i < len(text); i += 1000 {
			_, _ = w.Write(text[i:min(i+1000, len(text))])
		}
	}); n != 0 {
		t.Errorf("%v allocations", n)
	}
}
