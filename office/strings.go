package office

import "nianbao/model"

// Every piece of Chinese text of the use-case package lives in this file:
// facts for the front ends (which add what to do in their own terms), and the
// summaries recorded in the reports' histories.

const (
	txtNoAgency        = "无法从 %s 读出机关名称"
	txtNoYear          = "无法从 %s 读出年度"
	txtExists          = "草稿文件中已有报告「%s」"
	txtLinkSelf        = "报告不能链接到它自己"
	txtLinkYear        = "「%s」不是 %d 年度的报告，不能作为「%s」的上年报告"
	txtStdout          = "标准输出"
	txtExportWhat      = "%s 到 %s"
	txtNoStore         = "没有打开草稿文件"
	txtRescueFailed    = "在以下位置都无法另存：%s"
	txtRescueSep       = "；"
	txtUnsavedMark     = "（未保存-%s）" // after a rescued file's stem: 甲局2024年…报告（未保存-20250310-093000）.json
	txtControlsRemoved = "文件的文字中有 %d 个控制字符（终端控制码、响铃等不可见字符），已删去"
	txtFieldSep        = "、"
	sumNew             = "新建报告"
	sumImport          = "导入 %s"
	sumImportReplace   = "导入 %s 替换"
	sumChanged         = "修改%s"
	fieldAgency        = "机关名称"
	fieldKind          = "机关类型"
	fieldScope         = "范围"
	fieldPrevious      = "上年报告链接"
	fieldSigner        = "落款机关"
	fieldDate          = "成文日期"
)

// 汇集 and 汇总 (collect.go, sum.go, status.go).
const (
	txtNoFolder         = "找不到文件夹「%s」"
	txtFolderDenied     = "没有权限读取文件夹「%s」"
	txtFolderUnreadable = "无法读取文件夹「%s」：%s"
	txtFolderIsFile     = "「%s」是一个文件，不是文件夹：请给出放着各单位报告的文件夹"
	txtNotFolder        = "不是文件夹"
	txtFileSep          = "、"
	sumCollectedMark    = "汇集自 "
	sumCollected        = sumCollectedMark + "%s"

	txtSumNotePrefix  = "汇总："
	txtSumNote        = "%s留空，因为%s"
	txtSumBlank       = "%s未填写"
	txtSumBad         = "%s的数字不符合填报要求"
	txtSumBlankAndBad = "%s未填写，%s的数字不符合填报要求"
	txtSumOver        = "合计超过 %d，无法记录"
	txtSumMoreUnits   = "等 %d 个单位"
	txtSumCells       = "表%s的 %d 个单元格"
	txtSumCellsS6     = "六、信息处理费的 %d 个数字"
	txtSumRow         = "合计"
	txtNoUnits        = "没有可以汇总的单位报告"
	txtNotSum         = "这份报告不是由单位报告汇总而成的，没有可以更新的单位"
	txtSumSelfExists  = "草稿文件中已有「%s」，它的范围是本机关，不能作为汇总报告覆盖"
	txtUnitError      = "单位报告「%s」不能汇总：%s"
	txtUnitGone       = "草稿文件中已没有这份报告"
	txtUnitInTrash    = "它在回收站中"
	txtUnitIsSum      = "它就是这份汇总报告"
	txtUnitYear       = "它不是 %d 年度的报告"
	txtUnitTwice      = "给出了两次"
	txtBadFigure      = "没有这个单元格或表格行："
	txtFigureRow      = "表%s：%s"
	txtFigureRowS6    = "%s、%s"
	txtFigureRowName  = "表%s「%s」"
	txtFiguresTitle   = "%d年各单位%s"
	txtColUnit        = "单位"
	txtColThisYear    = "本年"
	txtColLastYear    = "上年"
	txtColRatio       = "为上年的倍数"
	txtRatio          = "%.1f 倍"
	txtJumpMark       = "（变化异常）"
	sumSumMade        = "汇总 %d 个单位的报告"
	sumSumRemade      = "重新汇总 %d 个单位的报告"
	sumBeforeSum      = "重新汇总之前的版本"
	sumRefreshed      = "按单位报告更新汇总（%d 个单元格有变化）"
	sumBeforeRefresh  = "更新汇总之前的版本"
)

// The names AreaKind reads: a town's government or 街道办事处; a 人民政府
// and the place before it, the municipalities being provinces.
var (
	townSuffixes  = []string{"街道办事处", "乡人民政府", "镇人民政府"}
	govSuffix     = "人民政府"
	provinceNames = []string{"北京市", "天津市", "上海市", "重庆市"}
	placeSuffixes = []struct {
		suffix string
		kind   model.Kind
	}{
		{"省", model.KindProvincialGov}, {"自治区", model.KindProvincialGov},
		{"州", model.KindCityGov}, {"盟", model.KindCityGov},
		{"县", model.KindCountyGov}, {"区", model.KindCountyGov}, {"旗", model.KindCountyGov},
	}
)

// Quoting names in a note: 「甲」「乙」.
const (
	txtQuoted   = "「%s」"
	txtQuoteSep = "」「"
)
