package store

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// writeV1 writes a draft file of schema 1 (meta + reports only) with bbolt
// directly, as the first nianbao did.
func writeV1(t *testing.T, path string, schema string, reps ...*model.Report) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		m, _ := tx.CreateBucket([]byte("meta"))
		m.Put([]byte("schema"), []byte(schema))
		rb, _ := tx.CreateBucket([]byte("reports"))
		for _, r := range reps {
			if err := rb.Put([]byte(r.ID), encode(t, r)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMigrateFromV1(t *testing.T) {
	path := tempDB(t)
	a := fullReport(t, "某县科委", 2023)
	b := fullReport(t, "某县科委", 2024)
	b.S5 = "第二份"
	dup := model.New("某县科委", 2024, model.KindCountyDept, model.ScopeSelf) // same (agency, year)
	writeV1(t, path, "1", a, b, dup)
	old, _ := os.ReadFile(path)

	s := openAt(t, path, newClock())
	bak, err := os.ReadFile(path + ".v1.bak")
	if err != nil {
		t.Fatalf("no copy of the old file: %v", err)
	}
	// The copy is the old layout, readable as it was.
	db, err := bolt.Open(path+".v1.bak", 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket([]byte("meta")).Get([]byte("schema")); string(v) != "1" || tx.Bucket(bucketInfo) != nil {
			t.Errorf("backup is not the old file: schema %q", v)
		}
		if n := tx.Bucket([]byte("reports")).Stats().KeyN; n != 3 {
			t.Errorf("backup has %d reports", n)
		}
		return nil
	})
	db.Close()
	if len(bak) == 0 || len(old) == 0 {
		t.Fatal("empty files")
	}
	list, _ := s.List()
	if len(list) != 2 {
		t.Fatalf("migrated list: %+v", list)
	}
	got, err := s.Get(a.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameReport(t, got, a)
	if p, _ := s.Previous(b); p == nil || p.ID != a.ID {
		t.Fatalf("previous after migration: %v", p)
	}
	tr, _ := s.Trash()
	if len(tr) != 1 || (tr[0].ID != b.ID && tr[0].ID != dup.ID) {
		t.Fatalf("the duplicate should be in the trash, not lost: %+v", tr)
	}
	h, _ := s.History(a.ID)
	if len(h) != 1 || h[0].Summary != "从旧版草稿文件升级" {
		t.Fatalf("history: %+v", h)
	}
	s.Close()
	// Opened again: already current, no second copy.
	openAt(t, path, newClock())
	if m, _ := filepath.Glob(path + ".v*"); len(m) != 1 {
		t.Fatalf("copies: %v", m)
	}
}

// TestMigrateUnreadableReport: a report of the old file that cannot be read
// stops the migration with a clear message; the file is left as it was and
// the copy made before is there.
func TestMigrateUnreadableReport(t *testing.T) {
	path := tempDB(t)
	writeV1(t, path, "1", fullReport(t, "某县科委", 2023))
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("reports")).Put([]byte("bad"), []byte("{not json")) })
	db.Close()
	before, _ := os.ReadFile(path)
	_, err = Open(path, Options{})
	wantErr(t, err, nil, "不能把草稿文件", "升级到新格式", "报告 bad 无法读取", "文件没有改动", path+".v1.bak")
	if !Unusable(err) {
		t.Fatalf("%#v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("the old file was changed by a failed migration")
	}
	if _, err := os.Stat(path + ".v1.bak"); err != nil {
		t.Fatalf("no copy of the old file: %v", err)
	}
}

func TestRefusedFiles(t *testing.T) {
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	writeV1(t, newer, "99")
	other := filepath.Join(dir, "other.db")
	db, _ := bolt.Open(other, 0o600, nil)
	db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("users")); return err })
	db.Close()
	for _, tc := range []struct {
		path    string
		problem FileProblem
		says    []string
	}{
		{newer, Newer, []string{"较新版本", "格式版本 99", "升级 nianbao", newer}},
		{other, NotDraft, []string{"不是 nianbao 的草稿文件", other}},
	} {
		before, _ := os.ReadFile(tc.path)
		_, err := Open(tc.path, Options{})
		wantErr(t, err, nil, tc.says...)
		if fe, ok := err.(*FileError); !Unusable(err) || !ok || fe.Problem != tc.problem {
			t.Errorf("%s: %#v", tc.path, err)
		}
		if after, _ := os.ReadFile(tc.path); !bytes.Equal(before, after) {
			t.Errorf("%s was changed", tc.path)
		}
	}
}

// bigDB makes a valid draft file of about 8 MiB.
func bigDB(t *testing.T, path string) {
	t.Helper()
	s := openAt(t, path, nil)
	s.Create(fullReport(t, "某机关", 2024), "")
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket([]byte("filler"))
		v := make([]byte, 4000)
		for i := range 2000 {
			rand.Read(v)
			b.Put([]byte(strconv.Itoa(i)), v)
		}
		return nil
	})
	db.Close()
}

func TestDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.db")
	bigDB(t, big)
	full, _ := os.ReadFile(big)
	if len(full) < 8<<20 {
		t.Fatalf("fixture only %d bytes", len(full))
	}
	random := make([]byte, 64<<10)
	rand.Read(random)
	type file struct {
		name string
		data []byte
	}
	files := []file{
		{"random.db", random},
		{"text.db", bytes.Repeat([]byte("北京市密云区科学技术委员会2023年政府信息公开工作年度报告\n"), 500)},
		{"short.db", []byte("hello")},
	}
	for _, n := range []int{8 << 10, 16 << 10, 32 << 10, 64 << 10, 8<<10 + mrand.IntN(56<<10)} {
		files = append(files, file{fmt.Sprintf("truncated-%d.db", n), full[:n]})
	}
	// Valid meta pages but a page in the middle overwritten: bbolt's check
	// (or the walk before it) must catch it, without crashing.
	mid := bytes.Clone(full)
	for i := 3 * 4096; i < 6*4096; i++ {
		mid[i] = 0xAB
	}
	files = append(files, file{"scribbled.db", mid})
	// A backup exists for one of them: the message names it.
	bdir := filepath.Join(dir, BackupDir)
	os.MkdirAll(bdir, 0o700)
	os.WriteFile(filepath.Join(bdir, "random-2026-11-24.db"), full, 0o600)

	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			path := filepath.Join(dir, f.name)
			if err := os.WriteFile(path, f.data, 0o600); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			s, err := Open(path, Options{})
			if err == nil {
				// The damage lies where Open reads nothing: the
				// full check before the day's backup finds it, no
				// backup is made, and nothing is written after.
				berr := s.DailyBackup()
				err = s.Check()
				if err == nil || berr == nil {
					t.Fatalf("a damaged file passed the full check: %v", berr)
				}
				if serr := s.Create(model.New("某机关", 2025, model.KindOther, model.ScopeSelf), ""); serr == nil {
					t.Fatal("wrote to a damaged file")
				}
				s.Close()
			}
			if !Unusable(err) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "已损坏") || !strings.Contains(err.Error(), "没有改动") {
				t.Fatalf("unclear error: %v", err)
			}
			t.Logf("%v", err)
			chineseOnly(t, err.Error(), path, "random-2026-11-24.db")
			if f.name == "random.db" {
				// Named as ListBackups names it (for Recover).
				var fe *FileError
				if !strings.Contains(err.Error(), "最新的备份是 random-2026-11-24.db") ||
					!errors.As(err, &fe) || fe.Backup != "random-2026-11-24.db" {
					t.Fatalf("newest backup not named: %v", err)
				}
			}
			if time.Since(start) > 5*time.Second {
				t.Fatalf("took %v", time.Since(start))
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(after, f.data) {
				t.Fatal("damaged file was changed")
			}
			if fi, _ := os.Stat(path); fi.ModTime().After(start) {
				t.Fatal("damaged file was written")
			}
			// A damaged file is never backed up.
			if b, _ := ListBackups(path); len(b) != 0 && f.name != "random.db" {
				t.Fatalf("backups of a damaged file: %+v", b)
			}
		})
	}
}

func TestBackupsAndRecover(t *testing.T) {
	c := newClock()
	path := tempDB(t)
	r := fullReport(t, "某机关", 2024)
	// One open a day for 40 days; a report saved each day.
	var day5 []byte
	for d := range 40 {
		s := openAt(t, path, c)
		if err := s.DailyBackup(); err != nil {
			t.Fatal(err)
		}
		if d == 0 {
			s.Create(r, "")
		} else {
			set(t, r, "s3.new.natural", int64(d))
			if err := s.Save(r, ""); err != nil {
				t.Fatal(err)
			}
		}
		// A second open the same day makes no new backup.
		s.Close()
		s = openAt(t, path, c)
		if err := s.DailyBackup(); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if d == 5 {
			day5, _ = os.ReadFile(filepath.Join(filepath.Dir(path), BackupDir, backupName(path, c.Now())))
		}
		c.Add(24 * time.Hour)
	}
	list, err := ListBackups(path)
	if err != nil {
		t.Fatal(err)
	}
	var daily, weekly int
	for i, b := range list {
		switch b.Kind {
		case "daily":
			daily++
		case "weekly":
			weekly++
		}
		if i > 0 && b.Name >= list[i-1].Name {
			t.Errorf("not newest first: %v", list)
		}
	}
	ents, _ := os.ReadDir(filepath.Join(filepath.Dir(path), BackupDir))
	if daily != KeepDaily || weekly != KeepWeekly || len(ents) != KeepDaily+KeepWeekly {
		t.Fatalf("%d daily, %d weekly, %d files: %+v", daily, weekly, len(ents), list)
	}
	if want := "drafts-" + c.Now().Add(-24*time.Hour).Format("2006-01-02") + ".db"; list[0].Name != want {
		t.Fatalf("newest backup %s, want %s", list[0].Name, want)
	}
	if len(day5) == 0 {
		t.Fatal("no backup on day 5")
	}

	// The file gets damaged; the error names the newest backup; recover it.
	good, _ := os.ReadFile(path)
	damaged := bytes.Clone(good)
	rand.Read(damaged[:4096])
	os.WriteFile(path, damaged, 0o600)
	_, err = Open(path, Options{Now: c.Now})
	wantErr(t, err, nil, "已损坏", list[0].Name)
	aside, err := Recover(path, list[1].Name)
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, damaged) || !strings.Contains(aside, ".before-recover-") {
		t.Fatalf("current file not kept aside: %s", aside)
	}
	s := openAt(t, path, c)
	got, err := s.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The day-38 backup is made when that day's first open happens,
	// before that day's save: it holds day 37's value.
	if v, _ := got.Get("s3.new.natural"); v != model.Int(37) {
		t.Fatalf("recovered value %v, want the day-37 save", v)
	}
	// Recovering while the file is open is refused; so is a bad backup.
	_, err = Recover(path, list[0].Name)
	wantErr(t, err, nil, "草稿文件正被另一个 nianbao 窗口使用："+path)
	s.Close()
	os.WriteFile(filepath.Join(filepath.Dir(path), BackupDir, "drafts-2000-01-01.db"), []byte("junk"), 0o600)
	_, err = Recover(path, "drafts-2000-01-01.db")
	wantErr(t, err, nil, "备份", "也已损坏")
	_, err = Recover(path, "../drafts.db")
	wantErr(t, err, nil, "备份名称不对")
	// A second recovery in the same second never overwrites the first aside.
	a2, err := Recover(path, list[0].Name)
	if err != nil || a2 == aside {
		t.Fatalf("second recover: %s %v", a2, err)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, damaged) {
		t.Fatal("first kept-aside file overwritten")
	}
}

// TestBackupsOfNeighbours: two draft files in one folder keep their
// backups apart.
func TestBackupsOfNeighbours(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	for _, name := range []string{"x.db", "x.dat", "x.db.old"} {
		s := openAt(t, filepath.Join(dir, name), c)
		if err := s.DailyBackup(); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	seen := map[string]bool{}
	for _, name := range []string{"x.db", "x.dat", "x.db.old"} {
		list, err := ListBackups(filepath.Join(dir, name))
		if err != nil || len(list) != 1 {
			t.Fatalf("%s: %+v %v", name, list, err)
		}
		if seen[list[0].Name] {
			t.Fatalf("%s: backup %s is another file's", name, list[0].Name)
		}
		seen[list[0].Name] = true
	}
}

const childEnv = "NIANBAO_STORE_CHILD"

func child(t *testing.T, name, path string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+path)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestLockChild holds the file open until its stdin closes.
func TestLockChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by TestLock")
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	bufio.NewReader(os.Stdin).ReadString('\n')
	s.Close()
	os.Exit(0)
}

func TestLock(t *testing.T) {
	path := tempDB(t)
	s := openAt(t, path, nil)
	s.Create(model.New("某机关", 2024, model.KindOther, model.ScopeSelf), "")
	s.Close()
	cmd := child(t, "TestLockChild", path)
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { in.Close(); cmd.Wait() }()
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "ready\n" {
		t.Fatalf("child: %q", line)
	}
	start := time.Now()
	_, err := Open(path, Options{})
	took := time.Since(start)
	wantErr(t, err, nil, "草稿文件正被另一个 nianbao 窗口使用："+path)
	if fe, ok := err.(*FileError); !ok || fe.Problem != Held || !Unusable(err) {
		t.Fatalf("%#v", err)
	}
	if took > 2*time.Second {
		t.Fatalf("gave up after %v, want within 2s", took)
	}
	// Once the other window closes, the file opens.
	in.Close()
	cmd.Wait()
	openAt(t, path, nil)
}

// TestCrashChild saves in a loop, printing each committed value.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(childEnv)
	if path == "" {
		t.Skip("run by TestCrash")
	}
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	r, err := s.Find("某机关", 2024)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	v, _ := r.Get("s3.new.natural")
	n := int64(v / model.Int(1))
	for {
		n++
		r.Set("s3.new.natural", model.Int(n))
		r.S5 = strings.Repeat("字", int(n%3000)) // vary the size: pages split and free
		if err := s.Save(r, "循环保存"); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println(n) // only after the commit returned
	}
}

func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test")
	}
	path := tempDB(t)
	s := openAt(t, path, nil)
	s.Create(fullReport(t, "某机关", 2024), "")
	s.Close()
	deadline := time.Now().Add(15 * time.Second)
	for round := 0; round < 20 && time.Now().Before(deadline); round++ {
		cmd := child(t, "TestCrashChild", path)
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
		// Wait for the first save, then kill at a random moment.
		first, ok := <-lines
		if !ok || strings.HasPrefix(first, "error") {
			cmd.Wait()
			t.Fatalf("round %d: child: %q", round, first)
		}
		time.Sleep(time.Duration(mrand.IntN(150)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		last := first
		for l := range lines {
			last = l
		}
		want, err := strconv.ParseInt(last, 10, 64)
		if err != nil {
			t.Fatalf("round %d: child said %q", round, last)
		}
		t.Logf("round %d: killed after save %s", round, last)
		s, err := Open(path, Options{}) // validates and runs tx.Check
		if err != nil {
			t.Fatalf("round %d: after kill: %v", round, err)
		}
		if why, detail := checkDB(s.db); why != "" {
			t.Fatalf("round %d: %s (%s)", round, why, detail)
		}
		r, err := s.Find("某机关", 2024)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := r.Get("s3.new.natural"); v < model.Int(want) {
			t.Fatalf("round %d: last reported save %d lost, file has %v", round, want, v)
		}
		s.Close()
	}
}

func TestOpenOddPlaces(t *testing.T) {
	dir := t.TempDir()
	// The folder cannot be made: a file stands where it should be.
	blocker := filepath.Join(dir, "blocker")
	os.WriteFile(blocker, []byte("x"), 0o600)
	_, err := Open(filepath.Join(blocker, "drafts.db"), Options{})
	wantErr(t, err, nil, "不能打开草稿文件进行写入")
	if fe, ok := err.(*FileError); !ok || fe.Problem != NotWritable {
		t.Fatalf("%#v", err)
	}
	// A directory in place of the file.
	_, err = Open(dir, Options{})
	wantErr(t, err, nil, "是一个文件夹")
	if fe, ok := err.(*FileError); !ok || fe.Problem != IsFolder {
		t.Fatalf("%#v", err)
	}
	// An empty file (a crash while creating it) with no backups starts afresh.
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	s := openAt(t, empty, nil)
	if err := s.Create(model.New("某机关", 2024, model.KindOther, model.ScopeSelf), ""); err != nil {
		t.Fatal(err)
	}
	if err := s.DailyBackup(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// With backups beside it, an emptied file is treated as damaged.
	os.WriteFile(empty, nil, 0o600)
	_, err = Open(empty, Options{})
	wantErr(t, err, nil, "文件是空的", "empty-")
	if fi, _ := os.Stat(empty); fi.Size() != 0 {
		t.Fatal("emptied file was written")
	}
}

// TestCrashBeforeMetaWrite: a crash after a transaction wrote its pages but
// before it wrote its meta leaves the older meta pointing to pages that
// transaction reused (here its freelist page). bbolt never reads the older
// meta when the newer one is sound, and neither must the validation: the
// file opens with every save. (TestCrash meets this about once in 20 kills.)
func TestCrashBeforeMetaWrite(t *testing.T) {
	path := tempDB(t)
	s := openAt(t, path, nil)
	r := fullReport(t, "某机关", 2024)
	s.Create(r, "")
	set(t, r, "s3.new.natural", 42)
	s.Save(r, "")
	s.Close()
	data, _ := os.ReadFile(path)
	m0, w0 := parseMeta(data)
	m1, w1 := parseMeta(data[m0.pageSize:])
	if w0 != "" || w1 != "" {
		t.Fatalf("fixture: %s %s", w0, w1)
	}
	older, newer := m0, m1
	if m0.txid > m1.txid {
		older, newer = m1, m0
	}
	if older.freelist == newer.freelist || older.freelist == noFreelist {
		t.Fatalf("fixture: freelists %d %d", older.freelist, newer.freelist)
	}
	// The reused page now holds a leaf of the interrupted transaction.
	off := int(older.freelist) * int(older.pageSize)
	for i := off; i < off+int(older.pageSize); i++ {
		data[i] = 0
	}
	binary.NativeEndian.PutUint16(data[off+8:], 0x02)
	binary.NativeEndian.PutUint16(data[off+10:], 0xFFFF)
	os.WriteFile(path, data, 0o600)

	s = openAt(t, path, nil)
	got, err := s.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameReport(t, got, r)
}
