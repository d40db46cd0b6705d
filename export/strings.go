package export

// Labels of the export choices (Choices) beyond the formats' own names.
const (
	detailHTML     = "（完整文档，可直接打开或打印）"
	detailJSON     = "（可再导入 nianbao）"
	labelFragment  = "HTML 片段（粘贴到网站后台编辑器）"
	suffixFragment = "（片段）"
)
