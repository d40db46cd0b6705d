package export

// Labels of the export choices (Choices) beyond the formats' own names.
const (
	detailHTML     = "（完整文档，可直接打开或打印）"
	detailJSON     = "（可再导入 nianbao）"
	detailXLSX     = "（表二、三、四和收费情况，可发给单位填写后再导入）"
	labelFragment  = "HTML 片段（粘贴到网站后台编辑器）"
	suffixFragment = "（片段）"
)

// The spreadsheet (xlsx.go): its sheets' names and fixed text.
const (
	sheetCover    = "封面"
	sheetS2       = "表二"
	sheetS3       = "表三"
	sheetS4       = "表四"
	sheetS6       = "六、收费"
	xlsxFont      = "宋体"
	coverAgency   = "机关名称"
	coverYear     = "年度"
	coverKind     = "机关类型"
	coverScope    = "范围"
	coverHowTitle = "填写说明"
	titleS6       = "六、其他需要报告的事项（信息处理费）"
	noteS6        = "金额单位为元，最多保留 2 位小数。没有发出收费通知的，件数和金额都填 0。"
	checkLabel    = "勾稽关系核对（第一项加第二项之和，等于第三项加第四项之和）"
	checkOK       = "相符"
	checkDiff     = "不相符，相差 "
	validTitle    = "数字不符合填报要求"
	validCount    = "件数应为 0 或正整数。没有发生的事项填 0；尚未掌握的请留空，不要填 0。"
	validAmount   = "%s应为 0 或正数，最多保留 %d 位小数。"
	errXLSX       = "无法生成表格文件：%v"
)

// coverHow is how to fill the workbook, one line each.
var coverHow = []string{
	"只在白色单元格中填写数字；灰色单元格是标题，蓝色单元格是自动计算的合计，不能修改。",
	"没有发生的事项填 0；空白表示尚未填写，不会被当作 0，合计在各项都填写后才显示。",
	"表三最下面一行核对勾稽关系（第一项加第二项之和等于第三项加第四项之和），各列都应显示「相符」。",
	"表二行政事业性收费金额的单位为万元，最多保留 6 位小数（即精确到分）；六、收费的金额单位为元。",
	"填好后保存为 .xlsx 文件交回；不要改动表格的行、列和标题，程序按标题读取各个数字。",
}

// sheetTable names the sheet of a table of figures (table.go).
const sheetTable = "各单位数字"
