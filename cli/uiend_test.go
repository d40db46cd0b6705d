package cli

import (
	"bytes"
	"errors"
	"strings"
	"syscall"
	"testing"

	"nianbao/store"
	"nianbao/ui"
)

// TestUIEndings: how the command line reports the UI's end (issue 10.2,
// 10.6): a window closed with everything saved is a note, not 错误, with
// exit code 128+n; a last save that failed names the JSON file the report
// went to and the command that reads it back, or says plainly that the
// changes are lost; nothing claims the work is kept in memory.
func TestUIEndings(t *testing.T) {
	full := &store.FileError{Problem: store.SaveFailed, Path: "/d/drafts.db", Reason: "磁盘已满（草稿文件 /d/drafts.db 所在的磁盘）", Err: syscall.ENOSPC}
	copyPath := "/home/u/甲局2024年政府信息公开工作年度报告（未保存-20250310-093000）.json"
	for _, tc := range []struct {
		name    string
		err     error
		code    int
		want    []string
		notWant []string
	}{
		{"saved", &ui.SignalError{Signal: syscall.SIGTERM}, 143,
			[]string{"填报界面已关闭（收到系统信号 SIGTERM），输入的内容都已保存到草稿文件。"}, []string{"错误"}},
		{"aside", &ui.SignalError{Signal: syscall.SIGTERM, Err: &ui.UnsavedError{Err: full, Copy: copyPath}}, 143,
			[]string{"错误：填报界面已关闭（收到系统信号 SIGTERM）。最后的修改没有写入草稿文件：报告没有保存：磁盘已满",
				"未保存的报告已另存为 " + copyPath, "nianbao import --replace " + copyPath}, []string{"内存", "没有丢失"}},
		{"lost", &ui.SignalError{Signal: syscall.SIGHUP, Err: &ui.UnsavedError{Err: full, CopyErr: errors.New("在以下位置都无法另存：无法写入 /d/x.json：磁盘空间不足")}}, 129,
			[]string{"也无法另存为文件：在以下位置都无法另存", "这些修改已丢失"}, []string{"内存", "已另存为"}},
		{"quit", &ui.UnsavedError{Err: full, Copy: "/home/u 1/x.json"}, exitDraft,
			[]string{"错误：最后的修改没有写入草稿文件", `nianbao import --replace "/home/u 1/x.json"`}, nil},
		// Refused by the store, not the disk: no advice to replace.
		{"refused", &ui.UnsavedError{Err: store.ErrDuplicate, Copy: "/d/x.json"}, exitDraft,
			[]string{"已有同一机关同一年度的报告", "未保存的报告已另存为 /d/x.json；改正之后可以用 nianbao import /d/x.json 导入"}, []string{"--replace"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			a := &app{stdout: &out, stderr: &errb}
			if err := a.uiEnded(tc.err); err != nil {
				a.fail(err)
			}
			if a.code != tc.code {
				t.Errorf("exit %d, want %d", a.code, tc.code)
			}
			for _, w := range tc.want {
				if !strings.Contains(errb.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, errb.String())
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(errb.String(), w) {
					t.Errorf("stderr says %q:\n%s", w, errb.String())
				}
			}
		})
	}
}
