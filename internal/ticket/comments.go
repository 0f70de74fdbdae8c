package ticket

import (
	"context"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// PrivacyChange makes a public comment an internal note (Zendesk's make_private).
type PrivacyChange struct {
	TicketID  int64
	CommentID int64
	// ActorID must be an agent or admin: only staff decide what the requester sees.
	ActorID int64
	Via     fd.Via // default: api
}

// MakePrivate turns a public comment into an internal note that only agents see, and
// records it in an audit with a CommentPrivacyChange event; a ticket left without a
// public comment is no longer public. A comment that is already
// private is left as it is, with no audit. As in Zendesk, there is no way back.
func (s *Service) MakePrivate(ctx context.Context, in PrivacyChange) error {
	if in.Via.Channel == "" {
		in.Via.Channel = fd.ChannelAPI
	}
	_, err := s.submit(ctx, func(ctx context.Context, tx *store.Tx, w *work) error {
		before, err := tx.TicketForUpdate(ctx, in.TicketID)
		if err != nil {
			return err
		}
		if !before.DeletedAt.IsZero() {
			return fd.ErrNotFound("ticket", in.TicketID)
		}
		actor, err := tx.User(ctx, in.ActorID)
		if err != nil {
			if fd.Is(err, fd.NotFound) {
				return fd.InvalidField("actor", "user %d does not exist", in.ActorID)
			}
			return err
		}
		if !actor.Role.IsStaff() {
			return fd.Errorf(fd.Forbidden, "only agents may make a comment private")
		}
		c, err := tx.Comment(ctx, in.CommentID)
		if err != nil || c.TicketID != in.TicketID {
			return fd.ErrNotFound("comment", in.CommentID)
		}
		if !c.Public {
			w.ticket = before
			return nil
		}
		if err := tx.SetCommentPublic(ctx, c.ID, false); err != nil {
			return err
		}
		after := before.Clone()
		now := stampAfter(s.now(), before.UpdatedAt)
		after.UpdatedAt = now
		// The ticket stays public only while another of its comments is.
		if after.Public, err = tx.HasPublicComment(ctx, before.ID); err != nil {
			return err
		}
		if err := tx.UpdateTicket(ctx, after, before); err != nil {
			return err
		}
		audit := &fd.Audit{TicketID: before.ID, AuthorID: actor.ID, Via: in.Via, CreatedAt: now,
			Events: []fd.AuditEvent{{Type: fd.EventCommentPrivacyChange, CommentID: c.ID}}}
		if err := tx.InsertAudit(ctx, audit); err != nil {
			return err
		}
		w.ticket = after
		w.event = &fd.Event{Type: "ticket.updated", TicketID: after.ID, AuditID: audit.ID, Ticket: after, At: now}
		return nil
	})
	return err
}
