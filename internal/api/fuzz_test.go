package api_test

import (
	"context"
	"testing"

	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// fuzzWrite feeds arbitrary bodies to a write endpoint: whatever arrives, the answer is
// never a 500, and a request that is refused leaves no trace in the tables.
func fuzzWrite(f *testing.F, method string, path func(e *env) string, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	db := storetest.Open(f, "sqlite")
	e := newEnv(f, db)
	e.mustCreate(f, `{"comment": {"body": "a ticket to update"}}`)
	ctx := context.Background()
	counts := func() (n [4]int64) {
		for i, table := range []string{"tickets", "comments", "audits", "users"} {
			n[i], _ = db.Read().Count(ctx, table)
		}
		return n
	}
	f.Fuzz(func(t *testing.T, body string) {
		before := counts()
		code, resp, _ := e.call(t, method, path(e), body)
		if code >= 500 {
			t.Fatalf("%s %s %q: %d %v", method, path(e), body, code, resp)
		}
		if code >= 400 && counts() != before {
			t.Fatalf("%s %q refused with %d but wrote rows: %v → %v", method, body, code, before, counts())
		}
		if code >= 400 && resp["error"] == nil {
			t.Fatalf("%s %q: %d without a Zendesk error body: %v", method, body, code, resp)
		}
	})
}

var ticketSeeds = []string{
	`{"ticket": {"subject": "Help", "comment": {"body": "It broke"}, "priority": "high", "tags": ["a", "b"]}}`,
	`{"ticket": {"comment": {"html_body": "<p>x<script>alert(1)</script></p>", "public": false}, "requester": {"name": "N", "email": "n@example.com"}}}`,
	`{"ticket": {"comment": {"body": "x"}, "status": "closed"}}`,
	`{"ticket": {"comment": {"body": "x"}, "custom_fields": [{"id": 1, "value": "v"}], "due_at": "2026-01-02T03:04:05Z", "type": "task"}}`,
	`{"ticket": {"comment": {"body": "x"}, "assignee_id": "7", "group_id": null, "collaborator_ids": [1, 2, -3]}}`,
	`{"ticket": {"status": "solved", "safe_update": true, "updated_stamp": "yesterday"}}`,
	`{"ticket": {"additional_tags": ["x"], "remove_tags": [""], "requester_id": 99999}}`,
	`{"ticket": null}`, `{}`, `[]`, `null`, `{"ticket": {"comment": {"body": "` + "\x00\xff" + `"}}}`,
	`{"ticket": {"comment": {"body": "x"}}} trailing`, `{"ticket": {"subject": 1e400}}`,
}

func FuzzCreateTicket(f *testing.F) {
	fuzzWrite(f, "POST", func(*env) string { return "/api/v2/tickets" }, ticketSeeds...)
}

func FuzzUpdateTicket(f *testing.F) {
	fuzzWrite(f, "PUT", func(*env) string { return "/api/v2/tickets/1" }, ticketSeeds...)
}

// TestFuzzSeedsTouchPostgres runs the create seeds on PostgreSQL too: refusals must be
// refusals there as well.
func TestFuzzSeedsOnBothDatabases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for _, s := range ticketSeeds {
			if code, resp, _ := e.call(t, "POST", "/api/v2/tickets", s); code >= 500 || (code >= 400 && resp["error"] == nil) {
				t.Fatalf("POST %q: %d %v", s, code, resp)
			}
		}
	})
}
