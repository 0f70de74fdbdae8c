package store

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestNumbers(t *testing.T) {
	n := numbers{s: "42,,1700000000000000,,t,0"}
	if a, b, c, d, e, f := n.int(), n.int(), n.time(), n.time(), n.bool(), n.bool(); a != 42 || b != 0 ||
		!c.Equal(time.UnixMicro(1700000000000000)) || !d.IsZero() || !e || f || n.end() != nil {
		t.Fatalf("read %d %d %v %v %t %t, end %v", a, b, c, d, e, f, n.end())
	}
	for name, read := range map[string]func(n *numbers){
		"too few read":  func(n *numbers) { n.int() },
		"too many read": func(n *numbers) { n.int(); n.int(); n.int() },
		"not a number":  func(n *numbers) { n.s = "x,1"; n.int(); n.int() },
		"not a boolean": func(n *numbers) { n.s = "2,1"; n.bool(); n.int() },
	} {
		n := numbers{s: "1,2"}
		if read(&n); n.end() == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// The packed select reads every column a ticket is written with, once.
func TestTicketSelectReadsEveryColumn(t *testing.T) {
	names := func(list string) []string {
		out := strings.Split(list, ",")
		for i := range out {
			out[i] = strings.TrimSpace(out[i])
		}
		slices.Sort(out)
		return out
	}
	if got, want := names(ticketNumbers+","+ticketTexts), names(ticketColumns); !slices.Equal(got, want) {
		t.Fatalf("select reads %v,\nticketColumns are %v", got, want)
	}
}
