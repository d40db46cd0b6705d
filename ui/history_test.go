package ui

import (
	"strings"
	"testing"
	"time"

	"nianbao/model"
)

func TestHistoryRestore(t *testing.T) {
	clock := fixedNow()
	db := openStoreClock(t, func() time.Time { return clock })
	r := addReport(t, db, "甲单位", 2024)
	cell := model.InputCells()[0].Addr
	for i, v := range []int64{5, 7} {
		clock = clock.Add(time.Duration(i+1) * time.Hour) // past the store's coalescing window
		if err := r.Set(cell, model.Int(v)); err != nil {
			t.Fatal(err)
		}
		if err := db.Save(r, "填写"); err != nil {
			t.Fatal(err)
		}
	}
	clock = clock.Add(time.Hour)
	revs, err := db.History(r.ID)
	if err != nil || len(revs) < 2 {
		t.Fatalf("history %v (err %v): want at least two revisions", revs, err)
	}

	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.press("f5")
	g.wantScreen("历史版本", "版本", "时间", "内容", "测试")
	text := g.screenText()
	if strings.Index(text, "2025-03-10 09:30") < strings.Index(text, "2025-03-10 10:30") {
		t.Fatalf("newest revision is not first:\n%s", text)
	}
	g.press("end", "enter") // the oldest: the empty report
	g.wantScreen("恢复到第", "现在的内容会先保存")
	g.press("esc") // the confirmation only
	if len(g.dialogs) != 1 {
		t.Fatalf("Esc on the confirmation left %d dialogs, want the history", len(g.dialogs))
	}
	g.press("enter", "enter")
	if len(g.opened) != 1 || g.opened[0] != r.ID || len(g.dialogs) != 0 {
		t.Fatalf("after restoring: opened %v, dialogs %d", g.opened, len(g.dialogs))
	}
	if !strings.HasPrefix(g.openNotes[0], "已恢复到第") {
		t.Fatalf("note %q", g.openNotes[0])
	}
	got, err := db.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, filled := got.Get(cell); filled {
		t.Fatal("the restored report still has the later value")
	}
	// Restoring is itself a revision: the value 7 can come back.
	after, _ := db.History(r.ID)
	if len(after) <= len(revs) {
		t.Fatalf("restore added no revision: %d then %d", len(revs), len(after))
	}
}

func TestHistoryEmptyAndErrors(t *testing.T) {
	db := openStore(t)
	d := newHistoryDialog(testShared(db, fixedNow), "no-such-id")
	g := newStage(t, newStartScreen(testShared(db, fixedNow)))
	g.send(pushDialogMsg{d: d})
	g.wantScreen("读取失败：")
	g.press("enter") // nothing to restore: no crash, nothing opened
	if len(g.opened) != 0 {
		t.Fatal("opened a report from an empty history")
	}
	g.press("esc")
	if len(g.dialogs) != 0 {
		t.Fatal("Esc did not close the history")
	}
}
