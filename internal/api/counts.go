package api

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/frontdesk/frontdesk/internal/store"
)

// Offset listings answer a count. Counting is bounded: up to exactCount matching rows
// are counted on every request (cheap, exact); a larger count is read in full at most
// once every countTTL per filter and shared, as Zendesk refreshes its counts.
const (
	exactCount = maxOffset + 1
	countTTL   = time.Minute
	maxCounts  = 4096 // cached filters, before the cache starts over
)

type countCache struct {
	mu sync.Mutex
	m  map[string]cachedCount
}

type cachedCount struct {
	n  int64
	at time.Time
}

// countTickets returns how many tickets f matches.
func (a *API) countTickets(ctx context.Context, f store.TicketFilter) (int64, error) {
	f.After, f.Offset, f.Limit = nil, 0, 0
	conn := a.db.Read()
	n, err := conn.CountTickets(ctx, f, exactCount)
	if err != nil || n < exactCount {
		return n, err
	}
	key := fmt.Sprintf("%+v", f) // the filter with its pointers' targets
	if f.Visible != nil {
		key += fmt.Sprintf("%+v", *f.Visible)
	}
	now := a.now()
	a.counts.mu.Lock()
	c, ok := a.counts.m[key]
	a.counts.mu.Unlock()
	if ok && now.Sub(c.at) < countTTL {
		return c.n, nil
	}
	if n, err = conn.CountTickets(ctx, f, 0); err != nil {
		return 0, err
	}
	a.counts.mu.Lock()
	if a.counts.m == nil || len(a.counts.m) >= maxCounts {
		a.counts.m = map[string]cachedCount{}
	}
	a.counts.m[key] = cachedCount{n: n, at: now}
	a.counts.mu.Unlock()
	return n, nil
}
