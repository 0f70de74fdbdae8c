package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// The SQLite ticket index merges its segments as it is written, its automerge being
// off: fifteen commits of one ticket each leave a few segments, not fifteen, and every
// ticket is still found.
func TestTicketIndexMergesAsItIsWritten(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, svc, customer := ticketDesk(t, db)
		const n = 15
		for i := range n { // one at a time: one commit, one new segment each
			body := fmt.Sprintf("The turbine number %d hums", i)
			if _, err := svc.Create(ctx, ticket.NewTicket{Subject: "Noise", Comment: ticket.NewComment{Body: body},
				RequesterID: customer.ID}); err != nil {
				t.Fatal(err)
			}
		}
		hits, err := db.Read().SearchTickets(ctx, []string{"turbine"}, 100, 0)
		if err != nil || len(hits) != n {
			t.Fatalf("found %d tickets (%v), want %d", len(hits), err, n)
		}
		if db.Postgres() {
			return
		}
		segments, err := db.Read().Int(ctx, "SELECT count(DISTINCT segid) FROM ticket_fts_idx")
		if err != nil {
			t.Fatal(err)
		}
		// Merged four at a time: three of the first level and three new ones at most.
		if segments > 8 {
			t.Errorf("the index has %d segments after %d commits", segments, n)
		}
	})
}
