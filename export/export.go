package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"

	"nianbao/internal/atomicfile"
	"nianbao/internal/fsreason"
	"nianbao/model"
)

// Format is an export format, named as on the command line.
type Format string

// The export formats.
const (
	DOCX     Format = "docx"
	HTML     Format = "html"
	Markdown Format = "md"
	JSON     Format = "json"
	XLSX     Format = "xlsx"
)

// FormatInfo describes a format for the command line and the UI, which
// list the formats from Formats rather than naming them.
type FormatInfo struct {
	Format  Format
	Ext     string   // file name extension, without the dot
	Label   string   // Chinese name for menus and messages
	Aliases []string // other names ParseFormat accepts
	// Fragment: the format takes Options.Fragment (and then Options.Title).
	Fragment bool
	// Binary: the file is not text (a .docx is a zip package), so it is
	// not for a terminal.
	Binary bool
}

// Formats lists the export formats in the order menus show them: the Word
// document to sign and file first.
var Formats = []FormatInfo{
	{Format: DOCX, Ext: "docx", Label: "Word 文档", Aliases: []string{"word"}, Binary: true},
	{Format: HTML, Ext: "html", Label: "HTML 网页", Aliases: []string{"htm"}, Fragment: true},
	{Format: Markdown, Ext: "md", Label: "Markdown 文本", Aliases: []string{"markdown"}},
	{Format: JSON, Ext: "json", Label: "JSON 数据"},
	{Format: XLSX, Ext: "xlsx", Label: "Excel 表格", Aliases: []string{"excel", "et"}, Binary: true},
}

// Info is the format's entry in Formats.
func (f Format) Info() (FormatInfo, bool) {
	for _, fi := range Formats {
		if fi.Format == f {
			return fi, true
		}
	}
	return FormatInfo{}, false
}

// Ext is the file name extension of the format, without the dot.
func (f Format) Ext() string {
	if fi, ok := f.Info(); ok {
		return fi.Ext
	}
	return string(f)
}

// Name is the format's Chinese name for menus and messages.
func (f Format) Name() string {
	if fi, ok := f.Info(); ok {
		return fi.Label
	}
	return string(f)
}

// Options adjust an export.
type Options struct {
	// Fragment (HTML only): the report body alone, for pasting into a
	// website's editor: no wrapper element, every style in a style
	// attribute (editors drop <style> elements) and the table grid in
	// attributes too (some editors drop styles).
	Fragment bool
	// Title (fragment only): start with the report's title. Off by default,
	// since the website's page has the title already.
	Title bool
	// Generator names the program in the HTML document's generator meta
	// and the DOCX's Application property; empty means "nianbao". The
	// release sets it to include the version.
	Generator string
}

func (o Options) generator() string {
	if o.Generator != "" {
		return o.Generator
	}
	return "nianbao"
}

// ParseFormat reads a format name as typed on the command line: a name or
// extension of Formats (docx, word, html, htm, md, markdown, json), in any
// case, with or without a leading dot.
func ParseFormat(s string) (Format, error) {
	name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "."))
	for _, fi := range Formats {
		if name == string(fi.Format) || name == fi.Ext || slices.Contains(fi.Aliases, name) {
			return fi.Format, nil
		}
	}
	return "", unknownFormat(s)
}

func unknownFormat(s string) error {
	var names []string
	for _, fi := range Formats {
		names = append(names, string(fi.Format))
	}
	return fmt.Errorf("不认识的导出格式「%s」：可用的格式是 %s", s, strings.Join(names, "、"))
}

// Render writes r in format f.
func Render(r *model.Report, f Format, opt Options) ([]byte, error) {
	switch f {
	case DOCX:
		return renderDOCX(r, opt)
	case HTML:
		return renderHTML(r, opt), nil
	case Markdown:
		return renderMarkdown(r), nil
	case XLSX:
		return renderXLSX(r, opt)
	case JSON:
		b, err := model.Encode(r)
		if err != nil {
			return nil, fmt.Errorf("无法生成 JSON：%v", err)
		}
		return b, nil
	}
	return nil, unknownFormat(string(f))
}

// DefaultFileName is {机关}{年度}年政府信息公开工作年度报告.{docx|html|md|json},
// with characters that Windows or Linux refuse in a file name replaced by _.
func DefaultFileName(r *model.Report, f Format) string {
	return SafeFileName(r.Title()) + "." + f.Ext()
}

// SafeFileName is name with the characters Windows or Linux refuse in a
// file name replaced by _, and no trailing dots or spaces (Windows drops
// them); "政府信息公开工作年度报告" when nothing is left.
func SafeFileName(title string) string {
	name := strings.Map(func(c rune) rune {
		switch {
		case c < 0x20 || c == 0x7f:
			return '_'
		case strings.ContainsRune(`/\:*?"<>|`, c):
			return '_'
		}
		return c
	}, title)
	// Windows drops trailing dots and spaces silently; keep the name honest.
	name = strings.Trim(name, ". ")
	if name == "" {
		name = "政府信息公开工作年度报告"
	}
	return name
}

// ErrExists is wrapped by WriteFile's error when the target file exists and
// replacing it was not asked for.
var ErrExists = errors.New("目标文件已存在")

// WriteFile writes data to path atomically (a temporary file in the same
// folder, then a rename), so a reader never sees half a report. It replaces
// an existing file only when force is set. Errors are in Chinese.
func WriteFile(path string, data []byte, force bool) error {
	if err := CheckTarget(path, force); err != nil {
		return err
	}
	err := atomicfile.Write(path, data, 0o644, force)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, atomicfile.ErrExists):
		return &existsError{path: path}
	}
	return fmt.Errorf("无法写入 %s：%s", path, reason(path, err))
}

// CheckTarget tells in advance what WriteFile(path, …, force) would refuse
// for a reason known before anything is rendered: path is a folder, or a file
// is there and force is not set (the error then wraps ErrExists). A caller
// that records the export before writing asks this first, so that it never
// records an export that cannot happen.
func CheckTarget(path string, force bool) error {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return nil // nothing there; WriteFile says why if it cannot write
	case fi.IsDir():
		return fmt.Errorf("无法写入 %s：这是一个文件夹，请给出文件名", path)
	case !force:
		return &existsError{path: path}
	}
	return nil
}

type existsError struct{ path string }

func (e *existsError) Error() string {
	// Each caller says how to replace it: the command line with --force,
	// the UI with a confirmation.
	return "目标文件已存在：" + e.path
}

func (e *existsError) Unwrap() error { return ErrExists }

// reasons are the write failures a clerk can fix, each said in Chinese.
var reasons = []struct {
	err error
	why string
}{
	{fs.ErrPermission, "没有写入权限（请换一个文件夹，或检查文件是否只读）"},
	{fs.ErrNotExist, "文件夹不存在"},
	{syscall.ENOSPC, "磁盘空间不足"},
	{syscall.EROFS, "磁盘是只读的"},
	{syscall.ENOTDIR, "路径中有一段是文件而不是文件夹"},
	{syscall.ENAMETOOLONG, "文件名或路径太长，请换一个短一些的名字"},
}

// reason says in Chinese why a write to path failed: the clerk's remedy
// where there is one, else the words every package uses (fsreason).
func reason(path string, err error) string {
	for _, r := range reasons {
		if errors.Is(err, r.err) {
			return r.why
		}
	}
	return fsreason.Reason(path, err)
}

// FeeSentence is the generated sentence of 六 about 信息处理费:
// 本年度发出收费通知N件，总金额X元，实际收取总金额Y元。A clause whose figure
// is empty is left out; with all three empty it is "".
func FeeSentence(r *model.Report) string {
	get := func(col string) (string, bool) {
		v, ok := r.Get(model.S6.Addr("fee", col))
		return v.String(), ok
	}
	var clauses []string
	n, hasN := get("notices")
	if hasN {
		clauses = append(clauses, "发出收费通知"+n+"件")
	}
	if x, ok := get("billed"); ok {
		if hasN {
			clauses = append(clauses, "总金额"+x+"元")
		} else {
			// Without the count, "总金额" alone would not say of what.
			clauses = append(clauses, "收费通知总金额"+x+"元")
		}
	}
	if y, ok := get("collected"); ok {
		clauses = append(clauses, "实际收取总金额"+y+"元")
	}
	if len(clauses) == 0 {
		return ""
	}
	return "本年度" + strings.Join(clauses, "，") + "。"
}

// draftNotes lists the errors that make r a draft, in Chinese, one line each:
// every error's own message, then the missing cells counted per table so that
// a half-filled report gives a readable banner, not 144 lines.
func draftNotes(r *model.Report) []string {
	var notes []string
	missing := map[*model.Table][]model.Finding{}
	for _, f := range model.Check(r, nil) {
		if f.Severity != model.SevError {
			continue
		}
		if f.ID == "missing" && len(f.Cells) > 0 {
			if c, ok := model.Cell(f.Cells[0]); ok {
				missing[c.Table] = append(missing[c.Table], f)
				continue
			}
		}
		notes = append(notes, f.Message)
	}
	for _, t := range model.Tables {
		fs, ok := missing[t]
		switch {
		case !ok:
			continue
		case len(fs) == 1:
			notes = append(notes, fs[0].Message)
		case t == model.S6:
			notes = append(notes, fmt.Sprintf("六、其他需要报告的事项有 %d 项信息处理费数字未填写", len(fs)))
		default:
			notes = append(notes, fmt.Sprintf("表%s有 %d 个单元格未填写", t.Number, len(fs)))
		}
	}
	return notes
}

// draftTitle heads the draft banner and the Markdown draft note.
const draftTitle = "草稿：本报告还有以下错误，尚不能作为正式报告发布"

// lines splits officer text into its non-blank lines, each a paragraph.
// Surrounding spaces (including the ideographic space officers type to
// indent) go: the layout indents paragraphs itself.
func lines(s string) []string {
	var out []string
	// Text pasted from old files may end lines in \r alone.
	for _, l := range strings.Split(lineEnds.Replace(s), "\n") {
		l = strings.TrimSpace(l)
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// cellText is what a table prints for a cell: its value, or blank while it
// is empty or (for a total) incomplete.
func cellText(r *model.Report, c *model.CellSpec) string {
	v, st := r.ValueOf(c)
	if st != model.Filled {
		return ""
	}
	return v.String()
}

// colHeader is a column's label with its group, for one-row headers:
// 法人或其他组织：商业企业.
func colHeader(col model.Col) string {
	if col.Group != "" {
		return col.Group + "：" + col.Label
	}
	return col.Label
}
