package ticket

import (
	"context"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Delete soft-deletes a ticket: it leaves lists and search but stays restorable, and its
// stamp moves so incremental exports see the deletion.
func (s *Service) Delete(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, id, true, 0)
}

// DeleteBy is Delete on behalf of a user, whom the deleted-tickets listing names.
func (s *Service) DeleteBy(ctx context.Context, id, actorID int64) error {
	return s.setDeleted(ctx, id, true, actorID)
}

// Restore brings back a soft-deleted ticket.
func (s *Service) Restore(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, id, false, 0)
}

func (s *Service) setDeleted(ctx context.Context, id int64, deleted bool, actorID int64) error {
	_, err := s.submit(ctx, func(ctx context.Context, tx *store.Tx, w *work) error {
		before, err := tx.TicketForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if before.DeletedAt.IsZero() != deleted {
			return fd.ErrNotFound("deleted ticket", id)
		}
		after := before.Clone()
		now := stampAfter(s.now(), before.UpdatedAt)
		after.UpdatedAt, after.DeletedAt = now, time.Time{}
		if deleted {
			after.DeletedAt = now
		}
		if err := tx.UpdateTicket(ctx, after, before); err != nil {
			return err
		}
		if err := tx.SetTicketDeleter(ctx, id, actorID); err != nil {
			return err
		}
		w.ticket = after
		w.event = &fd.Event{Type: "ticket.updated", TicketID: id, Ticket: after, At: now}
		return nil
	})
	return err
}
