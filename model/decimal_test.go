package model

import (
	"math"
	"math/big"
	"math/rand"
	"strings"
	"testing"
)

// TestDecString: String writes the exact value in its shortest decimal form
// (no trailing zeros, no point for whole numbers), at the extremes too.
func TestDecString(t *testing.T) {
	want := func(d Dec) string {
		s := new(big.Rat).SetFrac(big.NewInt(int64(d)), big.NewInt(DecScale)).FloatString(decPlaces)
		s = strings.TrimRight(s, "0")
		return strings.TrimSuffix(s, ".")
	}
	ds := []Dec{0, 1, -1, 10, 100_000, DecScale - 1, DecScale, -DecScale, DecScale + 1, 12_500_000, 100,
		decLimit, -decLimit, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	rng := rand.New(rand.NewSource(1))
	for range 2000 {
		ds = append(ds, Dec(rng.Int63()>>uint(rng.Intn(63))), -Dec(rng.Int63()>>uint(rng.Intn(63))))
	}
	for _, d := range ds {
		if got, w := d.String(), want(d); got != w {
			t.Errorf("Dec(%d).String() = %q, want %q", int64(d), got, w)
		}
	}
	for d, s := range map[Dec]string{12_500_000: "12.5", 100: "0.0001", -3 * DecScale: "-3", 0: "0"} {
		if d.String() != s {
			t.Errorf("Dec(%d).String() = %q, want %q", int64(d), d.String(), s)
		}
	}
}
