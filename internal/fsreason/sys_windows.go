package fsreason

import (
	"errors"
	"syscall"
)

// Windows error codes (winerror.h) that need words of their own.
var sysKinds = map[syscall.Errno]kind{
	2:    notExist,     // ERROR_FILE_NOT_FOUND
	3:    notExist,     // ERROR_PATH_NOT_FOUND
	5:    permission,   // ERROR_ACCESS_DENIED
	19:   readOnlyFS,   // ERROR_WRITE_PROTECT
	32:   busy,         // ERROR_SHARING_VIOLATION
	33:   busy,         // ERROR_LOCK_VIOLATION
	39:   diskFull,     // ERROR_HANDLE_DISK_FULL
	112:  diskFull,     // ERROR_DISK_FULL
	123:  badName,      // ERROR_INVALID_NAME
	206:  nameTooLong,  // ERROR_FILENAME_EXCED_RANGE
	267:  notDir,       // ERROR_DIRECTORY
	1921: loop,         // ERROR_CANT_RESOLVE_FILENAME
	4:    tooManyFiles, // ERROR_TOO_MANY_OPEN_FILES
	23:   ioError,      // ERROR_CRC
	1117: ioError,      // ERROR_IO_DEVICE
	80:   exists,       // ERROR_FILE_EXISTS
	183:  exists,       // ERROR_ALREADY_EXISTS
}

func sysKind(err error) kind {
	var en syscall.Errno
	if errors.As(err, &en) {
		if k, ok := sysKinds[en]; ok {
			return k
		}
	}
	return other
}

func errnoNumber(err error) (int, bool) {
	var en syscall.Errno
	if errors.As(err, &en) {
		return int(en), true
	}
	return 0, false
}
