package pdftext

import "errors"

// Errors. The messages are Chinese: they reach the officer.
var (
	ErrNotPDF    = errors.New("文件不是有效的 PDF，可能已损坏或不完整")
	ErrEncrypted = errors.New("PDF 文件设置了打开密码或加密，无法读取；请使用未加密的文件")
	ErrDamaged   = errors.New("PDF 文件的结构已损坏，无法读取")
	ErrTooBig    = errors.New("PDF 文件太复杂（页数或内容过多），不像是一份年度报告")
)
