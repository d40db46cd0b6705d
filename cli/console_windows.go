//go:build windows

package cli

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

var procGetConsoleProcessList = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// consoleOwned: the console's only process is this one (started from
// Explorer, not from cmd.exe or PowerShell, which share their console).
func consoleOwned() bool {
	if procGetConsoleProcessList.Find() != nil {
		return false
	}
	var ids [2]uint32
	n, _, _ := procGetConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	return n == 1
}
