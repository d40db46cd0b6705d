package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
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
	Signer   string          `json:"signer,omitempty"`
	Date     Date            `json:"date,omitempty"`
	Units    []string        `json:"units,omitempty"`
	Notes    []jsonNote      `json:"notes,omitempty"`
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

// jsonNote always writes its cells, [] for a note on no cell, so that a
// note reads back as it was written.
type jsonNote struct {
	Cells []CellAddr `json:"cells"`
	Text  string     `json:"text"`
}

type jsonPart struct {
	Title string `json:"title"`
	Body  string `json:"body"`
}

// Encode writes r in the JSON form of FORMAT.md: cells keyed by address in
// reading order, each number in its shortest exact form, empty and computed
// cells absent, text with \n line ends, indented for people. Encoding what
// Decode read gives the same bytes.
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
		Kind: r.Kind, Scope: r.Scope, Signer: r.Signer, Date: r.Date, Units: r.Units,
		Preface: lineEnds(r.Preface),
		S1:      jsonS1{Intro: lineEnds(r.S1.Intro), Parts: []jsonPart{}},
		S5:      lineEnds(r.S5), S6: lineEnds(r.S6), Cells: cells.Bytes(),
	}
	for _, p := range r.S1.Parts {
		j.S1.Parts = append(j.S1.Parts, jsonPart{Title: lineEnds(p.Title), Body: lineEnds(p.Body)})
	}
	for _, n := range r.Notes {
		cells := n.Cells
		if cells == nil {
			cells = []CellAddr{}
		}
		j.Notes = append(j.Notes, jsonNote{Cells: cells, Text: lineEnds(n.Text)})
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

// crlf turns Windows (\r\n) and old Mac (\r) line ends into \n.
var crlf = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// lineEnds gives text the \n line ends of the JSON form: text pasted on
// Windows arrives with \r\n, and the same report must give the same bytes
// whichever system it was typed on. Read files get the same treatment, so
// that a report in memory is what reading its file back would give.
func lineEnds(s string) string {
	if !strings.Contains(s, "\r") {
		return s // the common case: no allocation
	}
	return crlf.Replace(s)
}

// DecodeError explains in Chinese why a JSON file is not a report.
type DecodeError struct{ Reason string }

func (e *DecodeError) Error() string { return "不是有效的 nianbao 报告 JSON：" + e.Reason }

// Decode reads the JSON form. Unknown fields, unknown, computed or repeated
// cell addresses, and numbers that are not exact decimals are refused with a
// Chinese message; out-of-range values are kept for value.range to report.
// What comes in passes Report.Sanitize: texts are given \n line ends and
// lose any control character; a name with a control character, a line
// break or a tab, an id not of NewID's form, a date that is not YYYY-MM-DD,
// a note on an unknown cell and a size above the caps are refused, the
// message naming the field.
func Decode(data []byte) (*Report, error) {
	r, _, err := DecodeCounting(data)
	return r, err
}

// DecodeCounting is Decode that also says how many control characters it
// removed from the texts, for an importer's note.
func DecodeCounting(data []byte) (*Report, int, error) {
	r, err := decode(data)
	if err != nil {
		return nil, 0, err
	}
	removed, err := r.Sanitize()
	if err != nil {
		return nil, 0, &DecodeError{Reason: err.Error()}
	}
	return r, removed, nil
}

func decode(data []byte) (*Report, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	var j jsonReport
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, &DecodeError{Reason: jsonReason(err, data)}
	}
	// More would miss a stray } or ]: look at the bytes themselves.
	if len(bytes.TrimSpace(data[dec.InputOffset():])) > 0 {
		return nil, &DecodeError{Reason: "报告对象之后还有多余的内容"}
	}
	if j.Schema != SchemaVersion {
		if j.Schema > SchemaVersion {
			return nil, &DecodeError{Reason: fmt.Sprintf("文件格式版本 %d 比本程序支持的 %d 新，请升级 nianbao", j.Schema, SchemaVersion)}
		}
		return nil, &DecodeError{Reason: fmt.Sprintf("缺少或不认识的文件格式版本 schema：%d", j.Schema)}
	}
	if j.Kind != "" && !j.Kind.Valid() {
		var names []string
		for _, k := range Kinds {
			names = append(names, string(k)+" "+k.Name())
		}
		return nil, &DecodeError{Reason: fmt.Sprintf("不认识的机关类型 kind：%q（应为 %s 之一）", j.Kind, strings.Join(names, "、"))}
	}
	if j.Scope != "" && !j.Scope.Valid() {
		return nil, &DecodeError{Reason: fmt.Sprintf("不认识的范围 scope：%q（应为 self 或 area）", j.Scope)}
	}
	// Before reading further: a file with a million parts or a huge text is
	// refused at once.
	if err := CheckParts(len(j.S1.Parts)); err != nil {
		return nil, &DecodeError{Reason: err.Error()}
	}
	if len(j.Notes) > MaxNotes {
		return nil, &DecodeError{Reason: fmt.Sprintf("说明 notes 太多（%d 条），最多 %d 条", len(j.Notes), MaxNotes)}
	}
	// Names are taken as they are (Sanitize refuses a line break in them);
	// texts get \n line ends.
	r := &Report{ID: j.ID, Previous: j.Previous, Agency: j.Agency, Year: j.Year, Kind: j.Kind, Scope: j.Scope,
		Signer: j.Signer, Date: j.Date, Units: j.Units,
		Preface: lineEnds(j.Preface), S5: lineEnds(j.S5), S6: lineEnds(j.S6)}
	r.S1.Intro = lineEnds(j.S1.Intro)
	for _, p := range j.S1.Parts {
		r.S1.Parts = append(r.S1.Parts, Part{Title: p.Title, Body: lineEnds(p.Body)})
	}
	for _, n := range j.Notes {
		note := Note{Cells: n.Cells, Text: lineEnds(n.Text)}
		if len(note.Cells) == 0 {
			note.Cells = nil // as AddNote makes a note on no cell
		}
		r.Notes = append(r.Notes, note)
	}
	if err := decodeCells(j.Cells, r); err != nil {
		return nil, err
	}
	return r, nil
}

// decodeCells reads the cells object into r. It walks the object entry by
// entry rather than into a map, so that an address given twice is refused
// instead of silently losing one of its values.
func decodeCells(raw json.RawMessage, r *Report) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil
	}
	if raw[0] != '{' {
		return &DecodeError{Reason: "cells 应为以单元格地址为键的对象，例如 {\"s3.new.natural\": 12}"}
	}
	return eachEntry(raw, func(k string, n []byte) error {
		c, ok := cellSpecs[CellAddr(k)]
		switch {
		case !ok:
			return &DecodeError{Reason: fmt.Sprintf("cells 中有不认识的单元格地址 %q", k)}
		case c.Computed:
			return &DecodeError{Reason: fmt.Sprintf("cells 中不应有自动计算的合计 %q", k)}
		case r.filled[c.Index]:
			return &DecodeError{Reason: fmt.Sprintf("cells 中单元格 %s 出现了两次，无法确定用哪个值", k)}
		case n[0] != '-' && (n[0] < '0' || n[0] > '9'):
			// Checked on the raw text: json.Number would also take "1", a
			// string, and the form allows numbers only.
			return &DecodeError{Reason: fmt.Sprintf("cells 中的值必须是数字：单元格 %s 的值是 %s", k, n)}
		}
		v, err := parseDec(string(n))
		switch {
		case err == errDecRange:
			// Far above the 1e9 any figure may hold; kept values that big
			// could overflow the sums, so it is refused, not kept.
			return &DecodeError{Reason: fmt.Sprintf("单元格 %s 的值 %s 太大（任何数值都不能超过 %d）", k, n, MaxValue)}
		case err != nil:
			return &DecodeError{Reason: fmt.Sprintf("单元格 %s 的值 %s 小数位数太多，无法精确表示", k, n)}
		}
		r.cells[c.Index], r.filled[c.Index] = v, true
		return nil
	})
}

// eachEntry calls fn with each key and raw value of obj, a JSON object the
// outer decoder has already found valid, in file order. It scans the bytes
// itself: json.Decoder.Token would do the same at four times the
// allocations, and every report read from the store passes here.
func eachEntry(obj []byte, fn func(key string, val []byte) error) error {
	i := 1 // past '{'
	for {
		i = skipSpace(obj, i)
		if obj[i] == '}' {
			return nil
		}
		end := valueEnd(obj, i)
		var key string
		if bytes.IndexByte(obj[i:end], '\\') < 0 {
			key = string(obj[i+1 : end-1])
		} else if err := json.Unmarshal(obj[i:end], &key); err != nil {
			return &DecodeError{Reason: "cells 中有无法读取的单元格地址"}
		}
		i = skipSpace(obj, skipSpace(obj, end)+1) // past ':'
		end = valueEnd(obj, i)
		if err := fn(key, obj[i:end]); err != nil {
			return err
		}
		i = skipSpace(obj, end)
		if obj[i] == ',' {
			i++
		}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// valueEnd is where the valid JSON value starting at b[i] ends.
func valueEnd(b []byte, i int) int {
	depth, inString := 0, false
	for j := i; j < len(b); j++ {
		switch c := b[j]; {
		case inString:
			if c == '\\' {
				j++
			} else if c == '"' {
				inString = false
				if depth == 0 {
					return j + 1
				}
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				return j // the end of a number or literal inside the object
			}
			depth--
			if depth == 0 {
				return j + 1
			}
		case depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			return j
		}
	}
	return len(b)
}

// jsonReason says in Chinese what encoding/json found wrong in data, so
// that an officer who edited a file by hand learns where to look.
func jsonReason(err error, data []byte) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return "文件是空的"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "内容不完整，文件可能被截断了"
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset)
		return fmt.Sprintf("第 %d 行第 %d 个字附近有语法错误", line, col)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return "应为一个 JSON 对象（{…}）"
		}
		return fmt.Sprintf("字段 %s 的类型不对：应为%s", typ.Field, typeName(typ.Type))
	}
	// encoding/json reports an unknown field only as text.
	if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return "有不认识的字段 " + f
	}
	return "无法读取（" + err.Error() + "）"
}

// position turns a byte offset into a 1-based line and character column.
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return line, max(col, 1)
}

// typeName names the JSON type a Go type is read from.
func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "文字（带引号）"
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "整数"
	case reflect.Slice:
		return "数组（[…]）"
	}
	return "对象（{…}）"
}
