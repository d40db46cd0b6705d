package office

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
)
