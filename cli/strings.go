package cli

// Every piece of Chinese text of the command line lives in this file and in
// strings_help.go (the commands' help): messages here, help there. The
// command line names its own commands and options; the packages below it
// (office, store) state facts and name none.

// The frame of every message.
const (
	txtErrorLine       = "错误：%s\n"
	txtSeeHelp         = "%s（用 %s --help 查看用法）"
	txtNoCommand       = "没有这个命令："
	txtNoCommandSeeAll = "%s（用 nianbao --help 查看全部命令）"
	txtDidYouMean      = "。您是不是想用："
	txtListSep         = "、"
	txtArgCount        = "参数个数不对：%s 的参数应为「%s」，收到 %d 个（用 %s --help 查看用法）"
	txtNoOption        = "没有这个选项："
	txtNoShortOption   = "没有这个选项：-%s（在 %s 中）"
	txtNeedsValue      = "选项 %s 后面需要一个值"
	txtBadNumber       = "选项 %s 的值「%s」不对（应为数字）"
	txtBadSyntax       = "选项写法不对："
	txtRequired        = "缺少必需的选项："
	txtRequiredSep     = "、"
	txtOptionsMark     = " [选项]"
	txtDefault         = "（默认 $1）"
)

// The usage text of every command (see usage in root.go). The flag lists go
// through zhFlags, which translates pflag's "(default …)".
const (
	txtUsage         = "用法："
	txtUsageSubcmd   = "%s [命令]"
	txtUsageExamples = "示例："
	txtUsageCommands = "命令："
	txtUsageOptions  = "选项："
	txtUsageGlobal   = "全局选项："
	txtUsageMore     = `用 "%s [命令] --help" 查看某个命令的详细说明。`
)

// Characters the command line reads as they are typed with a Chinese IME.
const (
	fullWidthEquals = "＝"         // set ADDR＝VALUE
	lineEndSpaces   = " \t\u3000" // trimmed from the ends of text lines, the ideographic space too
)

// The number of arguments each command takes, in words.
const (
	argsNew          = "不带参数（用选项 --agency 和 --year）"
	argsOneReport    = "一个报告（机关名称/年度）"
	argsNone         = "不带参数"
	argsSet          = "一个报告和至少一个 地址=数值"
	argsRestore      = "一个报告和一个版本号"
	argsUndelete     = "一个报告（机关名称/年度）或 ID"
	argsBackup       = "一个备份名称"
	argsText         = "一个报告、一个部分（preface、s1、s5、s6），以及可选的文件"
	argsExportReport = "一个报告（机关名称/年度 或 .json 文件）"
	argsFile         = "一个文件"
)

// REPORT arguments and files.
const (
	txtReportName     = "%s/%d" // how the command line names a report: 机关名称/年度
	txtNotAReport     = "「%s」不是报告：请写作「机关名称/年度」，例如 北京市密云区科学技术委员会/2023，或给出一个 .json 报告文件"
	txtNoAgencyInRef  = "「%s」缺少机关名称：请写作「机关名称/年度」"
	txtBadYearInRef   = "「%s」中的年度「%s」不对：年度应为四位数字，例如 %s/2023"
	txtCannotReadFile = "无法读取文件 %s：%s"
	txtFileProblem    = "%s：%s"
	txtFileIsFolder   = "无法读取 %s：这是一个文件夹，不是文件"
	txtIsJSONFile     = "%s 是 JSON 文件：这个命令只作用于草稿文件中的报告（要把文件放进草稿文件，请用 nianbao import %s）"
	txtNoSuchID       = "草稿文件中没有 ID 为 %s 的报告（用 nianbao list 查看全部报告）"
	txtIDInTrash      = "ID 为 %s 的报告在回收站中（用 nianbao undelete %s 恢复）"
	txtNoSuchReport   = "草稿文件中没有报告 %s（用 nianbao list 查看全部报告）"
	txtReportInTrash  = "报告 %s 在回收站中（用 %s 恢复）"
	cmdUndelete       = "nianbao undelete "
	txtCannotWrite    = "无法写出结果：%s"
	txtErrorNote      = "错误：%s"
)

// The draft file, and what to do when the store says it cannot be used:
// the store's facts come first, then one of these.
const (
	txtNewDraftFile     = "已新建草稿文件：%s"
	txtNoDataDir        = "%s，请用 --db 指定草稿文件的位置"
	adviceHeld          = "请先关闭那个窗口，或用 --db 指定另一个草稿文件。"
	adviceRecover       = "可以用 nianbao recover %s 从备份恢复（当前文件会保留在旁边）；用 nianbao backups 可以列出全部备份。"
	adviceNoBackup      = "请把它交给技术人员检查，或用 --db 换一个新的草稿文件。"
	adviceIsFolder      = "请用 --db 指定一个文件。"
	adviceNotDraft      = "请用 --db 指定 nianbao 的草稿文件。"
	adviceNoLocks       = "可以用 --db 指定本机磁盘上的草稿文件。"
	adviceNotWritable   = "请换一个可写的文件夹（用 --db 指定），或请管理员开放写入权限。"
	adviceOtherPath     = "请检查这个位置，或用 --db 指定另一个草稿文件。"
	adviceUnreadable    = "请让管理员开放读取权限，或用 --db 指定另一个草稿文件。"
	adviceDiskFull      = "请腾出磁盘空间后再试。"
	adviceReadOnly      = "请让管理员开放写入权限，或用 --db 换一个可写的位置后再试。"
	adviceNotSaved      = "这次的修改没有写入草稿文件。"
	adviceDamagedReport = "用 nianbao history %s 列出历史版本，再用 nianbao restore %s 版本号 恢复。"
)

// new, meta, list, set.
const (
	txtBadKind       = "不认识的机关类型「%s」，应为以下之一：%s"
	txtKindSep       = "；"
	txtBadScope      = "不认识的范围「%s」，应为 self（本机关）或 area（汇总）"
	txtAgencyEmpty   = "机关名称不能为空"
	nameAgency       = "机关名称" // the field, as the model's checks name it
	txtBadYearValue  = "年度「%d」不对：应为四位数字，例如 2023"
	txtAlreadyThere  = "草稿文件中已有报告 %s"
	txtNewNeeds      = "新建报告需要 --agency 机关名称 和 --year 年度（或用 --from 从上年报告创建）"
	txtFromYear      = "--from 创建的是 %s 的下一年度（%d 年）的报告，与 --year %d 不符"
	txtKindDefaulted = "提示：未指定 --kind，机关类型暂定为「%s」，可用 nianbao meta --kind 修改。"
	txtMetaNothing   = "没有要修改的内容：请给出 --agency、--kind、--scope、--previous、--signer 或 --date"
	txtLinkSelf      = "报告不能链接到它自己"
	txtLinkYear      = "%s 不是 %d 年度的报告，不能作为 %s 的上年报告"
	txtNoChange      = "没有变化。"
	txtListEmpty     = "草稿文件中还没有报告（用 nianbao new 新建，或用 nianbao import 导入上年发布的报告）。"
	txtListLine      = "%s\t错误 %d（其中未填写 %d）\t提示 %d\t%s\t%s\n"
	txtSetForm       = "「%s」应写作 地址=数值，例如 s3.new.natural=3"
	txtNoCell        = "没有这个单元格：%s（地址形如 s3.new.natural，见 README「单元格地址」）"
	txtComputed      = "%s（%s）是自动计算的合计，不能填写"
	txtCellProblem   = "%s（%s）：%s"
	txtSetTwice      = "%s 写了两次，值不同（「%s」和「%s」），请只写一次"
	txtNothingSet    = "%s\n没有修改任何单元格。"
	sumSet           = "命令行填写 %d 个单元格"
	txtSetDone       = "已保存 %d 个单元格。%s 现有错误 %d 个（其中未填写 %d 个）、提示 %d 个（用 nianbao check 查看）。"
)

// history, restore, delete, trash, undelete, backups, recover.
const (
	txtNoHistory      = "%s 还没有历史版本。"
	txtBadRevision    = "版本号「%s」不对：应为 nianbao history 列出的数字"
	txtNoSuchRevision = "%s 没有第 %d 版（用 nianbao history 查看）"
	txtRestored       = "已把 %s 恢复到第 %d 版。"
	txtDeleted        = "已把 %s 移到回收站（ID %s）；用 %s 恢复。"
	txtTrashEmpty     = "回收站是空的。"
	txtTrashLine      = "%s\t删除于 %s\t%s\n"
	txtUndeleteFile   = "%s 是文件：请给出回收站中的报告（机关名称/年度）或 ID"
	txtNotInTrash     = "回收站中没有 %s（用 nianbao trash 查看）"
	txtTrashTwin      = "%s（删除于 %s）"
	txtTrashTwins     = "回收站中有 %d 份 %s，请用 ID 指定：%s"
	txtUndeleted      = "已从回收站恢复 %s。"
	txtNoBackups      = "还没有备份（草稿文件 %s）。"
	txtDaily          = "每日"
	txtWeekly         = "每周"
	txtRecoveredKept  = "已从备份 %s 恢复草稿文件 %s；原来的草稿文件另存为 %s。"
	txtRecovered      = "已从备份 %s 恢复草稿文件 %s。"
	txtCompacted      = "已压缩草稿文件 %s：%s → %s。"
)

// text.
const (
	partPrefaceAlias   = "说明"
	partPrefaceName    = "开头说明"
	partS1Alias        = "一"
	partS5Alias        = "五"
	partS6Alias        = "六"
	txtBadPart         = "不认识的部分「%s」：应为 preface、s1、s5 或 s6"
	txtStdin           = "标准输入"
	txtFileNamed       = "文件 "
	txtCannotReadStdin = "无法读取标准输入：%s"
	txtCannotReadSrc   = "无法读取%s：%s"
	txtTextEmpty       = "读到的内容为空（%s），没有修改报告；如确要清空这一段，请加 --empty"
	sumText            = "命令行替换"
	txtReplacedS1      = "已替换%s：开头 %d 字，小标题 %d 个。"
	txtReplaced        = "已替换%s（%d 字）。"
	txtStdinFile       = "标准输入的文字-%s.txt"
	txtStdinAside      = "从标准输入读到的文字已另存为 %s，可以用 nianbao text %s %s %s 重新写入。"
	txtStdinLost       = "从标准输入读到的文字也无法另存为文件：%s。"
	txtControlsRemoved = "提示：文字中有 %d 个控制字符（终端控制码、响铃等不可见字符），已删去。"
)

// export and import.
const (
	txtFormatLine        = "  %-5s %s"
	txtNeedFormat        = "请用 --format 指定导出格式：%s"
	txtFragmentOnly      = "--fragment 只适用于 %s"
	txtTitleFragmentOnly = "--title 只适用于正文片段（与 --fragment 一起用）；完整文档总有标题"
	txtTargetExists      = "%s（加 --force 覆盖）"
	txtNotRecorded       = "注意：这次导出没有记入历史版本（%s），文件照常写出。"
	txtCannotWriteStdout = "无法写出到标准输出：%s"
	txtBinaryToTerminal  = "%s不是文本，不能写到终端：请用 -o 文件名 写到文件，或把标准输出重定向到文件"
	txtExportDraft       = "警告：报告还有 %d 个错误（其中未填写 %d 个），导出的是草稿；用 nianbao check 查看。"
	txtImportNoAgency    = "%s，请用 --agency 指定"
	txtImportNoYear      = "%s，请用 --year 指定"
	importerNeedsNames   = "请指定机关名称和年度" // what the importer says when the title is missing
	txtUseAgencyYear     = "（用 --agency 和 --year）"
	txtCannotImport      = "无法导入：%s"
	txtImportExists      = "草稿文件中已有报告 %s；要用导入的内容替换它，请加 --replace（替换前会保存一个历史版本）"
	txtImportKind        = "文件中没有机关类型，暂定为「%s」，可用 nianbao meta --kind 修改"
	txtImportNote        = "导入说明：%s"
)

// check.
const (
	txtCheckAllAndNames = "--all 与具体的报告不能同时给出"
	txtCheckWhat        = "请给出要检查的报告（机关名称/年度 或 .json 文件），或用 --all 检查草稿文件中的全部报告"
	txtCheckedErrors    = "共检查 %d 份报告：错误 %d 个"
	txtCheckedMissing   = "（其中未填写 %d 个）"
	txtCheckedWarnings  = "，提示 %d 个"
)

// The UI, started from here.
const (
	txtNoTerminal = "填报界面需要在终端（命令行窗口）中运行，这里没有可用的终端；在脚本中请使用 nianbao 的命令（见 nianbao --help）"
	txtUIFailed   = "填报界面出错：%s"
	// How the UI ended when a signal closed it, or its last save failed.
	txtUIClosedSaved    = "填报界面已关闭（收到系统信号 %s），输入的内容都已保存到草稿文件。"
	txtUIClosed         = "填报界面已关闭（收到系统信号 %s）。"
	txtUnsavedCopy      = "最后的修改没有写入草稿文件：%s。未保存的报告已另存为 %s；等草稿文件可以保存后，用 nianbao import --replace %s 把它导入（导入前的内容会保存为历史版本）。"
	txtUnsavedRefused   = "最后的修改没有写入草稿文件：%s。未保存的报告已另存为 %s；改正之后可以用 nianbao import %s 导入。"
	txtUnsavedLost      = "最后的修改没有写入草稿文件：%s。也无法另存为文件：%s。这些修改已丢失。"
	txtUILastSaveFailed = "最后的修改没有写入草稿文件：%s。"
	txtFullStop         = "。"
)

// nianbao --version and nianbao version.
const (
	txtVersionLine        = "nianbao %s\n"
	txtVersionCommit      = "提交：%s"
	txtVersionCommitAt    = "提交：%s（%s）"
	txtVersionNoCommit    = "提交：未记录"
	txtVersionModified    = "，编译时有未提交的修改"
	txtVersionBuilt       = "构建时间：%s\n"
	txtVersionNoBuildTime = "构建时间：未记录（不是发布版本）\n"
	txtVersionGo          = "Go 版本：%s（%s）\n"
)
