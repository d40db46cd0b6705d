package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name + ".golden"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	r := baseReport(t)
	r.ID, r.Previous = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
	clearCell(t, r, "s3.new.research") // empty cells are absent
	set(t, r, "s2.fees.amount", "12.5")
	set(t, r, "s6.fee.billed", "0.05")
	r.S5 = "第一行\n第二行 <b>&</b> \"引号\""
	a, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json", a)
	d, err := Decode(a)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Encode(d)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("encode → decode → encode differs:\n%s\n%s", a, b)
	}
	if d.S5 != r.S5 || d.ID != r.ID || d.Previous != r.Previous || !slices.Equal(d.S1.Parts, r.S1.Parts) || d.Kind != r.Kind {
		t.Errorf("decoded report differs: %+v", d)
	}
	for _, c := range InputCells() {
		v1, f1 := r.Get(c.Addr)
		v2, f2 := d.Get(c.Addr)
		if v1 != v2 || f1 != f2 {
			t.Errorf("%s: %s %v → %s %v", c.Addr, v1, f1, v2, f2)
		}
	}

	// The shape other tools rely on.
	var m map[string]json.RawMessage
	if err := json.Unmarshal(a, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"agency", "cells", "id", "kind", "preface", "previous", "s1", "s5", "s6", "schema", "scope", "year"}; !slices.Equal(keys, want) {
		t.Errorf("fields %v", keys)
	}
	var cells map[string]json.RawMessage
	_ = json.Unmarshal(m["cells"], &cells)
	if len(cells) != NumInputs-1 {
		t.Errorf("%d cells, want %d", len(cells), NumInputs-1)
	}
	for k, v := range map[string]string{"s2.fees.amount": "12.5", "s6.fee.billed": "0.05", "s3.new.natural": "10", "s3.denied_law.other": "0"} {
		if string(cells[k]) != v {
			t.Errorf("cells[%s] = %s, want %s", k, cells[k], v)
		}
	}
	for k := range cells {
		if c, ok := Cell(CellAddr(k)); !ok || c.Computed {
			t.Errorf("cells holds %s", k)
		}
	}
	if _, ok := cells["s3.new.research"]; ok {
		t.Error("an empty cell was written")
	}
	// No previous link: the field is left out.
	r.Previous = ""
	c, _ := Encode(r)
	if bytes.Contains(c, []byte(`"previous"`)) {
		t.Error("empty previous written")
	}
}

func TestDecodeNormalizes(t *testing.T) {
	in := `{"schema":1,"id":"0123456789abcdef0123456789abcdef","agency":"某局","year":2024,"kind":"other","scope":"self","preface":"","s1":{"intro":"","parts":[]},"s5":"","s6":"",
	"cells":{"s2.fees.amount":12.50,"s3.new.natural":1.0e1,"s4.review.upheld":-3}}`
	r, err := Decode([]byte("\ufeff" + in))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := Encode(r)
	if !bytes.Contains(a, []byte("\"s2.fees.amount\": 12.5,\n    \"s3.new.natural\": 10,\n    \"s4.review.upheld\": -3\n")) {
		t.Errorf("cells not in shortest form: %s", a)
	}
	// The out-of-range value is kept, and reported.
	if fs := only(Check(r, nil), "value.range"); len(fs) != 1 || fs[0].Cells[0] != "s4.review.upheld" {
		t.Errorf("value.range: %+v", fs)
	}
	r2, err := Decode(a)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := Encode(r2); !bytes.Equal(a, b) {
		t.Error("not stable after one encode")
	}
}

func TestDecodeErrors(t *testing.T) {
	base := `{"schema":1,"id":"0123456789abcdef0123456789abcdef","agency":"某局","year":2024,"kind":"other","scope":"self","preface":"","s1":{"intro":"","parts":[]},"s5":"","s6":"","cells":{}}`
	cases := []struct{ in, msg string }{
		{"", "不是有效的 nianbao 报告 JSON：文件是空的"},
		{"{", "不是有效的 nianbao 报告 JSON：内容不完整，文件可能被截断了"},
		{"{\n  \"schema\": 1,\n  \"id\": \"x\",,\n}", "不是有效的 nianbao 报告 JSON：第 3 行第 13 个字附近有语法错误"},
		{`[]`, "不是有效的 nianbao 报告 JSON：应为一个 JSON 对象（{…}）"},
		{strings.Replace(base, `"year":2024`, `"year":"2024"`, 1), "字段 year 的类型不对：应为整数"},
		{strings.Replace(base, `"year":2024`, `"year":2024.5`, 1), "字段 year 的类型不对：应为整数"},
		{strings.Replace(base, `"agency":"某局"`, `"agency":1`, 1), "字段 agency 的类型不对：应为文字（带引号）"},
		{strings.Replace(base, `"parts":[]`, `"parts":[1]`, 1), "字段 s1.parts 的类型不对：应为对象（{…}）"},
		{strings.Replace(base, `"parts":[]`, `"parts":{}`, 1), "字段 s1.parts 的类型不对：应为数组（[…]）"},
		{strings.Replace(base, `"cells":{}`, `"cells":[]`, 1), `cells 应为以单元格地址为键的对象，例如 {"s3.new.natural": 12}`},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.total":1}`, 1), `cells 中不应有自动计算的合计 "s3.new.total"`},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s9.x.y":1}`, 1), `cells 中有不认识的单元格地址 "s9.x.y"`},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.natural":"1"}`, 1), `cells 中的值必须是数字：单元格 s3.new.natural 的值是 "1"`},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.natural":[1, "]"]}`, 1), `cells 中的值必须是数字：单元格 s3.new.natural 的值是 [1, "]"]`},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.natural":{"v":"}\""},"s3.new.business":1}`, 1), `cells 中的值必须是数字：单元格 s3.new.natural 的值是 {"v":"}\""}`},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.natural":1,"s3.ne\u0077.natural":2}`, 1), "cells 中单元格 s3.new.natural 出现了两次，无法确定用哪个值"},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.natural":null}`, 1), "cells 中的值必须是数字：单元格 s3.new.natural 的值是 null"},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.natural":true}`, 1), "cells 中的值必须是数字：单元格 s3.new.natural 的值是 true"},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.natural":1,"s3.new.natural":2}`, 1), "cells 中单元格 s3.new.natural 出现了两次，无法确定用哪个值"},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.natural":1e-7}`, 1), "单元格 s3.new.natural 的值 1e-7 小数位数太多，无法精确表示"},
		{strings.Replace(base, `"cells":{}`, `"cells":{"s3.new.natural":1e30}`, 1), "单元格 s3.new.natural 的值 1e30 太大（任何数值都不能超过 1000000000）"},
		{strings.Replace(base, `"schema":1`, `"schema":2`, 1), "文件格式版本 2 比本程序支持的 1 新，请升级 nianbao"},
		{strings.Replace(base, `"schema":1,`, ``, 1), "缺少或不认识的文件格式版本 schema：0"},
		{strings.Replace(base, `"kind":"other"`, `"kind":"mayor"`, 1), `不认识的机关类型 kind："mayor"（应为 state_council_dept 国务院部门、provincial_gov 省级人民政府、`},
		{strings.Replace(base, `"scope":"self"`, `"scope":"all"`, 1), `不认识的范围 scope："all"（应为 self 或 area）`},
		{strings.Replace(base, `"id":"0123456789abcdef0123456789abcdef"`, `"id":"0123456789abcdef0123456789abcdef","extra":1`, 1), `不是有效的 nianbao 报告 JSON：有不认识的字段 "extra"`},
		{base + "{}", "报告对象之后还有多余的内容"},
		{base + "}", "报告对象之后还有多余的内容"},
		{base + " ]\n", "报告对象之后还有多余的内容"},
	}
	for _, tc := range cases {
		_, err := Decode([]byte(tc.in))
		var de *DecodeError
		if !errors.As(err, &de) || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("Decode(%.60s…) = %v, want %q", tc.in, err, tc.msg)
		}
		// The officer reads these: no English from encoding/json or Go type names.
		if err != nil && (strings.Contains(err.Error(), "json:") || strings.Contains(err.Error(), "EOF") || strings.Contains(err.Error(), "model.")) {
			t.Errorf("Decode(%.60s…): untranslated error %q", tc.in, err)
		}
	}
	if _, err := Decode([]byte(base)); err != nil {
		t.Errorf("base: %v", err)
	}
}

// TestLineEnds: text pasted on Windows (\r\n) or an old Mac (\r) is
// written with \n line ends, and a file holding such text reads as \n, so
// the same report gives the same bytes whatever system it was typed on.
func TestLineEnds(t *testing.T) {
	r := New("某局", 2024, KindOther, ScopeSelf)
	r.ID = "0123456789abcdef0123456789abcdef"
	r.S5 = "第一行\r\n第二行\r第三行\n"
	r.S1.Parts[0].Body = "甲\r\n乙"
	a, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(a, []byte(`\r`)) || !bytes.Contains(a, []byte(`"s5": "第一行\n第二行\n第三行\n"`)) {
		t.Errorf("line ends not normalized:\n%s", a)
	}
	d, err := Decode(bytes.Replace(a, []byte(`甲\n乙`), []byte(`甲\r\n乙`), 1))
	if err != nil {
		t.Fatal(err)
	}
	if d.S1.Parts[0].Body != "甲\n乙" {
		t.Errorf("decoded body %q", d.S1.Parts[0].Body)
	}
	if b, _ := Encode(d); !bytes.Equal(a, b) {
		t.Errorf("not the same bytes:\n%s\n%s", a, b)
	}
}
