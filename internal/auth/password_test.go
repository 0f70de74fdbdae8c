package auth

import (
	"strings"
	"testing"

	fd "github.com/frontdesk/frontdesk"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=2$") {
		t.Fatalf("hash format %q", h)
	}
	if !CheckPassword(h, "correct horse battery") {
		t.Error("right password refused")
	}
	for _, wrong := range []string{"correct horse batterY", "", "correct horse battery "} {
		if CheckPassword(h, wrong) {
			t.Errorf("wrong password %q accepted", wrong)
		}
	}
	if CheckPassword("$argon2id$garbage", "x") || CheckPassword("", "") {
		t.Error("malformed hash accepted")
	}
	if h2, _ := HashPassword("correct horse battery"); h2 == h {
		t.Error("two hashes of one password share a salt")
	}
	if _, err := HashPassword("short"); !fd.Is(err, fd.Invalid) {
		t.Errorf("short password: %v", err)
	}
}
