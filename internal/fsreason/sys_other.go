//go:build !unix && !windows

package fsreason

func sysKind(error) kind { return other }

func errnoNumber(error) (int, bool) { return 0, false }
