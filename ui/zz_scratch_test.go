package ui

import (
	"fmt"
	"os"
	"testing"

	"nianbao/model"
)

func TestZZScratch(t *testing.T) {
	if os.Getenv("SCRATCH") == "" {
		t.Skip()
	}
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		prev := model.New("北京市密云区科学技术委员会", 2022, model.KindCountyDept, model.ScopeSelf)
		r := newTestReport()
		for i, c := range model.S3.Inputs() {
			_ = prev.Set(c.Addr, model.Int(int64(i%7)))
			_ = r.Set(c.Addr, model.Int(int64(i%5)))
		}
		d := newDriverPrev(t, r, prev, sz[0], sz[1])
		d.ed().grids[model.S3].setAddr("s3.carried.business")
		fmt.Println(d.screen())
		d.keys("f9")
		fmt.Println(d.screen())
		d.keys("down", "right")
		fmt.Println(d.screen())
	}
}
