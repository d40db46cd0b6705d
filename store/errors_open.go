package store

// The file problems of read-only opens and compaction. (Their values are
// apart from the others' so that either list can grow.)
const (
	// Missing: there is no draft file (or an empty one) to read; a
	// read-only open does not make one.
	Missing FileProblem = 100 + iota
	// Older: the file is of an older layout, which a read-only open cannot
	// bring up to date; a writable open does (after keeping a copy).
	Older
	// OpenedReadOnly: a write was asked of a store opened read-only.
	OpenedReadOnly
	// Unreadable: the file cannot even be read (no permission).
	Unreadable
)

func missingError(path string) error {
	return &FileError{Problem: Missing, Path: path,
		Msg: "草稿文件还不存在：" + path + "。其中还没有报告。"}
}

func olderError(path string) error {
	return &FileError{Problem: Older, Path: path,
		Msg: "草稿文件 " + path + " 是旧版本的 nianbao 写的，要先升级为新格式才能读取；只读打开时不能升级。以可写方式打开一次即可（升级前会在旁边保留旧文件的副本）。"}
}

func readOnlyError(path string) error {
	return &FileError{Problem: OpenedReadOnly, Path: path,
		Msg: "草稿文件是以只读方式打开的，不能修改：" + path + "。"}
}

func unreadableError(path string, err error) error {
	return &FileError{Problem: Unreadable, Path: path, Err: err, Detail: errDetail(err),
		Msg: "不能读取草稿文件：" + path + "（" + ioReason(err) + "）。"}
}
