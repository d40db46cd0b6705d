package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"nianbao/internal/fsreason"
	"nianbao/model"
)

// Options override what the source itself says.
type Options struct {
	Agency string // 机关名称, instead of the one in the title
	Year   int    // 年度, instead of the one in the title
}

// Result is an imported report with what the officer should know about it.
type Result struct {
	Report *model.Report
	// Notes are Chinese, one per fact about the data: a printed total that
	// differs from the computed one, a figure not stated or not readable, a
	// blank or dash left empty, text that could not be placed.
	Notes  []string
	Source string // "text", "html", "md", "docx", "pdf" or "json"
}

// MaxSize is the largest text, HTML, Markdown or JSON file Import reads; a
// report page is far smaller, and the bound keeps the work of reading any
// input small.
const MaxSize = 8 << 20

// MaxPackageSize is the largest PDF or .docx Import reads: these carry
// fonts and pictures (a scanned seal, the 红头) and are often larger than a
// page's text, while the work done on them is bounded by their own limits.
const MaxPackageSize = 64 << 20

// isPackage says whether data is a PDF or a zip package (.docx), whose
// size limit is MaxPackageSize.
func isPackage(data []byte) bool {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	return bytes.Contains(head, []byte("%PDF-")) || bytes.HasPrefix(data, []byte("PK\x03\x04"))
}

// Import reads a report from data. name is the file name; the form of data
// (text, Markdown, HTML, .docx, PDF or nianbao JSON) is told by its content
// where the content says it (a PDF, a zip package, JSON, HTML markup) and by
// the extension otherwise.
func Import(data []byte, name string, opt Options) (*Result, error) {
	if len(data) > MaxSize && !(isPackage(data) && len(data) <= MaxPackageSize) {
		return nil, tooBig(int64(len(data)), isPackage(data))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("文件是空的")
	}
	src, err := sniff(data, name)
	if err != nil {
		return nil, err
	}
	var res *Result
	switch src {
	case "xlsx":
		var r *model.Report
		var notes []string
		r, notes, err = importXLSX(data, opt)
		if err == nil {
			res = &Result{Report: r, Notes: notes}
		}
	case "json":
		res, err = importJSON(data, opt)
	case "html":
		var r *model.Report
		var notes []string
		r, notes, err = importHTML(data, opt)
		if err == nil {
			res = &Result{Report: r, Notes: notes}
		}
	case "docx":
		res, err = importDocx(data, opt)
	case "pdf":
		res, err = importPDF(data, opt)
	default:
		var s string
		s, err = DecodeText(data)
		if err != nil {
			break
		}
		if src == "md" || (src == "text" && looksLikeMarkdown(s)) {
			src = "md"
			res, err = importMarkdown(s, opt)
			break
		}
		if isExtractedPDFText(s) {
			res, err = importExtractedPDFText(s, opt)
			break
		}
		res, err = importText(s, opt)
	}
	if err != nil {
		return nil, err
	}
	res.Source = src
	return res, nil
}

func importJSON(data []byte, opt Options) (*Result, error) {
	r, err := model.Decode(data)
	if err != nil {
		return nil, err
	}
	var notes []string
	if opt.Agency != "" {
		r.Agency = opt.Agency
	}
	if opt.Year != 0 {
		r.Year = opt.Year
	}
	if r.ID == "" {
		r.ID = model.NewID()
	}
	if r.Scope == "" {
		r.Scope = model.ScopeSelf
	}
	if r.Kind == "" {
		kind, ok := guessKind(r.Agency)
		r.Kind = kind
		if !ok {
			notes = append(notes, "文件没有写明机关类型，已设为「"+model.KindOther.Name()+"」，请核对")
		}
	}
	return &Result{Report: r, Notes: notes}, nil
}

func importText(s string, opt Options) (*Result, error) {
	r, notes, err := assemble(textBlocks(s), opt, "")
	if err != nil {
		return nil, err
	}
	return &Result{Report: r, Notes: notes}, nil
}

// ImportFile reads and imports the file at path.
func ImportFile(path string, opt Options) (*Result, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("找不到文件「%s」", path)
		}
		return nil, fmt.Errorf("无法读取文件「%s」：%s", path, fsreason.Reason(path, err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("「%s」是文件夹，不是文件", path)
	}
	ext := strings.ToLower(filepath.Ext(path))
	pkg := ext == ".pdf" || ext == ".docx"
	if st.Size() > MaxSize && !(pkg && st.Size() <= MaxPackageSize) {
		// Refused before reading it: the error names the file like any other.
		return nil, fmt.Errorf("导入「%s」失败：%w", filepath.Base(path), tooBig(st.Size(), pkg))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取文件「%s」：%s", path, fsreason.Reason(path, err))
	}
	res, err := Import(data, filepath.Base(path), opt)
	if err != nil {
		return nil, fmt.Errorf("导入「%s」失败：%w", filepath.Base(path), err)
	}
	return res, nil
}

// tooBig is the error for a file over its limit; its size is given in
// whole megabytes, rounded up, so that it never reads as within the limit.
func tooBig(size int64, pkg bool) error {
	limit := MaxSize
	if pkg {
		limit = MaxPackageSize
	}
	return fmt.Errorf("文件太大（约 %d MB，最多 %d MB），不像是一份年度报告", (size+(1<<20)-1)>>20, limit>>20)
}

// Errors for files that are not in a form Import reads.
var (
	errOldWord  = errors.New("这是旧版 Word（.doc）或 WPS（.wps）文档，无法直接读取；请在 Word 或 WPS 中「另存为」Word 文档（.docx）后再导入")
	errZip      = errors.New("这是一个压缩文件，不是 Word 文档（.docx）；请解压后导入其中的报告文件")
	errNotDocx  = errors.New("文件扩展名是 .docx，但内容不是 Word 文档，文件可能已损坏；请在 Word 或 WPS 中打开后重新保存为 .docx")
	errNotPDF   = errors.New("文件扩展名是 .pdf，但内容不是 PDF 文件，文件可能已损坏")
	errSheet    = errors.New("旧的 .xls 和 WPS 的 .et 表格不能直接导入：请在 Excel 或 WPS 中另存为 .xlsx 后导入")
	errNotXLSX  = errors.New("不是有效的 .xlsx 表格文件（旧的 .xls 或 WPS 的 .et 表格请先另存为 .xlsx）")
	errImage    = errors.New("这是一张图片，无法从中读出文字；请导入报告的网页、Word 文档、PDF 或文字")
	errMarkdown = errors.New("无法读取 Markdown 文件")
)

// sniff says what data is: "json", "html", "md", "docx", "pdf" or "text".
// The content decides where it is unmistakable (a PDF header, a zip package,
// an old Office file); otherwise the extension; otherwise the content again.
func sniff(data []byte, name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return "pdf", nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		if isDocx(data) {
			return "docx", nil
		}
		if isXLSX(data) {
			return "xlsx", nil
		}
		if ext == ".xlsx" {
			return "", errNotXLSX
		}
		return "", errZip
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		if ext == ".xls" || ext == ".et" {
			return "", errSheet
		}
		return "", errOldWord
	case bytes.HasPrefix(data, []byte("\x89PNG")), bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}), bytes.HasPrefix(data, []byte("GIF8")):
		return "", errImage
	}
	switch form := formOfName(name); form {
	case "docx":
		return "", errNotDocx // the content above would have said so
	case "pdf":
		return "", errNotPDF
	case "xlsx":
		return "", errNotXLSX
	case "":
	default:
		return form, nil
	}
	switch ext {
	case ".doc", ".wps":
		return "", errOldWord
	case ".xls", ".et":
		return "", errSheet
	}
	head = bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
	if len(head) > 0 && head[0] == '{' {
		return "json", nil
	}
	if len(head) > 2048 {
		head = head[:2048]
	}
	low := bytes.ToLower(head)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<table", "<meta", "<p>", "<p ", "<div"} {
		if bytes.Contains(low, []byte(tag)) {
			return "html", nil
		}
	}
	return "text", nil
}

// mdDelimiterRow is the line under a pipe table's header: |:---|---:|.
var mdDelimiterRow = lazyRegexp(`(?m)^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$`)

// looksLikeMarkdown tells Markdown saved as .txt (converters' output) from
// the text of a page: only a pipe table's delimiter row, which no page
// text has, decides it.
func looksLikeMarkdown(s string) bool {
	return mdDelimiterRow().MatchString(s)
}
