package ticket

import (
	"context"
	"slices"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Update changes a ticket and/or adds a comment. With UpdatedStamp set, a ticket that
// changed since the caller read it fails with Conflict and nothing is written. A change
// that changes nothing records nothing.
func (s *Service) Update(ctx context.Context, in Update) (*fd.Ticket, error) {
	return s.update(ctx, in, false)
}

// Reply applies an update that carries a comment as a channel does (email, chat,
// portal): a requester's reply reopens a pending or solved ticket, and a reply to a
// closed ticket starts a follow-up ticket, which is returned instead.
func (s *Service) Reply(ctx context.Context, in Update) (*fd.Ticket, error) {
	if in.Comment == nil {
		return nil, fd.InvalidField("comment", "a reply needs a comment")
	}
	return s.update(ctx, in, true)
}

func (s *Service) update(ctx context.Context, in Update, reply bool) (*fd.Ticket, error) {
	var p fd.Problems
	defs, err := s.fields.get(ctx)
	if err != nil {
		return nil, err
	}
	var comment *fd.Comment
	if in.Comment != nil {
		comment = prepareComment(*in.Comment, &p, "comment.body")
	}
	if in.Status != nil && !in.Status.Valid() {
		p.Add("status", "%q is not a status", *in.Status)
	}
	if in.ActorID == 0 {
		p.Add("actor", "is required")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if in.Via.Channel == "" {
		in.Via.Channel = fd.ChannelAPI
	}
	var text store.TicketText
	if comment != nil {
		// The ticket's language is read outside the writer so stemming happens here.
		if cur, err := s.db.Read().Ticket(ctx, in.TicketID); err == nil {
			text = store.TicketText{Language: cur.Language, Body: comment.Body}
			s.db.Analyze(&text)
		}
	}
	w, err := s.submit(ctx, func(ctx context.Context, tx *store.Tx, w *work) error {
		return s.change(ctx, tx, w, in, comment, text, reply, defs)
	})
	if err != nil {
		return nil, err
	}
	return w.ticket, nil
}

// change runs inside the writer's transaction.
func (s *Service) change(ctx context.Context, tx *store.Tx, w *work, in Update, comment *fd.Comment,
	text store.TicketText, reply bool, defs map[int64]*fd.TicketField) error {
	before, err := tx.TicketForUpdate(ctx, in.TicketID)
	if err != nil {
		return err
	}
	if !before.DeletedAt.IsZero() {
		return fd.ErrNotFound("ticket", in.TicketID)
	}
	if !in.UpdatedStamp.IsZero() && !in.UpdatedStamp.Equal(before.UpdatedAt) {
		return fd.Errorf(fd.Conflict, "ticket %d was changed by someone else since %s; reload it and try again",
			in.TicketID, in.UpdatedStamp.Format("2006-01-02T15:04:05.000000Z07:00"))
	}
	actor, err := tx.User(ctx, in.ActorID)
	if err != nil {
		if fd.Is(err, fd.NotFound) {
			return fd.InvalidField("actor", "user %d does not exist", in.ActorID)
		}
		return err
	}
	if before.Status == fd.StatusClosed {
		if reply && comment != nil {
			return s.followUp(ctx, tx, w, before, actor, comment, in)
		}
		return fd.Errorf(fd.Invalid, "ticket %d is closed; closed tickets can't be changed", before.ID)
	}
	after, err := applyUpdate(before, in, defs)
	if err != nil {
		return err
	}
	if reply && !actor.Role.IsStaff() && (before.Status == fd.StatusPending || before.Status == fd.StatusSolved) {
		after.Status = fd.StatusOpen
	}
	if before.Status == fd.StatusSolved && after.Status.Rank() < fd.StatusSolved.Rank() &&
		after.AssigneeID == before.AssigneeID && after.GroupID == before.GroupID {
		if err := dropStaleAssignee(ctx, tx, after); err != nil {
			return err
		}
	}
	if comment != nil {
		if comment.AuthorID == 0 {
			comment.AuthorID = actor.ID
		}
		comment.Via = in.Via
	}
	ch := &Change{Before: before, After: after, Comment: comment, ActorID: actor.ID, Via: in.Via}
	if s.hook != nil {
		if err := s.hook(ctx, tx, ch); err != nil {
			return err
		}
	}
	from := before
	if in.merged {
		from = before.Clone()
		from.Status = fd.StatusSolved // a merge closes the ticket from any status
	}
	if err := validate(ctx, tx, from, after, defs, in.Portal); err != nil {
		return err
	}
	events := auditEvents(before, after)
	if len(events) == 0 && comment == nil && len(ch.Outbox) == 0 {
		w.ticket = before
		return nil
	}
	now := s.now()
	if !in.At.IsZero() {
		now = in.At.UTC().Truncate(time.Microsecond)
	}
	now = stampAfter(now, before.UpdatedAt)
	after.UpdatedAt = now
	if comment != nil && comment.Public {
		after.Public = true
	}
	if after.Status != before.Status {
		after.StatusUpdatedAt = now
		if after.Status == fd.StatusSolved {
			after.SolvedAt = now
		}
	}
	if err := tx.UpdateTicket(ctx, after, before); err != nil {
		return err
	}
	audit := &fd.Audit{TicketID: after.ID, AuthorID: actor.ID, Via: in.Via, CreatedAt: now, Events: events}
	if comment != nil {
		comment.CreatedAt = now
		audit.Events = append(audit.Events, commentEvent(comment))
	}
	if err := s.persistAudit(ctx, tx, audit, comment); err != nil {
		return err
	}
	if err := s.updateMetrics(ctx, tx, before, after, comment, actor, now); err != nil {
		return err
	}
	if err := s.persistOutbox(ctx, tx, ch, after.ID, now); err != nil {
		return err
	}
	if comment != nil {
		if text.Language != after.Language || text.Body != comment.Body {
			text = store.TicketText{Language: after.Language, Body: comment.Body}
		}
		text.CommentID, text.TicketID = comment.ID, after.ID
		w.texts = append(w.texts, text)
	}
	if after.Subject != before.Subject {
		id, body, err := tx.FirstComment(ctx, after.ID)
		if err != nil {
			return err
		}
		w.texts = append(w.texts, store.TicketText{CommentID: id, TicketID: after.ID, Language: after.Language, Subject: after.Subject, Body: body, Replace: true})
	}
	w.ticket = after
	w.event = &fd.Event{Type: "ticket.updated", TicketID: after.ID, AuditID: audit.ID, Ticket: after, At: now}
	return nil
}

func (s *Service) updateMetrics(ctx context.Context, tx *store.Tx, before, after *fd.Ticket, comment *fd.Comment, actor *fd.User, now time.Time) error {
	m, err := tx.Metrics(ctx, after.ID)
	if err != nil {
		return err
	}
	staff := actor.Role.IsStaff()
	if comment != nil && comment.AuthorID != actor.ID {
		author, err := tx.User(ctx, comment.AuthorID)
		if err != nil {
			return fd.InvalidField("comment.author_id", "user %d does not exist", comment.AuthorID)
		}
		staff = author.Role.IsStaff()
	}
	advance(m, metricStep{before: before, after: after, comment: comment, actorIsStaff: staff, actorID: actor.ID, at: now})
	return tx.SaveMetrics(ctx, m)
}

// applyUpdate returns the ticket as the update would leave it, before the hook and
// validation.
func applyUpdate(before *fd.Ticket, in Update, defs map[int64]*fd.TicketField) (*fd.Ticket, error) {
	var p fd.Problems
	t := before.Clone()
	if in.Subject != nil {
		t.Subject = strings.TrimSpace(*in.Subject)
	}
	setIf(&t.Status, in.Status)
	setIf(&t.Priority, in.Priority)
	setIf(&t.Type, in.Type)
	setIf(&t.RequesterID, in.RequesterID)
	setIf(&t.AssigneeID, in.AssigneeID)
	setIf(&t.GroupID, in.GroupID)
	setIf(&t.OrganizationID, in.OrganizationID)
	setIf(&t.BrandID, in.BrandID)
	setIf(&t.ProblemID, in.ProblemID)
	setIf(&t.ExternalID, in.ExternalID)
	if in.DueAt != nil {
		t.DueAt = in.DueAt.UTC()
	}
	if in.Tags != nil {
		t.Tags = fd.NormalizeTags(*in.Tags)
	}
	remove := fd.NormalizeTags(in.RemoveTags)
	t.Tags = fd.NormalizeTags(append(slices.DeleteFunc(t.Tags, func(tag string) bool { return slices.Contains(remove, tag) }), in.AddTags...))
	for _, l := range []struct {
		dst *[]int64
		src *[]int64
	}{{&t.CollaboratorIDs, in.CollaboratorIDs}, {&t.FollowerIDs, in.FollowerIDs}, {&t.EmailCCIDs, in.EmailCCIDs}} {
		if l.src != nil {
			*l.dst = sortedIDs(*l.src)
		}
	}
	applyFields(t, in.CustomFields, defs, in.Portal, &p)
	if t.Status == fd.StatusNew && before.Status == fd.StatusNew && t.AssigneeID != 0 && in.Status == nil {
		t.Status = fd.StatusOpen // assigning a new ticket opens it, as in Zendesk
	}
	return t, p.Err()
}

func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// followUp turns a reply to a closed ticket into a new ticket that continues it.
func (s *Service) followUp(ctx context.Context, tx *store.Tx, w *work, closed *fd.Ticket, actor *fd.User,
	comment *fd.Comment, in Update) error {
	defs, err := s.fields.get(ctx)
	if err != nil {
		return err
	}
	nt := NewTicket{
		Subject: closed.Subject, RequesterID: closed.RequesterID, SubmitterID: actor.ID,
		GroupID: closed.GroupID, OrganizationID: closed.OrganizationID, BrandID: closed.BrandID,
		Priority: closed.Priority, Tags: closed.Tags, CollaboratorIDs: closed.CollaboratorIDs,
		EmailCCIDs: closed.EmailCCIDs, Via: in.Via, At: in.At,
	}
	t := &fd.Ticket{
		Subject: closed.Subject, Description: comment.Body, Status: fd.StatusNew, Priority: closed.Priority,
		RequesterID: closed.RequesterID, SubmitterID: actor.ID, GroupID: closed.GroupID,
		OrganizationID: closed.OrganizationID, BrandID: closed.BrandID, FollowupSourceID: closed.ID,
		Tags: slices.Clone(closed.Tags), CollaboratorIDs: slices.Clone(closed.CollaboratorIDs),
		EmailCCIDs: slices.Clone(closed.EmailCCIDs), Via: in.Via,
	}
	if comment.AuthorID == 0 {
		comment.AuthorID = actor.ID
	}
	text := store.TicketText{Language: closed.Language, Subject: t.Subject, Body: comment.Body}
	return s.create(ctx, tx, w, t, comment, nt, text, defs)
}
