package store

import (
	"context"
	"slices"
	"strings"

	"github.com/frontdesk/frontdesk/internal/search"
)

// TicketText is one row of the ticket search index: a comment's text, plus the ticket's
// subject on the ticket's first comment.
type TicketText struct {
	CommentID int64
	TicketID  int64
	Language  string
	Subject   string
	Body      string
	// Replace says the comment may already be indexed (a subject change re-indexes the
	// first comment); new comments skip the lookup.
	Replace bool
	// The stemmed text SQLite indexes, filled by Analyze.
	analyzed                bool
	subjectStems, bodyStems string
}

// Analyze does the text work of indexing (stemming, on SQLite) ahead of the write
// transaction, so the single writer does not pay for it. Rows not analyzed beforehand
// are analyzed when written.
func (db *DB) Analyze(t *TicketText) {
	if !db.pg {
		db.Read().analyze(t)
	}
}

func (c *Conn) analyze(t *TicketText) {
	if !t.analyzed {
		t.subjectStems, t.bodyStems = c.stems.StemText(t.Language, t.Subject), c.stems.StemText(t.Language, t.Body)
		t.analyzed = true
	}
}

// IndexTicketTexts writes index rows, replacing any row of the same comment. Group
// commit calls it once per batch: SQLite's FTS5 flushes its pending index at every
// savepoint, so rows written per change would double the writer's cost.
func (c *Conn) IndexTicketTexts(ctx context.Context, texts []TicketText) error {
	for _, t := range texts {
		var err error
		if c.pg {
			cfg := search.PGConfig(t.Language)
			_, err = c.exec(ctx, `INSERT INTO ticket_search (comment_id, ticket_id, tsv)
				VALUES (?, ?, setweight(to_tsvector(?::regconfig, ?), 'A') || to_tsvector(?::regconfig, ?))
				ON CONFLICT (comment_id) DO UPDATE SET tsv = excluded.tsv`,
				t.CommentID, t.TicketID, cfg, t.Subject, cfg, t.Body)
		} else {
			if t.Replace {
				if _, err = c.exec(ctx, "DELETE FROM ticket_fts WHERE rowid = ?", t.CommentID); err != nil {
					return err
				}
			}
			c.analyze(&t)
			_, err = c.exec(ctx, "INSERT INTO ticket_fts (rowid, subject, body) VALUES (?, ?, ?)",
				t.CommentID, t.subjectStems, t.bodyStems)
		}
		if err != nil {
			return err
		}
	}
	if c.pg || len(texts) == 0 {
		return nil
	}
	// The index's automatic merging is off (migration 00015): it came in bursts of
	// hundreds of pages. Each write merges a bounded share instead: a page per row
	// written, at least 8, about six times the merging a stream of creates needs (one
	// batch in twelve found any to do at two pages a row). The merge stops early when
	// no level holds four segments.
	_, err := c.exec(ctx, "INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('merge', ?)", max(8, len(texts)))
	return err
}

// TicketHit is one ticket found by a full-text query: the best-matching comment and a
// relevance score (higher is better).
type TicketHit struct {
	TicketID  int64
	CommentID int64
	Score     float64
}

// SearchTickets returns the tickets (not deleted) whose subject or one comment holds
// every word of the query, in any inflection of English, Spanish or Russian, best first.
// Relevance is ranked among the newest matches (RankWindow on SQLite, pgSpans on
// PostgreSQL): all matches of all but the commonest words.
func (c *Conn) SearchTickets(ctx context.Context, words []string, limit, offset int) ([]TicketHit, error) {
	if len(words) == 0 {
		return nil, nil
	}
	if c.pg {
		return c.searchTicketsPG(ctx, strings.Join(words, " "), limit, offset)
	}
	arg := ftsQuery(words)
	// bm25 costs microseconds a row, so a word in tens of thousands of comments can't be
	// ranked whole within a query's budget. Relevance is ranked among the newest
	// RankWindow matching comments (found newest-first by rowid, which is cheap): every
	// match for all but the commonest words, the recent ones for those. FTS5 keeps only
	// the best rows while it ranks (ORDER BY rank LIMIT); a ticket can match in several
	// comments, so a few times more rows than tickets are taken.
	const q = `WITH m AS MATERIALIZED (SELECT rowid AS comment_id, -rank AS r FROM ticket_fts
			WHERE ticket_fts MATCH ? AND rowid >= (SELECT coalesce(min(rowid), 0) FROM
				(SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid DESC LIMIT ?))
			ORDER BY rank LIMIT ?)
		SELECT c.ticket_id, m.comment_id, max(m.r) AS r FROM m JOIN comments c ON c.id = m.comment_id
		JOIN tickets t ON t.id = c.ticket_id AND t.deleted_at IS NULL
		GROUP BY c.ticket_id ORDER BY r DESC, c.ticket_id DESC LIMIT ? OFFSET ?`
	return c.ticketHits(ctx, q, arg, arg, RankWindow, 4*(limit+offset)+16, limit, offset)
}

func (c *Conn) ticketHits(ctx context.Context, q string, args ...any) ([]TicketHit, error) {
	rows, err := c.query(ctx, q, args...)
	return collect(rows, err, func(s scanner) (h TicketHit, err error) {
		return h, s.Scan(&h.TicketID, &h.CommentID, &h.Score)
	})
}

// pgSpans are the windows of newest comments PostgreSQL searches, widest last: reading
// every match's heap row to rank it costs ~7 us a match (200 ms for a common word at a
// million tickets), so the newest comments are searched first and the window widens
// only when it holds too few results (rare words are cheap through the GIN index).
var pgSpans = []int64{20_000, 200_000, 1 << 62}

func (c *Conn) searchTicketsPG(ctx context.Context, text string, limit, offset int) ([]TicketHit, error) {
	tq := pgTicketQuery("plainto_tsquery", text)
	q := `WITH q AS (SELECT ` + tq.pg + ` AS q),
		m AS (SELECT s.ticket_id, s.comment_id, ts_rank(s.tsv, q.q) AS r FROM ticket_search s, q
			WHERE s.tsv @@ q.q AND s.comment_id > (SELECT coalesce(max(comment_id), 0) FROM ticket_search) - ?)
		SELECT ticket_id, comment_id, r FROM (
			SELECT DISTINCT ON (m.ticket_id) m.ticket_id, m.comment_id, m.r FROM ` + pgPassing("m", "t.deleted_at IS NULL") + `
			ORDER BY m.ticket_id, m.r DESC) best
		ORDER BY r DESC, ticket_id DESC LIMIT ? OFFSET ?`
	for _, span := range pgSpans {
		hits, err := c.ticketHits(ctx, q, append(slices.Clone(tq.args), span, limit, offset)...)
		if err != nil || len(hits) == limit || span == pgSpans[len(pgSpans)-1] {
			return hits, err
		}
	}
	return nil, nil
}

// RankWindow is how many of the newest matching comments a full-text query ranks by
// relevance.
const RankWindow = 2000

// ftsQuery turns query words into an FTS5 expression over stemmed text: each word
// becomes the OR of its possible stems, and all words must match.
func ftsQuery(words []string) string {
	var groups []string
	for _, stems := range search.QueryTerms(words) {
		alts := make([]string, len(stems))
		for i, s := range stems {
			alts[i] = `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		groups = append(groups, "("+strings.Join(alts, " OR ")+")")
	}
	return strings.Join(groups, " AND ")
}

// SearchUsers returns the ids of users whose name, email or notes hold every word (a
// word matches as a prefix), best first.
func (c *Conn) SearchUsers(ctx context.Context, words []string, limit int) ([]int64, error) {
	return c.searchPeople(ctx, "users", "user_fts", words, limit)
}

// SearchOrganizations returns the ids of organizations whose name, domains or notes hold
// every word (as a prefix), best first.
func (c *Conn) SearchOrganizations(ctx context.Context, words []string, limit int) ([]int64, error) {
	return c.searchPeople(ctx, "organizations", "organization_fts", words, limit)
}

func (c *Conn) searchPeople(ctx context.Context, table, fts string, words []string, limit int) ([]int64, error) {
	var terms []string
	for _, w := range words {
		for _, tok := range search.Tokens(w) {
			terms = append(terms, tok)
		}
	}
	if len(terms) == 0 {
		return nil, nil
	}
	var q string
	var arg string
	if c.pg {
		arg = strings.Join(terms, ":* & ") + ":*"
		q = "SELECT id FROM " + table + " WHERE tsv @@ to_tsquery('simple', ?) ORDER BY ts_rank(tsv, to_tsquery('simple', ?)) DESC, id LIMIT ?"
		return c.ids(ctx, q, arg, arg, limit)
	}
	for i, t := range terms {
		terms[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"*`
	}
	q = "SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ? ORDER BY rank, rowid LIMIT ?"
	return c.ids(ctx, q, strings.Join(terms, " AND "), limit)
}

func (c *Conn) ids(ctx context.Context, q string, args ...any) ([]int64, error) {
	rows, err := c.query(ctx, q, args...)
	return collect(rows, err, func(s scanner) (id int64, err error) { return id, s.Scan(&id) })
}
