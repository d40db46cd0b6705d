package importer

import "errors"

func importPDF(data []byte, opt Options) (*Result, error) {
	return nil, errors.New("暂不能读取 PDF")
}
