package cli

// The words of the collecting office's commands (sum.go): collect, status,
// sum and figures.

const (
	argsFolder  = "一个文件夹"
	argsFigures = "一个单元格地址或表格行（例如 s3.new 或 s2.fees.amount）"

	txtCollectLine      = "%s\t%s\t%s\t导入说明 %d 条\n"
	txtCollectFailed    = "无法读取 %s：%s"
	txtCollectGiveNames = "（可以单独用 nianbao import --agency --year 导入这个文件）"
	txtCollectConflict  = "%s：草稿文件中的 %s 在上次汇集后改动过，文件也有变化，未替换（核对后加 --replace 替换，替换前的版本保存在历史中）"
	txtCollectDuplicate = "%s：与 %s 都是 %s 的报告，数字不同，都未读入（请只保留正确的一份）"
	txtCollectSame      = "%s：与 %s 是同一份报告，只读入一次"
	txtCollectSkipped   = "跳过子文件夹 %s（只读取文件夹中的文件）"
	txtCollectTotal     = "共 %d 个文件：%s"
	txtCountOf          = "%s %d"

	wordAdded     = "新读入"
	wordUpdated   = "已更新"
	wordReplaced  = "已替换"
	wordUnchanged = "未变"
	wordKept      = "保留本机修改"
	wordSame      = "重复文件"
	wordConflict  = "未替换"
	wordDuplicate = "有冲突"
	wordFailed    = "无法读取"

	txtStatusLine  = "%s\t已填 %d/%d\t错误 %d（其中未填写 %d）\t提示 %d\t导入说明 %d\t%s\t%s\n"
	txtStatusEmpty = "草稿文件中没有 %d 年度的单位报告"
	txtStatusTotal = "共 %d 个单位：%d 个有未填写之外的错误，%d 个还有未填写的单元格或文字"

	txtSumFresh          = "汇总报告 %s（%d 个单位）：与单位报告一致"
	txtSumGone           = "汇总报告 %s（%d 个单位）：其中 %d 个单位的报告已不在草稿文件中，请重新汇总（nianbao sum --agency --year）"
	txtSumStale          = "汇总报告 %s（%d 个单位）：需要更新，%d 个单元格与单位报告之和不符"
	txtSumChanged        = "；汇总后改动过的单位：%s"
	txtSumRefreshHint    = "（nianbao sum --refresh %s）"
	txtSumRefreshArgs    = "--refresh 只跟一个汇总报告（机关名称/年度），不能同时用 --agency、--year、--kind 或 --all-of-year"
	txtSumNeedAgencyYear = "请用 --agency 和 --year 给出汇总报告的机关名称和年度（更新已有的汇总报告用 --refresh）"
	txtSumWhichUnits     = "请给出要汇总的单位报告（机关名称/年度），或用 --all-of-year 汇总该年度全部本机关报告（两者只能用一种）"
	txtSumMade           = "已汇总 %d 个单位的报告，新建汇总报告（范围：汇总，机关类型：%s）；文字部分请另行撰写"
	txtSumRemade         = "已重新汇总 %d 个单位的报告，%d 个单元格有变化；文字和落款保持不变，原来的版本保存在历史中"
	txtSumRefreshed      = "已按 %d 个单位的报告更新汇总，%d 个单元格有变化；原来的版本保存在历史中"
	txtSumNothingChanged = "汇总与 %d 个单位的报告一致，没有变化"
	txtSumKindGuessed    = "无法从机关名称判断机关类型，暂定为「%s」；如不对请用 nianbao meta %s --kind 修改"
	txtSumNoteLine       = "说明：%s"
	txtSumCounts         = "留空 %d 个单元格；汇总报告有错误 %d 项、提示 %d 项（未填写的文字不计，用 nianbao check %s 查看）"

	txtFiguresBadWhat   = "%s（单元格地址见 README，例如 s3.new.natural；表格行例如 s3.new）"
	txtFiguresBadFormat = "不认识的格式「%s」：可用 csv 或 xlsx（不给 --format 时在屏幕上显示）"
	txtFiguresWritten   = "已写入 %s"

	flagCollectReplace = "替换草稿文件中在上次汇集后改动过的报告（替换前的版本保存在历史中）"
	flagStatusYear     = "年度 `Y`（必填）"
	flagStatusJSON     = `输出 JSON：[{"id", "agency", "year", "filled", "errors", "warnings", "updated", "first_error"}]`
	flagSumAgency      = "汇总报告的机关名称 `NAME`，例如 某县人民政府"
	flagSumYear        = "年度 `Y`"
	flagSumKind        = "汇总报告的机关类型 `K`（默认按机关名称判断，判断不了时为 county_gov）"
	flagSumAll         = "汇总该年度全部范围为本机关的报告"
	flagSumRefresh     = "按汇总报告记住的单位重新汇总（单位报告改动后使用）"
	flagFiguresFormat  = "导出格式 `FMT`：csv 或 xlsx（不给时在屏幕上显示）"
	flagFiguresOut     = "导出到这个文件 `FILE`（- 表示标准输出）"
)

var helpCollect = cmdHelp{
	use:   "collect [--replace] FOLDER",
	short: "汇集：读入文件夹中各单位的报告",
	long: `读入文件夹中的每一个文件（不含子文件夹、隐藏文件和 Office 的临时文件），每个文件作为一份报告，
按其中的机关名称和年度放入草稿文件。可以读入的文件：%s。
每个文件的导入说明保存在报告中（nianbao check 可以看到）。

每个文件在标准输出一行：结果、文件名、报告、导入说明条数。结果为：
  新读入        草稿文件中原来没有这份报告
  已更新        文件在上次汇集后有变化，草稿文件中的报告没有改动过：已按文件更新（原版本保存在历史中）
  未变          文件与草稿文件中的报告相同
  保留本机修改  文件没有变化，草稿文件中的报告改动过：保留改动
  未替换        文件有变化，草稿文件中的报告也改动过（或原来不是汇集来的）：不替换，加 --replace 才替换
  重复文件      与文件夹中另一个文件是同一份报告：只读入一次
  有冲突        与文件夹中另一个文件是同一机关同一年度，但数字不同：都不读入
  无法读取      文件无法读取（原因在标准错误输出）

退出码：每个文件都读入（或保留本机修改）时为 0，不论报告中有没有错误（用 nianbao status 查看）；
有文件无法读取、未替换或有冲突时为 2。`,
	example: `  nianbao collect 各单位年报
  nianbao collect --replace 各单位年报`,
}

var helpStatus = cmdHelp{
	use:   "status --year 年度 [--json]",
	short: "汇总情况：各单位报告的填写和检查情况",
	long: `列出该年度范围为本机关的每一份报告：报告、已填单元格数、错误数（与 nianbao check、list 一样，
含未填写的单元格和文字，括号中是其中未填写的个数）、提示数、还没有处理的导入说明条数、最后修改时间、
第一个不是未填写的错误。之后在标准错误输出中说明合计，以及该年度每一份汇总报告是否与单位报告一致。
--json 输出 JSON 数组：[{"id", "agency", "year", "filled", "errors", "missing", "warnings", "updated", "first_error"}]，
filled 为已填的单元格数（共 169 个），errors 为错误数（含未填写），missing 为其中未填写的单元格和文字数，
updated 为 RFC 3339 格式。

退出码：有单位报告有错误（含未填写）时为 1，否则为 0，与 nianbao check 相同。`,
	example: `  nianbao status --year 2024
  nianbao status --year 2024 --json`,
}

var helpSum = cmdHelp{
	use:   "sum --agency 机关名称 --year 年度 [--kind K] (REPORT... | --all-of-year) | sum --refresh REPORT",
	short: "汇总：把单位报告的数字相加成为本地区汇总报告",
	long: `新建一份范围为「汇总」的报告，每个单元格是各单位报告该单元格之和（金额按十进制精确相加）。
任何一个单位未填写某个单元格（或数字不符合填报要求）时，汇总报告的这个单元格留空，
并留下说明，写明是哪些单位。汇总报告记住它的单位；检查规则（包括表三的勾稽关系）同样适用。
文字部分（一、五、六）留给政务公开办撰写。

--all-of-year 汇总该年度全部范围为本机关的报告（不含汇总报告）；也可以逐个给出单位报告。
机关类型默认按机关名称判断（县、区人民政府为县级人民政府，以此类推），判断不了时为县级人民政府。
同一机关同一年度已有汇总报告时，重新汇总并保留文字和落款，原来的版本保存在历史中。

单位报告改动后，用 --refresh 按汇总报告记住的单位重新汇总（nianbao status 会提示需要更新）。`,
	example: `  nianbao sum --agency 某县人民政府 --year 2024 --all-of-year
  nianbao sum --agency 某县人民政府 --year 2024 某县教育局/2024 某县民政局/2024
  nianbao sum --refresh 某县人民政府/2024`,
}

var helpFigures = cmdHelp{
	use:   "figures --year 年度 [--format csv|xlsx] [-o 文件] ADDR",
	short: "各单位数字：一个单元格或一行，每个单位一行",
	long: `列出该年度每个单位（范围为本机关的报告）的一个单元格（例如 s2.fees.amount、s3.new.natural）
或一整行（例如 s3.new：表三「一、本年新收」的六列和总计），以及上年报告的数字和本年为上年的倍数；
本年为上年 5 倍以上或 1/5 以下（两年都不少于 10）时标出「变化异常」。最后一行是合计
（有单位未填写的列留空）。

不给 --format 时在屏幕上显示（各栏以 Tab 分隔）；--format csv 或 xlsx 导出为文件，
默认文件名为「年度年各单位……」，-o 指定文件，-o - 写到标准输出。xlsx 的合计是公式，
各单位都填写后才显示。`,
	example: `  nianbao figures --year 2024 s3.new
  nianbao figures --year 2024 --format xlsx s3.new
  nianbao figures --year 2024 -o 收费.csv s2.fees.amount`,
}
