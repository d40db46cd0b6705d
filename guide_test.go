package main

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"nianbao/cli"
)

// The officer's guide (docs/使用说明.md) shows the screens as text captures
// of the real program: docs/screens/NAME.txt, each spliced into the guide
// between <!-- screen NAME --> and <!-- /screen -->. TestGuideScreens makes
// them by walking the guide's steps in tmux; one command regenerates them
// and the guide after the UI changes:
//
//	NIANBAO_CAPTURE=1 go test -run TestGuideScreens -count=1 .
//
// TestGuideEmbedsScreens fails while the guide's copies differ from
// docs/screens.
const (
	guidePath  = "docs/使用说明.md"
	screensDir = "docs/screens"
	// The guide's screens are 100×30, a terminal window an officer opens
	// without resizing it much.
	guideW, guideH = 100, 30
	// guideHome is the home folder the captures show; the test's real one
	// (/tmp/n + 8 hex digits) has the same length, so that what the
	// program wrapped or padded around a path stays as it was.
	guideHome = "/home/zhangsan"
	// The clock the captures show: the report for 2024 is written in
	// January 2025.
	guideDate  = "2025-01-10"
	guideClock = "09:30"
)

var screenBlock = regexp.MustCompile("(?s)<!-- screen ([a-z0-9-]+) -->\n.*?<!-- /screen -->")

// spliceScreens puts each screen into the guide's block of its name, as a
// fenced text block. It fails on a block without a screen and on a screen
// no block shows.
func spliceScreens(guide string, screens map[string]string) (string, error) {
	used := map[string]bool{}
	var missing []string
	out := screenBlock.ReplaceAllStringFunc(guide, func(block string) string {
		name := screenBlock.FindStringSubmatch(block)[1]
		s, ok := screens[name]
		if !ok {
			missing = append(missing, name)
			return block
		}
		used[name] = true
		return "<!-- screen " + name + " -->\n```text\n" + s + "\n```\n<!-- /screen -->"
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("the guide shows screens that %s does not have: %s", screensDir, strings.Join(missing, ", "))
	}
	var unused []string
	for name := range screens {
		if !used[name] {
			unused = append(unused, name)
		}
	}
	if len(unused) > 0 {
		slices.Sort(unused)
		return "", fmt.Errorf("%s has screens the guide does not show: %s", screensDir, strings.Join(unused, ", "))
	}
	return out, nil
}

func readScreens(t *testing.T) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(screensDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no screens in %s (%v)", screensDir, err)
	}
	screens := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		screens[strings.TrimSuffix(filepath.Base(f), ".txt")] = strings.TrimRight(string(b), "\n")
	}
	return screens
}

// TestGuideEmbedsScreens: the guide shows every capture in docs/screens as
// it is there, and no other.
func TestGuideEmbedsScreens(t *testing.T) {
	guide, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	want, err := spliceScreens(string(guide), readScreens(t))
	if err != nil {
		t.Fatal(err)
	}
	if want != string(guide) {
		t.Fatalf("the screens in %s differ from %s: run\n\tNIANBAO_CAPTURE=1 go test -run TestGuideScreens -count=1 .", guidePath, screensDir)
	}
}

func TestSpliceScreens(t *testing.T) {
	guide := "a\n<!-- screen x -->\n```text\nold\n```\n<!-- /screen -->\nb\n<!-- screen y -->\n<!-- /screen -->\n"
	got, err := spliceScreens(guide, map[string]string{"x": "new 1", "y": "new 2"})
	if err != nil {
		t.Fatal(err)
	}
	want := "a\n<!-- screen x -->\n```text\nnew 1\n```\n<!-- /screen -->\nb\n<!-- screen y -->\n```text\nnew 2\n```\n<!-- /screen -->\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if _, err := spliceScreens(guide, map[string]string{"x": "1"}); err == nil || !strings.Contains(err.Error(), "y") {
		t.Errorf("a block without a screen: %v", err)
	}
	if _, err := spliceScreens(guide, map[string]string{"x": "1", "y": "2", "z": "3"}); err == nil || !strings.Contains(err.Error(), "z") {
		t.Errorf("a screen without a block: %v", err)
	}
}

var (
	// A date may be cut by the terminal's line wrap anywhere.
	reDate   = regexp.MustCompile(breakable(`2`, `0`, `\d`, `\d`, `-`, `\d`, `\d`, `-`, `\d`, `\d`))
	reClock  = regexp.MustCompile(`\b\d\d:\d\d(:\d\d)?\b`)
	reStamp  = regexp.MustCompile(`\b20\d{6}-\d{6}\b`) // drafts.db.before-recover-20250110-093000
	reExited = regexp.MustCompile(`(?m)^NIANBAO-EXITED-\d+$`)
)

// breakable is a pattern of the parts in a row, a line break allowed
// between any two (where the terminal wrapped a long line).
func breakable(parts ...string) string { return `\b` + strings.Join(parts, "\n?") + `\b` }

// replaceKeepingBreaks replaces each match of re by with (as long as the
// match without its line breaks), keeping the line breaks where they were.
func replaceKeepingBreaks(s string, re *regexp.Regexp, with string) string {
	return re.ReplaceAllStringFunc(s, func(m string) string {
		var b strings.Builder
		w := []rune(with)
		i := 0
		for _, r := range m {
			if r == '\n' || i >= len(w) {
				b.WriteRune(r)
				continue
			}
			b.WriteRune(w[i])
			i++
		}
		return b.String()
	})
}

// normaliseScreen makes a capture the same on every run: the test's home
// folder shown as guideHome, dates and times as the guide's, no spaces at
// line ends, no empty lines at the start or the end.
func normaliseScreen(s, home string) (string, error) {
	var homeParts []string
	for _, r := range home {
		homeParts = append(homeParts, regexp.QuoteMeta(string(r)))
	}
	s = replaceKeepingBreaks(s, regexp.MustCompile(strings.Join(homeParts, "\n?")), guideHome)
	if strings.Contains(s, home[:len("/tmp/n")+2]) {
		return "", fmt.Errorf("the home folder %s is still on the screen (split by a line break?):\n%s", home, s)
	}
	s = reExited.ReplaceAllString(s, "")
	s = reStamp.ReplaceAllString(s, strings.ReplaceAll(guideDate, "-", "")+"-"+strings.ReplaceAll(guideClock, ":", "")+"00")
	s = replaceKeepingBreaks(s, reDate, guideDate)
	s = reClock.ReplaceAllStringFunc(s, func(c string) string {
		if len(c) == len("15:04:05") {
			return guideClock + ":00"
		}
		return guideClock
	})
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	// A dialog stands on an empty screen: its empty lines above are left
	// out, the lines below kept down to the status bar.
	return strings.Trim(strings.Join(lines, "\n"), "\n"), nil
}

// guideRun is one walk through the guide: the tmux session, the home
// folder the program sees, and the captures taken.
type guideRun struct {
	*tmuxSession
	home    string
	screens map[string]string
}

// shot waits until texts are on the screen and the screen has settled (two
// captures in a row the same), and keeps it as screen name.
func (g *guideRun) shot(name string, texts ...string) {
	g.t.Helper()
	g.waitText(texts...)
	prev := ""
	scr := g.waitFor("the screen to settle", e2eWait, func(scr string) bool {
		same := scr == prev
		prev = scr
		if !same {
			time.Sleep(100 * time.Millisecond)
		}
		return same
	})
	s, err := normaliseScreen(scr, g.home)
	if err != nil {
		g.t.Fatal(err)
	}
	g.screens[name] = s
}

// open starts the program (or a command line) in a new window of the guide's
// size, in the documents folder, as the desktop entry does.
func (g *guideRun) open(name, command string) {
	g.t.Helper()
	g.name = name
	g.tmux("new-session", "-d", "-s", name, "-x", fmt.Sprint(guideW), "-y", fmt.Sprint(guideH),
		"-c", filepath.Join(g.home, "文档"),
		fmt.Sprintf("unset XDG_DATA_HOME NIANBAO_DB; export HOME=%q; %s; echo NIANBAO-EXITED-$?; sleep 600", g.home, command))
}

// TestGuideScreens walks the officer's guide in the real program: the first
// report in five steps (import last year's, create this year's, fill, fix
// what is red, export Word and the website fragment), a second window on the
// same draft file, a damaged draft file and its recovery from a backup.
// With NIANBAO_CAPTURE=1 it writes what the screens show to docs/screens and
// splices them into the guide.
func TestGuideScreens(t *testing.T) {
	bin := tmuxBinary(t, "the guide's walk", os.Getenv("NIANBAO_CAPTURE") == "1")
	seed, err := os.ReadFile("cli/testdata/miyun-kejiwei-2023.txt") // the published report
	if err != nil {
		t.Fatal(err)
	}
	// The home folder: /tmp/n and 8 hex digits, as long as guideHome.
	var rnd [4]byte
	rand.Read(rnd[:])
	home := "/tmp/n" + hex.EncodeToString(rnd[:])
	if len(home) != len(guideHome) {
		t.Fatalf("home %s is not as long as %s", home, guideHome)
	}
	if err := os.Mkdir(home, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(home) })
	docs := filepath.Join(home, "文档")
	if err := os.Mkdir(docs, 0o700); err != nil {
		t.Fatal(err)
	}
	const seedName = "密云区科委2023年报告.txt"
	if err := os.WriteFile(filepath.Join(docs, seedName), seed, 0o600); err != nil {
		t.Fatal(err)
	}
	g := &guideRun{
		tmuxSession: &tmuxSession{t: t, socket: fmt.Sprintf("nianbao-guide-%d-%d", os.Getpid(), time.Now().UnixNano())},
		home:        home, screens: map[string]string{},
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", g.socket, "kill-server").Run() })
	const (
		agency  = "北京市密云区科学技术委员会"
		report  = agency + "2024年政府信息公开工作年度报告"
		balance = "三、自然人列：新收 5 + 上年结转 0 = 5，办理结果 0"
	)

	// First opening: the welcome screen names the draft file.
	g.open("first", bin)
	g.shot("01-welcome", "欢迎使用", "草稿文件："+filepath.Join(home, ".local/share/nianbao/drafts.db"))

	// Step 1: import last year's published report, its name completed.
	g.keys("F3")
	g.waitText("导入报告", "补全")
	g.typeText("密云")
	g.keys("Tab")
	g.shot("02-import", "["+seedName)
	g.keys("Enter")
	g.shot("03-imported", "已导入："+agency+"2023年", "导入说明")

	// Step 2: this year's report from last year's.
	g.keys("Escape")
	g.shot("04-reports", agency, "2023", "从上年创建")
	g.keys("F4")
	g.shot("05-created", "已创建 2024 年报告", "三、收到和处理政府信息公开申请情况")

	// Steps 3 and 4: 5 new applications, the rest of 三 zero: the balance
	// is red; 5 granted fixes it.
	g.typeText("5")
	g.keys("Enter")
	g.keys("C-o")
	g.waitText("都填为 0")
	g.keys("Enter")
	g.shot("06-error", balance, "错误 1")
	g.keys("Down")
	g.waitText("表三：三、本年度办理结果 > （一）予以公开 / 自然人")
	g.typeText("5")
	g.keys("Enter")
	g.waitFor("the error to go", e2eWait, func(scr string) bool {
		return !strings.Contains(scr, balance) && strings.Contains(scr, "错误 0")
	})

	// Step 5: the Word document, then the website's fragment.
	g.keys("C-e")
	g.shot("07-export", "导出报告", "(*) Word 文档", report+".docx")
	g.keys("Enter")
	g.waitText("Enter 导出")
	g.keys("Enter")
	g.shot("08-exported", "已导出到：", docs+"/", "Enter 或 Esc 关闭")
	g.keys("Enter", "C-e")
	g.waitText("(*) Word 文档")
	g.keys("Down")
	g.waitText("(*) HTML 网页")
	g.keys("Down")
	g.shot("09-fragment", "(*) HTML 片段", report+"（片段）.html")
	g.keys("Enter")
	g.waitText("Enter 导出")
	g.keys("Enter")
	g.waitText("已导出到：", "Enter 或 Esc 关闭")
	g.keys("Enter")
	for _, f := range []string{report + ".docx", report + "（片段）.html"} {
		if _, err := os.Stat(filepath.Join(docs, f)); err != nil {
			t.Errorf("export: %v", err)
		}
	}

	// A second window on the same draft file is turned away.
	first := g.name
	g.open("second", bin)
	g.shot("10-in-use", "草稿文件正被另一个 nianbao 窗口使用", "按 Enter 关闭窗口。")
	g.keys("Enter")
	g.waitText("NIANBAO-EXITED-3")
	g.name = first
	g.keys("C-q")
	g.waitText("NIANBAO-EXITED-0")

	// The next day's first opening backs the file up (the day's backup is
	// removed to stand for yesterday's).
	db := filepath.Join(home, ".local/share/nianbao/drafts.db")
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*.db"))
	for _, b := range backups {
		os.Remove(b)
	}
	g.open("next-day", bin)
	g.waitText(agency, "2024", "2023")
	// The start screen makes it once the list is drawn.
	for deadline := time.Now().Add(e2eWait); ; time.Sleep(40 * time.Millisecond) {
		backups, _ = filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*.db"))
		if len(backups) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no backup after the next day's opening:\n%s", g.screen())
		}
	}
	g.keys("C-q")
	g.waitText("NIANBAO-EXITED-0")
	backups, _ = filepath.Glob(filepath.Join(filepath.Dir(db), "backups", "*.db"))
	if len(backups) != 1 {
		t.Fatalf("backups after the next day's opening: %v", backups)
	}

	// The draft file damaged (pages overwritten, as a failing disk does):
	// the program says so and names the backup, and recover brings it back.
	damage(t, db)
	g.open("damaged", bin)
	g.shot("11-damaged", "已损坏", "nianbao backups", "按 Enter 关闭窗口。")
	g.keys("Enter")
	g.waitText("NIANBAO-EXITED-3")
	name := filepath.Base(backups[0])
	g.open("recover", fmt.Sprintf("printf '$ nianbao backups\\n'; %[1]s backups; printf '$ nianbao recover %[2]s\\n'; %[1]s recover %[2]s", bin, name))
	g.shot("12-recover", "before-recover", "NIANBAO-EXITED-0")
	var listed, errb bytes.Buffer
	if code := cli.Run([]string{"list", "--db", db}, nil, &listed, &errb); code != 0 ||
		!strings.Contains(listed.String(), agency+"/2023") || !strings.Contains(listed.String(), agency+"/2024") {
		t.Fatalf("list after recover: exit %d\n%s%s", code, listed.String(), errb.String())
	}

	if os.Getenv("NIANBAO_CAPTURE") != "1" {
		return
	}
	if err := os.RemoveAll(screensDir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(screensDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, s := range g.screens {
		if err := os.WriteFile(filepath.Join(screensDir, name+".txt"), []byte(s+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	guide, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	out, err := spliceScreens(string(guide), g.screens)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(guidePath, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d screens to %s and spliced them into %s", len(g.screens), screensDir, guidePath)
}

// damage overwrites every page of a closed draft file but bbolt's two meta
// pages, as a failing disk might: the file opens, and nothing in it reads.
func damage(t *testing.T, db string) {
	t.Helper()
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	// The page size, from the first meta page: its 16-byte page header, then
	// the magic and the version (4 bytes each).
	ps := 0
	if len(b) >= 28 {
		ps = int(binary.LittleEndian.Uint32(b[24:28]))
	}
	if ps < 512 || len(b) < 3*ps {
		t.Fatalf("draft file of %d bytes, pages of %d", len(b), ps)
	}
	copy(b[2*ps:], bytes.Repeat([]byte{0x5a}, len(b)-2*ps))
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestNormaliseScreen(t *testing.T) {
	const home = "/tmp/n0123abcd"
	in := "草稿文件：/tmp/n0123abcd/.local  \n备份 drafts-2\n026-12-01.db 在 /tmp/n01\n23abcd 里，23:05:09 保存\n最后修改 2026-12-01 23:05\nNIANBAO-EXITED-3\n\n"
	want := "草稿文件：/home/zhangsan/.local\n备份 drafts-2\n025-01-10.db 在 /home/zh\nangsan 里，09:30:00 保存\n最后修改 2025-01-10 09:30"
	got, err := normaliseScreen(in, home)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
