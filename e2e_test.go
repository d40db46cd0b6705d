package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"nianbao/cli"
	"nianbao/model"
)

// tmuxSession drives the real binary in a detached tmux window of 120×40 on
// a private tmux server, so that it never meets anyone else's sessions.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	cmd := exec.Command("tmux", append([]string{"-L", s.socket, "-f", "/dev/null", "-u"}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// start runs the command line in a new window; when the program ends the
// shell prints a marker with its exit code and keeps the pane for capture.
func (s *tmuxSession) start(dir string, command string) {
	s.t.Helper()
	s.tmux("new-session", "-d", "-s", s.name, "-x", "120", "-y", "40", "-c", dir,
		command+"; echo NIANBAO-EXITED-$?; sleep 600")
}

func (s *tmuxSession) screen() string {
	s.t.Helper()
	return s.tmux("capture-pane", "-p", "-t", s.name)
}

// keys sends named keys (Enter, Down, F6, C-o …), one send each so that
// every key arrives as its own sequence.
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.tmux("send-keys", "-t", s.name, k)
	}
}

// typeText sends text literally, as committed IME text arrives.
func (s *tmuxSession) typeText(text string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", s.name, "-l", text)
}

// paste puts text in a tmux buffer and pastes it with bracketed paste, as a
// terminal does when the officer pastes from Excel or WPS.
func (s *tmuxSession) paste(text string) {
	s.t.Helper()
	s.tmux("set-buffer", "-b", "nianbao", text)
	s.tmux("paste-buffer", "-p", "-b", "nianbao", "-t", s.name)
}

// waitFor polls the screen until ok says yes, and fails with the screen
// after the deadline.
func (s *tmuxSession) waitFor(what string, within time.Duration, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(within)
	for {
		scr := s.screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s; the screen is:\n%s", what, scr)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// agency is the agency of the report the test makes.
const agency = "北京市密云区科学技术委员会"

const e2eWait = 15 * time.Second

// waitText waits until every one of texts is on the screen.
func (s *tmuxSession) waitText(texts ...string) string {
	s.t.Helper()
	return s.waitFor(strings.Join(texts, " + "), e2eWait, func(scr string) bool {
		for _, x := range texts {
			if !strings.Contains(scr, x) {
				return false
			}
		}
		return true
	})
}

// TestE2ETmux runs the real binary in tmux: create a report, break and fix
// the balance of 三 with Enter going down the column, copy a figure with
// Ctrl+C (through the terminal: tmux keeps it as a paste buffer) and go on,
// type Chinese into 一, paste a block with dashes into 四, quit, start again
// and find everything there, see a second window refused and waiting for
// Enter, export HTML, make next year's report with F4 and see last year's
// words flagged (text.year).
func TestE2ETmux(t *testing.T) {
	bin := tmuxBinary(t, "the end-to-end test", false)
	dir := t.TempDir()
	db := filepath.Join(dir, "drafts.db")
	s := &tmuxSession{t: t, socket: fmt.Sprintf("nianbao-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()), name: "nb"}
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	// No desktop clipboard: Ctrl+C goes through the terminal (OSC 52).
	command := fmt.Sprintf("env -u DISPLAY -u WAYLAND_DISPLAY %q --db %q", bin, db)

	// A new report from the welcome screen.
	s.start(dir, command)
	// tmux keeps what a program sends with OSC 52 as a paste buffer.
	s.tmux("set-option", "-g", "set-clipboard", "on")
	s.waitText("欢迎使用", "新建报告", "F1 帮助", "Ctrl+Q 退出")
	s.keys("Enter")
	s.waitText("机关名称", "机关类型")
	s.typeText(agency)
	s.keys("Enter")
	s.waitFor("the year field", e2eWait, func(scr string) bool { return strings.Contains(scr, "> 年度") })
	s.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
	s.typeText("2023")
	s.keys("Enter")
	s.waitText("< （请选择） >")
	// Step through the choices one at a time, each step seen on screen, so
	// that a slow render never makes us overshoot.
	choice := regexp.MustCompile(`机关类型\s*< (.+?) >`)
	shown := func(scr string) string {
		if m := choice.FindStringSubmatch(scr); m != nil {
			return m[1]
		}
		return ""
	}
	for i := 0; shown(s.screen()) != "政府部门（县级）"; i++ {
		if i > len(model.Kinds) {
			t.Fatalf("机关类型 never showed 政府部门（县级）:\n%s", s.screen())
		}
		before := shown(s.screen())
		s.keys("Right")
		s.waitFor("the next 机关类型", e2eWait, func(scr string) bool { return shown(scr) != before })
	}
	s.keys("Enter", "Enter")
	s.waitText(agency+"2023年政府信息公开工作年度报告", "已填 0/144")

	// Numbers that break the balance of 三: all zeros, then 3 new applications.
	s.keys("C-o")
	s.waitText("都填为 0")
	s.keys("Enter")
	s.waitText("已填 144/144")
	s.typeText("3")
	s.keys("Enter")
	s.waitText("三、自然人列：新收 3 + 上年结转 0 = 3，办理结果 0 + 结转下年度 0 = 0，办理结果与结转少 3 件")
	// Enter went down the column, as in Excel: 上年结转, then 予以公开.
	s.waitText("表三：二、上年结转政府信息公开申请数量 / 自然人")
	s.keys("Enter")
	s.waitText("（一）予以公开 / 自然人")
	// Fix it: 3 granted.
	s.typeText("3")
	s.keys("Enter")
	s.waitFor("the error to go", e2eWait, func(scr string) bool {
		return !strings.Contains(scr, "自然人列") && strings.Contains(scr, "错误 0")
	})
	s.waitText("（二）部分公开（区分处理的，只计这一情形，不计其他情形） / 自然人")

	// Ctrl+C copies the 3 just typed, through the terminal, and the
	// program goes on.
	s.keys("Up")
	s.waitText("表三：三、本年度办理结果 > （一）予以公开 / 自然人")
	s.keys("C-c")
	s.waitText("已请终端复制到剪贴板：「表三（一）予以公开/自然人」的 3")
	if scr := s.screen(); strings.Contains(scr, "NIANBAO-EXITED") {
		t.Fatalf("Ctrl+C ended the program:\n%s", scr)
	}
	if got := s.tmux("show-buffer"); got != "3" {
		t.Fatalf("the terminal's clipboard (tmux's buffer) holds %q, want 3", got)
	}

	// Chinese into 一's opening paragraph: the section list is two F6 away.
	const intro = "2023年，我委认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息109条。"
	s.keys("F6", "F6", "Home", "Down")
	s.waitText("开头段落")
	s.keys("Enter")
	s.typeText(intro)
	s.waitText("主动公开政府信息109条。")

	// A tab-separated block pasted onto 四.
	s.keys("F6", "F6", "End", "Up", "Up")
	s.waitText("四、政府信息公开行政复议、行政诉讼情况")
	s.keys("Enter")
	s.waitText("行政复议 / 结果维持")
	// Copied from a spreadsheet where a dash or a slash means nothing:
	// those cells stay empty, never 0.
	s.paste("1\t—\t0\t0\n0\t2\t/\t-\n0\t0\t0\t1\n")
	s.waitText("已粘贴 9 个数字", "3 格为空白、横线或斜线，已留空（不是 0）", "已填 9/12")

	s.keys("C-q")
	s.waitText("NIANBAO-EXITED-0")
	// The first session stays (its shell sleeps): killing it would make the
	// private server exit, and a new session started while that server
	// still held its socket failed about one run in four on a busy machine.
	// The second session joins the same live server instead.
	first := s.name

	// Everything is in the draft file.
	var out, errb bytes.Buffer
	if code := cli.Run([]string{"export", "--format", "json", "-o", "-", agency + "/2023", "--db", db}, nil, &out, &errb); code != 0 {
		t.Fatalf("export after the session: exit %d: %s", code, errb.String())
	}
	r, err := model.Decode(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for addr, want := range map[model.CellAddr]int64{
		"s3.new.natural": 3, "s3.granted.natural": 3, "s3.forward.natural": 0,
		"s4.review.upheld": 1, "s4.suit_direct.corrected": 2, "s4.suit_after.pending": 1, "s4.suit_after.upheld": 0,
	} {
		if v, ok := r.Get(addr); !ok || v != model.Int(want) {
			t.Errorf("%s = %v (filled %v), want %d", addr, v, ok, want)
		}
	}
	for _, addr := range []model.CellAddr{"s4.review.corrected", "s4.suit_direct.other", "s4.suit_direct.pending"} {
		if v, ok := r.Get(addr); ok {
			t.Errorf("%s = %v, want empty (a dash was pasted)", addr, v)
		}
	}
	if r.S1.Intro != intro {
		t.Errorf("一's opening = %q, want %q", r.S1.Intro, intro)
	}
	if r.Kind != model.KindCountyDept {
		t.Errorf("kind = %q", r.Kind)
	}

	// Start again: the report is listed, and opens with everything there.
	s.name = "nb2"
	s.start(dir, command)
	if out := s.tmux("list-sessions", "-F", "#{session_name}"); !strings.Contains(out, first) {
		t.Fatalf("the first session is gone: %q", out)
	}
	s.waitText(agency, "2023")

	// A second window on the same draft file is refused, and its message
	// stays until Enter (a double-clicked program's console would vanish).
	third := &tmuxSession{t: t, socket: s.socket, name: "nb3"}
	third.start(dir, command)
	third.waitText("正被另一个 nianbao 窗口使用", "按 Enter 关闭窗口。")
	if scr := third.screen(); strings.Contains(scr, "NIANBAO-EXITED") {
		t.Fatalf("the refused window did not wait:\n%s", scr)
	}
	third.keys("Enter")
	third.waitText("NIANBAO-EXITED-3")

	s.keys("Enter")
	s.waitText("已填 144/144", "已填 9/12")
	s.keys("F6", "F6", "Home", "Down")
	s.waitText("主动公开政府信息109条。")

	// The 成文日期 on the cover: a good date, then a wrong one that the
	// report does not take (it keeps the good one), Enter that does not
	// leave the field, and Esc that puts the good one back.
	s.keys("Up")
	s.waitText("机关名称", "成文日期")
	s.keys("Enter", "Down", "Down", "Down", "Down", "Down")
	s.typeText("2024-01-20")
	s.keys("Enter", "BTab")
	s.typeText("2024-13-01")
	s.waitText("月份不对", "报告中仍为原来的日期 2024年1月20日")
	s.keys("Enter")
	s.waitFor("the wrong date kept in the field", e2eWait, func(scr string) bool {
		return regexp.MustCompile(`成文日期\s+2024-13-01`).MatchString(scr)
	})
	s.keys("Escape")
	s.waitText("成文日期已恢复为原来的日期 2024年1月20日")
	s.keys("F6", "F6") // back to the section list (an Esc right before Ctrl+E would read as Alt+Ctrl+E)

	// Export HTML from the editor into the current folder.
	s.keys("C-e")
	s.waitText("导出报告", "HTML")
	// The Word document comes first; Down to the HTML document. Enter on
	// the format goes to the file name (its hint says Enter exports); the
	// second Enter exports.
	s.waitText("(*) Word 文档")
	s.keys("Down")
	s.waitText("(*) HTML 网页")
	s.keys("Enter")
	s.waitText("Enter 导出")
	s.keys("Enter")
	s.waitText("已导出到")
	html, err := os.ReadFile(filepath.Join(dir, agency+"2023年政府信息公开工作年度报告.html"))
	if err != nil {
		t.Fatalf("exported HTML: %v", err)
	}
	for _, want := range []string{intro, "收到和处理政府信息公开申请情况", agency, "2024年1月20日"} {
		if !bytes.Contains(html, []byte(want)) {
			t.Errorf("exported HTML lacks %q", want)
		}
	}
	// Next year's report from this one (F4 on the list): its text still
	// speaks of 2023, and text.year says so.
	s.keys("Enter", "Escape")
	s.waitText("草稿文件：", agency)
	s.keys("F4")
	s.waitText(agency+"2024年政府信息公开工作年度报告", "一、总体情况开头第 1 段写的是 2023 年度的情况")

	// Ctrl+C is a key now; a real interrupt signal still saves what was
	// typed (the cell not yet entered included) and ends the program.
	s.waitText("表三：一、本年新收政府信息公开申请数量 / 自然人", "上年 3，本年未填")
	s.typeText("7")
	s.waitText("Enter 确认并下移  Esc 取消") // the cell is being typed into
	shell := strings.TrimSpace(s.tmux("display-message", "-p", "-t", s.name, "#{pane_pid}"))
	children, err := os.ReadFile(fmt.Sprintf("/proc/%s/task/%s/children", shell, shell))
	if err != nil || len(strings.Fields(string(children))) != 1 {
		t.Fatalf("the program's process under the shell %s: %q %v", shell, children, err)
	}
	if out, err := exec.Command("kill", "-INT", strings.Fields(string(children))[0]).CombinedOutput(); err != nil {
		t.Fatalf("kill -INT: %v %s", err, out)
	}
	s.waitText("NIANBAO-EXITED-130")
	out.Reset()
	errb.Reset()
	if code := cli.Run([]string{"export", "--format", "json", "-o", "-", agency + "/2024", "--db", db}, nil, &out, &errb); code != 0 {
		t.Fatalf("export of 2024 after SIGINT: exit %d: %s", code, errb.String())
	}
	r, err = model.Decode(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := r.Get("s3.new.natural"); !ok || v != model.Int(7) {
		t.Fatalf("the 7 being typed when SIGINT came was not saved: %v %v", v, ok)
	}
}
