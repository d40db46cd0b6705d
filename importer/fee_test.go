package importer

import (
	"strings"
	"testing"

	"nianbao/model"
)

func TestReadFees(t *testing.T) {
	tests := []struct {
		text                       string
		notices, billed, collected string // "" = not stated
		rest                       string
		notes                      []string
	}{
		{text: "2023年度政府信息公开工作过程中未发生收取信息处理费情况，发出收费通知0件，实际收取总金额0元。",
			notices: "0", collected: "0", rest: "2023年度政府信息公开工作过程中未发生收取信息处理费情况。",
			notes: []string{"原文未写明收费通知总金额（元），已留空"}},
		{text: "本年度发出收费通知 3 件，总金额 150.5 元，实际收取总金额 100 元。\n无其他需要报告的事项。",
			notices: "3", billed: "150.5", collected: "100", rest: "无其他需要报告的事项。"},
		{text: "本机关未收取信息处理费。发出收费通知书２件，收费通知总金额为0.02万元；实际收取的总金额200元。",
			notices: "2", billed: "200", collected: "200", rest: "本机关未收取信息处理费。"},
		{text: "本年度无其他需要报告的事项。", rest: "本年度无其他需要报告的事项。",
			notes: []string{"原文未写明发出收费通知件数，已留空", "原文未写明收费通知总金额（元），已留空", "原文未写明实际收取总金额（元），已留空"}},
		// The clauses in brackets go with the brackets; the sentence stays.
		{text: "本年度没有收取信息处理费（发出收费通知0件，总金额0元，实际收取总金额0元）。",
			notices: "0", billed: "0", collected: "0", rest: "本年度没有收取信息处理费。"},
		// A sentence left with only its opening phrase of time goes.
		{text: "2023年度，本机关发出收费通知的件数为0件，总金额为0元，实际收取的总金额为0元。其他无。",
			notices: "0", billed: "0", collected: "0", rest: "其他无。"},
		{text: "本年度共发出收费通知1件，实际收取信息处理费20元。", notices: "1", collected: "20",
			notes: []string{"原文未写明收费通知总金额（元），已留空"}},
		// An unreadable figure stays in the text, so that nothing is lost.
		{text: "发出收费通知1件，总金额12.345元，实际收取总金额0元。", notices: "1", collected: "0", rest: "总金额12.345元。",
			notes: []string{"六、其他需要报告的事项中的收费通知总金额（元）「12.345」无法读取（金额（元）最多保留 2 位小数（12.345）），已留空"}},
		{text: "发出收费通知1件。另外，再次发出收费通知2件。实际收取总金额0元。", collected: "0",
			rest:  "发出收费通知1件。另外，再次发出收费通知2件。",
			notes: []string{"六、其他需要报告的事项中发出收费通知件数出现了多次且不一致，已留空", "原文未写明收费通知总金额（元），已留空"}},
	}
	for _, tt := range tests {
		a := &assembler{}
		r := model.New("某局", 2023, model.KindOther, model.ScopeSelf)
		rest := a.readFees(r, tt.text)
		if rest != tt.rest {
			t.Errorf("%s\nrest = %q, want %q", tt.text, rest, tt.rest)
		}
		for key, want := range map[string]string{"notices": tt.notices, "billed": tt.billed, "collected": tt.collected} {
			v, ok := r.Get(model.S6.Addr("fee", key))
			got := ""
			if ok {
				got = v.String()
			}
			if got != want {
				t.Errorf("%s\n%s = %q, want %q", tt.text, key, got, want)
			}
		}
		if strings.Join(a.notes, "|") != strings.Join(tt.notes, "|") {
			t.Errorf("%s\nnotes = %q\nwant %q", tt.text, a.notes, tt.notes)
		}
	}
}

func TestGuessKind(t *testing.T) {
	tests := []struct {
		name string
		want model.Kind
		ok   bool
	}{
		{"北京市密云区科学技术委员会", model.KindCountyDept, true},
		{"北京市密云区人民政府", model.KindCountyGov, true},
		{"北京市密云区市场监督管理局", model.KindCountyDept, true},
		{"河北省涞水县教育局", model.KindCountyDept, true},
		{"北京市科学技术委员会", model.KindProvincialDept, true},
		{"北京市人民政府", model.KindProvincialGov, true},
		{"浙江省人民政府", model.KindProvincialGov, true},
		{"广西壮族自治区人民政府", model.KindProvincialGov, true},
		{"北京市密云区溪翁庄镇人民政府", model.KindTownshipGov, true},
		{"北京市密云区鼓楼街道办事处", model.KindTownshipGov, true},
		{"中华人民共和国生态环境部", model.KindStateCouncilDept, true},
		{"浙江省杭州市人民政府", model.KindOther, false}, // 市 may be of either level: not guessed
		{"浙江省义乌市教育局", model.KindOther, false},
		{"浙江省市场监督管理局", model.KindOther, false},
		{"某某学会", model.KindOther, false},
	}
	for _, tt := range tests {
		got, ok := guessKind(tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("guessKind(%s) = %s, %v; want %s, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	// An agency whose kind cannot be told is set to 其他机关 with a note.
	seed := strings.Replace(readSeed(t), "北京市密云区科学技术委员会", "某某学会", 1)
	res := mustImport(t, []byte(seed), "seed.txt")
	if res.Report.Kind != model.KindOther || len(res.Notes) != 2 || !strings.Contains(res.Notes[0], "已设为「其他机关」") {
		t.Errorf("kind %s notes %q", res.Report.Kind, res.Notes)
	}
}

func TestSection1Parts(t *testing.T) {
	s := splitSection1([]string{
		"开头。",
		"（一）主动公开情况。本年主动公开信息10条。",
		"第二段。",
		"(二) 依申请公开",
		"全年未收到申请。",
	})
	if s.Intro != "开头。" || len(s.Parts) != 2 {
		t.Fatalf("%+v", s)
	}
	if s.Parts[0] != (model.Part{Title: "主动公开情况", Body: "本年主动公开信息10条。\n第二段。"}) {
		t.Errorf("part 1 = %+v", s.Parts[0])
	}
	if s.Parts[1] != (model.Part{Title: "依申请公开", Body: "全年未收到申请。"}) {
		t.Errorf("part 2 = %+v", s.Parts[1])
	}
}

// TestSignature: the 落款 at the end is read into the report's signer
// (empty when it is the agency itself) and date, in every way it is
// printed, and text after it belongs to no part.
func TestSignature(t *testing.T) {
	base := strings.TrimRight(readSeed(t), "\n")
	for _, tc := range []struct {
		name, tail string
		signer     string
		date       model.Date
		notes      []string
	}{
		{"agency and date", "\n\n北京市密云区科学技术委员会\n2024年1月19日\n", "", "2024-01-19", nil},
		{"renamed signer, full-width digits", "\n\n北京市密云区科学技术局\n２０２４年１月１９日\n", "北京市密云区科学技术局", "2024-01-19", nil},
		{"Chinese numerals", "\n\n北京市密云区科学技术委员会\n二〇二四年一月十九日\n", "", "2024-01-19", nil},
		{"page chrome after it", "\n\n北京市密云区科学技术委员会\n2024年1月19日\n【打印本页】【关闭窗口】\n", "", "2024-01-19",
			[]string{"文末「【打印本页】【关闭窗口】」是网页的页脚，不属于报告的任何部分，未导入"}},
		{"no date", "\n\n北京市密云区科学技术委员会\n", "", "", nil},
		{"not a day", "\n\n北京市密云区科学技术委员会\n2024年2月30日\n", "", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := mustImport(t, []byte(base+tc.tail), "seed.txt")
			r := res.Report
			want := "2023年度政府信息公开工作过程中未发生收取信息处理费情况。"
			if tc.name == "not a day" {
				want += "\n北京市密云区科学技术委员会\n2024年2月30日"
			}
			if r.S6 != want {
				t.Errorf("S6 = %q", r.S6)
			}
			if r.Signer != tc.signer || r.Date != tc.date {
				t.Errorf("signer %q date %q, want %q %q", r.Signer, r.Date, tc.signer, tc.date)
			}
			checkNotes(t, res.Notes, append(tc.notes, billedNote)...)
		})
	}
}

func TestUnplacedTextAndMissingTable(t *testing.T) {
	seed := readSeed(t)
	i := strings.Index(seed, "四、政府信息公开行政复议")
	j := strings.Index(seed, "五、存在的主要问题")
	text := seed[:i] + "四、政府信息公开行政复议、行政诉讼情况\n\n本年度未发生行政复议、行政诉讼。\n\n" + seed[j:]
	res := mustImport(t, []byte(text), "seed.txt")
	want := seedWant()
	for _, c := range model.S4.Inputs() {
		want[c.Addr] = ""
	}
	checkCells(t, res.Report, want)
	checkNotes(t, res.Notes,
		"「四、政府信息公开行政复议、行政诉讼情况」部分有一段文字未能放入报告：「本年度未发生行政复议、行政诉讼。」",
		"原文中没有找到表四（政府信息公开行政复议、行政诉讼情况）的数字（表格可能是图片或缺失），表四留空",
		billedNote,
	)
}

// TestPageFooter: a page's footer copied with the report is not 六's.
func TestPageFooter(t *testing.T) {
	seed := strings.TrimRight(readSeed(t), "\n") + "\n\n【打印本页】【关闭窗口】\n主办单位：北京市密云区人民政府办公室 网站标识码：1101280001\n京ICP备05060933号 京公网安备11022802000101号\n"
	res := mustImport(t, []byte(seed), "seed.txt")
	if res.Report.S6 != "2023年度政府信息公开工作过程中未发生收取信息处理费情况。" {
		t.Errorf("S6 = %q", res.Report.S6)
	}
	notes := strings.Join(res.Notes, "\n")
	for _, n := range []string{"文末「京ICP备05060933号 京公网安备11022802000101号」是网页的页脚", "文末「【打印本页】【关闭窗口】」是网页的页脚"} {
		if !strings.Contains(notes, n) {
			t.Errorf("no note %q in\n%s", n, notes)
		}
	}
}
