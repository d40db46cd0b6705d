package store

// The errors of read-only opens (see errors.go for their problems).

func missingError(path string) error { return &FileError{Problem: Missing, Path: path} }

func olderError(path string) error { return &FileError{Problem: Older, Path: path} }

func readOnlyError(path string) error { return &FileError{Problem: OpenedReadOnly, Path: path} }

func unreadableError(path string, err error) error {
	return &FileError{Problem: Unreadable, Path: path, Reason: ioReason(path, err), Err: err, Detail: errDetail(err)}
}
