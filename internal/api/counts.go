package api

import (
	"context"
	"fmt"

	"github.com/frontdesk/frontdesk/internal/store"
)

// exactCount bounds the counting an offset listing does on every request: up to this
// many matching rows are counted each time (cheap, exact); a larger count comes from
// the count cache, counted in full at most once every countTTL per filter, as Zendesk
// refreshes its counts.
const exactCount = maxOffset + 1

// countTickets returns how many tickets f matches.
func (a *API) countTickets(ctx context.Context, f store.TicketFilter) (int64, error) {
	f.After, f.Offset, f.Limit = nil, 0, 0
	conn := a.db.Read()
	n, err := conn.CountTickets(ctx, f, exactCount)
	if err != nil || n < exactCount {
		return n, err
	}
	vis := f.Visible
	f.Visible = nil
	key := fmt.Sprintf("%+v|%s", f, vis.Key())
	f.Visible = vis
	n, _, err = a.counts.get(ctx, key, a.now(), func(ctx context.Context) (int64, error) {
		return conn.CountTickets(ctx, f, 0)
	})
	return n, err
}
