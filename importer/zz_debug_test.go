package importer

import (
	"fmt"
	"os"
	"testing"

	"nianbao/internal/pdftext"
)

func TestZZDebugBlocks(t *testing.T) {
	path := os.Getenv("PDF")
	if path == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(path)
	pages, _ := pdftext.Read(data, pdftext.DefaultLimits)
	for _, b := range pdfBlocks(pages) {
		if b.isTbl {
			fmt.Println("TABLE")
			for _, r := range b.table {
				fmt.Printf("  %q\n", r)
			}
		} else {
			fmt.Println("P", b.para)
		}
	}
}
