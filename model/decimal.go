package model

import (
	"errors"
	"math/big"
	"strconv"
	"strings"
)

// Dec is an exact decimal held as a count of millionths. Report figures are
// whole numbers or amounts with at most six places (万元 to the 分), and
// int64 leaves room for sums far above the 1e9 ceiling. A value with more
// places cannot be held: it is refused when read, never rounded. No float64
// is ever involved.
type Dec int64

// DecScale is the number of Dec units in one.
const DecScale = 1_000_000

// decPlaces is the number of decimal places a Dec can hold.
const decPlaces = 6

// decLimit bounds what a Dec may hold when read from outside (1e10), far above
// any legal figure but low enough that sums of a report never overflow: the
// largest computed cell (s3.handled.total) sums 126 inputs, and the checks
// multiply a total by 5.
const decLimit = Dec(10_000_000_000) * DecScale

// Int returns n as a Dec.
func Int(n int64) Dec { return Dec(n * DecScale) }

// IsInt reports whether d is a whole number.
func (d Dec) IsInt() bool { return d%DecScale == 0 }

// Places is the number of decimal places d needs (0 to 6).
func (d Dec) Places() int {
	frac := int64(d % DecScale)
	if frac < 0 {
		frac = -frac
	}
	if frac == 0 {
		return 0
	}
	p := decPlaces
	for frac%10 == 0 {
		frac /= 10
		p--
	}
	return p
}

// String writes d in its shortest exact decimal form: 12, 12.5, 0.0001, -3.
func (d Dec) String() string {
	var buf [24]byte
	return string(d.appendTo(buf[:0]))
}

// appendTo appends d as String writes it: one allocation in String, not
// four (messages and the JSON of every cell are made of these).
func (d Dec) appendTo(b []byte) []byte {
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = uint64(-d)
	}
	b = strconv.AppendUint(b, u/DecScale, 10)
	if fp := u % DecScale; fp != 0 {
		var f [decPlaces]byte // zero-padded
		for i := len(f) - 1; i >= 0; i-- {
			f[i] = byte('0' + fp%10)
			fp /= 10
		}
		n := len(f)
		for f[n-1] == '0' {
			n--
		}
		b = append(b, '.')
		b = append(b, f[:n]...)
	}
	return b
}

// errDecSyntax and errDecRange are internal; callers see Chinese messages.
var (
	errDecSyntax = errors.New("not a decimal")
	errDecRange  = errors.New("out of range")
	errDecPlaces = errors.New("too many places")
)

// parseDec reads a plain ASCII decimal (optional sign, digits, optional
// fraction, optional exponent, as JSON allows) exactly.
func parseDec(s string) (Dec, error) {
	if s == "" {
		return 0, errDecSyntax
	}
	// Fast path: plain digits with an optional fraction and sign.
	if !strings.ContainsAny(s, "eE") {
		neg := false
		t := s
		if t[0] == '-' || t[0] == '+' {
			neg = t[0] == '-'
			t = t[1:]
		}
		ip, fp, hasDot := strings.Cut(t, ".")
		// ".5" is a number, "5." and "." are not (JSON agrees on "5.").
		if !allDigits(ip) || !allDigits(fp) || ip == "" && fp == "" || hasDot && fp == "" {
			return 0, errDecSyntax
		}
		fp = strings.TrimRight(fp, "0")
		if len(fp) > decPlaces {
			return 0, errDecPlaces
		}
		ip = strings.TrimLeft(ip, "0")
		if len(ip) > 11 { // more would overflow int64 below; decLimit is far less
			return 0, errDecRange
		}
		var v int64
		for _, c := range ip {
			v = v*10 + int64(c-'0')
		}
		v *= DecScale
		var f int64
		for i := 0; i < decPlaces; i++ {
			f *= 10
			if i < len(fp) {
				f += int64(fp[i] - '0')
			}
		}
		v += f
		if Dec(v) > decLimit {
			return 0, errDecRange
		}
		if neg {
			v = -v
		}
		return Dec(v), nil
	}
	// Bound the exponent before big.Rat sees it: 1e999999999 would take
	// seconds and gigabytes to expand.
	mant, exp, _ := strings.Cut(strings.ToLower(s), "e")
	e, err := strconv.Atoi(exp)
	if err != nil || mant == "" {
		return 0, errDecSyntax
	}
	if e > 40 || e < -40 {
		if strings.Trim(mant, "+-.0123456789") != "" {
			return 0, errDecSyntax
		}
		if strings.Trim(mant, "+-0.") != "" {
			if e > 0 {
				return 0, errDecRange
			}
			return 0, errDecPlaces
		}
		return 0, nil // 0e999
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return 0, errDecSyntax
	}
	r.Mul(r, big.NewRat(DecScale, 1))
	if !r.IsInt() {
		return 0, errDecPlaces
	}
	n := r.Num()
	if n.CmpAbs(big.NewInt(int64(decLimit))) > 0 {
		return 0, errDecRange
	}
	return Dec(n.Int64()), nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
