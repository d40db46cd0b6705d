package store

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The packed form of a report's JSON (revision format 2): what a copy
// holds, made smaller before compression, and given back byte for byte.
// A copy was about 2.5 KB; 50 reports edited twice a day for a year keep
// 5,400 of them. Three things make it about half that (measured on a real
// report the dictionary was not made from, see revdict2.txt):
//
//   - The cells object is cut out and kept as a list of the numbers as
//     written, in the order of a frozen list of the 169 addresses
//     (revcells2.txt): "s3.new.natural": 12 costs flate three bytes or so
//     even with every address in its dictionary, 12, costs one.
//   - The text is written in GB 18030 (the national standard encoding):
//     two bytes for a Chinese character instead of UTF-8's three, and the
//     common characters in a compact range. flate compresses it 10–15 %
//     better than the same text in UTF-8.
//
// GB 18030 is used only when every character of the JSON is in gbRepertoire
// (ASCII, the 20,902 ideographs of U+4E00–U+9FA5, common punctuation and
// symbols), whose mappings every edition of the standard and of its
// WHATWG index agree on; anything else (an emoji, a rare character) leaves
// the copy in UTF-8. Each copy carries the CRC-32C of the JSON it packs, so
// a decoder that ever mapped a character differently would find the copy
// damaged, never give back different text; TestGBRepertoireFrozen pins the
// mapping itself. Nothing else about the report is known here: a JSON whose
// shape this does not expect (a cell address not in the list, a number
// written otherwise) is packed as it is, and every packing is unpacked and
// compared before it is stored.

// packMode bits: how the JSON was packed.
const (
	packGB    = 1 << iota // the JSON bytes are GB 18030
	packCells             // the cells object cut out and kept as the list
)

//go:embed revcells2.txt
var revCells2Text string

// revCells2 is the frozen address list of packCells, and where each is in it.
var revCells2 = sync.OnceValues(func() ([]string, map[string]int) {
	list := strings.Fields(revCells2Text)
	at := make(map[string]int, len(list))
	for i, a := range list {
		at[a] = i
	}
	return list, at
})

// gbRepertoire reports whether r is written in GB 18030 by packJSON.
func gbRepertoire(r rune) bool {
	switch {
	case r < 0x80:
		return true
	case r >= 0x4E00 && r <= 0x9FA5: // CJK ideographs of GBK
		return true
	case r >= 0x3000 && r <= 0x3017: // 　、。〃々〆〇〈〉《》「」『』【】〒〓〔〕〖〗
		return r != 0x3004
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII
		return true
	case r >= 0x2010 && r <= 0x2026: // ‐–—―‖‘’“”…
		return true
	case r >= 0x2160 && r <= 0x216B, r >= 0x2460 && r <= 0x2473, r >= 0x3220 && r <= 0x3229: // Ⅰ–Ⅻ ①–⑳ ㈠–㈩
		return true
	}
	switch r {
	case '·', '×', '÷', '°', '±', '‰', '※', '℃', '№', '■', '□', '▲', '△', '◆', '◇', '○', '●', '★', '☆', '→', '←', '↑', '↓':
		return true
	}
	return false
}

func inGBRepertoire(b []byte) bool {
	for len(b) > 0 {
		if b[0] < utf8.RuneSelf {
			b = b[1:]
			continue
		}
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError || !gbRepertoire(r) {
			return false
		}
		b = b[n:]
	}
	return true
}

// packJSON is the packed form of js, uncompressed.
func packJSON(js []byte) []byte {
	if p, ok := packJSONAs(js, packGB|packCells); ok {
		return p
	}
	// As it is (mode 0): the JSON itself after its checksum, which
	// unpacks to js by construction.
	p := make([]byte, 0, 5+len(js))
	p = append(p, 0)
	p = binary.BigEndian.AppendUint32(p, jsonSum(js))
	return append(p, js...)
}

// packJSONAs packs js with at most the modes of want, and checks that the
// result unpacks to js.
func packJSONAs(js []byte, want byte) ([]byte, bool) {
	var mode byte
	body := js
	var cells []byte
	var at int
	if want&packCells != 0 {
		if rest, list, off, ok := cutCells(js); ok {
			mode |= packCells
			body, cells, at = rest, list, off
		}
	}
	if want&packGB != 0 && inGBRepertoire(body) {
		if gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(body); err == nil {
			mode |= packGB
			body = gb
		}
	}
	p := make([]byte, 0, 16+len(cells)+len(body))
	p = append(p, mode)
	p = binary.BigEndian.AppendUint32(p, jsonSum(js))
	if mode&packCells != 0 {
		p = binary.AppendUvarint(p, uint64(at))
		p = binary.AppendUvarint(p, uint64(len(cells)))
		p = append(p, cells...)
	}
	p = append(p, body...)
	if got, err := unpackJSON(p); err != nil || !bytes.Equal(got, js) {
		return nil, false
	}
	return p, true
}

// unpackJSON gives back the JSON p was packed from.
func unpackJSON(p []byte) ([]byte, error) {
	if len(p) < 5 || p[0]&^(packGB|packCells) != 0 {
		return nil, errRevDamaged
	}
	mode, sum := p[0], binary.BigEndian.Uint32(p[1:])
	p = p[5:]
	var cells []byte
	var at uint64
	if mode&packCells != 0 {
		var n int
		if at, n = binary.Uvarint(p); n <= 0 {
			return nil, errRevDamaged
		}
		p = p[n:]
		l, n := binary.Uvarint(p)
		if n <= 0 || l > uint64(len(p)-n) {
			return nil, errRevDamaged
		}
		cells, p = p[n:n+int(l)], p[n+int(l):]
	}
	js := p
	if mode&packGB != 0 {
		var err error
		if js, err = simplifiedchinese.GB18030.NewDecoder().Bytes(p); err != nil {
			return nil, errRevDamaged
		}
	}
	if mode&packCells != 0 {
		if at > uint64(len(js)) {
			return nil, errRevDamaged
		}
		addrs, _ := revCells2()
		out := make([]byte, 0, len(js)+len(cells)+(len(cellIndent)+len(`": ,`)+24)*len(addrs))
		out = append(out, js[:at]...)
		out, ok := appendCellsObject(out, cells)
		if !ok {
			return nil, errRevDamaged
		}
		js = append(out, js[at:]...)
	} else {
		js = bytes.Clone(js)
	}
	if jsonSum(js) != sum {
		return nil, errRevDamaged
	}
	return js, nil
}

func jsonSum(js []byte) uint32 {
	makeCRCTable()
	return crc32.Checksum(js, crcTable)
}

// The cells object as model.Encode writes it, the last member of the
// report's object: "cells": {, then each cell on a line of its own
// indented by four spaces ("s3.new.natural": 12), then two spaces and }.
// An empty one is {}.
const (
	cellsKey   = "\n  \"cells\": "
	cellIndent = "\n    \""
	cellsClose = "\n  }"
	docClose   = "\n}\n"
)

// cutCells finds the cells object in js. When it is written as model.Encode
// writes it, with addresses in revCells2's order and numbers for values,
// it returns js without the object, the object as the list of its numbers
// and the offset it was cut at.
func cutCells(js []byte) (rest, list []byte, at int, ok bool) {
	k := bytes.LastIndex(js, []byte(cellsKey))
	if k < 0 || !bytes.HasSuffix(js, []byte(docClose)) {
		return nil, nil, 0, false
	}
	at = k + len(cellsKey)
	obj := js[at : len(js)-len(docClose)]
	list, ok = cellList(obj)
	if !ok {
		return nil, nil, 0, false
	}
	return append(append([]byte(nil), js[:at]...), js[len(js)-len(docClose):]...), list, at, true
}

// cellList is the cells object obj as the frozen list: each address's
// number as written, or nothing, joined by commas.
func cellList(obj []byte) ([]byte, bool) {
	if string(obj) == "{}" {
		addrs, _ := revCells2()
		return bytes.Repeat([]byte{','}, len(addrs)-1), true
	}
	addrs, at := revCells2()
	if len(obj) < 2 || obj[0] != '{' || !bytes.HasSuffix(obj, []byte(cellsClose)) {
		return nil, false
	}
	vals := make([][]byte, len(addrs))
	p := obj[1 : len(obj)-len(cellsClose)]
	last := -1
	for len(p) > 0 {
		if last >= 0 {
			if p[0] != ',' {
				return nil, false
			}
			p = p[1:]
		}
		if !bytes.HasPrefix(p, []byte(cellIndent)) {
			return nil, false
		}
		p = p[len(cellIndent):]
		q := bytes.IndexByte(p, '"')
		if q < 0 {
			return nil, false
		}
		i, known := at[string(p[:q])]
		if !known || i <= last || !bytes.HasPrefix(p[q:], []byte("\": ")) {
			return nil, false
		}
		last = i
		p = p[q+3:]
		n := 0
		for n < len(p) && isNumberByte(p[n]) {
			n++
		}
		if n == 0 {
			return nil, false
		}
		vals[i], p = p[:n], p[n:]
	}
	return bytes.Join(vals, []byte{','}), true
}

func isNumberByte(c byte) bool {
	return c >= '0' && c <= '9' || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+'
}

// appendCellsObject appends the cells object of a list made by cellList.
func appendCellsObject(b, list []byte) ([]byte, bool) {
	addrs, _ := revCells2()
	if bytes.Count(list, []byte{','}) != len(addrs)-1 {
		return nil, false
	}
	b = append(b, '{')
	first := true
	for i := range addrs {
		v := list
		if c := bytes.IndexByte(list, ','); c >= 0 {
			v, list = list[:c], list[c+1:]
		}
		if len(v) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, cellIndent...)
		b = append(b, addrs[i]...)
		b = append(b, '"', ':', ' ')
		b = append(b, v...)
	}
	if first {
		return append(b, '}'), true
	}
	return append(b, cellsClose...), true
}

// A live report's record (bucket reports, sealed) is its JSON packed like a
// revision's body, after a byte saying so: packRecord. Files of schema 3
// and before held the JSON itself, which recordJSON still reads (JSON
// starts with {, never with this byte).
const recordPacked = 2

// packRecord is the record of a report whose JSON is js.
func packRecord(js []byte) []byte {
	return codec2.deflate([]byte{recordPacked}, packJSON(js))
}

// recordJSON is the JSON a record holds.
func recordJSON(rec []byte) ([]byte, error) {
	if len(rec) == 0 || rec[0] != recordPacked {
		return rec, nil
	}
	p, err := codec2.inflate(rec[1:])
	if err != nil {
		return nil, errRevDamaged
	}
	return unpackJSON(p)
}
