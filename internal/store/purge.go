package store

import "context"

// TicketsLinkedTo returns the ids of the tickets that point at ticket id: incidents of a
// problem, follow-ups of a closed ticket.
func (c *Conn) TicketsLinkedTo(ctx context.Context, id int64) ([]int64, error) {
	return c.ids(ctx, "SELECT id FROM tickets WHERE problem_id = ? UNION SELECT id FROM tickets WHERE followup_source_id = ? ORDER BY 1", id, id)
}

// PurgeTicket deletes a ticket and everything of it for good. Its comments, attachments,
// audits, metrics, tags, people, deletion record and idempotency keys go by ON DELETE
// CASCADE (PostgreSQL's search rows too); SQLite's search index has no foreign keys, and
// the outbox keeps no reference, so their rows are deleted here: a message not yet sent
// about an erased ticket must not go out. Links to it must be cleared first.
func (c *Conn) PurgeTicket(ctx context.Context, id int64) error {
	if !c.pg {
		if _, err := c.exec(ctx, "DELETE FROM ticket_fts WHERE rowid IN (SELECT id FROM comments WHERE ticket_id = ?)", id); err != nil {
			return err
		}
	}
	if _, err := c.exec(ctx, "DELETE FROM outbox WHERE ticket_id = ?", id); err != nil {
		return err
	}
	_, err := c.exec(ctx, "DELETE FROM tickets WHERE id = ?", id)
	return err
}
