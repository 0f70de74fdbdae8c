package api_test

import (
	"context"
	"net/http/httptest"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// BenchmarkShowTicket measures GET /api/v2/tickets/{id} as an admin, the handler called
// directly (no network), on a database of one ticket with tags, people and a custom
// field. It reports allocations: the load test (bench/api -ops show) gives the
// requests/s over HTTP.
func BenchmarkShowTicket(b *testing.B) {
	for _, dialect := range storetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			e := newEnv(b, storetest.Open(b, dialect))
			admin, err := e.dir.CreateUser(context.Background(), directory.NewUser{Name: "Bea Bench", Email: "bea@acme.test", Role: fd.RoleAdmin})
			if err != nil {
				b.Fatal(err)
			}
			token, _, err := e.dir.CreateToken(context.Background(), admin.Email, "bench")
			if err != nil {
				b.Fatal(err)
			}
			id := e.mustCreate(b, `{"subject": "Refund for order 1234", "comment": {"body": "I was charged twice for the same order, please refund one of them."},
				"requester": {"name": "Nora", "email": "nora@customer.test"}, "priority": "high", "tags": ["billing", "refund"],
				"collaborator_ids": [`+itoa(e.agent.ID)+`], "assignee_id": `+itoa(e.agent.ID)+`}`)
			h := e.srv.Config.Handler
			path := "/api/v2/tickets/" + itoa(id) + ".json"
			// A server's requests carry a context that can be cancelled; drivers watch it.
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				req := httptest.NewRequestWithContext(ctx, "GET", path, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
		})
	}
}
