package store

import (
	"errors"
	"strings"
	"testing"

	"nianbao/model"
)

// TestStoreSanitizes: the store takes what Decode would take back, so that
// no record it writes reads as damaged: a control character in a name is
// refused before anything is written, one in a text is removed.
func TestStoreSanitizes(t *testing.T) {
	s := openAt(t, tempDB(t), nil)
	bad := model.New("测\x1b]0;PWNED\a机关", 2024, model.KindCountyDept, model.ScopeSelf)
	err := s.Create(bad, "")
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "agency" || !strings.Contains(err.Error(), `\x1b`) {
		t.Fatalf("Create with ESC in the agency: %v", err)
	}
	if list, _ := s.List(); len(list) != 0 {
		t.Fatalf("a refused report was stored: %+v", list)
	}
	r := model.New("某县某局", 2024, model.KindCountyDept, model.ScopeSelf)
	r.S5 = "第一行\x1b[31m\r\n第二行\x07"
	if err := s.Create(r, ""); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.S5 != "第一行[31m\n第二行" {
		t.Errorf("stored text %q", got.S5)
	}
}
