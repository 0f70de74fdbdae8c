package ticket

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/search"
	"github.com/frontdesk/frontdesk/internal/store"
)

// IdempotencyWindow is how long an idempotency key names its ticket, as in Zendesk.
const IdempotencyWindow = 2 * time.Hour

// ErrKeyReused is the cause of the error for an idempotency key sent again with a
// different request.
var ErrKeyReused = errors.New("idempotency key reused with a different request")

// errKeyTaken tells CreateOnce that a concurrent request claimed the key first.
var errKeyTaken = errors.New("idempotency key claimed by a concurrent request")

// Create files a new ticket with its first comment. It returns once the ticket is
// committed, with its id.
func (s *Service) Create(ctx context.Context, in NewTicket) (*fd.Ticket, error) {
	t, _, err := s.CreateOnce(ctx, in)
	return t, err
}

// CreateOnce is Create for requests that may be retried. With in.Idempotency set, the
// key is recorded in the ticket's own transaction, and a request carrying a key already
// recorded within IdempotencyWindow creates nothing: it returns the ticket the key made
// (replayed is true), or fails with ErrKeyReused if its request hash differs. Of
// concurrent requests with one key, one creates the ticket and the others return it.
func (s *Service) CreateOnce(ctx context.Context, in NewTicket) (t *fd.Ticket, replayed bool, err error) {
	key := in.Idempotency
	if key == nil {
		return s.create1(ctx, in)
	}
	if key.Key == "" || len(key.Key) > 255 {
		return nil, false, fd.InvalidField("idempotency_key", "must be 1 to 255 characters")
	}
	for attempt := 1; ; attempt++ {
		// A retry is answered from the reader pool, without queueing for the writer.
		if t, err := s.prior(ctx, s.db.Read(), *key); t != nil || err != nil {
			return t, t != nil, err
		}
		t, replayed, err = s.create1(ctx, in)
		if !errors.Is(err, errKeyTaken) || attempt == 3 {
			return t, replayed, err
		}
	}
}

// prior returns the ticket an idempotency key already made, nil if none.
func (s *Service) prior(ctx context.Context, c *store.Conn, key Idempotency) (*fd.Ticket, error) {
	id, hash, err := c.IdempotencyKey(ctx, key.UserID, key.Key, s.now().Add(-IdempotencyWindow))
	if fd.Is(err, fd.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if hash != key.RequestHash {
		return nil, &fd.Error{Code: fd.Invalid, Message: "this Idempotency-Key was used with a different request", Err: ErrKeyReused}
	}
	return c.Ticket(ctx, id)
}

// create1 makes one attempt at a create; see CreateOnce.
func (s *Service) create1(ctx context.Context, in NewTicket) (*fd.Ticket, bool, error) {
	// Everything that needs no database state is checked before the writer sees it.
	var p fd.Problems
	defs, err := s.fields.get(ctx)
	if err != nil {
		return nil, false, err
	}
	comment := prepareComment(in.Comment, &p, "comment.body")
	t := &fd.Ticket{
		Subject: strings.TrimSpace(in.Subject), Description: comment.Body, Status: in.Status,
		Priority: in.Priority, Type: in.Type, RequesterID: in.RequesterID, SubmitterID: in.SubmitterID,
		AssigneeID: in.AssigneeID, GroupID: in.GroupID, OrganizationID: in.OrganizationID,
		BrandID: in.BrandID, ProblemID: in.ProblemID, DueAt: in.DueAt.UTC(),
		Tags: fd.NormalizeTags(in.Tags), CollaboratorIDs: sortedIDs(in.CollaboratorIDs),
		FollowerIDs: sortedIDs(in.FollowerIDs), EmailCCIDs: sortedIDs(in.EmailCCIDs),
		Via: in.Via, ExternalID: in.ExternalID,
	}
	if t.Subject == "" {
		t.Subject = subjectFrom(comment.Body)
	}
	if t.Via.Channel == "" {
		t.Via.Channel = fd.ChannelAPI
	}
	if t.Status == "" {
		t.Status = fd.StatusNew
		if t.AssigneeID != 0 {
			t.Status = fd.StatusOpen
		}
	}
	if !t.Status.Valid() || t.Status == fd.StatusClosed {
		p.Add("status", "a new ticket can't be %q", t.Status)
	}
	if t.RequesterID == 0 && (in.Requester == nil || in.Requester.Email == "") {
		p.Add("requester", "is required: give requester_id or a requester email")
	}
	applyFields(t, in.CustomFields, defs, in.Portal, &p)
	if in.Portal {
		requirePortalFields(in.CustomFields, defs, &p)
	}
	if err := p.Err(); err != nil {
		return nil, false, err
	}
	text := store.TicketText{Language: s.languageOf(ctx, t.Subject, comment.Body, in), Subject: t.Subject, Body: comment.Body}
	s.db.Analyze(&text)

	var replayed, swept bool
	// The writer may run the change again (op.restart): each run starts from copies.
	t0, comment0 := t, comment
	restart := func() {
		t, comment = t0.Clone(), comment0.Clone()
		replayed, swept = false, false
	}
	w, err := s.submitOp(&op{ctx: ctx, restart: restart, apply: func(ctx context.Context, tx *store.Tx, w *work) error {
		var err error
		if swept, err = s.sweep(ctx, tx); err != nil {
			return err
		}
		key := in.Idempotency
		if key != nil {
			// Checked again in the writer: an earlier change of this batch, or one
			// committed since the fast path looked, may hold the key.
			prior, err := s.prior(ctx, &tx.Conn, *key)
			if err != nil || prior != nil {
				w.ticket, replayed = prior, prior != nil
				return err
			}
		}
		if err := s.create(ctx, tx, w, t, comment, in, text, defs); err != nil {
			return err
		}
		if key != nil {
			now := s.now()
			ok, err := tx.ClaimIdempotencyKey(ctx, key.UserID, key.Key, key.RequestHash, t.ID, now, now.Add(-IdempotencyWindow))
			if fd.Is(err, fd.Conflict) || (err == nil && !ok) {
				// On PostgreSQL another writer's transaction claimed it (a deadlock
				// between the two is a Conflict too); the retry reads its ticket.
				return &fd.Error{Code: fd.Conflict, Message: "a concurrent request holds this Idempotency-Key; retry", Err: errKeyTaken}
			}
			return err
		}
		return nil
	}})
	if err != nil {
		return nil, false, err
	}
	if swept {
		s.collectSoon()
	}
	return w.ticket, replayed, nil
}

// create runs inside the writer's transaction.
func (s *Service) create(ctx context.Context, tx *store.Tx, w *work, t *fd.Ticket, comment *fd.Comment,
	in NewTicket, text store.TicketText, defs map[int64]*fd.TicketField) error {
	now := s.now()
	if !in.At.IsZero() {
		now = in.At.UTC().Truncate(time.Microsecond)
	}
	var requester *fd.User
	var err error
	if t.RequesterID != 0 {
		requester, err = tx.User(ctx, t.RequesterID)
		if fd.Is(err, fd.NotFound) {
			return fd.InvalidField("requester_id", "user %d does not exist", t.RequesterID)
		}
	} else {
		requester, err = directory.EnsureUserTx(ctx, tx, in.Requester.Name, in.Requester.Email, now)
		if fd.Is(err, fd.Invalid) {
			return fd.InvalidField("requester.email", "%q is not a valid email address", in.Requester.Email)
		}
	}
	if err != nil {
		return err
	}
	t.RequesterID = requester.ID
	if t.SubmitterID == 0 {
		t.SubmitterID = requester.ID
	}
	// origin is what validation compares against: what the service resolved itself (the
	// requester, their organization, the default brand) needs no second lookup.
	origin := &fd.Ticket{Status: fd.StatusNew, CreatedAt: now, RequesterID: requester.ID}
	if t.OrganizationID == 0 {
		t.OrganizationID = requester.OrganizationID
		origin.OrganizationID = t.OrganizationID
	}
	if t.BrandID == 0 {
		if t.BrandID, err = s.defaultBrand.get(ctx, tx); err != nil {
			return err
		}
		origin.BrandID = t.BrandID
	}
	if t.GroupID == 0 && t.AssigneeID != 0 {
		if assignee, err := tx.User(ctx, t.AssigneeID); err == nil {
			t.GroupID = assignee.DefaultGroupID
		}
	}
	t.Language = text.Language
	t.CreatedAt, t.UpdatedAt, t.StatusUpdatedAt = now, now, now
	if t.Status == fd.StatusSolved {
		t.SolvedAt = now
	}
	if comment.AuthorID == 0 {
		comment.AuthorID = t.SubmitterID
	}
	comment.Via, comment.CreatedAt = t.Via, now

	ch := &Change{After: t, Comment: comment, ActorID: t.SubmitterID, Via: t.Via}
	if s.hook != nil {
		if err := s.hook(ctx, tx, ch); err != nil {
			return err
		}
	}
	if err := validate(ctx, tx, origin, t, defs, in.Portal); err != nil {
		return err
	}
	t.Public = comment.Public // kept in the row the INSERT writes, at no extra cost
	if err := tx.InsertTicket(ctx, t); err != nil {
		return err
	}
	audit := &fd.Audit{TicketID: t.ID, AuthorID: t.SubmitterID, Via: t.Via, CreatedAt: now,
		Events: append(auditEvents(nil, t), commentEvent(comment))}
	if err := s.persistAudit(ctx, tx, audit, comment); err != nil {
		return err
	}
	m := newMetrics(t)
	author := requester
	if comment.AuthorID != requester.ID {
		if author, err = tx.User(ctx, comment.AuthorID); err != nil {
			return fd.InvalidField("comment.author_id", "user %d does not exist", comment.AuthorID)
		}
	}
	advance(m, metricStep{before: origin, after: t, comment: comment, actorIsStaff: author.Role.IsStaff(),
		actorID: t.SubmitterID, at: now, created: true})
	if err := tx.SaveMetrics(ctx, m); err != nil {
		return err
	}
	if err := s.persistOutbox(ctx, tx, ch, t.ID, now); err != nil {
		return err
	}
	w.ticket = t
	if t.Subject != text.Subject || comment.Body != text.Body {
		text = store.TicketText{Language: t.Language, Subject: t.Subject, Body: comment.Body} // the hook rewrote it
	}
	text.CommentID, text.TicketID = comment.ID, t.ID
	w.texts = []store.TicketText{text}
	w.event = &fd.Event{Type: "ticket.created", TicketID: t.ID, AuditID: audit.ID, Ticket: t, At: now}
	return nil
}

// persistAudit stores the audit and then its comment, which points at the audit.
func (s *Service) persistAudit(ctx context.Context, tx *store.Tx, audit *fd.Audit, comment *fd.Comment) error {
	if err := tx.InsertAudit(ctx, audit); err != nil {
		return err
	}
	if comment == nil {
		return nil
	}
	if err := s.checkUploads(ctx, tx, comment); err != nil {
		return err
	}
	comment.TicketID, comment.AuditID = audit.TicketID, audit.ID
	return tx.InsertComment(ctx, comment)
}

func (s *Service) persistOutbox(ctx context.Context, tx *store.Tx, ch *Change, ticketID int64, now time.Time) error {
	for i := range ch.Outbox {
		m := &ch.Outbox[i]
		if m.TicketID == 0 {
			m.TicketID = ticketID
		}
		if err := tx.InsertOutbox(ctx, m, now); err != nil {
			return err
		}
	}
	return nil
}

func commentEvent(c *fd.Comment) fd.AuditEvent {
	return fd.AuditEvent{Type: fd.EventComment, Public: c.Public}
}

// brandCache remembers the default brand, which every new ticket without a brand needs.
// Changes to brands made on this node forget it at once (BrandsChanged); another node's
// change is seen within fieldTTL.
type brandCache struct {
	mu     sync.Mutex
	id     int64
	loaded time.Time
}

func (c *brandCache) get(ctx context.Context, tx *store.Tx) (int64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.id != 0 && time.Since(c.loaded) < fieldTTL {
		return c.id, nil
	}
	brands, err := tx.Brands(ctx)
	if err != nil {
		return 0, err
	}
	if len(brands) == 0 {
		// serve and migrate give a database with no brand its default one; only a
		// database neither has run on gets here.
		return 0, fd.InvalidField("brand_id", "no brand exists yet: create one (POST /api/v2/brands or frontdesk brand create)")
	}
	c.id, c.loaded = brands[0].ID, time.Now()
	return c.id, nil
}

func (c *brandCache) forget() {
	c.mu.Lock()
	c.id = 0
	c.mu.Unlock()
}

// languageOf picks the language a new ticket's text is stemmed with: detected from the
// text, else the requester's locale. It reads outside the writer.
func (s *Service) languageOf(ctx context.Context, subject, body string, in NewTicket) string {
	if l := search.Detect(subject + "\n" + body); l != "" {
		return l
	}
	var u *fd.User
	switch {
	case in.RequesterID != 0:
		u, _ = s.db.Read().User(ctx, in.RequesterID)
	case in.Requester != nil:
		if u, _ = s.db.Read().UserByIdentity(ctx, fd.IdentityEmail, in.Requester.Email); u == nil {
			return search.Lang(in.Requester.Locale)
		}
	}
	if u == nil {
		return ""
	}
	return search.Lang(u.Locale)
}
