package ticket

import (
	"context"
	"strings"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/search"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Get returns a ticket that is not deleted.
func (s *Service) Get(ctx context.Context, id int64) (*fd.Ticket, error) {
	t, err := s.db.Read().Ticket(ctx, id)
	if err == nil && !t.DeletedAt.IsZero() {
		return nil, fd.ErrNotFound("ticket", id)
	}
	return t, err
}

// List returns a page of tickets and the cursor of the next page (nil on the last).
func (s *Service) List(ctx context.Context, f store.TicketFilter) ([]*fd.Ticket, *store.Cursor, error) {
	return s.db.Read().ListTickets(ctx, f)
}

// Comments returns a ticket's comments, oldest first.
func (s *Service) Comments(ctx context.Context, id int64) ([]*fd.Comment, error) {
	return s.db.Read().Comments(ctx, id)
}

// Audits returns a ticket's audits, oldest first.
func (s *Service) Audits(ctx context.Context, id int64) ([]*fd.Audit, error) {
	return s.db.Read().Audits(ctx, id)
}

// Metrics returns a ticket's metrics.
func (s *Service) Metrics(ctx context.Context, id int64) (*fd.TicketMetrics, error) {
	return s.db.Read().Metrics(ctx, id)
}

// Hit is one search result: the ticket, a relevance score, and a snippet of the best
// matching text with the matched words in <em>, safe to put into HTML.
type Hit struct {
	Ticket  *fd.Ticket
	Score   float64
	Snippet string
}

// SnippetLength is the length of a search snippet, in characters.
const SnippetLength = 160

// Search finds tickets whose subject or a comment holds every word of text, in any
// inflection (English, Spanish, Russian), best match first.
func (s *Service) Search(ctx context.Context, text string, limit, offset int) ([]Hit, error) {
	words := strings.Fields(text)
	conn := s.db.Read()
	found, err := conn.SearchTickets(ctx, words, limit, offset)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	stems := map[string]bool{}
	for _, alts := range search.QueryTerms(words) {
		for _, st := range alts {
			stems[st] = true
		}
	}
	ticketIDs, commentIDs := make([]int64, len(found)), make([]int64, len(found))
	for i, f := range found {
		ticketIDs[i], commentIDs[i] = f.TicketID, f.CommentID
	}
	tickets, err := conn.TicketsByIDs(ctx, ticketIDs)
	if err != nil {
		return nil, err
	}
	bodies, err := conn.CommentBodies(ctx, commentIDs)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(found))
	for _, f := range found {
		t := tickets[f.TicketID]
		if t == nil {
			continue // deleted since the index was read
		}
		snippet := search.Snippet(bodies[f.CommentID], stems, SnippetLength)
		if subject := search.Snippet(t.Subject, stems, SnippetLength); !strings.Contains(snippet, "<em>") && strings.Contains(subject, "<em>") {
			snippet = subject // the match was in the subject alone
		}
		hits = append(hits, Hit{Ticket: t, Score: f.Score, Snippet: snippet})
	}
	return hits, nil
}
