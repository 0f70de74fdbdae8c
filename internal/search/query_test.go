package search

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	fd "github.com/frontdesk/frontdesk"
)

func TestParseTerms(t *testing.T) {
	q, err := Parse(`type:ticket status<solved -tags:invoice "upgrade my account" photo* subject:refund* assignee:none`)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Types) != 1 || q.Types[0] != TypeTicket {
		t.Fatalf("types %v", q.Types)
	}
	want := []Term{
		{Pos: 13, Field: "status", Op: OpLT, Value: "solved"},
		{Pos: 27, Field: "tags", Negated: true, Value: "invoice"},
		{Pos: 41, Value: "upgrade my account", Phrase: true},
		{Pos: 62, Value: "photo", Prefix: true},
		{Pos: 69, Field: "subject", Value: "refund", Prefix: true},
		{Pos: 85, Field: "assignee", Value: "none", None: true},
	}
	if len(q.Terms) != len(want) {
		t.Fatalf("terms %+v", q.Terms)
	}
	for i, w := range want {
		if q.Terms[i] != w {
			t.Errorf("term %d: %+v, want %+v", i, q.Terms[i], w)
		}
	}
}

func TestParseSortAndCustomFields(t *testing.T) {
	q, err := Parse(`order_by:created_at sort:ASC priority>=high custom_field_42:"blue shoes" -type:user fieldvalue:7`)
	if err != nil {
		t.Fatal(err)
	}
	if q.OrderBy != "created" || q.Sort != "asc" || len(q.NotTypes) != 1 || q.NotTypes[0] != TypeUser {
		t.Fatalf("query %+v", q)
	}
	if c := q.Terms[1]; c.Field != "custom_field" || c.FieldID != 42 || c.Value != "blue shoes" || !c.Phrase {
		t.Fatalf("custom field term %+v", c)
	}
	if p := q.Terms[0]; p.Op != OpGE || p.Value != "high" {
		t.Fatalf("priority term %+v", p)
	}
	if q.Searches(TypeUser) || !q.Searches(TypeTicket) || q.Searches(TypeGroup) {
		t.Fatal("a query with ticket properties searches only tickets")
	}
}

func TestParseErrorsPointAtTheProblem(t *testing.T) {
	cases := []struct{ query, msg string }{
		{`status:open stauts:open`, `unknown field "stauts" (did you mean "status"?); put text with a colon in double quotes to search for it at position 13`},
		{`type:ticket status:opened`, `"opened" is not a status; use one of new, open, pending, hold, solved, closed at position 20`},
		{`tags<vip`, `tags can't be compared with <; use tags: at position 5`},
		{`subject:"never closed`, `the quote is not closed at position 9`},
		{`created>yesterday`, `"yesterday" is not a date: use YYYY-MM-DD, an ISO 8601 time such as 2024-05-01T12:00:00Z, or a time before now such as 4hours at position 9`},
		{`status: open`, `status: needs a value at position 8`},
		{`type:article`, `"article" is not a type; use ticket, user, organization or group at position 6`},
		{`sort:sideways`, `sort must be asc or desc, not "sideways" at position 6`},
		{`has_attachment:maybe`, `has_attachment must be true or false, not "maybe" at position 16`},
		{`status:open*`, `status doesn't take a wildcard at position 8`},
		{`-order_by:created`, `order_by can't be negated at position 1`},
		{`   `, `the query has nothing to search for at position 1`},
		{`???`, `the query has nothing to search for at position 1`},
		{`пароль ticket_typ:x`, `unknown field "ticket_typ" (did you mean "ticket_type"?); put text with a colon in double quotes to search for it at position 8`},
		{strings.Repeat("a ", 65), `the query has more than 64 terms at position 129`},
	}
	for _, c := range cases {
		_, err := Parse(c.query)
		if !fd.Is(err, fd.Invalid) {
			t.Errorf("%q: %v, want an Invalid error", c.query, err)
			continue
		}
		got, ok := ErrorDetail(err)
		if !ok || got != c.msg {
			t.Errorf("%q:\n got %q\nwant %q", c.query, got, c.msg)
		}
	}
}

func TestDates(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		query          string
		from, before   string // RFC 3339, "" for no bound
		wantRelativeGE bool
	}{
		{"created:2024-01-05", "2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z", false},
		{"created<2024-01-05", "", "2024-01-05T00:00:00Z", false},
		{"created<=2024-01-05", "", "2024-01-06T00:00:00Z", false},
		{"created>2024-01-05", "2024-01-06T00:00:00Z", "", false},
		{"created>=01/05/2024", "2024-01-05T00:00:00Z", "", false},
		{"updated<2015-09-01T12:00:00-08:00", "", "2015-09-01T20:00:00Z", false},
		{"created<2014-08-04T24:00:00Z", "", "2014-08-05T00:00:00Z", false},
		{"created>4hours", "2026-03-10T08:00:00.000001Z", "", false},
		{"updated<3days", "", "2026-03-07T12:00:00Z", false},
		{"solved>=1week", "2026-03-03T12:00:00Z", "", false},
		{"created:2months", "2026-01-10T12:00:00Z", "", true},
		{"due_date>40minutes", "2026-03-10T11:20:00.000001Z", "", false},
	}
	for _, c := range cases {
		q, err := Parse(c.query)
		if err != nil {
			t.Errorf("%q: %v", c.query, err)
			continue
		}
		from, before := q.Terms[0].Bounds(now)
		str := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.RFC3339Nano)
		}
		if str(from) != c.from || str(before) != c.before {
			t.Errorf("%q: [%s, %s), want [%s, %s)", c.query, str(from), str(before), c.from, c.before)
		}
	}
}

// FuzzParseQuery checks that no query makes the parser panic, and that every refusal is
// an Invalid error that points inside the query.
func FuzzParseQuery(f *testing.F) {
	for _, seed := range []string{
		"", "refund", `type:ticket status<solved -tags:invoice "upgrade my account"`,
		"created>2024-01-01 updated<3days solved>1week", "assignee:me requester:ann@acme.test",
		`subject:"unterminated`, "custom_field_12:x fieldvalue:7", "order_by:created sort:asc",
		"-", "--x", `"" ""`, "status:", ":::", "a:b:c", "created>9999999years", "\xff",
		"пароль -type:user", "tags:\"a b\" tags:c*", "status:<=pending", "ÜBER:x",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, query string) {
		q, err := Parse(query)
		if err == nil {
			if q == nil {
				t.Fatal("nil query without an error")
			}
			for _, term := range q.Terms {
				if term.Date != nil {
					term.Bounds(time.Now())
				}
			}
			return
		}
		var fe *fd.Error
		if !errors.As(err, &fe) || fe.Code != fd.Invalid {
			t.Fatalf("Parse(%q): %v is not an Invalid error", query, err)
		}
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("Parse(%q): %v has no position", query, err)
		}
		n := utf8.RuneCountInString(query)
		if se.Pos < 1 || se.Pos > n+1 {
			t.Fatalf("Parse(%q): position %d outside 1..%d", query, se.Pos, n+1)
		}
	})
}
