package store

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// ExportQuery selects the next rows of an incremental export, in the order of their
// stamp (updated_at for tickets, users and organizations; created_at for audits) and
// then id: the rows after the position After, stamped before Before, at most Limit of
// them (0: all). Each query is one index range scan on (stamp, id), so every page
// costs the same however far into the export it is. What Before must be for the
// export to be exact is the caller's business (see internal/api/export.go).
type ExportQuery struct {
	// After is the position the page starts after: the stamp (Unix µs) and id of the
	// last row already exported. Cursor{Key: t} starts at the rows stamped t or later,
	// since ids are positive.
	After Cursor
	// Before is the exclusive upper bound on the stamp, Unix µs.
	Before int64
	Limit  int
	// ExcludeDeleted leaves out soft-deleted tickets (tickets only).
	ExcludeDeleted bool
}

// where is the page's range condition on a table's stamp column, and its arguments.
// Row values make the (stamp, id) > (key, id) bound an index range on both dialects.
func (q ExportQuery) where(stamp string) (string, []any) {
	return fmt.Sprintf("(%[1]s, id) > (?, ?) AND %[1]s < ?", stamp), []any{q.After.Key, q.After.ID, q.Before}
}

// tail orders the page and limits it; the limit is a parameter so every page size
// shares one prepared statement.
func (q ExportQuery) tail(stamp string, args []any) (string, []any) {
	limit := int64(q.Limit)
	if limit <= 0 {
		limit = math.MaxInt64
	}
	return " ORDER BY " + stamp + ", id LIMIT ?", append(args, limit)
}

// ExportedTicket is a ticket as the ticket export reads it. Its Via.Source is left
// empty: ViaSource holds it as the JSON encoding/json writes for it, for the export to
// copy into its answer rather than decode it only to encode it again.
type ExportedTicket struct {
	fd.Ticket
	ViaSource string
}

// ExportTickets calls each with the tickets of an export page, in order, soft-deleted
// ones included (DeletedAt set) unless q excludes them, and stops at the first error
// each returns. Tags and people come from the ticket row itself, so a page is one
// query, whatever its size.
func (c *Conn) ExportTickets(ctx context.Context, q ExportQuery, each func(*ExportedTicket) error) error {
	where, args := q.where("updated_at")
	if q.ExcludeDeleted {
		where += " AND deleted_at IS NULL"
	}
	tail, args := q.tail("updated_at", args)
	rows, err := c.query(ctx, "SELECT "+ticketSelect+" FROM tickets WHERE "+where+tail, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		tk, src, err := scanTicketRow(rows)
		if err != nil {
			return err
		}
		t := &ExportedTicket{Ticket: *tk}
		if t.ViaSource, err = c.viaSourceJSON(src); err != nil {
			return fmt.Errorf("ticket %d via: %w", t.ID, err)
		}
		if err := each(t); err != nil {
			return err
		}
	}
	return mapErr(rows.Err())
}

// viaSourceJSON returns a stored via source as encoding/json writes it. SQLite keeps
// the text mustJSON wrote, which is that already; PostgreSQL's jsonb orders keys its
// own way and spaces them, so it is decoded and encoded again.
func (c *Conn) viaSourceJSON(stored string) (string, error) {
	if !c.pg || stored == "{}" {
		return stored, nil
	}
	v, err := decodeVia("", stored)
	if err != nil {
		return "", err
	}
	return mustJSON(v.Source), nil
}

// ExportUsers returns the users of an export page.
func (c *Conn) ExportUsers(ctx context.Context, q ExportQuery) ([]*fd.User, error) {
	where, args := q.where("updated_at")
	tail, args := q.tail("updated_at", args)
	rows, err := c.query(ctx, "SELECT "+userColumns+" FROM users WHERE "+where+tail, args...)
	return collect(rows, err, scanUser)
}

// ExportOrganizations returns the organizations of an export page.
func (c *Conn) ExportOrganizations(ctx context.Context, q ExportQuery) ([]*fd.Organization, error) {
	where, args := q.where("updated_at")
	tail, args := q.tail("updated_at", args)
	rows, err := c.query(ctx, "SELECT "+orgColumns+" FROM organizations WHERE "+where+tail, args...)
	return collect(rows, err, scanOrg)
}

// ExportAudits returns the audits of an export page, by created_at: an audit never
// changes once written, so each appears in the export once.
func (c *Conn) ExportAudits(ctx context.Context, q ExportQuery) ([]*fd.Audit, error) {
	where, args := q.where("created_at")
	tail, args := q.tail("created_at", args)
	rows, err := c.query(ctx, `SELECT id, ticket_id, author_id, via_channel, via_source, events, created_at
		FROM audits WHERE `+where+tail, args...)
	return collect(rows, err, func(s scanner) (*fd.Audit, error) {
		var a fd.Audit
		var viaSrc, events string
		var created int64
		if err := s.Scan(&a.ID, &a.TicketID, &a.AuthorID, &a.Via.Channel, &viaSrc, &events, &created); err != nil {
			return nil, err
		}
		a.CreatedAt = time.UnixMicro(created).UTC()
		var err error
		if a.Via, err = decodeVia(a.Via.Channel, viaSrc); err != nil {
			return nil, fmt.Errorf("audit %d via: %w", a.ID, err)
		}
		if err := json.Unmarshal([]byte(events), &a.Events); err != nil {
			return nil, fmt.Errorf("audit %d events: %w", a.ID, err)
		}
		return &a, nil
	})
}

// CommentsOfAudits returns the comments the audits added, keyed by audit id, with their
// attachments: two queries for any number of audits.
func (c *Conn) CommentsOfAudits(ctx context.Context, auditIDs []int64) (map[int64]*fd.Comment, error) {
	out := map[int64]*fd.Comment{}
	if len(auditIDs) == 0 {
		return out, nil
	}
	in := placeholders(len(auditIDs))
	rows, err := c.query(ctx, `SELECT id, ticket_id, audit_id, author_id, public, body, html_body, via_channel, via_source, created_at
		FROM comments WHERE audit_id IN (`+in+`)`, anys(auditIDs)...)
	list, err := collect(rows, err, func(s scanner) (*fd.Comment, error) {
		var cm fd.Comment
		var viaSrc string
		var created int64
		if err := s.Scan(&cm.ID, &cm.TicketID, &cm.AuditID, &cm.AuthorID, &cm.Public, &cm.Body,
			&cm.HTMLBody, &cm.Via.Channel, &viaSrc, &created); err != nil {
			return nil, err
		}
		cm.CreatedAt = time.UnixMicro(created).UTC()
		var err error
		cm.Via, err = decodeVia(cm.Via.Channel, viaSrc)
		return &cm, err
	})
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*fd.Comment, len(list))
	for _, cm := range list {
		out[cm.AuditID] = cm
		byID[cm.ID] = cm
	}
	atts, err := c.attachments(ctx, "WHERE comment_id IN (SELECT id FROM comments WHERE audit_id IN ("+in+"))", anys(auditIDs)...)
	for _, a := range atts {
		if cm := byID[a.CommentID]; cm != nil {
			cm.Attachments = append(cm.Attachments, a)
		}
	}
	return out, err
}
