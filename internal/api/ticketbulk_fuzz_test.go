package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/jobs"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// FuzzBulkBodies sends arbitrary bodies to the bulk write endpoints: every answer is
// JSON and none is a server error, whatever comes in.
func FuzzBulkBodies(f *testing.F) {
	db := storetest.Open(f, "sqlite")
	ctx := context.Background()
	dir := directory.New(directory.Options{DB: db})
	svc := ticket.New(ticket.Options{DB: db})
	f.Cleanup(svc.Close)
	if _, err := dir.CreateBrand(ctx, fd.Brand{Name: "Acme", Subdomain: "acme"}); err != nil {
		f.Fatal(err)
	}
	agent, err := dir.CreateUser(ctx, directory.NewUser{Name: "Ann Agent", Email: "ann@acme.test", Role: fd.RoleAgent})
	if err != nil {
		f.Fatal(err)
	}
	token, _, err := dir.CreateToken(ctx, agent.Email, "fuzz")
	if err != nil {
		f.Fatal(err)
	}
	target, err := svc.Create(ctx, ticket.NewTicket{Comment: ticket.NewComment{Body: "target"}, RequesterID: agent.ID})
	if err != nil {
		f.Fatal(err)
	}
	// The runner is not started: the jobs stay queued, and the fuzzer measures decoding.
	h := api.New(api.Options{DB: db, Tickets: svc, Directory: dir, Jobs: jobs.New(jobs.Options{DB: db})}).Handler()
	endpoints := []struct{ method, path string }{
		{"POST", "/api/v2/tickets/create_many"},
		{"PUT", "/api/v2/tickets/update_many"},
		{"PUT", fmt.Sprintf("/api/v2/tickets/update_many?ids=%d", target.ID)},
		{"POST", fmt.Sprintf("/api/v2/tickets/%d/merge", target.ID)},
	}
	for i, body := range []string{
		`{"tickets": [{"subject": "a", "comment": {"body": "b"}, "custom_fields": [{"id": 1, "value": 2}]}]}`,
		`{"tickets": [{"id": 1, "status": "open"}, {"id": "x"}, null]}`,
		`{"ticket": {"status": "solved", "additional_tags": ["x"], "due_at": "2026-01-01T00:00:00Z"}}`,
		`{"ids": [1, 2], "target_comment": "t", "source_comment_is_public": true}`,
		`{"tickets": [{"priority": 5}]}`, `{"ids": "1"}`, `[]`, `null`, `{"tickets": {}}`, ``,
	} {
		f.Add(uint8(i), body)
	}
	f.Fuzz(func(t *testing.T, endpoint uint8, body string) {
		e := endpoints[int(endpoint)%len(endpoints)]
		req := httptest.NewRequest(e.method, e.path, strings.NewReader(body))
		req.SetBasicAuth(agent.Email+"/token", token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 || !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s %q: %d %s", e.method, e.path, body, rec.Code, rec.Body)
		}
	})
}
