package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// SchemaVersion is the version of the JSON form written by Encode.
const SchemaVersion = 1

// jsonReport is the JSON form's shape; cells are written by hand so that
// their order (reading order) and number form are exact.
type jsonReport struct {
	Schema   int             `json:"schema"`
	ID       string          `json:"id"`
	Previous string          `json:"previous,omitempty"`
	Agency   string          `json:"agency"`
	Year     int             `json:"year"`
	Kind     Kind            `json:"kind"`
	Scope    Scope           `json:"scope"`
	Preface  string          `json:"preface"`
	S1       jsonS1          `json:"s1"`
	S5       string          `json:"s5"`
	S6       string          `json:"s6"`
	Cells    json.RawMessage `json:"cells"`
}

type jsonS1 struct {
	Intro string     `json:"intro"`
	Parts []jsonPart `json:"parts"`
}

type jsonPart struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// Encode writes r in the JSON form of FORMAT.md: cells keyed by address in
// reading order, each number in its shortest exact form, empty and computed
// cells absent, indented for people. Encoding what Decode read gives the same
// bytes.
func Encode(r *Report) ([]byte, error) {
	var cells bytes.Buffer
	cells.WriteByte('{')
	first := true
	for _, c := range inputCells {
		if !r.filled[c.Index] {
			continue
		}
		if !first {
			cells.WriteByte(',')
		}
		first = false
		cells.WriteString(strconv.Quote(string(c.Addr)))
		cells.WriteByte(':')
		cells.WriteString(r.cells[c.Index].String())
	}
	cells.WriteByte('}')
	j := jsonReport{
		Schema: SchemaVersion, ID: r.ID, Previous: r.Previous, Agency: r.Agency, Year: r.Year,
		Kind: r.Kind, Scope: r.Scope, Preface: r.Preface,
		S1: jsonS1{Intro: r.S1.Intro, Parts: []jsonPart{}},
		S5: r.S5, S6: r.S6, Cells: cells.Bytes(),
	}
	for _, p := range r.S1.Parts {
		j.S1.Parts = append(j.S1.Parts, jsonPart{Title: p.Title, Body: p.Body})
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(j); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// DecodeError explains in Chinese why a JSON file is not a report.
type DecodeError struct{ Reason string }

func (e *DecodeError) Error() string { return "不是有效的 nianbao 报告 JSON：" + e.Reason }

// Decode reads the JSON form. Unknown fields, unknown or computed cell
// addresses, and numbers that are not exact decimals are refused with a
// Chinese message; out-of-range values are kept for value.range to report.
func Decode(data []byte) (*Report, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var j jsonReport
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, &DecodeError{Reason: jsonReason(err)}
	}
	if dec.More() {
		return nil, &DecodeError{Reason: "报告对象之后还有多余的内容"}
	}
	if j.Schema != SchemaVersion {
		if j.Schema > SchemaVersion {
			return nil, &DecodeError{Reason: fmt.Sprintf("文件格式版本 %d 比本程序支持的 %d 新，请升级 nianbao", j.Schema, SchemaVersion)}
		}
		return nil, &DecodeError{Reason: fmt.Sprintf("缺少或不认识的文件格式版本 schema：%d", j.Schema)}
	}
	if j.Kind != "" && !j.Kind.Valid() {
		return nil, &DecodeError{Reason: fmt.Sprintf("不认识的机关类型 kind：%q", j.Kind)}
	}
	if j.Scope != "" && !j.Scope.Valid() {
		return nil, &DecodeError{Reason: fmt.Sprintf("不认识的范围 scope：%q（应为 self 或 area）", j.Scope)}
	}
	r := &Report{ID: j.ID, Previous: j.Previous, Agency: j.Agency, Year: j.Year, Kind: j.Kind, Scope: j.Scope,
		Preface: j.Preface, S5: j.S5, S6: j.S6}
	r.S1.Intro = j.S1.Intro
	for _, p := range j.S1.Parts {
		r.S1.Parts = append(r.S1.Parts, Part{Title: p.Title, Body: p.Body})
	}
	if len(j.Cells) > 0 && !bytes.Equal(bytes.TrimSpace(j.Cells), []byte("null")) {
		// RawMessage, not json.Number: json.Number would also take "1", a
		// string, and the form allows numbers only.
		var cells map[string]json.RawMessage
		if err := json.Unmarshal(j.Cells, &cells); err != nil {
			return nil, &DecodeError{Reason: "cells 中的值必须是数字：" + jsonReason(err)}
		}
		for k, n := range cells {
			c, ok := cellSpecs[CellAddr(k)]
			if !ok {
				return nil, &DecodeError{Reason: fmt.Sprintf("cells 中有不认识的单元格地址 %q", k)}
			}
			if c.Computed {
				return nil, &DecodeError{Reason: fmt.Sprintf("cells 中不应有自动计算的合计 %q", k)}
			}
			if len(n) == 0 || n[0] != '-' && (n[0] < '0' || n[0] > '9') {
				return nil, &DecodeError{Reason: fmt.Sprintf("cells 中的值必须是数字：单元格 %s 的值是 %s", k, n)}
			}
			v, err := parseDec(string(n))
			if err != nil {
				return nil, &DecodeError{Reason: fmt.Sprintf("单元格 %s 的值 %s 无法精确表示", k, n)}
			}
			r.cells[c.Index], r.filled[c.Index] = v, true
		}
	}
	return r, nil
}

func jsonReason(err error) string {
	switch e := err.(type) {
	case *json.SyntaxError:
		return fmt.Sprintf("第 %d 字节处语法错误", e.Offset)
	case *json.UnmarshalTypeError:
		return fmt.Sprintf("字段 %s 的类型不对（应为 %s）", e.Field, e.Type)
	}
	return err.Error()
}
