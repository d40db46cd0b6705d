package model

import "strings"

// CellAddr is a cell's stable address, section.row.column, e.g.
// s3.denied_secret.business. It is the key used by the checks, the JSON form,
// the command line and the tests.
type CellAddr string

// Unit says what a cell holds and how it may be written.
type Unit int

const (
	// Count is a whole number of items (件, 个).
	Count Unit = iota
	// Wan is an amount in 万元 with at most six decimal places (to the 分:
	// published reports print figures such as 5949.088667).
	Wan
	// Yuan is an amount in 元 with at most two decimal places.
	Yuan
)

// Places is the number of decimal places the unit allows.
func (u Unit) Places() int {
	switch u {
	case Wan:
		return 6
	case Yuan:
		return 2
	}
	return 0
}

// Name is the unit's Chinese name as used in messages.
func (u Unit) Name() string {
	switch u {
	case Wan:
		return "金额（万元）"
	case Yuan:
		return "金额（元）"
	}
	return "件数"
}

// Col is one value column of a block.
type Col struct {
	Key      string // address part: "natural", "issued", "total"
	Label    string // official header: "自然人", "本年制发件数"
	Group    string // the header above it, if any: "法人或其他组织"
	Computed bool   // a total column
}

// Row is one data row of a block.
type Row struct {
	Key      string   // address part: "denied_secret"
	Label    string   // official label: "1.属于国家秘密"
	Parents  []string // labels that span this row, outermost first
	Computed bool     // the row s3.handled
	Guide    string   // one line of guidance for the officer
}

// Level is the depth of the row's own label (0 for a top-level row).
func (r Row) Level() int { return len(r.Parents) }

// Path is the row's full label, parents first.
func (r Row) Path() []string { return append(append([]string(nil), r.Parents...), r.Label) }

// Block is a part of a table with its own header row; table 二 has four,
// the others one.
type Block struct {
	Title      string // 二's block row: "第二十条第（一）项"; empty elsewhere
	ItemHeader string // header of the label column: "信息内容", "项目"
	Cols       []Col
	Rows       []Row
}

// HeaderCell is one cell of an official multi-row column header.
type HeaderCell struct {
	Text             string
	RowSpan, ColSpan int
}

// Table is one statistical table of the report.
type Table struct {
	ID     string // "s2", "s3", "s4", "s6"
	Number string // "二", "三", "四", "六"
	Title  string // official heading without its number
	Blocks []Block
	// Corner is the text of the top-left header cell (三's 勾稽关系 note).
	Corner string
	// Header is the official column header above the value columns, row by
	// row, for tables whose header has more than one row (三, 四). The label
	// columns to its left are not included.
	Header [][]HeaderCell
	// OneRow marks 四: its three rows are printed side by side as one row
	// of 15 cells under the header.
	OneRow bool
	// OneRowLabel is the label of that single printed row.
	OneRowLabel string
}

// CellSpec describes one cell: where it sits, what it holds and, for a
// computed cell, the input cells it sums.
type CellSpec struct {
	Addr     CellAddr
	Table    *Table
	Block    int
	Row      int
	Col      int
	Unit     Unit
	Computed bool
	Inputs   []CellAddr // computed cells: the input cells summed
	Index    int        // position among input cells in reading order; -1 for computed
}

// RowSpec returns the row the cell sits in.
func (c *CellSpec) RowSpec() *Row { return &c.Table.Blocks[c.Block].Rows[c.Row] }

// ColSpec returns the column the cell sits in.
func (c *CellSpec) ColSpec() *Col { return &c.Table.Blocks[c.Block].Cols[c.Col] }

// Label is the cell's full label as an officer reads it:
// 三、本年度办理结果 > （三）不予公开 > 1.属于国家秘密 / 法人或其他组织 > 商业企业.
func (c *CellSpec) Label() string {
	row := c.RowSpec()
	col := c.ColSpec()
	var b strings.Builder
	if bl := c.Table.Blocks[c.Block]; bl.Title != "" {
		b.WriteString(bl.Title)
		b.WriteString(" > ")
	}
	b.WriteString(strings.Join(row.Path(), " > "))
	b.WriteString(" / ")
	if col.Group != "" {
		b.WriteString(col.Group)
		b.WriteString(" > ")
	}
	b.WriteString(col.Label)
	return b.String()
}

// ShortLabel names the cell briefly for messages: 表三「1.属于国家秘密」商业企业.
func (c *CellSpec) ShortLabel() string {
	if c.Table == S6 {
		// The fee figures are not a printed table: name them as 六 does.
		return "六、" + c.ColSpec().Label
	}
	return "表" + c.Table.Number + "「" + c.RowSpec().Label + "」" + c.ColSpec().Label
}

var s3Cols = []Col{
	{Key: "natural", Label: "自然人"},
	{Key: "business", Label: "商业企业", Group: "法人或其他组织"},
	{Key: "research", Label: "科研机构", Group: "法人或其他组织"},
	{Key: "nonprofit", Label: "社会公益组织", Group: "法人或其他组织"},
	{Key: "legal", Label: "法律服务机构", Group: "法人或其他组织"},
	{Key: "other", Label: "其他", Group: "法人或其他组织"},
	{Key: "total", Label: "总计", Computed: true},
}

const (
	s3Results  = "三、本年度办理结果"
	s3Denied   = "（三）不予公开"
	s3Unable   = "（四）无法提供"
	s3Rejected = "（五）不予处理"
	s3Other    = "（六）其他处理"
)

func s3Row(key, label, guide string, parents ...string) Row {
	return Row{Key: key, Label: label, Parents: parents, Guide: guide}
}

// S2 is table 二、主动公开政府信息情况.
var S2 = &Table{
	ID: "s2", Number: "二", Title: "主动公开政府信息情况",
	Blocks: []Block{
		{Title: "第二十条第（一）项", ItemHeader: "信息内容",
			Cols: []Col{{Key: "issued", Label: "本年制发件数"}, {Key: "repealed", Label: "本年废止件数"}, {Key: "in_force", Label: "现行有效件数"}},
			Rows: []Row{
				{Key: "rules", Label: "规章", Guide: "本机关制定的规章；只有国务院部门、省级和设区的市级人民政府可制定规章，其他机关填 0"},
				{Key: "normative", Label: "行政规范性文件", Guide: "本年制发、废止的行政规范性文件件数，以及年末现行有效的件数"},
			}},
		{Title: "第二十条第（五）项", ItemHeader: "信息内容",
			Cols: []Col{{Key: "decisions", Label: "本年处理决定数量"}},
			Rows: []Row{{Key: "licensing", Label: "行政许可", Guide: "本年作出的行政许可处理决定数量"}}},
		{Title: "第二十条第（六）项", ItemHeader: "信息内容",
			Cols: []Col{{Key: "decisions", Label: "本年处理决定数量"}},
			Rows: []Row{
				{Key: "punishment", Label: "行政处罚", Guide: "本年作出的行政处罚决定数量"},
				{Key: "coercion", Label: "行政强制", Guide: "本年作出的行政强制决定数量"},
			}},
		{Title: "第二十条第（八）项", ItemHeader: "信息内容",
			Cols: []Col{{Key: "amount", Label: "本年收费金额（单位：万元）"}},
			Rows: []Row{{Key: "fees", Label: "行政事业性收费", Guide: "本年行政事业性收费金额，单位万元，最多 6 位小数"}}},
	},
}

// S3 is table 三、收到和处理政府信息公开申请情况.
var S3 = &Table{
	ID: "s3", Number: "三", Title: "收到和处理政府信息公开申请情况",
	Corner: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
	Header: [][]HeaderCell{
		{{Text: "申请人情况", ColSpan: 7, RowSpan: 1}},
		{{Text: "自然人", RowSpan: 2, ColSpan: 1}, {Text: "法人或其他组织", ColSpan: 5, RowSpan: 1}, {Text: "总计", RowSpan: 2, ColSpan: 1}},
		{{Text: "商业企业", RowSpan: 1, ColSpan: 1}, {Text: "科研机构", RowSpan: 1, ColSpan: 1}, {Text: "社会公益组织", RowSpan: 1, ColSpan: 1}, {Text: "法律服务机构", RowSpan: 1, ColSpan: 1}, {Text: "其他", RowSpan: 1, ColSpan: 1}},
	},
	Blocks: []Block{{
		ItemHeader: "项目",
		Cols:       s3Cols,
		Rows: []Row{
			s3Row("new", "一、本年新收政府信息公开申请数量", "本年 1月1日 至 12月31日 新收到的申请件数"),
			s3Row("carried", "二、上年结转政府信息公开申请数量", "上年未办结、结转到本年的申请，应等于上年报告的“结转下年度继续办理”"),
			s3Row("granted", "（一）予以公开", "全部予以公开的申请", s3Results),
			s3Row("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开的申请；区分处理的只计这一项", s3Results),
			s3Row("denied_secret", "1.属于国家秘密", "因属于国家秘密不予公开", s3Results, s3Denied),
			s3Row("denied_law", "2.其他法律行政法规禁止公开", "因其他法律、行政法规禁止公开而不予公开", s3Results, s3Denied),
			s3Row("denied_safety", "3.危及“三安全一稳定”", "因危及国家安全、公共安全、经济安全和社会稳定不予公开", s3Results, s3Denied),
			s3Row("denied_third", "4.保护第三方合法权益", "因保护第三方合法权益不予公开", s3Results, s3Denied),
			s3Row("denied_internal", "5.属于三类内部事务信息", "属于人事管理、后勤管理、内部工作流程等内部事务信息", s3Results, s3Denied),
			s3Row("denied_process", "6.属于四类过程性信息", "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息", s3Results, s3Denied),
			s3Row("denied_enforce", "7.属于行政执法案卷", "属于行政执法案卷信息", s3Results, s3Denied),
			s3Row("denied_query", "8.属于行政查询事项", "属于工商、不动产登记资料等有专门查询规定的事项", s3Results, s3Denied),
			s3Row("unable_nohold", "1.本机关不掌握相关政府信息", "本机关不掌握申请的信息", s3Results, s3Unable),
			s3Row("unable_create", "2.没有现成信息需要另行制作", "需要另行制作而无法提供", s3Results, s3Unable),
			s3Row("unable_unclear", "3.补正后申请内容仍不明确", "补正后申请内容仍不明确", s3Results, s3Unable),
			s3Row("reject_petition", "1.信访举报投诉类申请", "以申请公开之名提出的信访、举报、投诉", s3Results, s3Rejected),
			s3Row("reject_repeat", "2.重复申请", "重复申请", s3Results, s3Rejected),
			s3Row("reject_publication", "3.要求提供公开出版物", "要求提供公开出版物", s3Results, s3Rejected),
			s3Row("reject_mass", "4.无正当理由大量反复申请", "无正当理由大量、反复申请", s3Results, s3Rejected),
			s3Row("reject_confirm", "5.要求行政机关确认或重新出具已获取信息", "要求确认或重新出具已获取的信息", s3Results, s3Rejected),
			s3Row("other_overdue", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正而不再处理", s3Results, s3Other),
			s3Row("other_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "逾期未缴纳信息处理费而不再处理；每件都应有收费通知", s3Results, s3Other),
			s3Row("other_other", "3.其他", "其他处理方式", s3Results, s3Other),
			{Key: "handled", Label: "（七）总计", Parents: []string{s3Results}, Computed: true, Guide: "自动计算：（一）至（六）各项之和"},
			s3Row("forward", "四、结转下年度继续办理", "年底尚未办结、结转到下一年的申请"),
		},
	}},
}

var s4Cols = []Col{
	{Key: "upheld", Label: "结果维持"},
	{Key: "corrected", Label: "结果纠正"},
	{Key: "other", Label: "其他结果"},
	{Key: "pending", Label: "尚未审结"},
	{Key: "total", Label: "总计", Computed: true},
}

// s4Heads is 四's five column heads, each spanning the given number of
// header rows.
func s4Heads(rows int) []HeaderCell {
	out := make([]HeaderCell, len(s4Cols))
	for i, c := range s4Cols {
		out[i] = HeaderCell{Text: c.Label, RowSpan: rows, ColSpan: 1}
	}
	return out
}

// S4 is table 四、政府信息公开行政复议、行政诉讼情况.
var S4 = &Table{
	ID: "s4", Number: "四", Title: "政府信息公开行政复议、行政诉讼情况",
	OneRow: true, OneRowLabel: "件数",
	// The official header: 行政复议's five heads span rows 2–3 beside the
	// two 行政诉讼 groups, whose heads fill row 3.
	Header: [][]HeaderCell{
		{{Text: "行政复议", ColSpan: 5, RowSpan: 1}, {Text: "行政诉讼", ColSpan: 10, RowSpan: 1}},
		append(s4Heads(2), HeaderCell{Text: "未经复议直接起诉", ColSpan: 5, RowSpan: 1}, HeaderCell{Text: "复议后起诉", ColSpan: 5, RowSpan: 1}),
		append(s4Heads(1), s4Heads(1)...),
	},
	Blocks: []Block{{
		ItemHeader: "项目",
		Cols:       s4Cols,
		Rows: []Row{
			{Key: "review", Label: "行政复议", Guide: "本年涉及政府信息公开的行政复议案件，按结果分列"},
			{Key: "suit_direct", Label: "未经复议直接起诉", Parents: []string{"行政诉讼"}, Guide: "未经复议直接提起的行政诉讼案件"},
			{Key: "suit_after", Label: "复议后起诉", Parents: []string{"行政诉讼"}, Guide: "经复议后提起的行政诉讼案件"},
		},
	}},
}

// S6 holds the fee figures of 六、其他需要报告的事项.
var S6 = &Table{
	ID: "s6", Number: "六", Title: "信息处理费",
	Blocks: []Block{{
		ItemHeader: "项目",
		Cols: []Col{
			{Key: "notices", Label: "发出收费通知件数"},
			{Key: "billed", Label: "收费通知总金额（元）"},
			{Key: "collected", Label: "实际收取总金额（元）"},
		},
		Rows: []Row{{Key: "fee", Label: "信息处理费", Guide: "《政府信息公开信息处理费管理办法》要求报告的收费情况；金额单位元，最多 2 位小数"}},
	}},
}

// Tables lists every table in the order of the report.
var Tables = []*Table{S2, S3, S4, S6}

// NumInputs is the number of input cells: 二 10, 三 144, 四 12, 六 3.
const NumInputs = 169

var (
	cellSpecs  = map[CellAddr]*CellSpec{}
	inputCells []*CellSpec
	allCells   []*CellSpec
)

func init() {
	for _, t := range Tables {
		for bi := range t.Blocks {
			b := &t.Blocks[bi]
			for ri, row := range b.Rows {
				for ci, col := range b.Cols {
					c := &CellSpec{
						Addr:  CellAddr(t.ID + "." + row.Key + "." + col.Key),
						Table: t, Block: bi, Row: ri, Col: ci,
						Computed: row.Computed || col.Computed,
						Index:    -1,
					}
					switch c.Addr {
					case "s2.fees.amount":
						c.Unit = Wan
					case "s6.fee.billed", "s6.fee.collected":
						c.Unit = Yuan
					}
					if !c.Computed {
						c.Index = len(inputCells)
						inputCells = append(inputCells, c)
					}
					allCells = append(allCells, c)
					cellSpecs[c.Addr] = c
				}
			}
		}
	}
	if len(inputCells) != NumInputs {
		panic("model: input cell count does not match the format")
	}
	// Wire the computed cells to the inputs they sum.
	for _, c := range allCells {
		if !c.Computed {
			continue
		}
		b := c.Table.Blocks[c.Block]
		row, col := b.Rows[c.Row], b.Cols[c.Col]
		for ri, r := range b.Rows {
			for ci, cc := range b.Cols {
				if r.Computed || cc.Computed {
					continue
				}
				rowOK := ri == c.Row || (row.Computed && len(r.Parents) > 0 && r.Parents[0] == s3Results)
				colOK := ci == c.Col || col.Computed
				if rowOK && colOK {
					c.Inputs = append(c.Inputs, CellAddr(c.Table.ID+"."+r.Key+"."+cc.Key))
				}
			}
		}
	}
}

// Cell returns the description of the cell at addr.
func Cell(addr CellAddr) (*CellSpec, bool) {
	c, ok := cellSpecs[addr]
	return c, ok
}

// InputCells lists the 169 input cells in reading order.
func InputCells() []*CellSpec { return inputCells }

// AllCells lists every cell, input and computed, in reading order.
func AllCells() []*CellSpec { return allCells }

// Addr builds the address of a cell of t.
func (t *Table) Addr(row, col string) CellAddr { return CellAddr(t.ID + "." + row + "." + col) }

// Inputs lists the input cells of t in reading order.
func (t *Table) Inputs() []*CellSpec {
	var out []*CellSpec
	for _, c := range inputCells {
		if c.Table == t {
			out = append(out, c)
		}
	}
	return out
}

// SectionHeadings are the six official section headings in order.
var SectionHeadings = [6]string{
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
}
