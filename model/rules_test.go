package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// want is the part of a finding a test pins down.
type want struct {
	cells   []CellAddr
	part    string
	message string
	arith   string   // for arithmetic rules: "formula: left right diff", if pinned
	sev     Severity // for a rule with lines of both severities (s6.fee_text): SevWarning where that line's
}

// arithRules are the rules whose findings carry their arithmetic.
var arithRules = map[string]bool{"s3.balance": true, "prev.carried": true, "prev.in_force": true, "prev.jump": true,
	"s6.collected": true, "s6.unpaid": true, "text.numbers": true, "s6.fee_text": true}

func set(tb testing.TB, r *Report, a CellAddr, s string) {
	tb.Helper()
	mustSet(tb, r, map[CellAddr]string{a: s})
}

func clearCell(tb testing.TB, r *Report, a CellAddr) {
	tb.Helper()
	if err := r.Clear(a); err != nil {
		tb.Fatal(err)
	}
}

const seedAsksPara = "深入落实政府信息公开申请登记、审核、办理、答复、归档等工作制度，畅通受理渠道，规范答复意见，持续提升依申请公开办理质量。2023年全年未收到申请人通过邮件、信函等方式提交的政府信息公开请求，依申请公开工作平稳有序。"

func TestBaseReportPassesEveryRule(t *testing.T) {
	fs := Check(baseReport(t), prevReport(t))
	for _, f := range fs {
		t.Errorf("unexpected finding %s: %s", f.ID, f.Message)
	}
}

// TestRules: for every rule, reports that pass it and reports that fail it
// with the exact findings. Each case edits the passing base report (and last
// year's); only the rule's own findings are compared.
func TestRules(t *testing.T) {
	cases := []struct {
		rule   string
		name   string
		noPrev bool
		edit   func(t *testing.T, r, p *Report)
		want   []want
	}{
		// s3.balance
		{rule: "s3.balance", name: "unbalanced natural column", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s3.forward.natural", "3")
		}, want: []want{{cells: []CellAddr{"s3.new.natural", "s3.carried.natural", "s3.handled.natural", "s3.forward.natural"},
			message: "三、自然人列：新收 10 + 上年结转 1 = 11，办理结果 9 + 结转下年度 3 = 12，办理结果与结转多 1 件：请核对（一）至（六）各项或结转数（表三勾稽关系）",
			arith:   "新收 + 上年结转 = 办理结果总计 + 结转下年度: 11 12 -1"}}},
		{rule: "s3.balance", name: "two columns", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s3.new.business", "5")
			set(t, r, "s3.carried.legal", "1")
		}, want: []want{
			{cells: []CellAddr{"s3.new.business", "s3.carried.business", "s3.handled.business", "s3.forward.business"},
				message: "三、商业企业列：新收 5 + 上年结转 0 = 5，办理结果 2 + 结转下年度 0 = 2，办理结果与结转少 3 件：请核对（一）至（六）是否漏计，或新收、上年结转数（表三勾稽关系）"},
			{cells: []CellAddr{"s3.new.legal", "s3.carried.legal", "s3.handled.legal", "s3.forward.legal"},
				message: "三、法律服务机构列：新收 0 + 上年结转 1 = 1，办理结果 0 + 结转下年度 0 = 0，办理结果与结转少 1 件：请核对（一）至（六）是否漏计，或新收、上年结转数（表三勾稽关系）"}}},
		{rule: "s3.balance", name: "incomplete handled is never read", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s3.forward.natural", "3")
			clearCell(t, r, "s3.denied_query.natural")
		}},
		// value.range
		{rule: "value.range", name: "bad values kept and reported", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s2.fees.amount", "-0.000001")
			set(t, r, "s2.licensing.decisions", "1000000001")
			set(t, r, "s3.granted.business", "1.5")
			set(t, r, "s4.review.upheld", "-3")
			set(t, r, "s6.fee.billed", "100.005")
		}, want: []want{
			{cells: []CellAddr{"s2.licensing.decisions"}, message: "表二「行政许可」本年处理决定数量：数值过大（1000000001），不能超过 1000000000（填报数值要求）"},
			{cells: []CellAddr{"s2.fees.amount"}, message: "表二「行政事业性收费」本年收费金额（单位：万元）：金额（万元）不能为负数（-0.000001）（填报数值要求）"},
			{cells: []CellAddr{"s3.granted.business"}, message: "表三「（一）予以公开」商业企业：件数必须是整数（1.5）（填报数值要求）"},
			{cells: []CellAddr{"s4.review.upheld"}, message: "表四「行政复议」结果维持：件数不能为负数（-3）（填报数值要求）"},
			{cells: []CellAddr{"s6.fee.billed"}, message: "六、收费通知总金额（元）：金额（元）最多保留 2 位小数（100.005）（填报数值要求）"},
		}},
		{rule: "value.range", name: "limits themselves are fine", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s2.licensing.decisions", "1000000000")
			set(t, r, "s2.fees.amount", "5949.088667") // 万元 to the 分, as published
			set(t, r, "s6.fee.billed", "100.05")
		}},
		// missing
		{rule: "missing", name: "cell and texts", edit: func(t *testing.T, r, p *Report) {
			clearCell(t, r, "s3.new.natural")
			clearCell(t, r, "s6.fee.billed")
			r.S1.Intro = " "
			for i := range r.S1.Parts {
				r.S1.Parts[i].Body = "\u3000\n"
			}
			r.S5, r.S6 = "", ""
		}, want: []want{
			{part: "s1", message: "未填写：一、总体情况（填报完整性）"},
			{cells: []CellAddr{"s3.new.natural"}, message: "未填写：表三「一、本年新收政府信息公开申请数量」自然人（填报完整性）"},
			{part: "s5", message: "未填写：五、存在的主要问题及改进情况（填报完整性）"},
			{part: "s6", message: "未填写：六、其他需要报告的事项（填报完整性）"},
			{cells: []CellAddr{"s6.fee.billed"}, message: "未填写：六、收费通知总金额（元）（填报完整性）"},
		}},
		{rule: "missing", name: "六 filled by its fee figures; one body is enough for 一", edit: func(t *testing.T, r, p *Report) {
			r.S6 = ""
			r.S1.Intro = ""
			for i := 1; i < len(r.S1.Parts); i++ {
				r.S1.Parts[i].Body = ""
			}
		}},
		// prev.carried
		{rule: "prev.carried", name: "differs from last year's forward", edit: func(t *testing.T, r, p *Report) {
			set(t, p, "s3.forward.natural", "2")
			set(t, p, "s3.forward.research", "1")
		}, want: []want{
			{cells: []CellAddr{"s3.carried.natural"}, message: "三、自然人列：上年结转 1，上年报告的结转下年度继续办理 2，相差 1（跨年度衔接）",
				arith: "本年上年结转 = 上年结转下年度继续办理: 1 2 -1"},
			{cells: []CellAddr{"s3.carried.research"}, message: "三、科研机构列：上年结转 0，上年报告的结转下年度继续办理 1，相差 1（跨年度衔接）"},
		}},
		{rule: "prev.carried", name: "no last year", noPrev: true, edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s3.carried.natural", "5")
		}},
		{rule: "prev.carried", name: "last year's cell empty", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s3.carried.natural", "5")
			clearCell(t, p, "s3.forward.natural")
		}},
		// prev.in_force
		{rule: "prev.in_force", name: "does not follow from last year", edit: func(t *testing.T, r, p *Report) {
			set(t, p, "s2.normative.in_force", "5")
		}, want: []want{{cells: []CellAddr{"s2.normative.issued", "s2.normative.repealed", "s2.normative.in_force"},
			message: "二、行政规范性文件：现行有效 7，上年现行有效 5 + 本年制发 2 − 本年废止 1 = 6，相差 1；修订计为制发、失效计为废止时可能不一致，请核实（跨年度衔接）",
			arith:   "现行有效 = 上年现行有效 + 本年制发 − 本年废止: 7 6 1"}}},
		// prev.jump
		{rule: "prev.jump", name: "over 5x and under a fifth", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s2.licensing.decisions", "101")
			set(t, p, "s2.punishment.decisions", "61")
			set(t, p, "s3.new.natural", "100")
		}, want: []want{
			{cells: []CellAddr{"s2.licensing.decisions"}, message: "表二「行政许可」本年处理决定数量：本年 101，上年 20，超过上年的 5 倍，请核实（跨年度对比）",
				arith: "上年的五分之一 ≤ 本年 ≤ 上年的 5 倍: 101 20 81"},
			{cells: []CellAddr{"s2.punishment.decisions"}, message: "表二「行政处罚」本年处理决定数量：本年 12，上年 61，不到上年的五分之一，请核实（跨年度对比）"},
			{cells: []CellAddr{"s3.new.total"}, message: "表三「一、本年新收政府信息公开申请数量」总计：本年 12，上年 100，不到上年的五分之一，请核实（跨年度对比）"},
		}},
		{rule: "prev.jump", name: "exactly 5x, or a side under 10", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s2.licensing.decisions", "100")
			set(t, p, "s2.punishment.decisions", "60")
			set(t, r, "s4.review.upheld", "9")
			set(t, p, "s4.review.upheld", "100")
		}},
		// prev.copied
		{rule: "prev.copied", name: "copied with the year changed", edit: func(t *testing.T, r, p *Report) {
			r.S1.Parts[1].Body = seedAsksPara
			p.S1.Parts[3].Body = strings.ReplaceAll(seedAsksPara, "2023", "2022")
		}, want: []want{{part: "s1.parts.1", message: "一、（二）依申请公开与上年报告的正文 100% 相同，请按本年度的实际情况撰写（跨年度对比）"}}},
		{rule: "prev.copied", name: "a text copied whole (text.year does not list its paragraphs again)", edit: func(t *testing.T, r, p *Report) {
			p.S5 = "一是政策解读形式单一，图解、视频等解读方式运用不多，全年仅发布图解12篇。\n二是基层政务公开标准化规范化建设有待加强，公开目录更新不够及时。\n本报告统计期限为2023年1月1日至2023年12月31日。"
			r.S5 = p.S5
		}, want: []want{{part: "s5", message: "五、存在的主要问题及改进情况与上年报告的正文 100% 相同，请按本年度的实际情况撰写（跨年度对比）"}}},
		{rule: "prev.copied", name: "rewritten", edit: func(t *testing.T, r, p *Report) {
			r.S1.Parts[1].Body = seedAsksPara
			p.S1.Parts[1].Body = "认真做好依申请公开工作，严格按照法定时限答复，确保答复内容准确、程序规范、依据充分。" + seedAsksPara[:60]
		}},
		// s2.rules_power
		{rule: "s2.rules_power", name: "a county department reports 规章", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s2.rules.issued", "1")
			set(t, r, "s2.rules.in_force", "1")
		}, want: []want{{cells: []CellAddr{"s2.rules.issued", "s2.rules.in_force"},
			message: "二、规章：本年制发件数 1、现行有效件数 1，但政府部门（县级）不能制定规章，规章各项应填 0；执行上级机关的规章不计入（《中华人民共和国立法法》）"}}},
		{rule: "s2.rules_power", name: "a city government may", edit: func(t *testing.T, r, p *Report) {
			r.Kind = KindCityGov
			set(t, r, "s2.rules.issued", "1")
		}},
		// s6.collected
		{rule: "s6.collected", name: "more collected than billed", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s6.fee.collected", "150")
		}, want: []want{{cells: []CellAddr{"s6.fee.billed", "s6.fee.collected"},
			message: "六、实际收取总金额 150 元多于收费通知总金额 100 元，相差 50 元；只有上年发出的收费通知在本年缴费时才会如此（《政府信息公开信息处理费管理办法》）",
			arith:   "实际收取总金额 ≤ 收费通知总金额: 150 100 50"}}},
		// s6.unpaid
		{rule: "s6.unpaid", name: "more dropped for unpaid fees than notices", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s3.other_unpaid.natural", "1")
		}, want: []want{{cells: []CellAddr{"s3.other_unpaid.total", "s6.fee.notices"},
			message: "三、逾期未缴纳费用不再处理的申请总计 2 件，多于六、发出收费通知 1 件，相差 1；每件这样的申请都应发过收费通知，除非通知在上年发出（《政府信息公开信息处理费管理办法》）",
			arith:   "逾期未缴费不再处理 ≤ 发出收费通知件数: 2 1 1"}}},
		{rule: "s6.unpaid", name: "total incomplete", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s3.other_unpaid.natural", "1")
			clearCell(t, r, "s3.other_unpaid.other")
		}},
		// s6.notices_amount
		{rule: "s6.notices_amount", name: "notices without amount", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s6.fee.billed", "0")
			set(t, r, "s6.fee.collected", "0")
		}, want: []want{{cells: []CellAddr{"s6.fee.notices", "s6.fee.billed"},
			message: "六、发出收费通知 1 件，但收费通知总金额为 0 元（《政府信息公开信息处理费管理办法》）"}}},
		{rule: "s6.notices_amount", name: "amount without notices", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s6.fee.notices", "0")
			set(t, r, "s3.other_unpaid.business", "0")
			set(t, r, "s3.other_other.business", "1")
		}, want: []want{{cells: []CellAddr{"s6.fee.notices", "s6.fee.billed"},
			message: "六、收费通知总金额 100 元，但发出收费通知 0 件（《政府信息公开信息处理费管理办法》）"}}},
		// s6.fee_in_s2
		{rule: "s6.fee_in_s2", name: "fee collected, no 行政事业性收费", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s2.fees.amount", "0")
		}, want: []want{{cells: []CellAddr{"s2.fees.amount", "s6.fee.collected"},
			message: "六、实际收取信息处理费 100 元，但二、行政事业性收费本年收费金额为 0 万元（信息处理费属于行政事业性收费）"}}},
		// s6.fee_text
		{rule: "s6.fee_text", name: "六's text states the fee figures", edit: func(t *testing.T, r, p *Report) {
			r.S6 = "无其他需要报告的事项。\n本年度发出收费通知2件，总金额100元，实际收取总金额80元。"
		}, want: []want{
			{cells: []CellAddr{"s6.fee.notices"}, part: "s6",
				message: "六、其他需要报告的事项：正文「本年度发出收费通知2件」为 2 件，六、发出收费通知件数为 1，相差 1；六的收费情况按收费数字生成，请改正正文或数字（收费情况由六的收费数字生成）",
				arith:   "正文所述 = 六的收费数字: 2 1 1"},
			{cells: []CellAddr{"s6.fee.collected"}, part: "s6",
				message: "六、其他需要报告的事项：正文「实际收取总金额80元」为 80 元，六、实际收取总金额（元）为 100，相差 20；六的收费情况按收费数字生成，请改正正文或数字（收费情况由六的收费数字生成）"},
			{cells: []CellAddr{"s6.fee.billed"}, part: "s6", sev: SevWarning,
				message: "六、其他需要报告的事项：正文「总金额100元」与六、收费通知总金额（元） 100 相同；六的收费情况由这些数字自动生成并印在正文之后，这一句会重复，请从正文中删去（收费情况由六的收费数字生成）",
				arith:   "正文所述 = 六的收费数字: 100 100 0"},
		}},
		{rule: "s6.fee_text", name: "other wordings: 份, 万元, 收取, Chinese numerals", edit: func(t *testing.T, r, p *Report) {
			set(t, r, "s6.fee.notices", "3")
			set(t, r, "s6.fee.billed", "5000")
			set(t, r, "s6.fee.collected", "0")
			r.S6 = "全年共发出缴费通知书三份，涉及金额０.５万元；申请人均未缴纳，收取信息处理费 0.00 元。"
		}, want: []want{
			{cells: []CellAddr{"s6.fee.notices"}, part: "s6", sev: SevWarning,
				message: "六、其他需要报告的事项：正文「全年共发出缴费通知书三份」与六、发出收费通知件数 3 相同；六的收费情况由这些数字自动生成并印在正文之后，这一句会重复，请从正文中删去（收费情况由六的收费数字生成）"},
			{cells: []CellAddr{"s6.fee.billed"}, part: "s6", sev: SevWarning,
				message: "六、其他需要报告的事项：正文「涉及金额０.５万元」与六、收费通知总金额（元） 5000 相同；六的收费情况由这些数字自动生成并印在正文之后，这一句会重复，请从正文中删去（收费情况由六的收费数字生成）"},
			{cells: []CellAddr{"s6.fee.collected"}, part: "s6", sev: SevWarning,
				message: "六、其他需要报告的事项：正文「收取信息处理费 0.00 元」与六、实际收取总金额（元） 0 相同；六的收费情况由这些数字自动生成并印在正文之后，这一句会重复，请从正文中删去（收费情况由六的收费数字生成）"},
		}},
		{rule: "s6.fee_text", name: "no fee figure: the seed's sentence, a standard, a waiver, an empty cell", edit: func(t *testing.T, r, p *Report) {
			r.S6 = "2023年度政府信息公开工作过程中未发生收取信息处理费情况。按每件100元的标准收费。减免信息处理费50元。发出补正通知3件。"
		}},
		{rule: "s6.fee_text", name: "the cell is empty", edit: func(t *testing.T, r, p *Report) {
			r.S6 = "本年度发出收费通知2件。"
			clearCell(t, r, "s6.fee.notices")
		}},
		// date.early
		{rule: "date.early", name: "dated inside the report's year", edit: func(t *testing.T, r, p *Report) {
			r.Date = "2024-06-30"
		}, want: []want{{part: "date",
			message: "落款日期 2024年6月30日 早于 2024 年度结束（2024年12月31日）：年度报告在年度结束后编制，请核对日期（《中华人民共和国政府信息公开条例》第四十九条）"}}},
		{rule: "date.early", name: "last year's date left in place", edit: func(t *testing.T, r, p *Report) {
			r.Date = "2024-01-20"
			r.Year = 2025
		}, want: []want{{part: "date",
			message: "落款日期 2024年1月20日 早于 2025 年度结束（2025年12月31日）：年度报告在年度结束后编制，请核对日期（《中华人民共和国政府信息公开条例》第四十九条）"}}},
		{rule: "date.early", name: "12月31日 of the year", edit: func(t *testing.T, r, p *Report) {
			r.Date = "2024-12-31"
		}},
		{rule: "date.early", name: "no date yet", edit: func(t *testing.T, r, p *Report) {
			r.Date = ""
		}},
		{rule: "date.early", name: "after the year", edit: func(t *testing.T, r, p *Report) {
			r.Date = "2025-01-20"
		}},
		// date.late
		{rule: "date.late", name: "a year mistyped", edit: func(t *testing.T, r, p *Report) {
			r.Date = "2205-01-20"
		}, want: []want{{part: "date",
			message: "落款日期 2205年1月20日 晚于 2025年12月31日：2024 年度的报告应在 2025 年 1 月 31 日前公布，请核对日期（《中华人民共和国政府信息公开条例》第四十九条）"}}},
		{rule: "date.late", name: "9999-12-31", edit: func(t *testing.T, r, p *Report) {
			r.Date = "9999-12-31"
		}, want: []want{{part: "date",
			message: "落款日期 9999年12月31日 晚于 2025年12月31日：2024 年度的报告应在 2025 年 1 月 31 日前公布，请核对日期（《中华人民共和国政府信息公开条例》第四十九条）"}}},
		{rule: "date.late", name: "published late, within the next year", edit: func(t *testing.T, r, p *Report) {
			r.Date = "2025-12-31"
		}},
		{rule: "date.late", name: "the first day after", edit: func(t *testing.T, r, p *Report) {
			r.Date = "2026-01-01"
		}, want: []want{{part: "date",
			message: "落款日期 2026年1月1日 晚于 2025年12月31日：2024 年度的报告应在 2025 年 1 月 31 日前公布，请核对日期（《中华人民共和国政府信息公开条例》第四十九条）"}}},
		{rule: "date.late", name: "no date yet", edit: func(t *testing.T, r, p *Report) {
			r.Date = ""
		}},
		// text.year
		{rule: "text.year", name: "last year's words after 从上年报告创建", edit: func(t *testing.T, r, p *Report) {
			r.S6 = "2023年度政府信息公开工作过程中未发生收取信息处理费情况。"
			r.S1.Intro = "2023年，本局全面落实政务公开各项要求。\n\n  2024年，本局继续推进。"
			r.S5 = "上年问题已整改。\n本报告统计期限为2023年1月1日至2023年12月31日。"
			r.Preface = DefaultPreface + "\n本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。"
		}, want: []want{
			{part: "preface", message: "开头段落第 2 段写的是 2023 年度的情况（「本报告中所列数据的统计期限为2023年1月1日至2023年12月31日。」），本报告是 2024 年度：请改为本年度的情况（正文应写本年度的情况）"},
			{part: "s1.intro", message: "一、总体情况开头第 1 段写的是 2023 年度的情况（「2023年，本局全面落实政务公开各项要求。」），本报告是 2024 年度：请改为本年度的情况（正文应写本年度的情况）"},
			{part: "s5", message: "五、存在的主要问题及改进情况第 2 段写的是 2023 年度的情况（「本报告统计期限为2023年1月1日至2023年12月31日。」），本报告是 2024 年度：请改为本年度的情况（正文应写本年度的情况）"},
			{part: "s6", message: "六、其他需要报告的事项第 1 段写的是 2023 年度的情况（「2023年度政府信息公开工作过程中未发生收取信息处理费情况。」），本报告是 2024 年度：请改为本年度的情况（正文应写本年度的情况）"},
		}},
		{rule: "text.year", name: "paragraphs carried unchanged from last year", edit: func(t *testing.T, r, p *Report) {
			p.S1.Parts[2].Body = "严格落实信息发布保密审查制度。\n全年组织政务公开专题培训3次，参训人员达120人次。"
			r.S1.Parts[2].Body = "严格落实信息发布保密审查制度。\n　　全年组织政务公开专题培训3次，参训人员达120人次。\n本年新增一段。"
			p.S5 = "一是政策解读形式单一，图解、视频等解读方式运用不多。\n上年问题已整改。"
			r.S5 = "上年问题已整改。\n一是政策解读形式单一，图解、视频等解读方式运用不多。"
		}, want: []want{
			{part: "s1.parts.2", message: "一、（三）政府信息管理第 2 段与上年报告中的一段相同（「全年组织政务公开专题培训3次，参训人员达120人次。」）：请按本年度的情况修改（正文应写本年度的情况）"},
			{part: "s5", message: "五、存在的主要问题及改进情况第 2 段与上年报告中的一段相同（「一是政策解读形式单一，图解、视频等解读方式运用不多。」）：请按本年度的情况修改（正文应写本年度的情况）"},
		}},
		{rule: "text.year", name: "a text copied whole is listed once, by prev.copied", edit: func(t *testing.T, r, p *Report) {
			p.S5 = "一是政策解读形式单一，图解、视频等解读方式运用不多，全年仅发布图解12篇。\n二是基层政务公开标准化规范化建设有待加强，公开目录更新不够及时。\n本报告统计期限为2023年1月1日至2023年12月31日。"
			r.S5 = p.S5
		}, want: []want{
			{part: "s5", message: "五、存在的主要问题及改进情况第 3 段写的是 2023 年度的情况（「本报告统计期限为2023年1月1日至2023年12月31日。」），本报告是 2024 年度：请改为本年度的情况（正文应写本年度的情况）"},
		}},
		{rule: "text.year", name: "comparisons, cited reports, last year's problems, plans for next year", edit: func(t *testing.T, r, p *Report) {
			r.S1.Intro = "2024年，本局共收到申请12件，较2023年度增加2件。与2023年度相比，主动公开数量有所增长。"
			r.S5 = "针对《北京市密云区科学技术委员会2023年度政府信息公开工作年度报告》指出的问题，已逐项整改。2023年度存在的问题已整改到位。上年（2023年度）的问题已解决。2022—2023年度连续两年开展培训。\n2025年，本局将继续加强培训。"
			r.S6 = "无其他需要报告的事项。" // the same short text as last year's
		}},
		{rule: "text.year", name: "no last year: nothing to have carried", noPrev: true, edit: func(t *testing.T, r, p *Report) {
			p.S1.Parts[0].Body = "全年组织政务公开专题培训3次，参训人员达120人次。"
			r.S1.Parts[0].Body = p.S1.Parts[0].Body
		}},
		// note
		{rule: "note", name: "notes of an import, on cells and on the report", edit: func(t *testing.T, r, p *Report) {
			r.AddNote("表三「一、本年新收政府信息公开申请数量」总计：原文印的是 13，按各列计算为 12", "s3.new.total")
			r.AddNote("原文末尾有一段不属于任何部分的文字，未导入")
		}, want: []want{
			{cells: []CellAddr{"s3.new.total"}, message: "表三「一、本年新收政府信息公开申请数量」总计：原文印的是 13，按各列计算为 12（导入或粘贴时的说明）"},
			{message: "原文末尾有一段不属于任何部分的文字，未导入（导入或粘贴时的说明）"},
		}},
		{rule: "note", name: "dropped when a cell under it changes", edit: func(t *testing.T, r, p *Report) {
			r.AddNote("印的总计与计算不符", "s3.new.total")
			r.AddNote("原文此格为「—」，已留空", "s3.granted.legal")
			set(t, r, "s3.new.legal", "1")
			clearCell(t, r, "s3.granted.legal")
			set(t, r, "s3.granted.legal", "1")
		}},
		// text.numbers
		{rule: "text.numbers", name: "figures contradict the tables", edit: func(t *testing.T, r, p *Report) {
			r.S1.Parts[1].Body = "本年度共收到政府信息公开申请10件，上年结转两件。受理政府信息公开申请十五件。"
			r.S5 = "上年问题已整改。全年未收到政府信息公开申请，未发生行政复议、行政诉讼。结转１件。"
		}, want: []want{
			{cells: []CellAddr{"s3.new.total"}, part: "s1.parts.1", message: "一、（二）依申请公开：正文「本年度共收到政府信息公开申请10件」为 10 件，表三新收申请总计为 12，相差 2（正文与表格一致）",
				arith: "正文所述 = 表格: 10 12 -2"},
			{cells: []CellAddr{"s3.carried.total"}, part: "s1.parts.1", message: "一、（二）依申请公开：正文「上年结转两件」为 2 件，表三上年结转申请总计为 1，相差 1（正文与表格一致）"},
			{cells: []CellAddr{"s3.new.total", "s3.carried.total"}, part: "s1.parts.1", message: "一、（二）依申请公开：正文「受理政府信息公开申请十五件」为 15 件，表三新收申请总计 12，加上年结转为 13，都不相符（正文与表格一致）"},
			{cells: []CellAddr{"s3.new.total"}, part: "s5", message: "五、存在的主要问题及改进情况：正文「全年未收到政府信息公开申请」，但表三新收申请总计为 12（正文与表格一致）"},
			{cells: []CellAddr{"s4.review.total"}, part: "s5", message: "五、存在的主要问题及改进情况：正文「未发生行政复议、行政诉讼」，但表四行政复议总计为 1（正文与表格一致）"},
			{cells: []CellAddr{"s3.forward.total"}, part: "s5", message: "五、存在的主要问题及改进情况：正文「结转１件」为 1 件，表三结转下年度继续办理总计为 2，相差 1（正文与表格一致）"},
		}},
		{rule: "text.numbers", name: "受理 as 新收 + 上年结转, 收到 including 结转, other figures", edit: func(t *testing.T, r, p *Report) {
			r.S1.Parts[1].Body = "共受理政府信息公开申请13件。共收到政府信息公开申请13件（含上年结转1件）。其中自然人申请10件，同比增加3件。"
			r.S1.Parts[0].Body = "全年，主动公开政府信息109条，发布规范性文件2件。办理人大建议12件，均已按时办结。"
		}},
		{rule: "text.numbers", name: "a table total incomplete", edit: func(t *testing.T, r, p *Report) {
			r.S1.Parts[1].Body = "本年度共收到政府信息公开申请10件。"
			clearCell(t, r, "s3.new.other")
		}},
		// text.all_done
		{rule: "text.all_done", name: "all done while some carried forward", edit: func(t *testing.T, r, p *Report) {
			r.S5 = "上年问题已整改，本年所有申请均已按时办结。"
		}, want: []want{{cells: []CellAddr{"s3.forward.total"}, part: "s5",
			message: "五、存在的主要问题及改进情况：正文「上年问题已整改，本年所有申请均已按时办结」说申请均已办结，但表三结转下年度继续办理总计为 2（正文与表格一致）"}}},
		{rule: "text.all_done", name: "all done and nothing carried", edit: func(t *testing.T, r, p *Report) {
			r.S5 = "上年问题已整改，本年所有申请均已按时办结。"
			set(t, r, "s3.forward.natural", "0")
			set(t, r, "s3.other_other.natural", "2")
		}},
		// s1.coverage
		{rule: "s1.coverage", name: "监督保障 left out", edit: func(t *testing.T, r, p *Report) {
			r.S1.Parts[4] = Part{Title: "其他工作", Body: "因政府信息公开被申请行政复议1件。"}
		}, want: []want{{part: "s1",
			message: "一、总体情况未提及监督保障；年度报告格式要求总体情况写明主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面（国办公开办函〔2021〕30号）"}}},
		{rule: "s1.coverage", name: "a people's government", edit: func(t *testing.T, r, p *Report) {
			r.Kind = KindCountyGov
		}, want: []want{{part: "s1",
			message: "一、总体情况未提及工作考核、社会评议、责任追究；年度报告格式要求总体情况写明主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面，人民政府还应写明工作考核、社会评议和责任追究结果情况（国办公开办函〔2021〕30号）"}}},
		{rule: "s1.coverage", name: "a people's government that covers them", edit: func(t *testing.T, r, p *Report) {
			r.Kind = KindCountyGov
			r.S1.Parts[4].Body += "将政务公开纳入绩效考核，开展社会评议，本年未发生责任追究情况。"
		}},
		// s5.last_year
		{rule: "s5.last_year", name: "nothing on last year", edit: func(t *testing.T, r, p *Report) {
			r.S5 = "一是解读不够。下一步将加强培训。"
		}, want: []want{{part: "s5",
			message: "五、存在的主要问题及改进情况未说明上年度存在问题的整改情况（未见“上年”“整改”等字样）；年度报告格式要求写明上年度问题的改进情况（国办公开办函〔2021〕30号）"}}},
		{rule: "s5.last_year", name: "names last year by number", edit: func(t *testing.T, r, p *Report) {
			r.S5 = "2023年报告指出的解读不够问题已经解决。"
		}},
		// preface.basis
		{rule: "preface.basis", name: "cites the 2019 format", edit: func(t *testing.T, r, p *Report) {
			r.Preface = "本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2019〕60号要求编制。"
		}, want: []want{{part: "preface",
			message: "开头段落引用了已被取代的 2019 年报告格式（国办公开办函〔2019〕60号），应改为 2021 年的《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"}}},
		{rule: "preface.basis", name: "cites the 2019 format, written with square brackets", edit: func(t *testing.T, r, p *Report) {
			r.Preface = "根据《条例》和国办公开办函[2019] 60 号编制。"
		}, want: []want{{part: "preface",
			message: "开头段落引用了已被取代的 2019 年报告格式（国办公开办函〔2019〕60号），应改为 2021 年的《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"}}},
		{rule: "preface.basis", name: "cites nothing", edit: func(t *testing.T, r, p *Report) {
			r.Preface = "现将本局年度报告公布如下。"
		}, want: []want{{part: "preface",
			message: "开头段落未说明编制依据：应引用《中华人民共和国政府信息公开条例》或《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"}}},
		{rule: "preface.basis", name: "the 条例 alone, as the seed", edit: func(t *testing.T, r, p *Report) {
			r.Preface = "依据《中华人民共和国政府信息公开条例》（以下简称《政府信息公开条例》）第五十条规定，编制本报告。"
		}},
	}
	covered := map[string]bool{}
	for _, tc := range cases {
		covered[tc.rule] = covered[tc.rule] || len(tc.want) > 0
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			r, p := baseReport(t), prevReport(t)
			tc.edit(t, r, p)
			if tc.noPrev {
				p = nil
			}
			got := only(Check(r, p), tc.rule)
			sev := Severity(-1)
			for _, rl := range Rules() {
				if rl.ID == tc.rule && sev < 0 {
					sev = rl.Severity // the rule's first line
				}
			}
			if len(got) != len(tc.want) {
				for _, f := range got {
					t.Logf("got %v %s %q", f.Cells, f.Part, f.Message)
				}
				t.Fatalf("got %d findings, want %d", len(got), len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				sev := max(sev, w.sev)
				if !slices.Equal(g.Cells, w.cells) || g.Part != w.part || g.Message != w.message || g.Severity != sev {
					t.Errorf("finding %d:\n got  %v %q %q %v\n want %v %q %q %v", i, g.Cells, g.Part, g.Message, g.Severity, w.cells, w.part, w.message, sev)
				}
				a := g.Arith
				switch {
				case arithRules[tc.rule] && (a == nil || a.Formula == "" || a.Diff != a.Left-a.Right):
					t.Errorf("finding %d of an arithmetic rule: arith %+v", i, a)
				case !arithRules[tc.rule] && a != nil:
					t.Errorf("finding %d has arith %+v", i, a)
				case w.arith != "" && fmt.Sprintf("%s: %s %s %s", a.Formula, a.Left, a.Right, a.Diff) != w.arith:
					t.Errorf("finding %d: arith %+v, want %s", i, a, w.arith)
				}
				if g.Source == "" || !strings.HasSuffix(g.Message, "（"+g.Source+"）") {
					t.Errorf("message does not end with its source %q: %s", g.Source, g.Message)
				}
			}
		})
	}
	for _, rl := range Rules() {
		if !covered[rl.ID] {
			t.Errorf("rule %s has no failing case", rl.ID)
		}
	}
}

func TestArith(t *testing.T) {
	r := baseReport(t)
	set(t, r, "s3.forward.natural", "3")
	fs := only(Check(r, nil), "s3.balance")
	if len(fs) != 1 || fs[0].Arith == nil {
		t.Fatalf("want one s3.balance finding with arithmetic, got %+v", fs)
	}
	a := fs[0].Arith
	if a.Left != Int(11) || a.Right != Int(12) || a.Diff != Int(-1) || a.Formula != "新收 + 上年结转 = 办理结果总计 + 结转下年度" {
		t.Errorf("arith = %+v", a)
	}
}

func TestSeedHasNoErrors(t *testing.T) {
	r := seedReport(t)
	fs := Check(r, nil)
	for _, f := range fs {
		if f.Severity == SevError {
			t.Errorf("seed: unexpected error %s: %s", f.ID, f.Message)
		}
	}
	set(t, r, "s3.forward.natural", "1")
	var errs []Finding
	for _, f := range Check(r, nil) {
		if f.Severity == SevError {
			errs = append(errs, f)
		}
	}
	if len(errs) != 1 || errs[0].ID != "s3.balance" ||
		errs[0].Message != "三、自然人列：新收 0 + 上年结转 0 = 0，办理结果 0 + 结转下年度 1 = 1，办理结果与结转多 1 件：请核对（一）至（六）各项或结转数（表三勾稽关系）" {
		t.Fatalf("want exactly one s3.balance error for 自然人, got %+v", errs)
	}
}

// The seed's texts are real prose: the text rules must read them without
// false alarms about figures (主动公开政府信息109条, 4次, …).
func TestSeedTextStatements(t *testing.T) {
	r := seedReport(t)
	for _, id := range []string{"text.numbers", "text.all_done", "s1.coverage", "preface.basis"} {
		if fs := only(Check(r, nil), id); len(fs) != 0 {
			t.Errorf("%s on the seed: %+v", id, fs)
		}
	}
	// The seed says 未收到申请人通过邮件、信函等方式提交的…请求: that no
	// request came by post or mail, not that none came at all. With a new
	// application entered (made online, say) nothing contradicts it.
	set(t, r, "s3.new.natural", "1")
	set(t, r, "s3.granted.natural", "1")
	if fs := only(Check(r, nil), "text.numbers"); len(fs) != 0 {
		t.Fatalf("the seed's 未收到 sentence names a way of applying, yet: %+v", fs)
	}
	// Said of every way, it is a contradiction.
	r.S1.Parts[2].Body = strings.Replace(r.S1.Parts[2].Body, "全年未收到申请人通过邮件、信函等方式提交的政府信息公开请求", "全年未收到政府信息公开申请", 1)
	fs := only(Check(r, nil), "text.numbers")
	if len(fs) != 1 || fs[0].Part != "s1.parts.2" || !strings.Contains(fs[0].Message, "全年未收到政府信息公开申请") {
		t.Fatalf("want the 未收到 sentence reported, got %+v", fs)
	}
}

func TestSorting(t *testing.T) {
	r := baseReport(t)
	clearCell(t, r, "s2.rules.issued")      // missing
	set(t, r, "s6.fee.collected", "150")    // warning
	set(t, r, "s3.forward.natural", "3")    // error + text warning
	r.Preface = "现将本局年度报告公布如下。"             // text warning
	set(t, r, "s3.granted.business", "1.5") // error
	fs := Check(r, nil)
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.ID)
	}
	want := []string{"s3.balance", "s3.balance", "value.range", "s6.collected", "text.numbers", "preface.basis", "missing"}
	if !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
}

// TestCheckerCache: the Checker parses texts once, yet a cell edit alone
// still changes what the text rules say, and a text edit is noticed even on
// the same *Report.
func TestCheckerCache(t *testing.T) {
	r, p := baseReport(t), prevReport(t)
	var c Checker
	if fs := c.Run(r, p); len(fs) != 0 {
		t.Fatalf("base: %v", fs)
	}
	st := c.text
	set(t, r, "s3.new.natural", "11")
	set(t, r, "s3.granted.natural", "7")
	fs := only(c.Run(r, p), "text.numbers")
	if c.text != st {
		t.Error("a cell edit re-parsed the texts")
	}
	if len(fs) != 1 || fs[0].Cells[0] != "s3.new.total" {
		t.Fatalf("cell edit: want text.numbers on s3.new.total, got %+v", fs)
	}
	r.S1.Parts[1].Body = "本年度共收到政府信息公开申请13件，上年结转1件，结转下年度继续办理2件。"
	if fs := c.Run(r, p); len(fs) != 0 {
		t.Fatalf("after fixing the text: %+v", fs)
	}
	if c.text == st {
		t.Error("a text edit was not noticed")
	}
	// Text-only findings follow a change of kind, and of last year's texts.
	r.Kind = KindCountyGov
	if fs := only(c.Run(r, p), "s1.coverage"); len(fs) != 1 {
		t.Errorf("kind change: %+v", fs)
	}
	r.Kind = KindCountyDept
	p.S1.Parts[1].Body = r.S1.Parts[1].Body + "另外还有一些没有变化的文字，凑够篇幅以便比较。"
	r.S1.Parts[1].Body = p.S1.Parts[1].Body
	if fs := only(c.Run(r, p), "prev.copied"); len(fs) != 1 {
		t.Errorf("copied after both changed: %+v", fs)
	}
	if fs := only(c.Run(r, nil), "prev.copied"); len(fs) != 0 {
		t.Errorf("copied without last year: %+v", fs)
	}
}

func TestEveryRuleInTable(t *testing.T) {
	want := []string{"s3.balance", "value.range", "missing", "prev.carried", "prev.in_force", "prev.jump", "prev.copied",
		"s2.rules_power", "s6.collected", "s6.unpaid", "s6.notices_amount", "s6.fee_in_s2", "s6.fee_text", "s6.fee_text",
		"date.early", "date.late", "text.numbers", "text.all_done", "s1.coverage", "s5.last_year", "preface.basis", "text.year", "note"}
	var got []string
	for _, r := range Rules() {
		got = append(got, r.ID)
		if r.Source == "" || r.run == nil {
			t.Errorf("rule %s incomplete", r.ID)
		}
		if r.textOnly && !r.OnText {
			t.Errorf("rule %s reads only text but is not OnText", r.ID)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("rules = %v", got)
	}
}

func TestPartName(t *testing.T) {
	r := baseReport(t)
	for part, want := range map[string]string{
		"preface": "开头段落", "s1": "一、总体情况", "s1.intro": "一、总体情况开头",
		"s1.parts.0": "一、（一）主动公开", "s1.parts.4": "一、（五）监督保障", "s5": "五、存在的主要问题及改进情况",
		"s6": "六、其他需要报告的事项",
	} {
		if got := partName(r, part); got != want {
			t.Errorf("partName(%s) = %s, want %s", part, got, want)
		}
	}
	// appendPartName names every part as partName does, past the parts
	// there are and with ids that are not numbers.
	r.S1.Parts[2].Title = "  政府信息管理 "
	for _, part := range []string{"preface", "s1", "s1.intro", "s5", "s6", "date", "other", "s1.parts.0", "s1.parts.2",
		"s1.parts.5", "s1.parts.11", "s1.parts.120", "s1.parts.-1", "s1.parts.x", "s1.parts."} {
		if got, want := string(appendPartName([]byte("前"), r, part)), "前"+partName(r, part); got != want {
			t.Errorf("appendPartName(%s) = %s, want %s", part, got, want)
		}
	}
}

// TestEmptyReport: a new report has nothing filled, and no rule but
// missing reads an empty cell or text, even against a complete last year.
func TestEmptyReport(t *testing.T) {
	r := New("某局", 2024, KindCountyGov, ScopeArea)
	fs := Check(r, baseReport(t))
	var parts []string
	for _, f := range fs {
		if f.ID != "missing" {
			t.Errorf("unexpected %s: %s", f.ID, f.Message)
		}
		if f.Part != "" {
			parts = append(parts, f.Part)
		}
	}
	if len(fs) != NumInputs+3 || !slices.Equal(parts, []string{"s1", "s5", "s6"}) {
		t.Errorf("%d findings, texts %v", len(fs), parts)
	}
	// Reading order: 一, the cells of 二 to 四, 五, 六's text, 六's figures.
	if fs[0].Part != "s1" || fs[1].Cells[0] != "s2.rules.issued" || fs[len(fs)-1].Cells[0] != "s6.fee.collected" || fs[len(fs)-5].Part != "s5" {
		t.Errorf("order: first %v %s, last %v", fs[0].Cells, fs[0].Part, fs[len(fs)-1].Cells)
	}
}

// TestRuleTableDecides: relaxing a rule or citing another source is a
// change of its line in the table alone; its findings follow.
func TestRuleTableDecides(t *testing.T) {
	saved := rules[0]
	t.Cleanup(func() { rules[0] = saved })
	if rules[0].ID != "s3.balance" {
		t.Fatalf("first rule %s", rules[0].ID)
	}
	rules[0].Severity, rules[0].Source = SevWarning, "某地细则"
	r := baseReport(t)
	set(t, r, "s3.forward.natural", "3")
	fs := only(Check(r, nil), "s3.balance")
	if len(fs) != 1 || fs[0].Severity != SevWarning || fs[0].Source != "某地细则" ||
		fs[0].Message != "三、自然人列：新收 10 + 上年结转 1 = 11，办理结果 9 + 结转下年度 3 = 12，办理结果与结转多 1 件：请核对（一）至（六）各项或结转数（某地细则）" {
		t.Errorf("relaxed rule gave %+v", fs)
	}
}
