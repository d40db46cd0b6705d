package model

import (
	"fmt"
	"strings"
	"testing"
)

func stmtString(sts []statement) string {
	names := map[stmtKind]string{stNew: "新收", stAccepted: "受理", stCarried: "上年结转", stForward: "结转",
		stReview: "复议", stSuit: "诉讼", stNoNew: "未收到申请", stNoReview: "无复议", stNoSuit: "无诉讼", stAllDone: "均已办结"}
	var parts []string
	for _, s := range sts {
		x := names[s.kind]
		if s.kind <= stSuit {
			x += " " + s.n.String()
		}
		if s.withCarried && s.kind == stNew {
			x += "（含结转）"
		}
		parts = append(parts, x)
	}
	return strings.Join(parts, "; ")
}

// TestParseStatements: the phrasings the narrative uses for figures the
// tables hold, and sentences about other things that must not be read as
// such figures.
func TestParseStatements(t *testing.T) {
	cases := []struct{ text, want string }{
		// The seed's phrasing, and the common ones.
		{"全年未收到政府信息公开申请。", "未收到申请"},
		// The seed's sentence names a way of applying: it says nothing of
		// applications made another way. Any way at all is every way.
		{"全年未收到申请人通过邮件、信函等方式提交的政府信息公开请求。", ""},
		{"全年未收到当面提交的政府信息公开申请", ""},
		{"未收到通过网络渠道提出的申请", ""},
		{"全年未收到通过任何方式提交的政府信息公开申请。", "未收到申请"},
		{"全年未收到各种形式的政府信息公开申请", "未收到申请"},
		{"本年度共收到政府信息公开申请12件。", "新收 12"},
		{"新收政府信息公开申请两件", "新收 2"},
		{"本年新收申请3件", "新收 3"},
		{"共收到12件政府信息公开申请", "新收 12"},
		{"共收到政府信息公开申请１２件", "新收 12"},
		{"共收到政府信息公开申请 1,200 件", "新收 1200"},
		{"共接收依申请公开申请二十一件", "新收 21"},
		{"共受理政府信息公开申请十二件", "受理 12"},
		{"上年结转三件", "上年结转 3"},
		{"上一年度结转的申请1件", "上年结转 1"},
		{"结转下年度继续办理1件", "结转 1"},
		{"结转１件", "结转 1"},
		{"本年度结转下年度办理一百零五件", "结转 105"},
		{"因政府信息公开被申请行政复议1件", "复议 1"},
		{"收到行政复议申请1件", "复议 1"},
		{"发生行政诉讼0件", "诉讼 0"},
		{"未发生政府信息公开行政复议、行政诉讼案件", "无复议; 无诉讼"},
		{"因政府信息公开被申请行政复议、提起行政诉讼的案件均为0件", "诉讼 0; 复议 0"},
		{"行政诉讼和行政复议均为两件", "复议 2; 诉讼 2"},
		{"行政复议均为1件", "复议 1"},
		{"全年未收到政府信息公开申请，未发生行政复议", "未收到申请; 无复议"},
		// A real report's wording (上海市松江区 2025): the 8 counts pending suits.
		{"政府信息公开类行政复议166件，行政诉讼44件，其中37件行政复议、8件行政诉讼尚未审结。", "复议 166; 诉讼 44"},
		{"信息公开类行政复议7件，诉讼9件，均获维持。", "复议 7; 诉讼 9"},
		{"所有申请均已按时办结", "均已办结"},
		{"上述申请已全部办结", "均已办结"},
		{"对收到的申请全部依法按时办结", "均已办结"},
		{"共收到政府信息公开申请12件（含上年结转2件）", "新收 12（含结转）; 上年结转 2"},
		{"本年度共收到政府信息公开申请12件，其中自然人10件，法人或其他组织2件，同比增加3件。", "新收 12"},
		// Not statements about the tables.
		{"全年，主动公开政府信息109条，同比增长48%。", ""},
		{"组织信息员学习《条例》、政府公报和信息写作技巧4次", ""},
		{"发布行政规范性文件6件", ""},
		{"办理人大建议12件、政协提案8件，均已按时办结。", ""},
		{"共收到群众来信5件", ""},
		{"受理政务咨询120件", ""},
		{"其中予以公开5件", ""},
		{"收到申请后5个工作日内答复", ""},
		{"除结转下年度的2件外，其余申请均已办结。", "结转 2"},
		{"2022年结转的3件申请已办结", ""},
		{"被行政复议纠错1件", ""},
		{"行政复议和行政诉讼各1件", ""},
		{"申请尚未全部办结", ""},
		{"申请均未办结", ""},
		{"推行一件事一次办", ""},
		{"对收到的每一件申请都认真答复", ""},
		{"共收到政府信息公开申请12.5件", ""},
		{"上年结转和本年新收申请共12件", ""}, // ambiguous: neither figure alone
		{"购置零件", ""},
	}
	for _, tc := range cases {
		got := stmtString(parseStatements("s5", tc.text, nil))
		if got != tc.want {
			t.Errorf("%s\n got  %q\n want %q", tc.text, got, tc.want)
		}
	}
}

func TestParseChineseNumber(t *testing.T) {
	for s, want := range map[string]int64{"一": 1, "两": 2, "十": 10, "十二": 12, "二十": 20, "二十一": 21,
		"一百零五": 105, "三百": 300, "一千二百三十四": 1234, "两千零一": 2001} {
		if got, ok := parseChineseNumber(s); !ok || got != want {
			t.Errorf("%s = %d %v, want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "零", "三三", "百", "千二"} {
		if got, ok := parseChineseNumber(s); ok {
			t.Errorf("%s = %d, want not a number", s, got)
		}
	}
}

func TestCopiedPercent(t *testing.T) {
	prev := newPrevState(&Report{S5: seedAsksPara}, nil)
	for _, tc := range []struct {
		text string
		min  int
		max  int
	}{
		{seedAsksPara, 100, 100},
		{strings.ReplaceAll(seedAsksPara, "2023", "2024"), 100, 100},
		{strings.ReplaceAll(seedAsksPara, "，", "， "), 100, 100},
		{"完全不同的一段文字，讲的是本机关今年新建的政务公开专区和线下查阅点，以及群众意见的收集办法。", 0, 10},
	} {
		pct, _ := copiedPercent(tc.text, &prev.set)
		if pct < tc.min || pct > tc.max {
			t.Errorf("%d%% for %q", pct, tc.text)
		}
	}
	// Long texts are capped, not refused.
	long := strings.Repeat(seedAsksPara, 400)
	pct, n := copiedPercent(long, &prev.set)
	if pct < 90 || n != maxTextRunes-shingleRunes+1 { // the joins make new shingles
		t.Errorf("long text: %d%% of %d shingles", pct, n)
	}
}

func ExampleCheck() {
	r := New("某县某局", 2024, KindCountyDept, ScopeSelf)
	for _, c := range InputCells() {
		_ = r.Set(c.Addr, 0)
	}
	_ = r.Set("s3.new.natural", Int(3))
	_ = r.Set("s3.carried.natural", Int(1))
	_ = r.Set("s3.granted.natural", Int(2))
	_ = r.Set("s3.forward.natural", Int(1))
	for _, f := range Check(r, nil) {
		if f.Severity == SevError {
			fmt.Println(f.ID, f.Message)
		}
	}
	// Output:
	// s3.balance 三、自然人列：新收 3 + 上年结转 1 = 4，办理结果 2 + 结转下年度 1 = 3，办理结果与结转少 1 件：请核对（一）至（六）是否漏计，或新收、上年结转数（表三勾稽关系）
	// missing 未填写：一、总体情况（填报完整性）
	// missing 未填写：五、存在的主要问题及改进情况（填报完整性）
}
