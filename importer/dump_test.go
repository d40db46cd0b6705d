package importer

import (
	"os"
	"testing"

	"nianbao/model"
)

func TestDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip()
	}
	res, err := ImportFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	j, _ := model.Encode(res.Report)
	t.Logf("%s", j)
	for _, n := range res.Notes {
		t.Log("NOTE ", n)
	}
}
