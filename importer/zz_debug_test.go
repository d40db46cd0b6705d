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
	doc, _ := pdftext.Read(data, pdftext.DefaultLimits)
	pages := doc.Pages
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

func TestZZDebugExtracted(t *testing.T) {
	path := os.Getenv("TXT")
	if path == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(path)
	s, _ := DecodeText(data)
	for _, b := range extractedBlocks(s) {
		if b.isTbl {
			fmt.Println("TABLE", classifyTable(b.table, 3))
			for _, r := range b.table {
				fmt.Printf("  %q\n", r)
			}
		} else {
			fmt.Println("P", b.para)
		}
	}
}
