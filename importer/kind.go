package importer

import (
	"strings"

	"nianbao/model"
)

// guessKind infers the kind of agency from its name where the name leaves no
// doubt, and reports false otherwise (the caller sets 其他机关 and says so).
// Only two facts are read: whether the name ends as a government (人民政府)
// or a department (委员会, 局, 厅, 办公室 …), and the level of the place
// named before it: a 县/旗/区 makes it county level (a 区 of a
// municipality is county level too), a province or municipality alone makes
// it provincial. A 市 below a province may be a prefecture-level or a
// county-level city, so it is never guessed.
func guessKind(agency string) (model.Kind, bool) {
	name := strings.TrimSpace(agency)
	switch {
	case strings.HasPrefix(name, "国务院"), strings.HasPrefix(name, "中华人民共和国"):
		return model.KindStateCouncilDept, true
	case strings.HasSuffix(name, "街道办事处"), strings.HasSuffix(name, "乡人民政府"), strings.HasSuffix(name, "镇人民政府"):
		return model.KindTownshipGov, true
	}
	gov := strings.HasSuffix(name, "人民政府")
	dept := false
	for _, s := range []string{"委员会", "局", "厅", "办公室", "委"} {
		if strings.HasSuffix(name, s) {
			dept = true
		}
	}
	if !gov && !dept {
		return model.KindOther, false
	}
	place := strings.TrimSuffix(name, "人民政府")
	// Drop words that contain 区 without naming a county-level place.
	clean := place
	for _, w := range []string{"自治区", "地区", "开发区", "园区", "社区", "新区", "区域", "辖区", "特别行政区"} {
		clean = strings.ReplaceAll(clean, w, "")
	}
	county := strings.ContainsAny(clean, "县旗区")
	if county {
		if gov {
			return model.KindCountyGov, true
		}
		return model.KindCountyDept, true
	}
	provinces := []string{"北京市", "天津市", "上海市", "重庆市"}
	prov := ""
	for _, p := range provinces {
		if strings.HasPrefix(place, p) {
			prov = p
		}
	}
	if prov == "" {
		if i := strings.Index(place, "省"); i > 0 {
			prov = place[:i+len("省")]
		} else if i := strings.Index(place, "自治区"); i > 0 {
			prov = place[:i+len("自治区")]
		}
	}
	if prov == "" {
		return model.KindOther, false
	}
	rest := strings.TrimPrefix(place, prov)
	if strings.ContainsAny(rest, "市州盟县区旗乡镇") {
		return model.KindOther, false
	}
	if gov {
		if rest == "" {
			return model.KindProvincialGov, true
		}
		return model.KindOther, false
	}
	return model.KindProvincialDept, true
}
