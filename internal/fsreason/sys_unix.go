//go:build unix

package fsreason

import (
	"errors"
	"syscall"
)

var sysKinds = []struct {
	errno syscall.Errno
	kind  kind
}{
	{syscall.ENOENT, notExist},
	{syscall.EACCES, permission},
	{syscall.EPERM, permission},
	{syscall.EROFS, readOnlyFS},
	{syscall.ENOSPC, diskFull},
	{syscall.EDQUOT, quota},
	{syscall.EISDIR, isDir},
	{syscall.ENOTDIR, notDir},
	{syscall.ELOOP, loop},
	{syscall.ENAMETOOLONG, nameTooLong},
	{syscall.EIO, ioError},
	{syscall.EINVAL, badName},
	{syscall.EILSEQ, badName},
	{syscall.EMFILE, tooManyFiles},
	{syscall.ENFILE, tooManyFiles},
	{syscall.EBUSY, busy},
	{syscall.ETXTBSY, busy},
	{syscall.ENXIO, notRegular},
	{syscall.ENODEV, notRegular},
	{syscall.EEXIST, exists},
}

func sysKind(err error) kind {
	var en syscall.Errno
	if !errors.As(err, &en) {
		return other
	}
	for _, s := range sysKinds {
		if en == s.errno {
			return s.kind
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
