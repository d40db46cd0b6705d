package model

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// Kind is the kind of agency (机关类型); some rules depend on it.
type Kind string

// The kinds of FORMAT.md.
const (
	KindStateCouncilDept Kind = "state_council_dept"
	KindProvincialGov    Kind = "provincial_gov"
	KindCityGov          Kind = "city_gov"
	KindCountyGov        Kind = "county_gov"
	KindTownshipGov      Kind = "township_gov"
	KindProvincialDept   Kind = "provincial_dept"
	KindCityDept         Kind = "city_dept"
	KindCountyDept       Kind = "county_dept"
	KindOther            Kind = "other"
)

// Kinds lists every kind in the order a form offers them.
var Kinds = []Kind{KindStateCouncilDept, KindProvincialGov, KindCityGov, KindCountyGov, KindTownshipGov,
	KindProvincialDept, KindCityDept, KindCountyDept, KindOther}

var kindNames = map[Kind]string{
	KindStateCouncilDept: "国务院部门",
	KindProvincialGov:    "省级人民政府",
	KindCityGov:          "设区的市级人民政府",
	KindCountyGov:        "县级人民政府",
	KindTownshipGov:      "乡镇人民政府/街道办事处",
	KindProvincialDept:   "政府部门（省级）",
	KindCityDept:         "政府部门（市级）",
	KindCountyDept:       "政府部门（县级）",
	KindOther:            "其他机关",
}

// Name is the kind's Chinese name.
func (k Kind) Name() string {
	if n, ok := kindNames[k]; ok {
		return n
	}
	return string(k)
}

// Valid reports whether k is one of the kinds of the format.
func (k Kind) Valid() bool { _, ok := kindNames[k]; return ok }

// IsPeoplesGov reports whether the agency is a people's government, whose
// section 一 must also cover 工作考核、社会评议和责任追究.
func (k Kind) IsPeoplesGov() bool {
	switch k {
	case KindProvincialGov, KindCityGov, KindCountyGov, KindTownshipGov:
		return true
	}
	return false
}

// CanMakeRules reports whether the agency may make 规章.
func (k Kind) CanMakeRules() bool {
	return k == KindStateCouncilDept || k == KindProvincialGov || k == KindCityGov
}

// Scope says whether the report covers the agency itself or sums up an area.
type Scope string

// The scopes of FORMAT.md.
const (
	ScopeSelf Scope = "self"
	ScopeArea Scope = "area"
)

// Scopes lists both scopes.
var Scopes = []Scope{ScopeSelf, ScopeArea}

// Name is the scope's Chinese name.
func (s Scope) Name() string {
	switch s {
	case ScopeSelf:
		return "本机关"
	case ScopeArea:
		return "汇总"
	}
	return string(s)
}

// Valid reports whether s is a scope of the format.
func (s Scope) Valid() bool { return s == ScopeSelf || s == ScopeArea }

// DefaultPreface is the opening paragraph of a new report.
const DefaultPreface = "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。"

// DefaultPartTitles are the sub-parts a new report's section 一 starts with,
// one for each aspect the format asks it to cover.
var DefaultPartTitles = []string{"主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"}

// Part is one sub-part of section 一. Its number （一）（二）… comes from its
// position and is never part of Title.
type Part struct {
	Title string
	Body  string
}

// Section1 is 一、总体情况: an optional untitled opening and ordered sub-parts.
type Section1 struct {
	Intro string
	Parts []Part
}

// Note is a remark an import or a paste left about some cells (a printed
// total that differs from the computed one, a dash left empty): kept with
// the report, listed as a finding (id "note") by every check, until one of
// its cells changes (Set and Clear drop it) or the officer dismisses it
// (DismissNote). A note naming a computed cell goes when any of its inputs
// changes. A note naming no cell stays until dismissed.
type Note struct {
	Cells []CellAddr // in reading order; any cell, computed ones included
	Text  string     // Chinese, complete
}

// Report is one agency's annual report for one year.
type Report struct {
	ID       string // stable identity, unchanged when the agency is renamed
	Previous string // id of last year's report, if linked
	Agency   string // 机关名称
	Year     int    // 年度
	Kind     Kind
	Scope    Scope
	// Signer is the 落款机关; empty means the agency's name at the time of
	// printing (SignerName), so that a renamed agency signs with its new name.
	Signer string
	// Date is the 成文日期; empty until set. A new year's report starts
	// without one.
	Date Date
	// Units are the ids of the unit reports an area sum (汇总) was made from.
	Units []string
	// Notes are kept until their cells change or they are dismissed. Add
	// them after setting the cells they name: setting a cell drops them.
	Notes   []Note
	Preface string // opening paragraph
	S1      Section1
	S5      string
	S6      string
	cells   [NumInputs]Dec
	filled  [NumInputs]bool
}

// NewID returns a new random stable id.
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return hex.EncodeToString(b[:])
}

// New starts a report with the default opening and the five default
// sub-parts of section 一, every cell empty.
func New(agency string, year int, kind Kind, scope Scope) *Report {
	r := &Report{ID: NewID(), Agency: agency, Year: year, Kind: kind, Scope: scope, Preface: DefaultPreface}
	for _, t := range DefaultPartTitles {
		r.S1.Parts = append(r.S1.Parts, Part{Title: t})
	}
	return r
}

// Title is the report's title: {机关名称}{年度}年政府信息公开工作年度报告.
func (r *Report) Title() string { return TitleOf(r.Agency, r.Year) }

// TitleOf builds the title for an agency and a year.
func TitleOf(agency string, year int) string {
	return fmt.Sprintf("%s%d年政府信息公开工作年度报告", agency, year)
}

// SignerName is the 落款机关 as printed: Signer, or the agency's name when
// Signer is blank.
func (r *Report) SignerName() string {
	if s := strings.TrimSpace(r.Signer); s != "" {
		return s
	}
	return strings.TrimSpace(r.Agency)
}

// Clone returns a deep copy of r.
func (r *Report) Clone() *Report {
	c := *r
	c.S1.Parts = slices.Clone(r.S1.Parts)
	c.Units = slices.Clone(r.Units)
	c.Notes = cloneNotes(r.Notes)
	return &c
}

func cloneNotes(ns []Note) []Note {
	if ns == nil {
		return nil
	}
	out := make([]Note, len(ns))
	for i, n := range ns {
		out[i] = Note{Cells: slices.Clone(n.Cells), Text: n.Text}
	}
	return out
}

// PartNumber is the generated number of the i-th (0-based) sub-part: （一）.
func PartNumber(i int) string { return "（" + ChineseNumber(i+1) + "）" }

// ChineseNumber writes 1..99 as Chinese numerals: 一, 十, 十二, 二十一.
func ChineseNumber(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + digits[n-10]
	default:
		s := digits[n/10] + "十"
		if n%10 != 0 {
			s += digits[n%10]
		}
		return s
	}
}

// Get returns an input cell's value and whether it is filled. Computed and
// unknown addresses report not filled; use Value for those.
func (r *Report) Get(a CellAddr) (Dec, bool) {
	c, ok := cellSpecs[a]
	if !ok || c.Computed {
		return 0, false
	}
	return r.cells[c.Index], r.filled[c.Index]
}

// Set fills an input cell. It does not judge the value: out-of-range values
// are kept and reported by the value.range check. When the cell's value
// changes, the notes naming it (or a total over it) are dropped: they spoke
// of what was there before.
func (r *Report) Set(a CellAddr, v Dec) error {
	c, err := inputSpec(a)
	if err != nil {
		return err
	}
	if r.filled[c.Index] && r.cells[c.Index] == v {
		return nil
	}
	r.cells[c.Index], r.filled[c.Index] = v, true
	r.dropNotes(c)
	return nil
}

// Clear empties an input cell, dropping the notes on it as Set does.
func (r *Report) Clear(a CellAddr) error {
	c, err := inputSpec(a)
	if err != nil {
		return err
	}
	if !r.filled[c.Index] {
		return nil
	}
	r.cells[c.Index], r.filled[c.Index] = 0, false
	r.dropNotes(c)
	return nil
}

// dropNotes removes the notes that name input cell c or a computed cell
// summing it. The slice is rebuilt, never filtered in place, so that a
// shallow copy of the report keeps its own notes.
func (r *Report) dropNotes(c *CellSpec) {
	if len(r.Notes) == 0 {
		return
	}
	var kept []Note
	dropped := false
	for i, n := range r.Notes {
		if noteNames(n, c) {
			if !dropped {
				kept = append(kept, r.Notes[:i]...)
				dropped = true
			}
			continue
		}
		if dropped {
			kept = append(kept, n)
		}
	}
	if dropped {
		r.Notes = kept
	}
}

// noteNames reports whether note n names input cell c, directly or through
// a total over it.
func noteNames(n Note, c *CellSpec) bool {
	for _, a := range n.Cells {
		if a == c.Addr {
			return true
		}
		if s, ok := cellSpecs[a]; ok && s.Computed && slices.Contains(s.Inputs, c.Addr) {
			return true
		}
	}
	return false
}

// AddNote keeps a note on cells (none for a note on the report as a
// whole). Blank text adds nothing.
func (r *Report) AddNote(text string, cells ...CellAddr) {
	if strings.TrimSpace(text) == "" {
		return
	}
	r.Notes = append(slices.Clip(r.Notes), Note{Cells: slices.Clone(cells), Text: text})
}

// DismissNote removes the note a "note" finding came from, as the officer
// dismissing it asks. It reports false when the report no longer holds that
// note (a cell changed since the finding was made).
func (r *Report) DismissNote(f Finding) bool {
	if f.ID != NoteRuleID {
		return false
	}
	i := f.note - 1
	if i < 0 || i >= len(r.Notes) || !slices.Equal(r.Notes[i].Cells, f.Cells) || noteMessage(r.Notes[i].Text) != f.Message {
		// The notes moved: find it by its content.
		i = slices.IndexFunc(r.Notes, func(n Note) bool {
			return slices.Equal(n.Cells, f.Cells) && noteMessage(n.Text) == f.Message
		})
		if i < 0 {
			return false
		}
	}
	r.Notes = slices.Delete(slices.Clone(r.Notes), i, i+1)
	if len(r.Notes) == 0 {
		r.Notes = nil
	}
	return true
}

func inputSpec(a CellAddr) (*CellSpec, error) {
	c, ok := cellSpecs[a]
	if !ok {
		return nil, fmt.Errorf("没有这个单元格：%s", a)
	}
	if c.Computed {
		return nil, fmt.Errorf("%s 是自动计算的合计，不能填写", a)
	}
	return c, nil
}

// CellState is what a cell shows.
type CellState int

const (
	// Empty: an input cell not entered yet, or a computed cell none of whose
	// inputs is filled.
	Empty CellState = iota
	// Filled: an input cell with a value, or a computed cell all of whose
	// inputs are filled.
	Filled
	// Incomplete: a computed cell some but not all of whose inputs are
	// filled; its value is the partial sum, which no rule may use.
	Incomplete
)

// Value returns any cell's value and state; computed cells are derived from
// their inputs here and never stored.
func (r *Report) Value(a CellAddr) (Dec, CellState) {
	c, ok := cellSpecs[a]
	if !ok {
		return 0, Empty
	}
	return r.ValueOf(c)
}

// ValueOf is Value for a known cell.
func (r *Report) ValueOf(c *CellSpec) (Dec, CellState) {
	if !c.Computed {
		if r.filled[c.Index] {
			return r.cells[c.Index], Filled
		}
		return 0, Empty
	}
	var sum Dec
	n := 0
	for _, in := range c.Inputs {
		ic := cellSpecs[in]
		if r.filled[ic.Index] {
			sum += r.cells[ic.Index]
			n++
		}
	}
	switch {
	case n == 0:
		return 0, Empty
	case n < len(c.Inputs):
		return sum, Incomplete
	}
	return sum, Filled
}

// FilledCount counts the filled input cells of t (all tables when t is nil)
// and the number of input cells there.
func (r *Report) FilledCount(t *Table) (filled, total int) {
	for _, c := range inputCells {
		if t != nil && c.Table != t {
			continue
		}
		total++
		if r.filled[c.Index] {
			filled++
		}
	}
	return filled, total
}
