package ticket

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// MaxMergeSources is the most tickets merged into one at once.
const MaxMergeSources = 100

// maxQuoted bounds each source's last comment quoted in the target's default comment.
const maxQuoted = 10000

// Merge folds source tickets into a target ticket, as Zendesk's merge does.
type Merge struct {
	TargetID  int64
	SourceIDs []int64
	ActorID   int64
	Via       fd.Via // default: api; its source's rel becomes "merge"
	// TargetComment and SourceComment explain the merge on each side; "" writes
	// Zendesk's default text.
	TargetComment string
	SourceComment string
	// TargetPublic and SourcePublic make the comments public replies; by default they
	// are internal notes, as in Zendesk.
	TargetPublic bool
	SourcePublic bool
}

// Merge closes each source ticket with a comment that says where it went, and adds to
// the target a comment that says what was merged into it (quoting each source's last
// public comment, with the sources' attachments); the sources' requesters and CCs
// become CCs of the target. Closed tickets can't be merged, nor merged into. It all
// happens in one transaction: every ticket changes, or none does. It returns the target.
func (s *Service) Merge(ctx context.Context, m Merge) (*fd.Ticket, error) {
	// Read outside the writer what the comments need; the writer checks it all again.
	target, srcs, err := s.mergeTickets(ctx, m)
	if err != nil {
		return nil, err
	}
	sources := make([]int64, len(srcs))
	for i, src := range srcs {
		sources[i] = src.ID
	}
	quotes, files, err := s.mergedContent(ctx, srcs, m.TargetPublic)
	if err != nil {
		return nil, err
	}
	targetBody, sourceBody := strings.TrimSpace(m.TargetComment), strings.TrimSpace(m.SourceComment)
	if targetBody == "" {
		targetBody = mergedIntoText(srcs, quotes)
	}
	if sourceBody == "" {
		sourceBody = fmt.Sprintf("This request was closed and merged into request #%d \"%s\".", target.ID, target.Subject)
	}
	var p fd.Problems
	tc := prepareComment(NewComment{AuthorID: m.ActorID, Body: targetBody, Private: !m.TargetPublic}, &p, "target_comment")
	scs := make([]*fd.Comment, len(srcs))
	texts := make([]store.TicketText, len(srcs)+1)
	for i, src := range srcs {
		scs[i] = prepareComment(NewComment{AuthorID: m.ActorID, Body: sourceBody, Private: !m.SourcePublic}, &p, "source_comment")
		texts[i] = store.TicketText{Language: src.Language, Body: scs[i].Body}
	}
	if m.ActorID == 0 {
		p.Add("actor", "is required")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	texts[len(srcs)] = store.TicketText{Language: target.Language, Body: tc.Body}
	for i := range texts {
		s.db.Analyze(&texts[i])
	}
	defs, err := s.fields.get(ctx)
	if err != nil {
		return nil, err
	}
	if m.Via.Channel == "" {
		m.Via.Channel = fd.ChannelAPI
	}
	m.Via.Source.Rel = "merge"
	w, err := s.submit(ctx, func(ctx context.Context, tx *store.Tx, w *work) error {
		return s.merge(ctx, tx, w, m, sources, tc, scs, texts, files, defs)
	})
	if err != nil {
		return nil, err
	}
	return w.ticket, nil
}

// CheckMerge reports whether Merge would accept m as the tickets stand now, and changes
// nothing: for callers that answer before the merge runs, as the API does.
func (s *Service) CheckMerge(ctx context.Context, m Merge) error {
	_, _, err := s.mergeTickets(ctx, m)
	return err
}

// mergeTickets checks m and reads its tickets: the target, and each source once, in
// order.
func (s *Service) mergeTickets(ctx context.Context, m Merge) (*fd.Ticket, []*fd.Ticket, error) {
	sources, err := m.sources()
	if err != nil {
		return nil, nil, err
	}
	target, err := s.Get(ctx, m.TargetID)
	if err != nil {
		return nil, nil, err
	}
	srcs := make([]*fd.Ticket, len(sources))
	for i, id := range sources {
		if srcs[i], err = s.Get(ctx, id); err != nil {
			return nil, nil, err
		}
	}
	return target, srcs, mergeable(target, srcs)
}

// sources checks the merge's input and returns its source ids, each once, in order.
func (m *Merge) sources() ([]int64, error) {
	var p fd.Problems
	var ids []int64
	for _, id := range m.SourceIDs {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	switch {
	case len(ids) == 0:
		p.Add("ids", "is required: name the tickets to merge")
	case len(ids) > MaxMergeSources:
		p.Add("ids", "can name at most %d tickets", MaxMergeSources)
	case slices.Contains(ids, m.TargetID):
		p.Add("ids", "can't name the target ticket %d itself", m.TargetID)
	}
	return ids, p.Err()
}

// mergeable checks the merge's rules on the tickets as they stand.
func mergeable(target *fd.Ticket, srcs []*fd.Ticket) error {
	var p fd.Problems
	if target.Status == fd.StatusClosed {
		p.Add("target", "ticket %d is closed; nothing can be merged into a closed ticket", target.ID)
	}
	for _, src := range srcs {
		if src.Status == fd.StatusClosed {
			p.Add("ids", "ticket %d is closed; closed tickets can't be merged", src.ID)
		}
	}
	return p.Err()
}

// mergedContent reads each source's last public comment, quoted by the target's default
// comment, and the sources' attachments, which the target's comment carries over (only
// those of public comments when that comment is public, so no internal file leaks).
func (s *Service) mergedContent(ctx context.Context, srcs []*fd.Ticket, public bool) (quotes []string, files []fd.Attachment, err error) {
	conn := s.db.Read()
	quotes = make([]string, len(srcs))
	for i, src := range srcs {
		comments, err := conn.Comments(ctx, src.ID)
		if err != nil {
			return nil, nil, err
		}
		for _, c := range comments {
			if c.Public {
				quotes[i] = c.Body
			}
			if c.Public || !public {
				files = append(files, c.Attachments...)
			}
		}
	}
	return quotes, files, nil
}

// mergedIntoText is Zendesk's default comment on the target of a merge.
func mergedIntoText(srcs []*fd.Ticket, quotes []string) string {
	parts := make([]string, len(srcs))
	for i, src := range srcs {
		parts[i] = fmt.Sprintf("Request #%d \"%s\" was closed and merged into this request.", src.ID, src.Subject)
		if q := strings.TrimSpace(quotes[i]); q != "" {
			parts[i] += fmt.Sprintf(" Last comment in request #%d:\n\n%s", src.ID, truncate(q, maxQuoted))
		}
	}
	return strings.Join(parts, "\n\n")
}

// merge runs inside the writer's transaction: every ticket is locked and checked again,
// each source closed with its comment, then the target changed.
func (s *Service) merge(ctx context.Context, tx *store.Tx, w *work, m Merge, sources []int64, tc *fd.Comment,
	scs []*fd.Comment, texts []store.TicketText, files []fd.Attachment, defs map[int64]*fd.TicketField) error {
	// Lock in id order, so concurrent merges on PostgreSQL wait for each other rather
	// than deadlock.
	locked := map[int64]*fd.Ticket{}
	for _, id := range sortedIDs(append([]int64{m.TargetID}, sources...)) {
		t, err := tx.TicketForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if !t.DeletedAt.IsZero() {
			return fd.ErrNotFound("ticket", id)
		}
		locked[id] = t
	}
	target := locked[m.TargetID]
	srcs := make([]*fd.Ticket, len(sources))
	for i, id := range sources {
		srcs[i] = locked[id]
	}
	if err := mergeable(target, srcs); err != nil {
		return err
	}
	ccs, collaborators := slices.Clone(target.EmailCCIDs), slices.Clone(target.CollaboratorIDs)
	closed := fd.StatusClosed
	for i, src := range srcs {
		for _, id := range slices.Concat([]int64{src.RequesterID}, src.EmailCCIDs, src.CollaboratorIDs) {
			if id != target.RequesterID {
				ccs, collaborators = append(ccs, id), append(collaborators, id)
			}
		}
		sub := &work{}
		in := Update{TicketID: src.ID, ActorID: m.ActorID, Via: m.Via, Status: &closed, merged: true}
		if err := s.change(ctx, tx, sub, in, scs[i], texts[i], false, defs); err != nil {
			return err
		}
		w.texts = append(w.texts, sub.texts...)
		if sub.event != nil {
			w.more = append(w.more, *sub.event)
		}
	}
	for _, f := range files {
		tok, err := uploadToken()
		if err != nil {
			return err
		}
		cp := fd.Attachment{Token: tok, FileName: f.FileName, ContentType: f.ContentType, Size: f.Size,
			SHA256: f.SHA256, CreatedAt: s.now()}
		if err := tx.InsertAttachment(ctx, &cp); err != nil {
			return err
		}
		tc.Attachments = append(tc.Attachments, fd.Attachment{Token: tok})
	}
	in := Update{TicketID: target.ID, ActorID: m.ActorID, Via: m.Via, EmailCCIDs: &ccs, CollaboratorIDs: &collaborators}
	return s.change(ctx, tx, w, in, tc, texts[len(srcs)], false, defs)
}

// uploadToken makes a new attachment token, as Upload does.
func uploadToken() (string, error) {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
