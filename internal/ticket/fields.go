package ticket

import (
	"context"
	"sync"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// fieldTTL bounds how stale another node's field definitions may be here; changes made
// through this service are seen at once.
const fieldTTL = 5 * time.Second

// fieldCache keeps the custom field definitions, which every write validates against,
// out of the per-write path.
type fieldCache struct {
	db     *store.DB
	mu     sync.Mutex
	defs   map[int64]*fd.TicketField
	loaded time.Time
}

func (c *fieldCache) get(ctx context.Context) (map[int64]*fd.TicketField, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.defs != nil && time.Since(c.loaded) < fieldTTL {
		return c.defs, nil
	}
	list, err := c.db.Read().TicketFields(ctx)
	if err != nil {
		return nil, err
	}
	defs := make(map[int64]*fd.TicketField, len(list))
	for _, f := range list {
		defs[f.ID] = f
	}
	c.defs, c.loaded = defs, time.Now()
	return defs, nil
}

func (c *fieldCache) forget() {
	c.mu.Lock()
	c.defs = nil
	c.mu.Unlock()
}

// CreateField defines a custom ticket field.
func (s *Service) CreateField(ctx context.Context, f fd.TicketField) (*fd.TicketField, error) {
	if err := f.Check(); err != nil {
		return nil, err
	}
	now := s.now()
	f.CreatedAt, f.UpdatedAt = now, now
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		others, err := tx.TicketFields(ctx)
		if err != nil {
			return err
		}
		if f.Position == 0 { // after the others
			f.Position = 1
			for _, o := range others {
				f.Position = max(f.Position, o.Position+1)
			}
		}
		if err := checkFieldTags(&f, others); err != nil {
			return err
		}
		opts := f.Options
		f.Options = nil
		if err := tx.InsertTicketField(ctx, &f); err != nil {
			return err
		}
		if f.Options, err = numberOptions(ctx, tx, f.ID, opts, nil, now); err != nil || len(f.Options) == 0 {
			return err
		}
		return tx.UpdateTicketField(ctx, &f)
	})
	s.fields.forget()
	if err != nil {
		return nil, err
	}
	return &f, nil
}

// Fields returns the custom field definitions in display order.
func (s *Service) Fields(ctx context.Context) ([]*fd.TicketField, error) {
	return s.db.Read().TicketFields(ctx)
}

// FieldDefs returns the custom field definitions by id as writes check them: cached,
// so another node's changes show within fieldTTL. The map is shared: read it, never
// change it.
func (s *Service) FieldDefs(ctx context.Context) (map[int64]*fd.TicketField, error) {
	return s.fields.get(ctx)
}
