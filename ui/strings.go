package ui

import (
	"fmt"
	"time"
)

// Every piece of Chinese text the UI shows lives in this file, so that the
// wording can be reviewed in one place. Code elsewhere refers to these names.

// Root model and frame.
const (
	strAppName      = "政府信息公开工作年度报告"
	strTooSmall     = "窗口太小：请把终端窗口放大到至少 %d 列、%d 行（现在是 %d 列、%d 行）。"
	strSaved        = "已保存 %s"
	strSaving       = "保存中"
	strSaveFailed   = "保存失败：%s"
	strSaveRetry    = "（稍后自动重试）"
	strQuitUnsaved  = "保存失败：退出前再试，不成则尝试另存 JSON 文件。退出？"
	strQuitBadCell  = "单元格中的「%s」无法保存：%s。仍要退出吗？"
	strQuitBadField = "%s中的「%s」无法保存：%s。报告中%s。仍要退出吗？"
	strFullStop     = "。" // trimmed from a message quoted inside a sentence
	// Returned by Run (printed by the command line) when the window was
	// closed or the program was ended by the system.
	strClosedBySignal = "填报界面已关闭（收到系统信号 %s），输入的内容已保存"
	strClosedUnsaved  = "填报界面已关闭（收到系统信号 %s）。%s"
	strSaveStuck      = "保存未能在退出前完成"
	// The last save failed as the program ended (UnsavedError): where the
	// report went instead, or that it could go nowhere.
	strUnsavedCopy = "最后的修改没有写入草稿文件（%s），报告已另存为 %s"
	strUnsavedLost = "最后的修改没有写入草稿文件（%s），也无法另存为文件（%s），这些修改已丢失"
	strNoStore     = "没有打开草稿文件"
	// After the command line's message when the UI could not start.
	strPressEnter   = "按 %s 关闭窗口。"
	strErrCount     = "错误 %d"
	strWarnCount    = "提示 %d"
	strFilledAll    = "已填 %d/%d"
	strMissingBoth  = "未填 %d 格、%d 段文字"
	strMissingCells = "未填 %d 格"
	strMissingTexts = "未填 %d 段文字"
	strConfirmYes   = "确定"
	strConfirmNo    = "取消"
)

// Editor: section list.
const (
	strSecCover    = "封面与说明"
	strSecS1       = "一、总体情况"
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
	strPaneFinds   = "检查结果"
	strNoFindings  = "没有发现问题。"
	strMissingLine = "表%s 还有 %d 格未填（已填 %d/%d）"
	strListHidden  = "%s 章节"
	strMissingFees = "六、信息处理费 还有 %d 项未填（已填 %d/%d）"
)

// Editor: cover page fields.
const (
	strFieldAgency  = "机关名称"
	strFieldYear    = "年度"
	strFieldKind    = "机关类型"
	strFieldScope   = "范围"
	strFieldPreface = "开头说明"
	strFieldSigner  = "落款机关"
	strFieldDate    = "成文日期"
	// Shown dimmed in the empty 落款 fields.
	strSignerDefault = "（留空即为机关名称：%s）"
	strDateEmpty     = "（未填；例如 2025-01-20 或 2025年1月20日）"
	strYearBad       = "年度应为 4 位数字，例如 2023"
	strAgencyEmpty   = "机关名称不能为空"
	strAgencyLong    = "机关名称太长（最多 %d 个字）"
	// A date typed wrong: the report keeps the date it had.
	strFieldKept     = "%s：%s；报告中%s，请改正（%s 恢复原日期）"
	strFieldRestored = "%s已恢复为%s"
	strFieldDropped  = "%s「%s」无法保存，已恢复为%s"
	// What the report keeps, inside the messages above: the date it had,
	// or none (a field that was empty stays empty).
	strKeptValue   = "原来的日期 %s"
	strKeptNone    = "未填写"
	strKeptIsValue = "仍为原来的日期 %s"
	strKeptIsNone  = "的日期仍未填写"
)

// Editor: sections with text.
const (
	strS1Intro      = "开头段落（可留空）"
	strPartTitle    = "小标题"
	strPartBody     = "正文"
	strS5Text       = "五、存在的主要问题及改进情况"
	strS6Text       = "六、其他需要报告的事项"
	strS6Fees       = "打印时接在正文之后的一句（由上面的收费数字生成，不必在正文中再写）："
	strS6FeesNone   = "（收费数字尚未填写）"
	strPartAdded    = "已添加小节 %s"
	strPartDeleteQ  = "删除小节 %s「%s」？正文也会一并删除（可用 %s 撤销）。"
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
	strFillZeroQ     = "把表%s中还空着的 %d 个单元格都填为 0？已填的数字不变（可用 %s 撤销）。"
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
	strGuide         = "说明：%s"
	strCellLabel     = "表%s：%s" // the focused cell's full label
	strFeeLabel      = "六、%s"   // 六's fee figures: three figures, not a table
	strSep           = "；"      // between messages on one line
	strFieldProblem  = "%s：%s"  // a text field's name and what is wrong with it
	strTextPart      = "这段文字"   // a text part, in the size cap's message
)

// The line under a grid: the unit, and last year beside this year.
const (
	strUnitCount  = "单位：件"
	strUnitWan    = "单位：万元"
	strUnitYuan   = "单位：元"
	strCmpBoth    = "上年 %s，本年 %s，%s"
	strCmpNoPrev  = "上年未填，本年 %s"
	strCmpNoNow   = "上年 %s，本年未填"
	strCmpNeither = "上年、本年都未填"
	strCmpSame    = "持平"
	strCmpUp      = "增加 %s"
	strCmpDown    = "减少 %s"
	strCmpUpPct   = "增加 %s（%s）"
	strCmpDownPct = "减少 %s（%s）"
)

// Notes of a paste or an import, listed in the findings pane.
const (
	strNotANote         = "只有导入或粘贴时留下的说明可以忽略；其他问题请修改报告"
	strNoteDismissed    = "已忽略这条说明"
	strNoteDismissedSum = "忽略一条说明"
)

// The comparison view (F9).
const (
	helpCompareOff     = "返回表格"
	strCmpNoPrevReport = "没有上年的报告可对比：从上年报告创建的报告，或草稿文件中有同一机关上一年度的报告时才能对比"
	strCmpNotTable     = "对比上年用于表二、三、四和六的收费数字：请先进入这些部分"
	strCmpReadOnly     = "对比视图只能查看：按 %s 返回表格再填写"
	strCmpTitle        = "对比上年：表%s（上年为 %d 年报告）"
	strCmpTitleCol     = "对比上年：表%s「%s」列（上年为 %d 年报告；%s 换列）"
	strCmpItem         = "项目"
	strCmpNow          = "本年"
	strCmpPrev         = "上年"
	strCmpDelta        = "增减"
	strCmpPct          = "增减%"
	strCmpEmpty        = "未填"
)

// The clipboard (Ctrl+C, Ctrl+V).
const (
	strCopied        = "已复制到剪贴板：%s"
	strCopiedTerm    = "已请终端复制到剪贴板：%s（终端不支持时剪贴板不变，可用鼠标选中复制）"
	strNothingToCopy = "这里没有可复制的内容：请把光标移到单元格、文字或检查结果上"
	// Ctrl+V where the program cannot read the clipboard itself.
	strPasteUseTerminal = "这里无法直接读取剪贴板：请用终端的粘贴（%s 或鼠标右键）"
	keyTermPaste        = "Ctrl+Shift+V"
	strCellPos          = "表%s%s/%s" // 表三（一）予以公开/自然人 (cellPos)
	strOpenParen        = "（"
	strQuoted           = "「%s」"
	strCopyCell         = "「%s」的 %s"
	strCopyCellEmpty    = "「%s」（空）"
	strCopyPara         = "%s第 %d 段（%d 字）"
	strCopyLine         = "「%s」（%d 字）"
	strCopyFinding      = "这条检查结果（%d 字）"
)

// Paste into a grid.
const (
	strPasteNotGrid     = "这里不能粘贴表格：请先把光标移到表格中的单元格"
	strPasteEmpty       = "剪贴板中没有内容"
	strPasteTooWide     = "粘贴的内容有 %d 列，从这里向右只有 %d 个可填的列，没有写入任何数字"
	strPasteTooTall     = "粘贴的内容有 %d 行，从这里向下只有 %d 个可填的行，没有写入任何数字"
	strPasteBad         = "「%s」中的「%s」：%s；没有写入任何数字"
	strPasteDone        = "已粘贴 %d 个数字（%d 行 %d 列）"
	strPasteTotalDiff   = "粘贴的总计与计算不符：%s（已列入检查结果，%s 可查看；改动有关数字后消失，也可在检查结果中按 %s 忽略）"
	strPasteTotalNote   = "粘贴的「%s」为 %s，按各项计算为 %s：请核对粘贴的数字"
	strPasteBlanks      = "%d 格为空白、横线或斜线，已留空（不是 0）：%s"
	strPasteAndMore     = "%s等"
	strPasteAmbiguous   = "粘贴内容中标签后面有 %d 列全是空白，无法确定是合并的标签格还是空着的数字：请只复制数字部分再粘贴；没有写入任何数字"
	strListSep          = "、"
	strNone             = "无" // printed instead of a figure, like a dash
	strPasteTotalOK     = "，粘贴的总计与计算一致"
	strPasteDiffOne     = "%s 粘贴 %s，计算 %s"
	strPasteSummary     = "粘贴到表%s"
	strPasteCalcEmpty   = "空"     // a computed total with nothing to add up
	strPasteCalcPartial = "（不完整）" // a computed total of some empty cells
	// pasteTotalLabel marks a pasted row as the table's 总计 row (compared
	// with the computed totals, not written).
	pasteTotalLabel = "总计"
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
	sumClosed = "关闭窗口时保存"
)

// Key help (short labels for the help bar).
const (
	helpUp         = "上移"
	helpDown       = "下移"
	helpLeft       = "左移"
	helpRight      = "右移"
	helpNextCell   = "右移一格"
	helpPrevCell   = "左移一格"
	helpHome       = "行首"
	helpEnd        = "行尾"
	helpPgUp       = "上翻页"
	helpPgDn       = "下翻页"
	helpEdit       = "修改"
	helpCommit     = "确认"
	helpJump       = "跳到该处"
	helpCancel     = "取消/返回"
	helpClear      = "清除"
	helpHelp       = "帮助"
	helpMore       = "更多"
	helpHelpQ      = "帮助（非输入时）"
	helpCaretLeft  = "光标左移"
	helpCaretRight = "光标右移"
	helpQuit       = "退出"
	helpPane       = "切换窗格"
	helpPanePrev   = "反向切换窗格"
	helpFindNext   = "下一个问题"
	helpFindPrev   = "上一个问题"
	helpUndo       = "撤销"
	helpRedo       = "重做"
	helpFillZero   = "全部填 0"
	helpExport     = "导出"
	helpHistory    = "历史版本"
	helpSave       = "立即保存"
	helpPartAdd    = "添加小节"
	helpPartDel    = "删除小节"
	helpPartUp     = "小节上移"
	helpPartDown   = "小节下移"
	helpOpen       = "打开"
	helpChoice     = "切换选项"
	helpNextField  = "下一项"
	helpPrevField  = "上一项"
	// The keys as dialogs name them in their hints.
	helpSwitch      = "选择"
	helpScroll      = "滚动"
	helpClose       = "关闭"
	helpNextOrDone  = "下一项/完成"
	helpSwitchField = "切换"
	helpPickFormat  = "选格式"
	helpToName      = "下一步：文件名"
	helpToFormat    = "回到格式"
	helpCompShort   = "补全"
	helpOpenReport  = "打开报告"
	helpToStart     = "返回开始页面"
	helpSelect      = "选择"
	helpCycle       = "切换"
	// Spreadsheet habits, the clipboard, last year, the preview (issue 14).
	helpCommitDown  = "确认并下移"
	helpCommitUp    = "确认并上移"
	helpFirstCell   = "第一个可填格"
	helpLastCell    = "最后一个可填格"
	helpCopy        = "复制"
	helpPaste       = "粘贴"
	helpCompare     = "对比上年"
	helpPreview     = "预览"
	helpDismiss     = "忽略说明"
	helpFilterBack  = "删去一个字"
	helpFilterClear = "清除筛选"
	// Keys named together in a hint.
	keyScroll    = "Up/Down、PgUp/PgDn"
	keyCloseHelp = "Esc、Enter 或 F1"
	keyCloseDone = "Enter 或 Esc"
)

// screenQuotes are the official labels' “ ” and what the screen shows
// instead (see onScreen).
var screenQuotes = []string{"“", "「", "”", "」"}

// noLineStart are characters that must not begin a line (wrapStarts).
const noLineStart = "，。、；：？！）」』》〉”’…—,.;:?!)]%"

// clockTime is how the status line shows a save time.
func clockTime(t time.Time) string { return t.Format("15:04:05") }

// strf is fmt.Sprintf, named so that call sites read as "a UI string".
func strf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// --- start screen and dialogs ---

// Start screen.
const (
	txtAppTitle      = "nianbao  " + strAppName
	txtDraftFile     = "草稿文件："
	txtLoading       = "正在读取..."
	txtLoadFailed    = "读取失败："
	txtWelcome       = "欢迎使用。这里填写、检查并导出政府信息公开工作年度报告。"
	txtWelcomeEmpty  = "草稿文件里还没有报告，可以："
	txtWelcomeNew    = "新建报告"
	txtWelcomeImport = "导入上年的报告（Word、PDF、网页、复制的文字、Markdown、Excel、JSON）"
	txtColAgency     = "机关"
	txtColYear       = "年度"
	txtColErrors     = "错误"
	txtColWarnings   = "提示"
	txtColMissing    = "未填"
	txtColUpdated    = "最后修改"
	txtColDeleted    = "删除时间"
	txtRowsFmt       = "  第 %d 份，共 %d 份"
	txtDeleteAskFmt  = "把「%s」移到回收站？之后可在回收站（%s）中恢复。"
	txtDeletedFmt    = "已移到回收站：%s（%s 可恢复）"
	txtDeleteFailed  = "删除失败："
	txtRollExistsFmt = "已有%s %d 年的报告，不能再从上年报告创建；请直接打开它。"
	txtRollDuplicate = "下一年度的报告已经存在，不能再从上年报告创建"
	txtRollFailed    = "从上年报告创建失败："
	// A report whose stored record cannot be read: marked in the list
	// with a symbol and a word (not colour alone), explained on Enter,
	// and announced once when the draft file is opened.
	txtDamagedMark      = strSymError + " 已损坏"
	txtDamagedRowHint   = "按 %s 历史版本恢复"
	txtDamagedWayOut    = "现在可以：%s 历史版本（恢复一个完好的版本即可修复）  %s 移到回收站"
	txtDamagedAtOpenFmt = "草稿文件中有 %d 份报告已损坏，无法打开：%s。其他报告不受影响。选中标有「" + txtDamagedMark + "」的报告，按 %s 历史版本，恢复一个完好的版本即可修复；也可以按 %s 移到回收站。"
	txtNoBackupToday    = "因此今天没有做备份，修复后下次打开时会做。"
	txtNameSep          = "、"
	txtReportNameFmt    = "%s/%d" // a damaged report named in a note
	txtAdviceDiskFull   = "请腾出磁盘空间。"
	txtAdviceReadOnly   = "请让管理员开放写入权限。"
	// After 从上年报告创建, in the editor's status line: short enough to fit
	// beside the save state and the counts at 80 columns (the agency is on
	// the title line above).
	txtRolledFmt          = "已创建 %d 年报告，上年结转数已带入"
	txtRolledSomeCarryFmt = "已创建 %d 年报告，带入结转 %d/%d 格"
	txtRolledNoCarryFmt   = "已创建 %d 年报告，上年结转数需补填"
	txtConfirmTitle       = "请确认"
	// Typing on the start screen filters the list by agency (or year).
	txtFilterLine = "筛选：%s（%d/%d 份）"
	txtFilterNone = "没有机关名称或年度含「%s」的报告（%s 清除筛选）"
	// Under the list: the selected report's agency, when its column cut it.
	txtSelectedFmt = "选中：%s %d 年"
	txtMoreBelow   = "...（%s 滚动）"
)

// New-report form.
const (
	txtNewTitle       = "新建报告"
	txtChooseKind     = "（请选择）"
	txtNeedAgency     = "请填写机关名称。"
	txtBadYearFmt     = "年度应为 %d 到 %d 之间的四位数字，例如 2023。"
	txtNeedKind       = "请用 %s 选择机关类型：检查规则与机关类型有关。"
	txtDuplicateFmt   = "已有%s %d 年的报告，请在开始页面直接打开它。"
	txtSummaryCreated = "新建报告"
)

// txtNewHelp is the help line of each field of the new-report form; a %s
// is the key that changes a choice.
var txtNewHelp = [...]string{
	"机关全称，与报告标题一致，如：北京市密云区科学技术委员会",
	"报告所属的年度（不是编写的年份）",
	"用 %s 选择；人民政府的报告还要写工作考核、社会评议和责任追究",
	"用 %s 选择：本机关的报告，或汇总本地区各机关的报告",
}

// txtScopeHint explains each scope after its name.
var txtScopeHint = [...]string{"（本机关自己的报告）", "（汇总本地区的报告）"}

// Import dialog.
var txtImportIntro = []string{
	"可以导入：Word 文档（.docx）、PDF、网页（另存为 .html）、复制成 .txt 的正文、",
	"Markdown（.md）、nianbao 导出的 Excel（.xlsx）或 JSON。输入文件路径，%s 补全文件名。",
}

const (
	txtImportTitle       = "导入报告"
	txtImportFile        = "文件"
	txtImportOptional    = "机关名称和年度可不填：默认取文件中的标题。"
	txtImportBadYearFmt  = "年度应为四位数字，如 2023（%d 年以后），也可以不填。"
	txtImportReading     = "正在读取..."
	txtNeedPath          = "请输入文件路径。"
	txtNoSuchDir         = "找不到文件夹："
	txtNoMatch           = "没有以此开头的文件或文件夹。"
	txtMoreMatchesFmt    = "  ...还有 %d 个"
	txtImportReplaceFmt  = "草稿文件里已有「%s」（已填 %d/%d 格）。用导入的内容（已填 %d/%d 格）替换它吗？替换前的内容会保存为历史版本，可以恢复。"
	txtImportNotReplaced = "没有导入：已有的报告保持不变。"
	txtImportStoreFailed = "保存导入的报告失败："
	txtImportSummary     = "导入："
	txtImportedFmt       = "已导入：%s"
	txtImportedFilledFmt = "表格已填 %d/%d 格。"
	txtImportNoNotes     = "导入时没有发现需要说明的问题。"
	txtImportNotesFmt    = "导入说明（%d 条），请核对："
	txtImportGiveAgency  = "，请在「机关名称」中填写。"
	txtImportGiveYear    = "，请在「年度」中填写。"
	txtImportKindFmt     = "文件中没有机关类型，暂定为「%s」，可在「封面与说明」中修改"
)

// Export dialog.
const (
	txtExportTitle          = "导出报告"
	txtExportHTML           = "HTML 网页（完整文档，可直接打开或打印）"
	txtExportFragment       = "HTML 片段（粘贴到网站后台编辑器）"
	txtExportMarkdown       = "Markdown 文本"
	txtExportJSON           = "JSON 数据（可再导入 nianbao）"
	txtExportFragmentSuffix = "（片段）"
	// What MarkExport records: the revision reads 导出 HTML 文档 时的版本.
	sumExportHTML             = "HTML 文档"
	sumExportFragment         = "HTML 片段"
	txtExportFormat           = "格式："
	txtExportFile             = "文件名："
	txtExportWriting          = "正在导出..."
	txtExportHasErrorsFmt     = "注意：还有 %d 处错误，导出的文件会标为草稿并列出这些错误。"
	txtExportMissingFmt       = "注意：%s，导出的文件会标为草稿。"
	txtExportErrorsMissingFmt = "注意：还有 %d 处错误，%s，导出的文件会标为草稿。"
	txtExportExists           = "文件已存在："
	txtExportReplaceAsk       = "替换这个文件吗？"
	txtExportNotReplaced      = "没有导出：原文件保持不变。可以改个文件名。"
	txtNeedFileName           = "请输入文件名。"
	txtExportedTo             = "已导出到："
	txtExportNoRevision       = "（未能在历史中记录这次导出："
)

// The preview (Ctrl+P).
const (
	txtPreviewTitle        = "预览：打印效果"
	txtPreviewPos          = "第 %d-%d 行，共 %d 行"
	txtPreviewDraftBoth    = "草稿：还有 %d 处错误，%s，导出的文件会标为草稿。"
	txtPreviewDraftMissing = "草稿：%s，导出的文件会标为草稿。"
	txtPreviewDraftErrors  = "草稿：还有 %d 处错误，导出的文件会标为草稿。"
	txtPreviewNoDate       = "（成文日期未填）"
	txtExportPreview       = "预览打印效果（不写文件）"
	txtExportPreviewKey    = "%s  %s"
	helpShowPreview        = "预览"
)

// History and trash.
const (
	txtHistoryTitle   = "历史版本"
	txtNoHistory      = "这份报告还没有历史版本。"
	txtColRevision    = "版本"
	txtColTime        = "时间"
	txtColSummary     = "内容"
	txtRevisionFmt    = "第 %d 版"
	txtRestoreAskFmt  = "恢复到第 %d 版（%s，%s）？现在的内容会先保存为一个版本，可以再恢复回来。"
	txtRestoreFailed  = "恢复失败："
	txtRestoredFmt    = "已恢复到第 %d 版"
	txtTrashTitle     = "回收站"
	txtTrashEmpty     = "回收站是空的。"
	txtUndeletedFmt   = "已恢复：%s"
	txtUndeleteFailed = "恢复失败："
)

// Help screen.
const (
	txtHelpTitle   = "按键说明"
	txtHelpVersion = "版本："
	// The marks the grids and lists use, explained under the keys (「~」
	// marks two things, both explained).
	txtHelpMarks   = "标记：! 错误  ? 提示  12~ 合计还不完整（有格未填，光标移到合计处下方说明）"
	txtHelpCut     = "文字末尾的 ~：显示不下，光标移到该处时下方显示全文"
	txtHelpGeneral = "通用"
	txtHelpMove    = "移动"
	txtHelpCells   = "填写表格"
	txtHelpEditor  = "编辑报告"
	txtHelpStart   = "开始页面"
	txtHelpDialogs = "对话框"
)

// Key help of the start screen and dialogs.
const (
	// The start screen's bar holds seven keys at 80 columns: short labels.
	helpNewReport  = "新建"
	helpImport     = "导入"
	helpRoll       = "从上年创建"
	helpStartHist  = "历史"
	helpDelete     = "删除"
	helpTrash      = "回收站"
	helpUndelete   = "恢复"
	helpRestore    = "恢复此版本"
	helpComplete   = "补全文件名"
	helpLineHome   = "到开头"
	helpLineEnd    = "到末尾"
	helpBackspace  = "删除前一字"
	helpDeleteChar = "删除后一字"
	helpKillBefore = "删除光标前的全部"
	helpKillAfter  = "删除光标后的全部"
	txtHelpLine    = "输入框"
)

// A draft file open read-only (a read-only file, folder or disk).
const (
	// The banner above the status line: why (the start screen names the
	// file).
	strReadOnlyBanner = "只读：%s。可以查看、检查、预览，并导出到别处；不能修改"
	// Every change refused, with why.
	strReadOnlyRefused = "只读，不能修改：%s。可以查看、检查、预览，并导出到别处"
	// A store opened read-only with no reason given.
	strReadOnlyChosen = "草稿文件是以只读方式打开的"
	// In place of 已保存 on the status line.
	strReadOnlyState = "只读"
	// An export from a read-only draft file is not recorded in its history.
	txtExportReadOnly = "（草稿文件只读，这次导出没有记入历史版本）"
)
