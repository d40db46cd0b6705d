package model

import (
	"bytes"
	"encoding/json"
	"testing"
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
		"未收到", "共收到政府信息公开申请一千二百三十四件", "，,,件", "\xff件"} {
		f.Add(s)
	}
	base := baseReport(f)
	prev := prevReport(f)
	f.Fuzz(func(t *testing.T, s string) {
		r := base.Clone()
		r.S1.Parts[1].Body = s
		r.S5 = s
		r.Preface = s
		p := prev.Clone()
		p.S6 = s
		var c Checker
		_ = c.Run(r, p)
	})
}
