package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/internal/demo"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/search"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// benchTickets is the data size of BenchmarkSearch: the demo desk (1,000 tickets with
// their conversations) plus this many synthetic tickets from the demo corpus, in
// English, Spanish and Russian, over a year.
const benchTickets = 20_000

// BenchmarkSearch runs typical searches of each kind (common and rare words, phrases,
// structured filters walked by index, text and filters together, a sort, a count) on
// the demo data set plus benchTickets synthetic tickets, as the /search endpoint does:
// a page of 100 and a count up to 10,000.
func BenchmarkSearch(b *testing.B) {
	queries := []string{
		"refund",                                    // a common word, every type
		"type:ticket password reset",                // two common words
		`type:ticket "reset link"`,                  // a phrase
		"type:ticket пароль",                        // Russian, stemmed
		"type:ticket refund status:open",            // text and a filter
		"type:ticket status<solved",                 // structured, by index
		"type:ticket priority>normal group:billing", // structured, two filters
		"type:ticket created>30days",                // a date range
		"type:ticket created>30days video",          // text in a recent range: counted newest first
		"type:ticket invoice order_by:created",      // text, sorted
		"type:user smith",                           // people
	}
	for _, dialect := range storetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			db := storetest.Open(b, dialect)
			ctx := context.Background()
			svc := ticket.New(ticket.Options{DB: db})
			b.Cleanup(svc.Close)
			now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
			o := demo.Options{DB: db, Directory: directory.New(directory.Options{DB: db}), Tickets: svc,
				Now: func() time.Time { return now }}
			if err := demo.Synthetic(ctx, o, benchTickets); err != nil {
				b.Fatal(err)
			}
			for _, qs := range queries {
				q, err := search.Parse(qs)
				if err != nil {
					b.Fatal(err)
				}
				b.Run(qs, func(b *testing.B) {
					opts := store.SearchOptions{Now: now, Limit: 100, CountCap: 10_000}
					for b.Loop() {
						if _, _, err := db.Read().Search(ctx, q, opts); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
