package export

// Labels of the export choices (Formats), for menus and the revisions
// recorded before an export.
const (
	labelHTML      = "HTML 网页（完整文档，可直接打开或打印）"
	labelFragment  = "HTML 片段（粘贴到网站后台编辑器）"
	labelMarkdown  = "Markdown 文本"
	labelJSON      = "JSON 数据（可再导入 nianbao）"
	suffixFragment = "（片段）"
	// txtUnknownFormat names the format given and those there are.
	txtUnknownFormat = "不认识的导出格式「%s」：可用的格式是 %s"
	txtFormatSep     = "、"
)
