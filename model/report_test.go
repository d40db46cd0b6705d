package model

import (
	"regexp"
	"slices"
	"testing"
)

// TestNewReport: the header of FORMAT.md and what a new report starts with.
func TestNewReport(t *testing.T) {
	r := New("北京市密云区科学技术委员会", 2023, KindCountyDept, ScopeSelf)
	if r.Agency != "北京市密云区科学技术委员会" || r.Year != 2023 || r.Kind != KindCountyDept || r.Scope != ScopeSelf || r.Previous != "" {
		t.Errorf("header %+v", r)
	}
	if got := r.Title(); got != "北京市密云区科学技术委员会2023年政府信息公开工作年度报告" {
		t.Errorf("title %s", got)
	}
	// The title follows the agency when it is renamed (机构改革).
	r.Agency = "北京市密云区科学技术局"
	if got := r.Title(); got != "北京市密云区科学技术局2023年政府信息公开工作年度报告" {
		t.Errorf("title after rename %s", got)
	}
	if r.Preface != "本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。" {
		t.Errorf("preface %s", r.Preface)
	}
	var titles []string
	for _, p := range r.S1.Parts {
		titles = append(titles, p.Title)
		if p.Body != "" {
			t.Errorf("part %s has a body", p.Title)
		}
	}
	if !slices.Equal(titles, []string{"主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"}) {
		t.Errorf("parts %v", titles)
	}
	if r.S1.Intro != "" || r.S5 != "" || r.S6 != "" {
		t.Error("texts not empty")
	}
	if f, n := r.FilledCount(nil); f != 0 || n != NumInputs {
		t.Errorf("filled %d/%d", f, n)
	}
	// A stable id of its own, different for every report.
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(r.ID) {
		t.Errorf("id %q", r.ID)
	}
	if New("北京市密云区科学技术委员会", 2023, KindCountyDept, ScopeSelf).ID == r.ID {
		t.Error("two reports share an id")
	}
}

func TestKindsAndScopes(t *testing.T) {
	want := []struct {
		k           Kind
		name        string
		gov, rulers bool
	}{
		{"state_council_dept", "国务院部门", false, true},
		{"provincial_gov", "省级人民政府", true, true},
		{"city_gov", "设区的市级人民政府", true, true},
		{"county_gov", "县级人民政府", true, false},
		{"township_gov", "乡镇人民政府/街道办事处", true, false},
		{"provincial_dept", "政府部门（省级）", false, false},
		{"city_dept", "政府部门（市级）", false, false},
		{"county_dept", "政府部门（县级）", false, false},
		{"other", "其他机关", false, false},
	}
	if len(Kinds) != len(want) {
		t.Fatalf("%d kinds", len(Kinds))
	}
	for i, w := range want {
		k := Kinds[i]
		if k != w.k || k.Name() != w.name || !k.Valid() || k.IsPeoplesGov() != w.gov || k.CanMakeRules() != w.rulers {
			t.Errorf("kind %d: %s %s %v %v, want %+v", i, k, k.Name(), k.IsPeoplesGov(), k.CanMakeRules(), w)
		}
	}
	if Kind("mayor").Valid() || Kind("").Valid() {
		t.Error("unknown kind valid")
	}
	if ScopeSelf.Name() != "本机关" || ScopeArea.Name() != "汇总" || !slices.Equal(Scopes, []Scope{"self", "area"}) || Scope("all").Valid() {
		t.Error("scopes")
	}
}

// TestParts: the numbering of 一's sub-parts comes from their position, so
// renaming, adding, removing and reordering them never leaves a stale
// number, and the JSON form keeps their order and titles as they are.
func TestParts(t *testing.T) {
	for i, want := range map[int]string{0: "（一）", 4: "（五）", 9: "（十）", 10: "（十一）", 19: "（二十）", 20: "（二十一）"} {
		if got := PartNumber(i); got != want {
			t.Errorf("PartNumber(%d) = %s, want %s", i, got, want)
		}
	}
	r := baseReport(t)
	r.S1.Parts[0].Title = "主动公开情况"                                        // rename
	r.S1.Parts = append(r.S1.Parts[1:], r.S1.Parts[0])                    // move the first last
	r.S1.Parts = slices.Delete(r.S1.Parts, 1, 2)                          // remove 政府信息管理
	r.S1.Parts = append(r.S1.Parts, Part{Title: "工作考核", Body: "纳入绩效考核。"}) // add
	var titles []string
	for i := range r.S1.Parts {
		titles = append(titles, partName(r, partID(i)))
	}
	want := []string{"一、（一）依申请公开", "一、（二）政府信息公开平台建设", "一、（三）监督保障", "一、（四）主动公开情况", "一、（五）工作考核"}
	if !slices.Equal(titles, want) {
		t.Errorf("parts %v", titles)
	}
	a, _ := Encode(r)
	d, err := Decode(a)
	if err != nil || !slices.Equal(d.S1.Parts, r.S1.Parts) {
		t.Errorf("parts after the JSON form: %v %v", d, err)
	}
}

// TestClone: a clone shares nothing that an edit could reach.
func TestClone(t *testing.T) {
	r := baseReport(t)
	c := r.Clone()
	c.S1.Parts[0].Body = "改了"
	c.S1.Parts = append(c.S1.Parts, Part{Title: "新增"})
	set(t, c, "s3.new.natural", "99")
	clearCell(t, c, "s2.fees.amount")
	if r.S1.Parts[0].Body == "改了" || len(r.S1.Parts) != 5 {
		t.Error("clone shares parts")
	}
	if v, _ := r.Get("s3.new.natural"); v != Int(10) {
		t.Error("clone shares cells")
	}
	if _, ok := r.Get("s2.fees.amount"); !ok {
		t.Error("clone shares filled state")
	}
}
