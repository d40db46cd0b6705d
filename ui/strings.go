package ui

import (
	"fmt"
	"time"
)

// Every piece of Chinese text the UI shows lives in this file, so that the
// wording can be reviewed in one place. Code elsewhere refers to these names.

// Root model and frame.
const (
	strAppName        = "政府信息公开工作年度报告"
	strTooSmall       = "窗口太小：请把终端窗口放大到至少 %d 列 × %d 行（现在是 %d × %d）。"
	strSaved          = "已保存 %s"
	strSaving         = "保存中"
	strSaveFailed     = "保存失败：%s"
	strSaveRetry      = "（稍后自动重试）"
	strNotSavedYet    = "未修改"
	strQuitUnsaved    = "最近一次保存失败，现在退出会丢失未保存的修改。仍要退出吗？"
	strQuitTitle      = "退出"
	strNoStore        = "没有打开草稿文件"
	strReportNotFound = "找不到这份报告：%s"
	strErrCount       = "错误 %d"
	strWarnCount      = "提示 %d"
	strFilledAll      = "已填 %d/%d"
	strPlaceholder    = "（此功能尚未完成）"
	strConfirmYes     = "确定"
	strConfirmNo      = "取消"
	strConfirmHint    = "Enter 确定  Esc 取消"
)

// Editor: section list.
const (
	strSecCover    = "封面与说明"
	strSecS1       = "一、总体情况"
	strSecS1Intro  = "开头（无标题）"
	strSecS2       = "二、主动公开"
	strSecS3       = "三、依申请公开"
	strSecS4       = "四、复议诉讼"
	strSecS5       = "五、问题及改进"
	strSecS6       = "六、其他事项"
	strSecDone     = "✓"
	strSymError    = "!"
	strSymWarning  = "?"
	strSymIncomp   = "~"
	strSymCursor   = ">"
	strPaneList    = "目录"
	strPaneFinds   = "检查结果"
	strNoFindings  = "没有发现问题。"
	strMissingLine = "表%s 还有 %d 格未填（已填 %d/%d）"
	strTextMissing = "%s 尚未填写"
)

// Editor: cover page fields.
const (
	strFieldAgency  = "机关名称"
	strFieldYear    = "年度"
	strFieldKind    = "机关类型"
	strFieldScope   = "范围"
	strFieldPreface = "开头说明"
	strChoiceHint   = "Left/Right 切换"
	strYearBad      = "年度应为 4 位数字，例如 2023"
	strAgencyEmpty  = "机关名称不能为空"
	strAgencyLong   = "机关名称太长（最多 %d 个字）"
)

// Editor: sections with text.
const (
	strS1Intro      = "开头段落（可留空）"
	strPartTitle    = "小标题"
	strPartBody     = "正文"
	strS5Text       = "五、存在的主要问题及改进情况"
	strS6Text       = "六、其他需要报告的事项"
	strS6Fees       = "信息处理费（生成的句子，不可直接编辑）："
	strS6FeesNone   = "（收费数字尚未填写）"
	strPartAdded    = "已添加小节 %s"
	strPartDeleteQ  = "删除小节 %s「%s」？正文也会一并删除（可用 Ctrl+Z 撤销）。"
	strPartDeleted  = "已删除小节 %s"
	strPartMoved    = "小节已移到 %s"
	strPartLast     = "至少保留一个小节"
	strPartNoMove   = "已经到头了"
	strPartUntitled = "（无标题）"
)

// Editor: grid and cells.
const (
	strComputed      = "自动计算，不能填写"
	strIncomplete    = "部分单元格未填，合计不完整"
	strCleared       = "已清除 %s"
	strFillZeroQ     = "把表%s中还空着的 %d 个单元格都填为 0？已填的数字不变（可用 Ctrl+Z 撤销）。"
	strFillZeroDone  = "已把表%s的 %d 个空单元格填为 0"
	strFillZeroNone  = "表%s没有空着的单元格"
	strFillNoTable   = "请先进入表二、三、四或六，再全部填 0"
	strNoMoreFinding = "没有检查结果"
	strFindingJump   = "第 %d/%d 条：%s"
	strUndone        = "已撤销：%s"
	strRedone        = "已重做：%s"
	strNothingUndo   = "没有可撤销的操作"
	strNothingRedo   = "没有可重做的操作"
	strEditCell      = "编辑单元格 %s"
	strEditText      = "编辑 %s"
	strEditCover     = "修改封面"
	strS4Layout      = "（窄屏：三行五列显示）"
	strGuide         = "说明：%s"
	strEditingHint   = "Enter 确认  Esc 取消"
)

// Paste into a grid.
const (
	strPasteNotGrid   = "这里不能粘贴表格：请先把光标移到表格中的单元格"
	strPasteEmpty     = "剪贴板中没有内容"
	strPasteTooWide   = "粘贴的内容有 %d 列，从这里向右只有 %d 个可填的列，没有写入任何数字"
	strPasteTooTall   = "粘贴的内容有 %d 行，从这里向下只有 %d 个可填的行，没有写入任何数字"
	strPasteBad       = "第 %d 行第 %d 列「%s」：%s；没有写入任何数字"
	strPasteDone      = "已粘贴 %d 个数字（%d 行 × %d 列）"
	strPasteTotalDiff = "粘贴的总计与计算不符：%s"
	strPasteTotalOK   = "，粘贴的总计与计算一致"
	strPasteDiffOne   = "%s 粘贴 %s，计算 %s"
	strPasteSummary   = "粘贴到表%s"
)

// Save summaries (recorded in the store's revisions).
const (
	sumCell   = "修改 %s"
	sumClear  = "清除 %s"
	sumPaste  = "粘贴到表%s"
	sumFill   = "表%s空格填 0"
	sumText   = "修改%s"
	sumCover  = "修改封面"
	sumParts  = "调整一、总体情况的小节"
	sumUndo   = "撤销"
	sumRedo   = "重做"
	sumManual = "保存"
)

// Key help (short labels for the help bar).
const (
	helpUp        = "上移"
	helpDown      = "下移"
	helpLeft      = "左移"
	helpRight     = "右移"
	helpNextCell  = "下一格"
	helpPrevCell  = "上一格"
	helpHome      = "行首"
	helpEnd       = "行尾"
	helpPgUp      = "上翻页"
	helpPgDn      = "下翻页"
	helpEdit      = "修改"
	helpCommit    = "确认"
	helpCancel    = "取消/返回"
	helpClear     = "清除"
	helpHelp      = "帮助"
	helpQuit      = "退出"
	helpPane      = "切换窗格"
	helpPanePrev  = "反向切换窗格"
	helpFindNext  = "下一个问题"
	helpFindPrev  = "上一个问题"
	helpUndo      = "撤销"
	helpRedo      = "重做"
	helpFillZero  = "全部填 0"
	helpExport    = "导出"
	helpHistory   = "历史版本"
	helpSave      = "立即保存"
	helpPartAdd   = "添加小节"
	helpPartDel   = "删除小节"
	helpPartUp    = "小节上移"
	helpPartDown  = "小节下移"
	helpOpen      = "打开"
	helpChoice    = "切换选项"
	helpNextField = "下一项"
	helpPrevField = "上一项"
)

// fmtTime is how the status line shows a save time.
func fmtTime(t time.Time) string { return t.Format("15:04:05") }

// strf is fmt.Sprintf, named so that call sites read as "a UI string".
func strf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// --- start screen and dialogs ---
