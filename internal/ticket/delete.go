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

// Restore brings back a soft-deleted ticket on behalf of actorID. An unsolved ticket
// whose assignee may no longer hold it comes back unassigned, audited as actorID's.
func (s *Service) Restore(ctx context.Context, id, actorID int64) error {
	return s.setDeleted(ctx, id, false, actorID)
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
		} else if after.Status.Rank() < fd.StatusSolved.Rank() {
			if err := dropStaleAssignee(ctx, tx, after); err != nil {
				return err
			}
		}
		// Only a restore that had to unassign changes an audited field.
		if _, err := saveAudited(ctx, tx, before, after, actorID); err != nil {
			return err
		}
		deleter := actorID
		if !deleted {
			deleter = 0 // restored: no longer anyone's deletion
		}
		if err := tx.SetTicketDeleter(ctx, id, deleter); err != nil {
			return err
		}
		w.ticket = after
		w.event = &fd.Event{Type: "ticket.updated", TicketID: id, Ticket: after, At: now}
		return nil
	})
	return err
}

// Purge permanently deletes a soft-deleted ticket, as Zendesk's "delete permanently"
// does for erasure requests: its comments, attachments, audits, metrics and search rows
// go with it and nothing brings it back. Tickets that point at it (incidents of a
// problem, follow-ups) lose the link, recorded in their audits as actorID's change.
func (s *Service) Purge(ctx context.Context, id, actorID int64) error {
	_, err := s.submit(ctx, func(ctx context.Context, tx *store.Tx, w *work) error {
		t, err := tx.TicketForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if t.DeletedAt.IsZero() {
			return fd.ErrNotFound("deleted ticket", id)
		}
		linked, err := tx.TicketsLinkedTo(ctx, id)
		if err != nil {
			return err
		}
		for _, lid := range linked {
			ev, err := s.unlink(ctx, tx, lid, id, actorID)
			if err != nil {
				return err
			}
			w.more = append(w.more, *ev)
		}
		if err := tx.PurgeTicket(ctx, id); err != nil {
			return err
		}
		// The recorder (a job's result) names the erased ticket; listeners heard of its
		// deletion when it was soft-deleted, and now of the tickets that lost their link.
		w.ticket, w.purged = t, id
		if n := len(w.more); n > 0 {
			w.event, w.more = &w.more[n-1], w.more[:n-1]
		}
		return nil
	})
	if err == nil {
		s.collectSoon() // the erased attachments' files, once past FileGrace
	}
	return err
}

// unlink clears ticket id's links to the ticket being purged, audited.
func (s *Service) unlink(ctx context.Context, tx *store.Tx, id, purged, actorID int64) (*fd.Event, error) {
	before, err := tx.TicketForUpdate(ctx, id)
	if err != nil {
		return nil, err
	}
	after := before.Clone()
	if after.ProblemID == purged {
		after.ProblemID = 0
	}
	if after.FollowupSourceID == purged {
		after.FollowupSourceID = 0
	}
	after.UpdatedAt = stampAfter(s.now(), before.UpdatedAt)
	// A lost problem is audited; a follow-up's source is not an audited field (its via
	// keeps the old number as history).
	auditID, err := saveAudited(ctx, tx, before, after, actorID)
	if err != nil {
		return nil, err
	}
	return &fd.Event{Type: "ticket.updated", TicketID: id, AuditID: auditID, Ticket: after, At: after.UpdatedAt}, nil
}

// saveAudited stores a ticket changed by the system on actorID's behalf (after, stamped,
// over before) and, when an audited field changed, an audit of it by actorID through
// the API; it returns the audit's id, 0 when there was nothing to audit.
func saveAudited(ctx context.Context, tx *store.Tx, before, after *fd.Ticket, actorID int64) (int64, error) {
	if err := tx.UpdateTicket(ctx, after, before); err != nil {
		return 0, err
	}
	events := auditEvents(before, after)
	if len(events) == 0 {
		return 0, nil
	}
	audit := &fd.Audit{TicketID: after.ID, AuthorID: actorID, Via: fd.Via{Channel: fd.ChannelAPI}, CreatedAt: after.UpdatedAt, Events: events}
	err := tx.InsertAudit(ctx, audit)
	return audit.ID, err
}
