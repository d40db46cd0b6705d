package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/model"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// seedPreface, seedIntro, seedParts and seedS5 are the seed's text as an
// import leaves it (testdata/miyun-kejiwei-2023.txt): numbering dropped from
// the sub-part titles, paragraphs one to a line.
const seedPreface = "依据《中华人民共和国政府信息公开条例》（以下简称《政府信息公开条例》）第五十条规定，编制本报告。"
const seedIntro = "2023年，密云区科委坚持以习近平新时代中国特色社会主义思想为指导，全面落实《政府信息公开条例》，主动聚焦政务公开工作目标任务，不断提升政府信息公开质量和实效。"

var seedParts = []model.Part{
	{Title: "领导组织有力", Body: "发挥密云区科委政府信息公开和政务公开领导小组作用,专题研究政务公开工作，明确政务公开工作领导机制和工作体系，明晰工作职责和任务分工，部署年度重点工作任务，为开展政府信息公开提供坚实组织保障。制定《密云区科学技术委员会政府信息主动公开全清单》，及时准确公开相关信息。严格落实信息保密审查程序，层层落实审查责任，确保信息及时公开。"},
	{Title: "深化主动公开", Body: "全年，主动公开政府信息109条，同比增长48%。其中工作动态69条、机构职能9条、公示公告14条、规划计划2条、财政预决算2条、行政执法“三项制度”公示9条、招考录用1条，其他3条。在录入每条信息时，严格信息属性审查程序，严格遵守政府信息公开工作保密规定，填写《密云区科委政府信息公开保密审查单》，由信息公开部门对信息公开属性、发布形式进行把关，经科室负责人、主管领导、保密审查机构领导、主要领导审核签字后，进行公开，确保准确无误。"},
	{Title: "依申请公开依法规范", Body: "深入落实政府信息公开申请登记、审核、办理、答复、归档等工作制度，畅通受理渠道，规范答复意见，持续提升依申请公开办理质量。全年未收到申请人通过邮件、信函等方式提交的政府信息公开请求。"},
	{Title: "提升政府信息公开效果", Body: "注重多平台宣传，除在密云政府网站进行公开外，还将重要信息报送区融媒体中心，在密云电视台《密云新闻》栏目和“生态密云”微信公众号进行宣传，进一步扩大了宣传范围。"},
	{Title: "提升工作人员业务水平", Body: "强化政府信息公开工作培训，组织单位各科室兼职信息员学习《条例》、政府公报和信息写作技巧4次，提升主动公开意识、保密意识和信息写作水平，加强做好政府信息公开工作的主动性和自觉性。结合单位政府信息主动公开全清单，每月梳理公开情况，及时督促相关科室及时落实全清单涉及任务。"},
	{Title: "强化监督保障", Body: "完善监督机制，每月梳理主动公开、依申请公开相关工作完成情况，每季度向主管领导、主要领导汇报工作落实情况，分析工作中存在的问题，为政府信息公开工作有序开展提供了坚实保障。及时更新完善信息公开指南和目录，方便公众及时、准确、有效地获取所需信息，加强社会公众参与和监督。"},
}

const seedS5 = "2023年区科委政府信息公开工作取得了一定成效，认真对照《中华人民共和国政府信息公开条例》及全区关于政府信息公开工作的决策部署要求，仍然存在一些差距和不足。一是政务公开工作创新性仍然不足，政策解读的吸引力和传播力仍然有待加强。二是政府信息公开的实效性、获取便捷性与创新主体的需求相比仍有差距。\n下一步，区科委将进一步加强政府信息资源统筹，牢固树立寓公开于服务、寓服务于公开的理念，围绕北京国际科技创新中心建设和全区经济社会发展，进一步增加政策类、解读类、服务类信息公开比重，更好满足创新主体的政府信息和政务服务需求，不断提升政府信息公开工作质量和水平。"

const seedS6 = "2023年度政府信息公开工作过程中未发生收取信息处理费情况。"

// seedReport is the seed's report as an import leaves it: every figure 0
// except 现行有效 行政规范性文件 6, and 收费通知总金额 empty because the
// published sentence did not state it.
func seedReport(t testing.TB) *model.Report {
	t.Helper()
	r := model.New("北京市密云区科学技术委员会", 2023, model.KindCountyDept, model.ScopeSelf)
	r.ID = "seed-miyun-kejiwei-2023"
	r.Preface = seedPreface
	r.S1.Intro = seedIntro
	r.S1.Parts = append([]model.Part(nil), seedParts...)
	r.S5 = seedS5
	r.S6 = seedS6
	for _, c := range model.InputCells() {
		set(t, r, c.Addr, model.Int(0))
	}
	set(t, r, "s2.normative.in_force", model.Int(6))
	if err := r.Clear("s6.fee.billed"); err != nil {
		t.Fatal(err)
	}
	return r
}

func set(t testing.TB, r *model.Report, a model.CellAddr, v model.Dec) {
	t.Helper()
	if err := r.Set(a, v); err != nil {
		t.Fatal(err)
	}
}

// completeReport has a non-zero figure in every table, balances in every
// column of 三, and has no errors.
func completeReport(t testing.TB) *model.Report {
	t.Helper()
	r := model.New("示例市科学技术局", 2024, model.KindCityDept, model.ScopeSelf)
	r.ID = "complete-example-2024"
	r.S1.Intro = "2024年，示例市科学技术局认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。"
	bodies := []string{
		"全年主动公开政府信息356条。\n其中政策文件48条，工作动态210条。",
		"全年新收政府信息公开申请，均依法按时答复。",
		"健全信息发布审查制度，落实保密审查。",
		"优化政府网站信息公开专栏，及时更新公开指南。",
		"开展信息公开培训2次，主动接受社会监督。",
	}
	for i := range r.S1.Parts {
		r.S1.Parts[i].Body = bodies[i]
	}
	r.S5 = "一是公开内容的解读还不够深入。\n二是上年提出的栏目整改已全部完成。\n下一步，将进一步加强政策解读。"
	r.S6 = "无其他需要报告的事项。"
	for a, v := range map[model.CellAddr]int64{
		"s2.rules.issued": 0, "s2.rules.repealed": 0, "s2.rules.in_force": 0,
		"s2.normative.issued": 12, "s2.normative.repealed": 3, "s2.normative.in_force": 48,
		"s2.licensing.decisions": 356, "s2.punishment.decisions": 27, "s2.coercion.decisions": 4,
		"s4.review.upheld": 2, "s4.review.corrected": 1, "s4.review.other": 0, "s4.review.pending": 1,
		"s4.suit_direct.upheld": 1, "s4.suit_direct.corrected": 0, "s4.suit_direct.other": 1, "s4.suit_direct.pending": 0,
		"s4.suit_after.upheld": 0, "s4.suit_after.corrected": 1, "s4.suit_after.other": 0, "s4.suit_after.pending": 1,
		"s6.fee.notices": 2,
	} {
		set(t, r, a, model.Int(v))
	}
	set(t, r, "s2.fees.amount", 125_000)                   // 0.125 万元
	set(t, r, "s6.fee.billed", 150*model.DecScale+500_000) // 150.5 元
	set(t, r, "s6.fee.collected", 100*model.DecScale)      // 100 元
	// 三: each result row j of applicant column k holds (j+k)%3; carried and
	// forward vary by column, and new is what makes the column balance.
	b := model.S3.Blocks[0]
	for k, col := range b.Cols {
		if col.Computed {
			continue
		}
		var sum int64
		j := 0
		for _, row := range b.Rows {
			if row.Computed || len(row.Parents) == 0 {
				continue
			}
			v := int64((j + k) % 3)
			set(t, r, model.S3.Addr(row.Key, col.Key), model.Int(v))
			sum += v
			j++
		}
		carried, forward := int64(1+k%2), int64(k+1)
		set(t, r, model.S3.Addr("carried", col.Key), model.Int(carried))
		set(t, r, model.S3.Addr("forward", col.Key), model.Int(forward))
		set(t, r, model.S3.Addr("new", col.Key), model.Int(sum+forward-carried))
	}
	return r
}

// uniqueReport gives every input cell a different figure (its reading
// position + 1, the fees amounts with decimals), so that a number printed
// in the wrong place cannot pass for the right one. It does not balance.
func uniqueReport(t testing.TB) *model.Report {
	t.Helper()
	r := completeReport(t)
	for i, c := range model.InputCells() {
		v := model.Int(int64(i + 1))
		if c.Unit != model.Count {
			v += 250_000 // .25
		}
		set(t, r, c.Addr, v)
	}
	return r
}

func goldenCheck(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the golden file at line %d:\n got: %q\nwant: %q\n(run go test ./export/ -update if the change is intended)", name, i+1, g, w)
			}
		}
	}
}

func TestGolden(t *testing.T) {
	reports := map[string]func(testing.TB) *model.Report{"seed": seedReport, "complete": completeReport}
	cases := []struct {
		suffix string
		f      Format
		opt    Options
	}{
		{"html", HTML, Options{}},
		{"fragment.html", HTML, Options{Fragment: true}},
		{"md", Markdown, Options{}},
		{"json", JSON, Options{}},
	}
	for name, mk := range reports {
		for _, c := range cases {
			t.Run(name+"."+c.suffix, func(t *testing.T) {
				got, err := Render(mk(t), c.f, c.opt)
				if err != nil {
					t.Fatal(err)
				}
				goldenCheck(t, name+"."+c.suffix, got)
			})
		}
	}
}
