package ui

import (
	"bufio"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nianbao/model"
	"nianbao/store"
)

// firstSaveBound is how long the loop waits for the first save of a round
// before it calls the program broken: far beyond any save (about 1 ms, a few
// under -race on a busy machine), so that it never decides a passing run.
const firstSaveBound = 20 * time.Second

// killChildEnv tells the test binary to run TestTypingKilledChild.
const killChildEnv = "NIANBAO_UI_KILL_CHILD"

// killText is what the officer types into 五, in order: every character is
// known by its position, so a stored text that is not a prefix of it (a torn
// or reordered save) shows.
func killText(n int) []rune {
	const cycle = "政府信息公开工作依法有序开展主动公开依申请公开平台建设监督保障"
	rs := []rune(cycle)
	out := make([]rune, n)
	for i := range out {
		out[i] = rs[(i*7+i/len(rs))%len(rs)]
	}
	return out
}

// ackStore is the real draft file, saying on stdout how much of 五 each save
// that returned holds: what the status line then shows as 已保存.
type ackStore struct{ *store.Store }

func (s ackStore) Save(r *model.Report, summary string) error {
	if err := s.Store.Save(r, summary); err != nil {
		return err
	}
	fmt.Printf("saved %d\n", len([]rune(r.S5)))
	return nil
}

// watch is the root model with a report after each message: how much of 五
// the editor holds, and how much of it the newest save asked for holds (the
// save running or waiting, else the last one written).
type watch struct {
	*app
	shown int
}

func (w *watch) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := w.app.Update(msg)
	if e := w.app.ed; e != nil && len([]rune(e.r.S5)) != w.shown {
		w.shown = len([]rune(e.r.S5))
		asked := -1
		if r := w.app.saves.newest(); r != nil {
			asked = len([]rune(r.S5))
		}
		fmt.Printf("typed %d asked %d\n", w.shown, asked)
	}
	return w, cmd
}

// TestTypingKilledChild runs the real program (tea.Program, the real root
// model and editor, the real draft file) on 五 with the keys read from
// stdin, until it is killed.
func TestTypingKilledChild(t *testing.T) {
	path := os.Getenv(killChildEnv)
	if path == "" {
		t.Skip("run by TestTypingSurvivesSIGKILL")
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	r, err := db.Find("某机关", 2024)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	a := newApp(Config{Store: db}, ackStore{db}, nil)
	e := newEditor(r, nil, a.shared)
	e.gotoSection(e.itemIndex(navItem{kind: secS5}))
	a.setCur(e)
	p := tea.NewProgram(&watch{app: a, shown: len([]rune(r.S5))}, tea.WithInput(os.Stdin), tea.WithOutput(io.Discard),
		tea.WithWindowSize(120, 40), tea.WithoutSignalHandler())
	fmt.Println("ready")
	p.Run()
	os.Exit(0)
}

// TestTypingSurvivesSIGKILL: an officer types into 五 while the program is
// killed (SIGKILL, a power cut's nearest kin) at random moments, again and
// again. After each kill the draft file opens, passes bbolt's check, and 五
// holds a prefix of what was typed that is at least as long as the last
// save the program acknowledged: text is saved as typed, so only the
// keystrokes of the save in progress can be lost. And every keystroke is
// in a save asked for as soon as it is typed (not after a pause).
func TestTypingSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the SIGKILL loop")
	}
	path := filepath.Join(t.TempDir(), "drafts.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := model.New("某机关", 2024, model.KindCountyDept, model.ScopeSelf)
	if err := s.Create(r, "新建"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	text := killText(4000)
	typed := 0 // characters of text in the draft file
	deadline := time.Now().Add(12 * time.Second)
	rounds := 0
	for ; rounds < 12 && time.Now().Before(deadline); rounds++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTypingKilledChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), killChildEnv+"="+path)
		cmd.Stderr = os.Stderr
		in, _ := cmd.StdinPipe()
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1<<16)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		if first := <-lines; first != "ready" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("round %d: child said %q", rounds, first)
		}
		// Type the rest of the text, a character at a time, as an IME
		// commits it; kill at a random moment once a save is through.
		from := typed
		go func() {
			for _, c := range text[from:] {
				if _, err := in.Write([]byte(string(c))); err != nil {
					return
				}
				time.Sleep(time.Millisecond)
			}
		}()
		acked := -1
		read := func(l string) {
			var typedN, asked int
			switch {
			case strings.HasPrefix(l, "saved "):
				acked, _ = strconv.Atoi(strings.TrimPrefix(l, "saved "))
			case strings.HasPrefix(l, "typed "):
				if _, err := fmt.Sscanf(l, "typed %d asked %d", &typedN, &asked); err != nil || asked != typedN {
					t.Errorf("round %d: %q: a keystroke not asked to be saved at once", rounds, l)
				}
			case strings.HasPrefix(l, "error"):
				t.Fatalf("round %d: child: %s", rounds, l)
			}
		}
		// A program that saves nothing at all must fail, not hang: the
		// first save of typed text is due within milliseconds.
		noSave := time.After(firstSaveBound)
		for acked < 0 {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("round %d: child ended before its first save", rounds)
				}
				read(l)
			case <-noSave:
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("round %d: nothing typed was saved within %v", rounds, firstSaveBound)
			}
		}
		time.Sleep(time.Duration(mrand.IntN(200)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		in.Close()
		for l := range lines {
			read(l)
		}
		s, err := store.Open(path, store.Options{}) // validates and runs bbolt's check
		if err != nil {
			t.Fatalf("round %d: after the kill: %v", rounds, err)
		}
		got, err := s.Find("某机关", 2024)
		s.Close()
		if err != nil {
			t.Fatalf("round %d: %v", rounds, err)
		}
		stored := []rune(got.S5)
		if len(stored) > len(text) || string(stored) != string(text[:len(stored)]) {
			t.Fatalf("round %d: 五 is not what was typed: %q", rounds, string(stored))
		}
		if len(stored) < acked {
			t.Fatalf("round %d: %d characters acknowledged as saved, %d in the file", rounds, acked, len(stored))
		}
		t.Logf("round %d: killed after %d acknowledged, %d in the file", rounds, acked, len(stored))
		typed = len(stored)
	}
	if rounds < 3 || typed == 0 {
		t.Fatalf("only %d rounds, %d characters typed", rounds, typed)
	}
}
