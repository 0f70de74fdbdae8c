package store

import "context"

// SetTicketDeleter records who soft-deleted a ticket; an actor of 0 clears the record
// (on restore, or a deletion by the system).
func (c *Conn) SetTicketDeleter(ctx context.Context, ticketID, actorID int64) error {
	if actorID == 0 {
		_, err := c.exec(ctx, "DELETE FROM ticket_deletions WHERE ticket_id = ?", ticketID)
		return err
	}
	_, err := c.exec(ctx, `INSERT INTO ticket_deletions (ticket_id, actor_id) VALUES (?, ?)
		ON CONFLICT (ticket_id) DO UPDATE SET actor_id = excluded.actor_id`, ticketID, actorID)
	return err
}

// TicketDeleters returns who soft-deleted each of these tickets, by ticket id; tickets
// deleted by the system are absent.
func (c *Conn) TicketDeleters(ctx context.Context, ticketIDs []int64) (map[int64]int64, error) {
	out := map[int64]int64{}
	if len(ticketIDs) == 0 {
		return out, nil
	}
	type pair struct{ ticket, actor int64 }
	rows, err := c.query(ctx, "SELECT ticket_id, actor_id FROM ticket_deletions WHERE ticket_id IN ("+placeholders(len(ticketIDs))+")", anys(ticketIDs)...)
	list, err := collect(rows, err, func(s scanner) (p pair, err error) { return p, s.Scan(&p.ticket, &p.actor) })
	for _, p := range list {
		out[p.ticket] = p.actor
	}
	return out, err
}
