package export

import (
	"github.com/mattn/go-runewidth"

	"nianbao/model"
)

// signature is the 落款 as printed: the signing agency (the agency's name
// when no other is set) and the date as 2024年1月20日, "" while not set.
func signature(r *model.Report) (signer, date string) {
	return r.SignerName(), r.Date.Chinese()
}

// signLayout places the 落款 after GB/T 9704-2012 7.3.5.2 (a document
// without a seal): the signer's name two characters in from the right, the
// date on the line below starting two characters right of the name's first
// character; when the date is the longer, it keeps two characters from the
// right and the name moves left so that the date still starts two
// characters right of it. It returns each line's right indent in
// characters (halves where half-width digits make them).
func signLayout(signer, date string) (signerRight, dateRight float64) {
	s, d := ems(signer), ems(date)
	switch {
	case signer == "":
		return 0, 2
	case date == "":
		return 2, 0
	case s-d >= 2:
		return 2, s - d
	}
	return d + 4 - s, 2
}

// ems is the width of s in characters of the body type: a CJK character
// one, an ASCII digit or letter a half.
func ems(s string) float64 {
	return float64(eastAsian.StringWidth(s)) / 2
}

// eastAsian measures as a CJK typeface draws: ambiguous-width characters
// (“”, ‘’, ……, ×, —) are full-width there.
var eastAsian = &runewidth.Condition{EastAsianWidth: true}
