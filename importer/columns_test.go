package importer

import (
	"strings"
	"testing"
)

// textLine lays text out as glyphs: each rune a glyph 10 wide (5 for a
// digit), starting at x, on baseline y.
func textLine(y float64, parts ...any) *pline {
	l := &pline{y: y, size: 10}
	for i := 0; i+1 < len(parts); i += 2 {
		x := parts[i].(float64)
		for _, r := range parts[i+1].(string) {
			w := 10.0
			if r < 0x80 {
				w = 5
			}
			l.glyphs = append(l.glyphs, pglyph{x: x, y: y, w: w, size: 10, text: string(r)})
			x += w
		}
	}
	return l
}

// A header with the seven columns of 三, each 50 wide from x = 100.
func s3Header() []*pline {
	var parts []any
	for k, name := range []string{"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"} {
		w := float64(len([]rune(name))) * 10
		parts = append(parts, 100+float64(k)*60+25-w/2, name)
	}
	return []*pline{textLine(10, parts...)}
}

func TestPlaceUnderHeader(t *testing.T) {
	centers, ok := s3Columns(s3Header())
	if !ok {
		t.Fatal("header not found")
	}
	colLeft := func(j int) float64 { return 100 + float64(j)*60 }
	// Flush right, figures of different widths: placed.
	right := func(y float64, vals map[int]string) *pline {
		parts := []any{0.0, "一、本年新收"}
		for j := 0; j < 7; j++ {
			if v, ok := vals[j]; ok {
				parts = append(parts, colLeft(j)+55-float64(len(v))*5, v)
			}
		}
		return textLine(y, parts...)
	}
	lines := []*pline{right(30, map[int]string{0: "12", 1: "3", 4: "105", 6: "120"}), right(50, map[int]string{0: "7", 2: "40", 6: "47"})}
	rows := [][]string{lines[0].chunks(), lines[1].chunks()}
	got := placeUnderHeader(rows, lines, centers, false)
	if strings.Join(got[0], "|") != "一、本年新收|12|3|||105||120" || strings.Join(got[1], "|") != "一、本年新收|7||40||||47" {
		t.Errorf("flush right: %q", got)
	}
	// Flush left, one width only: the right edges say nothing; left as
	// they were.
	left := func(y float64, vals map[int]string) *pline {
		parts := []any{0.0, "一、本年新收"}
		for j := 0; j < 7; j++ {
			if v, ok := vals[j]; ok {
				parts = append(parts, colLeft(j)+2, v)
			}
		}
		return textLine(y, parts...)
	}
	lines = []*pline{left(30, map[int]string{0: "1", 1: "3", 4: "5"}), left(50, map[int]string{0: "7", 2: "4"})}
	rows = [][]string{lines[0].chunks(), lines[1].chunks()}
	got = placeUnderHeader(rows, lines, centers, false)
	if strings.Join(got[0], "|") != strings.Join(rows[0], "|") || strings.Join(got[1], "|") != strings.Join(rows[1], "|") {
		t.Errorf("flush left was placed: %q", got)
	}
}
