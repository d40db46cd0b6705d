package cli

// cmdHelp is a command's help: its use line, one-line summary, description
// and examples. A %s in a text is filled by the command (the export formats
// of the export registry, the agency kinds of the model).
type cmdHelp struct{ use, short, long, example string }

var helpRoot = cmdHelp{
	short: "政府信息公开工作年度报告填报工具",
	long: `nianbao 帮助行政机关填报《政府信息公开工作年度报告》（国办公开办函〔2021〕30号格式）：
边填边核对表格勾稽关系和上下年衔接，草稿保存在本机文件中，可导出为 %s。

不带命令运行时打开全屏填报界面；带命令时在命令行中完成单项操作，便于脚本调用。
报告（REPORT）写作「机关名称/年度」，例如 北京市密云区科学技术委员会/2023；
check 和 export 也接受一个 .json 报告文件。

退出码：0 成功（包括只有提示的检查、带错误的导出）；1 检查发现错误；
2 用法、输入或输出有误；3 草稿文件无法使用（被另一窗口占用、已损坏、不可写）。`,
	example: `  nianbao                                   打开填报界面
  nianbao new --agency 北京市密云区科学技术委员会 --year 2024 --kind county_dept
  nianbao check --all
  nianbao export --format html 北京市密云区科学技术委员会/2024`,
}

var helpHelp = cmdHelp{
	use:   "help [命令]",
	short: "显示某个命令的帮助",
	long:  "显示某个命令的帮助，例如 nianbao help export。",
}

var helpNew = cmdHelp{
	use:   "new --agency 机关名称 --year 年度 [--kind K] [--scope self|area] [--from REPORT]",
	short: "新建一份报告",
	long: `在草稿文件中新建一份报告，所有单元格为空，一、总体情况带有五个默认小标题。
成功后在标准输出打印新报告（机关名称/年度）。

用 --from 从任意一份报告创建下一年度的报告（从上年报告创建）：新报告链接到上年报告，
上年结转数取自上年的结转下年度数，机关信息和文字部分复制为初稿，其他单元格为空。
机构改革后机关更名时，同时给出 --agency 新名称即可，链接不受影响。`,
	example: `  nianbao new --agency 北京市密云区科学技术委员会 --year 2024 --kind county_dept
  nianbao new --from 北京市密云区科学技术委员会/2023
  nianbao new --from 北京市密云区科学技术委员会/2023 --agency 北京市密云区科学技术和信息化局`,
}

var helpMeta = cmdHelp{
	use:   "meta REPORT [--agency NAME] [--kind K] [--scope S] [--previous REPORT] [--signer NAME] [--date DATE]",
	short: "修改报告的机关名称、机关类型、范围、上年报告链接或落款",
	long: `修改报告的机关信息：机关名称（机构改革更名）、机关类型、范围，
或用 --previous 把分别创建（例如分别导入）的两年报告链接起来，供跨年检查使用；
--previous "" 取消链接。--signer 和 --date 是文末落款的署名机关和成文日期：
--signer "" 即署机关名称，--date "" 清除日期。成功后在标准输出打印报告（机关名称/年度）。`,
	example: `  nianbao meta 北京市密云区科学技术委员会/2024 --agency 北京市密云区科学技术和信息化局
  nianbao meta 北京市密云区科学技术委员会/2024 --previous 北京市密云区科学技术委员会/2023
  nianbao meta 北京市密云区科学技术委员会/2024 --kind county_dept --scope self
  nianbao meta 北京市密云区科学技术委员会/2024 --date 2025-01-20`,
}

var helpList = cmdHelp{
	use:   "list",
	short: "列出草稿文件中的报告",
	long: `列出草稿文件中的全部报告（不含回收站）：报告（机关名称/年度）、错误数（含未填写）、提示数、
最后修改时间、ID。错误数和提示数与 nianbao check 的结果一致。
--json 输出 JSON 数组：[{"id", "agency", "year", "updated", "errors", "warnings"}]，时间为 RFC 3339 格式。`,
	example: `  nianbao list
  nianbao list --json`,
}

var helpSet = cmdHelp{
	use:   "set REPORT ADDR=VALUE...",
	short: "填写或清空单元格",
	long: `按单元格地址（见 README「单元格地址」，例如 s3.new.natural）填写数值；ADDR= 不写数值表示清空。
先检查全部数值，只要有一个写错就一个也不修改（退出码 2），全部正确才一次保存。
合计列和（七）总计行由程序计算，不能填写。`,
	example: `  nianbao set 北京市密云区科学技术委员会/2023 s3.new.natural=12 s3.carried.natural=1
  nianbao set 北京市密云区科学技术委员会/2023 s2.fees.amount=0.35 s6.fee.collected=
  nianbao set 北京市密云区科学技术委员会/2023 s4.review.upheld=0`,
}

var helpText = cmdHelp{
	use:   "text REPORT PART [FILE]",
	short: "用文件或标准输入替换报告的一段文字",
	long: `用 FILE（不给时读标准输入）的内容替换报告的一段文字。PART 为：
  preface  开头说明
  s1       一、总体情况：开头一段，以及按行首的（一）（二）……分成的小标题和正文
           （小标题行形如「（一）主动公开」，其后各行为正文；序号由程序生成，不保存在标题中）
  s5       五、存在的主要问题及改进情况
  s6       六、其他需要报告的事项（收费情况一句由表格数字生成，不必写入）
文件可以是 UTF-8（带或不带 BOM）或 GBK 编码，Windows 的换行也可以。
内容为空时不做任何修改（以免误把一段文字清空）；确要清空时加 --empty。`,
	example: `  nianbao text 北京市密云区科学技术委员会/2023 s1 总体情况.txt
  nianbao text 北京市密云区科学技术委员会/2023 s5 < 问题.txt
  Get-Content 问题.txt | nianbao text 北京市密云区科学技术委员会/2023 s5`,
}

var helpCheck = cmdHelp{
	use:   "check (REPORT... | --all)",
	short: "检查报告，列出错误和提示",
	long: `检查报告中的错误（表格勾稽关系不平、数值超出范围、未填写）和提示（与上年报告不衔接、
文字与表格数字不符等），每条一行：报告、严重程度、规则编号、说明；最后一行是合计。

REPORT 可以是草稿文件中的报告（机关名称/年度），也可以是 .json 报告文件。
只给 .json 文件时不会打开草稿文件，上年报告从给出的文件中找（按 previous 链接，
否则按同一机关名称、年度减一）。

退出码：没有错误时为 0（只有提示也是 0），有错误时为 1，有报告无法读取时为 2。`,
	example: `  nianbao check 北京市密云区科学技术委员会/2023
  nianbao check --all
  nianbao check --json 2022.json 2023.json`,
}

// helpExport's %s are filled from the export registry: the format names
// (html|md|json), the formats in words, the choices with their names.
var helpExport = cmdHelp{
	use:   "export --format %s [--fragment [--title]] [-o FILE|-] [--force] REPORT",
	short: "导出报告为 %s",
	long: `把报告导出为以下格式之一（--format 后写格式名）：
%s
--fragment：只导出正文片段，样式写在标签内，便于粘贴到网站编辑器（适用于 %s）；
片段默认不含标题（网站的文章标题已有），加 --title 时以报告标题开头。
REPORT 可以是草稿文件中的报告（机关名称/年度），也可以是 .json 报告文件。

不给 -o 时写到当前文件夹，文件名为「{机关名称}{年度}年政府信息公开工作年度报告.{扩展名}」
（正文片段在文件名后加「（片段）」）；-o - 写到标准输出。目标文件已存在时不覆盖，除非加 --force。
写出的文件路径打印在标准输出。报告还有错误时照常导出（作为草稿），并在标准错误输出警告，退出码为 0。
草稿文件中的报告导出前会记为一个历史版本；记录不成时照常导出，并在标准错误输出说明。`,
	example: `  nianbao export --format html 北京市密云区科学技术委员会/2023
  nianbao export --format html --fragment -o 正文.html 北京市密云区科学技术委员会/2023
  nianbao export --format md -o - 北京市密云区科学技术委员会/2023
  nianbao export --format json --force -o 2023.json 北京市密云区科学技术委员会/2023`,
}

// helpImport's %s is the importable extensions (importer.Extensions).
var helpImport = cmdHelp{
	use:   "import [--agency NAME] [--year Y] [--replace] FILE",
	short: "导入已发布的报告或 nianbao 的 JSON 文件",
	long: `把一份已发布的报告（从网页复制的文字，或浏览器保存的网页）或 nianbao 导出的 JSON
文件导入草稿文件，作为新报告。可以导入的文件：%s。机关名称和年度取自标题，可用 --agency 和 --year 指定。
文件可以是 UTF-8（带或不带 BOM）或 GBK 编码。

成功后在标准输出打印新报告（机关名称/年度），在标准错误输出导入说明（与表格合计不符的数字、
未能读出的单元格等）。草稿文件中已有同一机关名称/年度的报告时，需要加 --replace 才替换，
替换前会保存一个历史版本。`,
	example: `  nianbao import 北京市密云区科学技术委员会2022年政府信息公开工作年度报告.txt
  nianbao import --agency 北京市密云区科学技术委员会 --year 2022 年报.html
  nianbao import --replace 2023.json`,
}

var helpHistory = cmdHelp{
	use:   "history REPORT",
	short: "列出报告的历史版本",
	long:  "列出报告的历史版本，每行一个：版本号、时间、说明。用 nianbao restore 恢复其中一个版本。",
	example: `  nianbao history 北京市密云区科学技术委员会/2023
  nianbao restore 北京市密云区科学技术委员会/2023 3`,
}

var helpRestore = cmdHelp{
	use:     "restore REPORT REV",
	short:   "把报告恢复到某个历史版本",
	long:    "把报告恢复到 nianbao history 列出的某个版本。恢复前的内容也会记为一个版本，随时可以再恢复回来。",
	example: `  nianbao restore 北京市密云区科学技术委员会/2023 3`,
}

var helpDelete = cmdHelp{
	use:     "delete REPORT",
	short:   "把报告移到回收站",
	long:    "把报告移到回收站（不会真正删除）。用 nianbao trash 查看回收站，用 nianbao undelete 恢复。",
	example: `  nianbao delete 北京市密云区科学技术委员会/2023`,
}

var helpTrash = cmdHelp{
	use:     "trash",
	short:   "列出回收站中的报告",
	long:    "列出回收站中的报告，每行一个：报告（机关名称/年度）、删除时间、ID。",
	example: `  nianbao trash`,
}

var helpUndelete = cmdHelp{
	use:   "undelete REPORT|ID",
	short: "从回收站恢复报告",
	long: `从回收站恢复报告。回收站中同一机关名称/年度有多份时，需要用 nianbao trash 列出的 ID 指定。
草稿文件中已有同一机关名称/年度的报告时不能恢复（可先把那一份改名或删除）。`,
	example: `  nianbao undelete 北京市密云区科学技术委员会/2023
  nianbao undelete 3f2a9c0d4b5e6f708192a3b4c5d6e7f8`,
}

var helpBackups = cmdHelp{
	use:   "backups",
	short: "列出草稿文件的自动备份",
	long: `列出草稿文件的自动备份（每天第一次打开时备份一次，保留 7 份每日备份和 4 份每周备份），
每行一个：备份名称、时间、大小、种类。不需要打开草稿文件，草稿文件损坏时也能用。
用 nianbao recover 备份名称 从备份恢复。`,
	example: `  nianbao backups
  nianbao recover drafts-2024-01-15.db`,
}

var helpRecover = cmdHelp{
	use:   "recover BACKUP",
	short: "从备份恢复草稿文件",
	long: `用 nianbao backups 列出的某个备份替换草稿文件。现在的草稿文件不会被覆盖，而是另存在旁边，
恢复后会告诉您它的位置。恢复前请关闭所有 nianbao 窗口。`,
	example: `  nianbao backups
  nianbao recover drafts-2024-01-15.db`,
}

var helpCompact = cmdHelp{
	use:   "compact",
	short: "压缩草稿文件，释放不再使用的空间",
	long: `草稿文件中的内容删除或按保留规则清理后，空出的空间留在文件中供以后使用，文件不会自动变小。
compact 把草稿文件重写为只含现有内容的新文件，再替换原文件：先检查整个文件，新文件写好、
检查无误后才替换，中途断电或出错时原文件保持不变。填报界面在文件明显大于内容时会自动压缩。
压缩时草稿文件不能被其他 nianbao 窗口使用。`,
	example: `  nianbao compact`,
}

// Flags.
const (
	flagHelp     = "显示本帮助"
	flagDB       = "草稿文件的路径 `FILE`（优先于环境变量 NIANBAO_DB 和默认位置）"
	flagKind     = "机关类型 `K`：%s；也可写中文名称"
	flagKindNew  = "（默认 other）"
	flagScope    = "范围 `S`：self 本机关，area 汇总"
	flagScopeNew = "（默认 self）"
	flagAgency   = "机关名称 `NAME`"
	flagAgencyTo = "新的机关名称 `NAME`"
	flagYear     = "年度 `Y`（四位数字）"
	flagFrom     = "从这份报告 `REPORT` 创建下一年度的报告"
	flagPrevious = "上年报告 `REPORT`（机关名称/年度）；空字符串取消链接"
	flagSigner   = "落款的署名机关 `NAME`；空字符串即署机关名称"
	flagDate     = "落款的成文日期 `DATE`（2025-01-20 或 2025年1月20日）；空字符串清除"
	flagListJSON = "以 JSON 数组输出"
	flagEmpty    = "内容为空时清空这一段（不加时空内容不做修改）"
	flagFormat   = "导出格式 `FMT`：%s"
	flagFragment = "只导出 HTML 正文片段（样式写在标签内）"
	flagTitle    = "正文片段以报告标题开头（网站编辑器通常已有标题，默认不加）"
	flagOutput   = "写到文件 `FILE`；- 表示标准输出"
	flagForce    = "覆盖已存在的文件"
	flagImpAg    = "机关名称 `NAME`（代替标题中的名称）"
	flagImpYear  = "年度 `Y`（代替标题中的年度）"
	flagReplace  = "替换草稿文件中同一机关名称/年度的报告"
	flagChkJSON  = "以 JSON 数组输出（只输出数组）"
	flagChkAll   = "检查草稿文件中的全部报告"
)

var helpVersion = cmdHelp{
	use:   "version",
	short: "显示版本、提交、构建时间和 Go 版本",
	long: `显示这个 nianbao 的版本、编译它的源代码提交、构建时间和 Go 版本（与 nianbao --version 相同）。
报告问题时请附上这几行。`,
	example: `  nianbao version
  nianbao --version`,
}

const flagVersion = "显示版本、提交、构建时间和 Go 版本"
