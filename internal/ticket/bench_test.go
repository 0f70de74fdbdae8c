package ticket_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// BenchmarkCreate files tickets from 32 concurrent callers per core, each acknowledged
// after its commit with its comment, audit, metrics and search row. The data size is
// what the benchmark itself creates (b.N tickets on an empty database).
func BenchmarkCreate(b *testing.B) {
	for _, dialect := range storetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			db := storetest.Open(b, dialect)
			e := newEnvTB(b, db)
			var n atomic.Int64
			b.SetParallelism(16)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					_, err := e.svc.Create(e.ctx, ticket.NewTicket{Subject: fmt.Sprintf("Bench %d", i), RequesterID: e.customer.ID,
						Comment: ticket.NewComment{Body: "I was charged twice for my subscription this month and need a refund."},
						Tags:    []string{"bench"}})
					if err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tickets/s")
		})
	}
}
