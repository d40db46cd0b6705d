package model

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"nianbao/internal/termsafe"
)

// FuzzParseInput: whatever an officer types, ParseInput never panics, and a
// value it accepts is in range and reads back from its own String form.
func FuzzParseInput(f *testing.F) {
	for _, s := range []string{"12", " 12 ", "１２", "1,200", "12.5", "abc", "-3", "1.5", "0.12345", "1000000001",
		"", "1e3", "1,2", ",100", "-0", "+5", ".5", "5.", "12。5", "１,２００", "--1", "99999999999999999999", "0.0000001"} {
		for u := range 3 {
			f.Add(u, s)
		}
	}
	f.Fuzz(func(t *testing.T, u int, s string) {
		unit := Unit(((u % 3) + 3) % 3)
		v, err := ParseInput(unit, s)
		if err != nil {
			if _, ok := err.(*InputError); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		if msg := RangeProblem(unit, v); msg != "" {
			t.Fatalf("ParseInput(%v, %q) accepted %s: %s", unit, s, v, msg)
		}
		w, err := ParseInput(unit, v.String())
		if err != nil || w != v {
			t.Fatalf("%q → %s → %s, %v", s, v, w, err)
		}
	})
}

// FuzzDecode: no input makes Decode panic, and whatever it accepts encodes
// to a form that decodes and encodes to the same bytes.
func FuzzDecode(f *testing.F) {
	r := New("某局", 2024, KindCountyDept, ScopeSelf)
	_ = r.Set("s2.fees.amount", Int(12)+500_000)
	_ = r.Set("s3.new.natural", Int(3))
	r.S5 = "第一行\n第二行"
	seed, _ := Encode(r)
	f.Add(seed)
	f.Add([]byte(`{"schema":1,"cells":{"s3.new.natural":1e1,"s2.fees.amount":0.10}}`))
	f.Add([]byte(`{"schema":1,"cells":null,"s1":{"parts":null}}`))
	f.Add([]byte(`{"schema":1,"cells":{"s3.new.total":1}}`))
	f.Add([]byte(`{"schema":1,"cells":{"s3.new.natural":"1"}}`))
	f.Add([]byte(`{"schema":1,"cells":{"s3.new.natural":1,"s3.new.natural":2}}`))
	f.Add([]byte(`{"schema":1,"s5":"a\r\nb\rc","s1":{"parts":[{"title":"t\r","body":"\r\n"}]}}`))
	f.Add([]byte("\ufeff{}"))
	f.Add([]byte(`[]`))
	f.Add([]byte("{\"schema\":1,\"cells\":{ \"s3.new.natural\" :\n1 ,\"s3.ne\\u0077.business\":\t2.50}}"))
	r.Signer, r.Date, r.Units = "某县人民政府办公室", "2025-01-20", []string{NewID()}
	r.AddNote("印的总计与计算不符", "s3.new.total")
	r.AddNote("说明")
	seed2, _ := Encode(r)
	f.Add(seed2)
	f.Add([]byte(`{"schema":1,"agency":"测\u001b]0;x\u0007","s5":"a\u009bb\u0000","notes":[{"cells":null,"text":"\u001b"}]}`))
	f.Add([]byte(`{"schema":1,"date":"2024-02-29","units":[],"notes":[],"signer":""}`))
	f.Add([]byte(`{"schema":1,"id":"0123456789abcdef0123456789abcdef","previous":"x","s1":{"parts":[{"title":"a\tb"}]}}`))
	f.Add([]byte("{\"schema\":1,\"s6\":\"bad \xff utf8\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Decode(data)
		if err != nil {
			return
		}
		// The hand scanner of cells reads what encoding/json reads.
		var j struct {
			Cells map[string]json.RawMessage `json:"cells"`
		}
		if err := json.Unmarshal(bytes.TrimPrefix(data, []byte("\ufeff")), &j); err != nil {
			t.Fatalf("Decode accepted what encoding/json refuses: %v", err)
		}
		if n, _ := r.FilledCount(nil); n != len(j.Cells) {
			t.Fatalf("%d cells read, encoding/json sees %d", n, len(j.Cells))
		}
		for k, raw := range j.Cells {
			want, _ := parseDec(string(raw))
			if got, ok := r.Get(CellAddr(k)); !ok || got != want {
				t.Fatalf("cell %s = %s %v, encoding/json reads %s", k, got, ok, raw)
			}
		}
		// What comes in is clean: no control character in any name or text,
		// ids of nianbao's form, sizes within the caps.
		if err := r.Validate(); err != nil {
			t.Fatalf("Decode accepted what Validate refuses: %v", err)
		}
		for _, s := range []string{r.Agency, r.Signer, r.ID, r.Previous} {
			if strings.ContainsAny(s, "\n\t\r\x1b\x00") {
				t.Fatalf("a name keeps a control character: %q", s)
			}
		}
		a, err := Encode(r)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		r2, err := Decode(a)
		if err != nil {
			t.Fatalf("decode of own encoding: %v\n%s", err, a)
		}
		b, err := Encode(r2)
		if err != nil || !bytes.Equal(a, b) {
			t.Fatalf("not stable:\n%s\n%s", a, b)
		}
		_ = Check(r2, r) // the rules take whatever Decode accepts
	})
}

// FuzzCheckText: no narrative makes the text rules panic.
func FuzzCheckText(f *testing.F) {
	for _, s := range []string{seedAsksPara, "本年度共收到政府信息公开申请12件，上年结转两件", "结转", "件", "1,件", "十件", "均办结申请",
		"未收到", "共收到政府信息公开申请一千二百三十四件", "，,,件", "\xff件",
		"本年度发出收费通知2件，总金额100元，实际收取总金额80元。", "收费通知总金额９９９９９９９９９９万元", "费通知.,元万元",
		"2023年度，2023年，\n2023年1月1日至2023年12月31日", "与2023年度相比", "２０２３年度工作"} {
		f.Add(s)
	}
	base := baseReport(f)
	prev := prevReport(f)
	f.Fuzz(func(t *testing.T, s string) {
		r := base.Clone()
		r.S1.Parts[1].Body = s
		r.S5 = s
		r.S6 = s
		r.Preface = s
		p := prev.Clone()
		p.S6 = s
		var c Checker
		_ = c.Run(r, p)
	})
}

// FuzzParseDate: whatever is typed, ParseDate never panics; a date it
// accepts is valid and reads back from both its forms.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-01-20", "2024年1月20日", "２０２４/1/2", "2024-02-30", "", "2024-1-", "-1-1", "9999-12-31", "2024。1。2日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if _, ok := err.(*InputError); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		if d == "" {
			if strings.TrimSpace(NormalizeInput(s)) != "" {
				t.Fatalf("%q read as no date", s)
			}
			return
		}
		if !d.Valid() {
			t.Fatalf("ParseDate(%q) = %q, not valid", s, d)
		}
		for _, back := range []string{string(d), d.Chinese()} {
			if e, err := ParseDate(back); err != nil || e != d {
				t.Fatalf("%q → %q → %q → %q, %v", s, d, back, e, err)
			}
		}
	})
}

// FuzzSanitize: CleanText leaves no control character and is idempotent;
// CheckName accepts only names without controls, line breaks or tabs.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"测\x1b]0;PWNED\a机关", "a\r\nb", "\u009b", "\xff", "正常的机关名称", "a\u2028b", "\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, n := CleanText(s)
		if !utf8.ValidString(c) || strings.ContainsAny(c, "\r\x00\x1b\x7f") || n < 0 {
			t.Fatalf("CleanText(%q) = %q", s, c)
		}
		for _, r := range c {
			if termsafe.IsControl(r) {
				t.Fatalf("CleanText(%q) keeps %U", s, r)
			}
		}
		if c2, n2 := CleanText(c); c2 != c || n2 != 0 {
			t.Fatalf("CleanText not idempotent on %q", c)
		}
		if CheckName("机关名称", s) == nil {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\n\t\r\u2028\u2029") || !termsafe.Safe(s) || utf8.RuneCountInString(s) > MaxNameChars {
				t.Fatalf("CheckName accepted %q", s)
			}
		}
	})
}
