package store

import (
	"context"
	"strings"
)

// FirstPublicComments returns, for each of the tickets, the text of its first public
// comment: what a requester sees as the description. Tickets without a public comment
// are absent.
func (c *Conn) FirstPublicComments(ctx context.Context, ticketIDs []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ticketIDs))
	if len(ticketIDs) == 0 {
		return out, nil
	}
	rows, err := c.query(ctx, `SELECT ticket_id, body FROM comments WHERE id IN
		(SELECT min(id) FROM comments WHERE ticket_id IN (`+placeholders(len(ticketIDs))+`) AND public GROUP BY ticket_id)`,
		anys(ticketIDs)...)
	type first struct {
		ticketID int64
		body     string
	}
	list, err := collect(rows, err, func(s scanner) (f first, err error) { return f, s.Scan(&f.ticketID, &f.body) })
	for _, f := range list {
		out[f.ticketID] = f.body
	}
	return out, err
}

// SearchPublicText returns the tickets matching f whose subject or one public comment
// holds every word of the query (in any inflection), best first. It is the requester's
// search: internal notes are not searched, so their words can't be found through it.
// The search starts from the tickets f selects (a requester's own, few) and probes the
// index for their comments, rather than ranking every match of the whole help desk.
func (c *Conn) SearchPublicText(ctx context.Context, words []string, f TicketFilter, limit, offset int) ([]TicketHit, error) {
	if len(words) == 0 {
		return nil, nil
	}
	where, args := f.where()
	scope := "SELECT id FROM tickets"
	if len(where) > 0 {
		scope += " WHERE " + strings.Join(where, " AND ")
	}
	if c.pg {
		tq := pgTicketQuery("plainto_tsquery", strings.Join(words, " "))
		q := `WITH q AS (SELECT ` + tq.pg + ` AS q)
			SELECT ticket_id, comment_id, r FROM (
				SELECT DISTINCT ON (c.ticket_id) c.ticket_id, c.id AS comment_id, ts_rank(s.tsv, q.q) AS r
				FROM comments c JOIN ticket_search s ON s.comment_id = c.id, q
				WHERE c.ticket_id IN (` + scope + `) AND c.public AND s.tsv @@ q.q
				ORDER BY c.ticket_id, r DESC) best
			ORDER BY r DESC, ticket_id DESC LIMIT ? OFFSET ?`
		return c.ticketHits(ctx, q, append(append(tq.args, args...), limit, offset)...)
	}
	match := ftsQuery(words)
	if match == "" {
		return nil, nil
	}
	// CROSS JOIN keeps SQLite's join order: the selected tickets' public comments first,
	// then one index probe (MATCH with rowid =) per comment.
	q := `WITH v AS MATERIALIZED (` + scope + `),
		m AS MATERIALIZED (SELECT c.ticket_id, c.id AS comment_id, -f.rank AS r
			FROM v CROSS JOIN comments c CROSS JOIN ticket_fts f
			WHERE c.ticket_id = v.id AND c.public AND f.rowid = c.id AND ticket_fts MATCH ?)
		SELECT ticket_id, comment_id, max(r) AS r FROM m GROUP BY ticket_id ORDER BY r DESC, ticket_id DESC LIMIT ? OFFSET ?`
	return c.ticketHits(ctx, q, append(args, match, limit, offset)...)
}
