package importer

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"

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
	Source string // "text", "html" or "json"
}

// MaxSize is the largest file Import reads; a report page is far smaller, and
// the bound keeps the work of reading any input small.
const MaxSize = 8 << 20

// Import reads a report from data. name is the file name; its extension
// (.html/.htm, .json, .txt) says what data is, and the content is sniffed
// when it says nothing.
func Import(data []byte, name string, opt Options) (*Result, error) {
	if len(data) > MaxSize {
		return nil, tooBig(int64(len(data)))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("文件是空的")
	}
	var (
		r     *model.Report
		notes []string
		err   error
	)
	src := sniff(data, name)
	switch src {
	case "json":
		r, err = model.Decode(data)
		if err == nil {
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
		}
	case "html":
		r, notes, err = importHTML(data, opt)
	default:
		var s string
		s, err = DecodeText(data)
		if err == nil {
			r, notes, err = assemble(textBlocks(s), opt, "")
		}
	}
	if err != nil {
		return nil, err
	}
	return &Result{Report: r, Notes: notes, Source: src}, nil
}

// ImportFile reads and imports the file at path.
func ImportFile(path string, opt Options) (*Result, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("找不到文件「%s」", path)
		}
		return nil, fmt.Errorf("无法读取文件「%s」：%v", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("「%s」是文件夹，不是文件", path)
	}
	if st.Size() > MaxSize {
		// Refused before reading it: the error names the file like any other.
		return nil, fmt.Errorf("导入「%s」失败：%w", filepath.Base(path), tooBig(st.Size()))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取文件「%s」：%v", path, err)
	}
	res, err := Import(data, filepath.Base(path), opt)
	if err != nil {
		return nil, fmt.Errorf("导入「%s」失败：%w", filepath.Base(path), err)
	}
	return res, nil
}

// tooBig is the error for a file over MaxSize; its size is given in whole
// megabytes, rounded up, so that it never reads as within the limit.
func tooBig(size int64) error {
	return fmt.Errorf("文件太大（约 %d MB，最多 %d MB），不像是一份年度报告", (size+(1<<20)-1)>>20, MaxSize>>20)
}

// sniff says what data is: by extension, else by content.
func sniff(data []byte, name string) string {
	if form := formOfName(name); form != "" {
		return form
	}
	head := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))
	if len(head) > 0 && head[0] == '{' {
		return "json"
	}
	if len(head) > 2048 {
		head = head[:2048]
	}
	low := bytes.ToLower(head)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<table", "<meta", "<p>", "<p ", "<div"} {
		if bytes.Contains(low, []byte(tag)) {
			return "html"
		}
	}
	return "text"
}
