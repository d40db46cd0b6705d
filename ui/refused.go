package ui

import (
	"bufio"
	"fmt"
	"io"
)

// WaitForEnter asks the officer to press Enter and waits until a line is
// read from in (or in ends). The command line calls it when the UI was
// refused at start (a second window, a damaged draft file) and a person is
// at the console: a program started by a double click runs in a console
// window that closes as the program exits, before the message is read.
func WaitForEnter(in io.Reader, out io.Writer) {
	fmt.Fprintf(out, strPressEnter+"\n", newDialogKeyMap().Confirm.Help().Key)
	_, _ = bufio.NewReader(in).ReadString('\n')
}
