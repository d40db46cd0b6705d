package importer

import (
	"os"
	"strings"
	"testing"

	"nianbao/model"
)

// FuzzImport: no input panics or hangs, and each returns either a report or
// a clear (Chinese) error. Run it locally for a short while:
//
//	go test ./importer/ -run '^$' -fuzz FuzzImport -fuzztime 20s -fuzzminimizetime 50x
//
// (without -fuzzminimizetime the engine spends the whole run minimising the
// first new input, the seed corpus being whole reports).
func FuzzImport(f *testing.F) {
	seed := readSeed(f)
	html, err := os.ReadFile("testdata/miyun-word.html")
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(seed), "text")
	f.Add([]byte(renderRows(seedRows(seed), func(c []string) string { return strings.Join(c, "\t") }, true)), "text")
	f.Add([]byte(strings.Replace(seed, "主动公开政府信息情况\n", table2019, 1)), "text")
	f.Add([]byte(seed[:len(seed)/2]), "text")
	f.Add(html, "html")
	f.Add([]byte(`<table><tr><td rowspan=99999 colspan=99999>一、总体情况</td></tr><tr><td>六、其他需要报告的事项</td></tr></table>`), "html")
	f.Add([]byte(`{"schema":1,"agency":"某局","year":2023,"cells":{"s3.new.natural":1}}`), "json")
	f.Fuzz(func(t *testing.T, data []byte, kind string) {
		if len(data) > 1<<20 {
			return
		}
		name := "x.txt"
		switch kind {
		case "html":
			name = "x.html"
		case "json":
			name = "x.json"
		case "text":
		default:
			name = "x"
		}
		res, err := Import(data, name, Options{})
		if err != nil {
			if res != nil {
				t.Fatal("both a result and an error")
			}
			if !hasHan(err.Error()) {
				t.Fatalf("error is not in Chinese: %v", err)
			}
			return
		}
		if res == nil || res.Report == nil {
			t.Fatal("neither a report nor an error")
		}
		if _, err := model.Encode(res.Report); err != nil {
			t.Fatalf("imported report cannot be encoded: %v", err)
		}
		if len(res.Notes) > maxNotes {
			t.Fatalf("%d notes", len(res.Notes))
		}
	})
}

func hasHan(s string) bool {
	for _, r := range s {
		if r >= 0x4e00 && r <= 0x9fff {
			return true
		}
	}
	return false
}

func BenchmarkImportSeed(b *testing.B) {
	data := []byte(readSeed(b))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import(data, "seed.txt", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImportHTML(b *testing.B) {
	data, err := os.ReadFile("testdata/miyun-word.html")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Import(data, "a.html", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
