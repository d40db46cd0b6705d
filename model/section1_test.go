package model

import (
	"reflect"
	"strings"
	"testing"
)

// TestSplitSection1: the opening, the parts in sequence (either kind of
// bracket, spaces inside), a heading running on into its body, numbers out
// of sequence kept in the body, a long lead kept as body, blank lines at the
// ends of each text dropped.
func TestSplitSection1(t *testing.T) {
	text := "2023年，我委坚持依法公开。\n\n（一）领导组织有力\n发挥领导小组作用。\n制定全清单。\n" +
		"( 二 ) 深化主动公开。全年主动公开政府信息109条。\n（四）不按顺序的编号留在正文里\n" +
		"　（三）依申请公开\n全年未收到申请。\n\n" +
		"（四）本年度按照条例要求认真做好政府信息管理工作，动态调整公开目录并及时更新。\n"
	got := SplitSection1(strings.Split(text, "\n"))
	want := Section1{
		Intro: "2023年，我委坚持依法公开。",
		Parts: []Part{
			{Title: "领导组织有力", Body: "发挥领导小组作用。\n制定全清单。"},
			{Title: "深化主动公开", Body: "全年主动公开政府信息109条。\n（四）不按顺序的编号留在正文里"},
			{Title: "依申请公开", Body: "全年未收到申请。"},
			{Title: "", Body: "本年度按照条例要求认真做好政府信息管理工作，动态调整公开目录并及时更新。"},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	// A title alone, ending in 。 or ：, loses the mark; no parts at all
	// leaves everything in the opening.
	if got := SplitSection1([]string{"（一）主动公开：", "正文"}); got.Parts[0].Title != "主动公开" || got.Parts[0].Body != "正文" {
		t.Fatalf("%q", got)
	}
	if got := SplitSection1([]string{"甲", "（二）乙"}); got.Intro != "甲\n（二）乙" || len(got.Parts) != 0 {
		t.Fatalf("%q", got)
	}
}
