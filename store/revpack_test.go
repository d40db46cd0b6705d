package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"nianbao/model"
)

// packCases are reports in the forms a draft file holds: full, empty,
// with notes, amounts, a cell or two, text outside GB 18030's repertoire.
func packCases(t testing.TB) map[string][]byte {
	full := fullReport(t, "某市某区科学技术委员会", 2024)
	empty := model.New("某镇人民政府", 2023, model.KindTownshipGov, model.ScopeSelf)
	notes := fullReport(t, "某县财政局", 2024)
	notes.Notes = []model.Note{{Cells: []model.CellAddr{"s3.new.natural", "s3.new.business"}, Text: "原文为空白，已留空（不当作 0）"}, {Text: "整份报告的说明"}}
	notes.Units = []string{"a", "b"}
	notes.Signer = "某县财政局（盖章）"
	few := model.New("某区司法局", 2024, model.KindCountyDept, model.ScopeArea)
	few.Set("s2.fees.amount", model.Dec(5_949_088_667))
	few.Set("s3.forward.other", model.Int(3))
	emoji := fullReport(t, "某街道办事处", 2024)
	emoji.S6 = "群众点赞👍，满意率 99.5%。"
	rare := fullReport(t, "某乡人民政府", 2024)
	rare.S5 = "䶮、𠀀、〄 与私用区字符\ue000都不在常用范围内。"
	crlf := fullReport(t, "某局", 2024)
	crlf.S1.Intro = "第一行\n\n\t第二行 “引号” 与 \\ 反斜杠、</script> 与 \"双引号\"。"
	out := map[string][]byte{}
	for name, r := range map[string]*model.Report{"full": full, "empty": empty, "notes": notes, "few": few, "emoji": emoji, "rare": rare, "escapes": crlf} {
		out[name] = encode(t, r)
	}
	return out
}

// TestPackRoundTrip: every packed copy gives back its JSON byte for byte,
// compressed and not, with the cells and GB 18030 used where they can be.
func TestPackRoundTrip(t *testing.T) {
	want := map[string]byte{
		"full": packGB | packCells, "empty": packGB | packCells, "notes": packGB | packCells, "few": packGB | packCells,
		"emoji": packCells, "rare": packCells, "escapes": packGB | packCells,
	}
	for name, js := range packCases(t) {
		p := packJSON(js)
		if p[0] != want[name] {
			t.Errorf("%s: mode %b, want %b", name, p[0], want[name])
		}
		got, err := unpackJSON(p)
		if err != nil || !bytes.Equal(got, js) {
			t.Fatalf("%s: unpacked %v\n%s\nwant\n%s", name, err, got, js)
		}
		rec := packRecord(js)
		if got, err := recordJSON(rec); err != nil || !bytes.Equal(got, js) {
			t.Fatalf("%s: record %v", name, err)
		}
		if name == "full" && len(rec) > len(js)/6 {
			t.Errorf("full report: %d bytes packed from %d", len(rec), len(js))
		}
		// A record of layout 3 (the JSON itself) still reads.
		if got, err := recordJSON(js); err != nil || !bytes.Equal(got, js) {
			t.Fatalf("%s: JSON record %v", name, err)
		}
	}
}

// TestPackForeignShapes: JSON this does not expect is kept as it is, and
// still gives back exactly what was packed.
func TestPackForeignShapes(t *testing.T) {
	full := packCases(t)["full"]
	cases := map[string][]byte{
		"unknown address":  bytes.Replace(full, []byte(`"s3.new.natural"`), []byte(`"s9.new.natural"`), 1),
		"out of order":     bytes.Replace(bytes.Replace(full, []byte(`"s2.rules.issued"`), []byte(`"s2.tmp"`), 1), []byte(`"s2.rules.repealed"`), []byte(`"s2.rules.issued"`), 1),
		"string value":     bytes.Replace(full, []byte(`"s2.rules.issued": 0`), []byte(`"s2.rules.issued": "0"`), 1),
		"compact":          compactJSON(t, full),
		"no cells":         []byte("{\n  \"schema\": 1\n}\n"),
		"not JSON":         []byte("\x00\xff{garbage 中文"),
		"empty":            nil,
		"cells in a text":  bytes.Replace(full, []byte(`"s5": "`), []byte("\"s5\": \"\\n  \\\"cells\\\": {"), 1),
		"trailing garbage": append(bytes.Clone(full), "\n  \"cells\": {}\n}\n"...),
	}
	for name, js := range cases {
		p := packJSON(js)
		got, err := unpackJSON(p)
		if err != nil || !bytes.Equal(got, js) {
			t.Errorf("%s: %v %q", name, err, got)
		}
		if name == "unknown address" || name == "out of order" || name == "string value" || name == "compact" || name == "no cells" {
			if p[0]&packCells != 0 {
				t.Errorf("%s: cells cut out", name)
			}
		}
	}
}

func compactJSON(t *testing.T, js []byte) []byte {
	var b bytes.Buffer
	if err := json.Compact(&b, js); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPackDamaged: a packed copy with any byte changed is damaged, or
// still gives back exactly its JSON; never different text.
func TestPackDamaged(t *testing.T) {
	js := packCases(t)["notes"]
	p := packJSON(js)
	z := packRecord(js)
	for i := range p {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			q := bytes.Clone(p)
			q[i] ^= x
			if got, err := unpackJSON(q); err == nil && !bytes.Equal(got, js) {
				t.Fatalf("byte %d ^ %02x: different JSON given back", i, x)
			}
		}
	}
	// Byte 0 says which form a record is in (JSON records of layout 3
	// start with {); like every byte of it, the record's seal covers it.
	for i := 1; i < len(z); i++ {
		q := bytes.Clone(z)
		q[i] ^= 0x20
		if got, err := recordJSON(q); err == nil && !bytes.Equal(got, js) {
			t.Fatalf("record byte %d: different JSON given back", i)
		}
	}
}

func FuzzPackJSON(f *testing.F) {
	for _, js := range packCases(f) {
		f.Add(js)
	}
	f.Add([]byte("{\n  \"cells\": {\n    \"s2.rules.issued\": 1e5\n  }\n}\n"))
	f.Fuzz(func(t *testing.T, js []byte) {
		got, err := unpackJSON(packJSON(js))
		if err != nil || !bytes.Equal(got, js) {
			t.Fatalf("%v: %q from %q", err, got, js)
		}
	})
}

func FuzzUnpack(f *testing.F) {
	for _, js := range packCases(f) {
		f.Add(packJSON(js))
		f.Add(packRecord(js))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		unpackJSON(p)
		recordJSON(p)
	})
}

// TestRevisionMetaRoundTrip: the summaries of a format-2 revision, in GB
// 18030 and not, deflated and not.
func TestRevisionMetaRoundTrip(t *testing.T) {
	long := make([]string, maxSummaries)
	for i := range long {
		long[i] = "修改 表三「" + strings.Repeat("（一）", i%4) + "属于国家秘密」商业企业"
	}
	for _, h := range []*revRec{
		{Summaries: []string{"修改"}},
		{Summaries: long, More: 7},
		{Summaries: []string{"导入 😀.docx", "修改"}},
		{},
	} {
		var got revRec
		if err := got.readMeta2(h.meta2()); err != nil || got.More != h.More || strings.Join(got.Summaries, "|") != strings.Join(h.Summaries, "|") {
			t.Fatalf("%+v: %v %+v", h, err, got)
		}
		v := encodeRevPacked("id", seqKey(3), h, codec2.deflate(nil, packJSON([]byte("{}"))))
		back, js, err := decodeRev("id", seqKey(3), v)
		if err != nil || string(js) != "{}" || back.More != h.More || len(back.Summaries) != len(h.Summaries) {
			t.Fatalf("%+v: %v %+v %q", h, err, back, js)
		}
	}
}

// TestGBRepertoireFrozen pins GB 18030 as golang.org/x/text writes and
// reads the characters packJSON writes in it: a new x/text that mapped one
// of them otherwise would make stored copies fail their checksum (never
// read as other text, see revpack.go), so it must fail here first.
func TestGBRepertoireFrozen(t *testing.T) {
	var all []byte
	n := 0
	for r := rune(0); r <= 0xFFFF; r++ {
		if gbRepertoire(r) {
			all = utf8.AppendRune(all, r)
			n++
		}
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(all)
	if err != nil {
		t.Fatal(err)
	}
	back, err := simplifiedchinese.GB18030.NewDecoder().Bytes(gb)
	if err != nil || !bytes.Equal(back, all) {
		t.Fatal("GB 18030 does not give back the repertoire")
	}
	sum := sha256.Sum256(gb)
	if got := hex.EncodeToString(sum[:]); n != 21235 || got != "9a481e6f403d743094a4887ef67ab5fc726d45a918458e1ce6822c502b5169c2" {
		t.Fatalf("GB 18030 of the repertoire changed: %d characters, sha256 %s", n, got)
	}
}

// TestRevDict2Source: revdict2.gb is revdict2.txt in GB 18030, and the
// address list is the one model has today (a new cell would go into a
// revcells3 with a format of its own: old copies hold this order).
func TestRevDict2Source(t *testing.T) {
	txt, err := os.ReadFile("revdict2.txt")
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(txt)
	if err != nil || !bytes.Equal(gb, revDict2) {
		t.Fatal("revdict2.gb is not revdict2.txt in GB 18030")
	}
	if len(revDict2) > 32<<10 {
		t.Fatalf("dictionary of %d bytes: flate uses only the last 32 KiB", len(revDict2))
	}
	addrs, _ := revCells2()
	var now []string
	for _, c := range model.InputCells() {
		now = append(now, string(c.Addr))
	}
	if strings.Join(addrs, " ") != strings.Join(now, " ") {
		t.Error("the input cells of model differ from revcells2.txt: packed copies still read, but new cells are not cut out")
	}
}

// v3rev is a revision as layout 3 stored it (format 1).
func v3rev(id string, k []byte, h *revRec, js []byte) []byte {
	meta, _ := json.Marshal(revMeta{Summaries: h.Summaries, More: h.More})
	var flags byte
	if h.Sealed {
		flags |= revSealed
	}
	if h.Pinned {
		flags |= revPinned
	}
	b := []byte{revFormat1, flags}
	b = binary.AppendVarint(b, h.Start.UnixNano())
	b = binary.AppendVarint(b, h.Time.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(meta)))
	b = append(b, meta...)
	return seal(revDomain(id), k, codec1.deflate(b, js))
}
