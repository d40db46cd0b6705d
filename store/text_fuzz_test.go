package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"nianbao/model"
)

// textFields are the texts of a report a user types, by number.
var textFields = []struct {
	name string
	ptr  func(r *model.Report) *string
}{
	{"agency", func(r *model.Report) *string { return &r.Agency }},
	{"signer", func(r *model.Report) *string { return &r.Signer }},
	{"title", func(r *model.Report) *string { return &r.S1.Parts[1].Title }},
	{"body", func(r *model.Report) *string { return &r.S1.Parts[2].Body }},
	{"intro", func(r *model.Report) *string { return &r.S1.Intro }},
	{"s5", func(r *model.Report) *string { return &r.S5 }},
	{"s6", func(r *model.Report) *string { return &r.S6 }},
	{"preface", func(r *model.Report) *string { return &r.Preface }},
	{"note", func(r *model.Report) *string { return &r.Notes[0].Text }},
}

// FuzzStoreText: whatever text is typed into any field, a save the model
// accepts gives back, after the file is closed and opened again, exactly
// the report the model kept (a clean text exactly as typed), from the live
// record and from the history; the copy is in GB 18030 exactly when every
// character is in the pinned repertoire, and in UTF-8 otherwise. A save the
// model refuses fails and leaves the stored report as it was.
func FuzzStoreText(f *testing.F) {
	for i, s := range []string{
		"", "某县人民政府办公室", "abc 123", "群众点赞👍", "䶮𠀀〄\ue000", "\U0010FFFD",
		"︐︑︒︓︔︕︖︗︘︙\ue78d\ue78e\ue7c7\ue81e\ue826\ue82b\ue82c\ue832\ue843\ue854\ue864", // changed by GB 18030-2022
		"龦龧龨龻鿿\u9fa6\u9fb4\u9fbb", "€£¥¤§¨ªˇˉ", "\ufffd", "a\x80b\xffc", "第一行\r\n第二行\r第三行\x1b[31m\x07",
		"\u2028\u2029\u0085\v\f\t", "e\u0301 👨\u200d👩\u200d👧 \u200d\ufeff", "Ⅰ①㈠·×÷°±‰※℃№■□▲△◆◇○●★☆→←↑↓", "　、。〃々〆〇〈〉《》「」『』【】〒〓〔〕〖〗‐–—―‖‘’“”…！～",
		"\"\\</script>\u00a0\u3000", "s3.new.natural\": 12,\n    \"", strings.Repeat("政务公开", 3000),
	} {
		f.Add(uint8(i), s)
	}
	f.Fuzz(func(t *testing.T, field uint8, s string) {
		fd := textFields[int(field)%len(textFields)]
		path := filepath.Join(t.TempDir(), "drafts.db")
		s0 := openAt(t, path, nil)
		r := fullReport(t, "某市某区科学技术委员会", 2024)
		r.AddNote("说明", "s3.new.natural")
		if err := s0.Create(r, ""); err != nil {
			t.Fatal(err)
		}
		before := encode(t, r)
		*fd.ptr(r) = s
		want := r.Clone()
		_, werr := want.Sanitize()
		if werr == nil && strings.TrimSpace(want.Agency) == "" {
			werr = errors.New("the store refuses a report without its agency")
		}
		err := s0.Save(r, "修改")
		s0.Close()
		s1 := openAt(t, path, nil)
		defer s1.Close()
		got, gerr := s1.Get(r.ID)
		if gerr != nil {
			t.Fatalf("%s %q: read back: %v", fd.name, s, gerr)
		}
		if werr != nil {
			if err == nil {
				t.Fatalf("%s %q: the model refuses it (%v) but the save succeeded", fd.name, s, werr)
			}
			if g := encode(t, got); string(g) != string(before) {
				t.Fatalf("%s %q: a refused save changed the report", fd.name, s)
			}
			return
		}
		if err != nil {
			t.Fatalf("%s %q: %v", fd.name, s, err)
		}
		sameReport(t, got, want)
		clean, _ := model.CleanText(s)
		if utf8.ValidString(s) && clean == s && *fd.ptr(got) != s {
			t.Fatalf("%s: %q came back as %q", fd.name, s, *fd.ptr(got))
		}
		h, err := s1.History(r.ID)
		if err != nil || len(h) == 0 {
			t.Fatal(err)
		}
		rev, err := s1.Revision(r.ID, h[0].N)
		if err != nil {
			t.Fatal(err)
		}
		sameReport(t, rev, want)
		// GB 18030 exactly when every character is in the repertoire (a
		// line or paragraph separator is written \u2028 in the JSON).
		gb := true
		for _, c := range *fd.ptr(want) {
			if !gbRepertoire(c) && c != '\u2028' && c != '\u2029' {
				gb = false
			}
		}
		s1.db.View(func(tx *bolt.Tx) error {
			rec, err := reportRecord(tx, r.ID)
			if err != nil || rec[0] != recordPacked {
				t.Fatalf("record: %v", err)
			}
			p, err := codec2.inflate(rec[1:])
			if err != nil {
				t.Fatal(err)
			}
			if (p[0]&packGB != 0) != gb {
				t.Fatalf("%s %q: mode %b, in the repertoire: %v", fd.name, s, p[0], gb)
			}
			return nil
		})
	})
}
