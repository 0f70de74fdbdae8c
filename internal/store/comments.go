package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// InsertAudit stores an audit and sets a.ID.
func (c *Conn) InsertAudit(ctx context.Context, a *fd.Audit) error {
	id, err := c.insert(ctx, `INSERT INTO audits (ticket_id, author_id, via_channel, via_source, events, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, a.TicketID, a.AuthorID, a.Via.Channel, mustJSON(a.Via.Source),
		mustJSON(a.Events), a.CreatedAt.UnixMicro())
	a.ID = id
	return err
}

// InsertComment stores a comment, attaches its uploaded attachments, and sets cm.ID.
func (c *Conn) InsertComment(ctx context.Context, cm *fd.Comment) error {
	id, err := c.insert(ctx, `INSERT INTO comments (ticket_id, audit_id, author_id, public, body, html_body, via_channel, via_source, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, cm.TicketID, cm.AuditID, cm.AuthorID, cm.Public,
		cm.Body, cm.HTMLBody, cm.Via.Channel, mustJSON(cm.Via.Source), cm.CreatedAt.UnixMicro())
	if err != nil {
		return err
	}
	cm.ID = id
	if len(cm.Attachments) == 0 {
		return nil
	}
	// Each upload token attaches every file uploaded under it.
	for _, a := range cm.Attachments {
		res, err := c.exec(ctx, "UPDATE attachments SET comment_id = ? WHERE token = ? AND comment_id IS NULL", id, a.Token)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fd.InvalidField("uploads", "token %q is unknown or already used", a.Token)
		}
	}
	cm.Attachments, err = c.attachments(ctx, "WHERE comment_id = ?", id)
	return err
}

// InsertAttachment stores an uploaded file's record (its bytes are already on disk) and
// sets a.ID.
func (c *Conn) InsertAttachment(ctx context.Context, a *fd.Attachment) error {
	id, err := c.insert(ctx, `INSERT INTO attachments (comment_id, token, uploader_id, file_name, content_type, size, sha256, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, nullID(a.CommentID), a.Token, nullID(a.UploaderID), a.FileName, a.ContentType,
		a.Size, a.SHA256, a.CreatedAt.UnixMicro())
	a.ID = id
	return err
}

// AttachmentsByToken returns the files uploaded under an upload token, oldest first;
// none is not an error.
func (c *Conn) AttachmentsByToken(ctx context.Context, token string) ([]fd.Attachment, error) {
	return c.attachments(ctx, "WHERE token = ?", token)
}

func (c *Conn) attachments(ctx context.Context, where string, args ...any) ([]fd.Attachment, error) {
	rows, err := c.query(ctx, `SELECT id, comment_id, token, uploader_id, file_name, content_type, size, sha256, created_at
		FROM attachments `+where+` ORDER BY id`, args...)
	return collect(rows, err, func(s scanner) (a fd.Attachment, err error) {
		var comment, uploader sql.NullInt64
		var created int64
		err = s.Scan(&a.ID, &comment, &a.Token, &uploader, &a.FileName, &a.ContentType, &a.Size, &a.SHA256, &created)
		a.CommentID, a.UploaderID, a.CreatedAt = comment.Int64, uploader.Int64, time.UnixMicro(created).UTC()
		return a, err
	})
}

// Comments returns a ticket's comments, oldest first, with their attachments.
func (c *Conn) Comments(ctx context.Context, ticketID int64) ([]*fd.Comment, error) {
	rows, err := c.query(ctx, `SELECT id, ticket_id, audit_id, author_id, public, body, html_body, via_channel, via_source, created_at
		FROM comments WHERE ticket_id = ? ORDER BY id`, ticketID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*fd.Comment
	byID := map[int64]*fd.Comment{}
	for rows.Next() {
		var cm fd.Comment
		var viaSrc string
		var created int64
		if err := rows.Scan(&cm.ID, &cm.TicketID, &cm.AuditID, &cm.AuthorID, &cm.Public, &cm.Body,
			&cm.HTMLBody, &cm.Via.Channel, &viaSrc, &created); err != nil {
			return nil, mapErr(err)
		}
		cm.CreatedAt = time.UnixMicro(created).UTC()
		if cm.Via, err = decodeVia(cm.Via.Channel, viaSrc); err != nil {
			return nil, err
		}
		out = append(out, &cm)
		byID[cm.ID] = &cm
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	atts, err := c.attachments(ctx, "WHERE comment_id IN (SELECT id FROM comments WHERE ticket_id = ?)", ticketID)
	for _, a := range atts {
		if cm := byID[a.CommentID]; cm != nil {
			cm.Attachments = append(cm.Attachments, a)
		}
	}
	return out, err
}

// Audits returns a ticket's audits, oldest first.
func (c *Conn) Audits(ctx context.Context, ticketID int64) ([]*fd.Audit, error) {
	rows, err := c.query(ctx, `SELECT id, ticket_id, author_id, via_channel, via_source, events, created_at
		FROM audits WHERE ticket_id = ? ORDER BY id`, ticketID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*fd.Audit
	for rows.Next() {
		var a fd.Audit
		var viaSrc, events string
		var created int64
		if err := rows.Scan(&a.ID, &a.TicketID, &a.AuthorID, &a.Via.Channel, &viaSrc, &events, &created); err != nil {
			return nil, mapErr(err)
		}
		a.CreatedAt = time.UnixMicro(created).UTC()
		if a.Via, err = decodeVia(a.Via.Channel, viaSrc); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(events), &a.Events); err != nil {
			return nil, fmt.Errorf("audit %d events: %w", a.ID, err)
		}
		out = append(out, &a)
	}
	return out, mapErr(rows.Err())
}

const metricColumns = `ticket_id, replies, reopens, assignee_stations, group_stations,
	first_reply_seconds, full_resolution_seconds, agent_wait_seconds, requester_wait_seconds,
	on_hold_seconds, initially_assigned_at, assigned_at, solved_at, latest_comment_added_at,
	requester_updated_at, assignee_updated_at, status_updated_at, created_at, updated_at`

// SaveMetrics inserts or replaces a ticket's metrics.
func (c *Conn) SaveMetrics(ctx context.Context, m *fd.TicketMetrics) error {
	_, err := c.exec(ctx, "INSERT INTO ticket_metrics ("+metricColumns+") VALUES ("+placeholders(19)+`)
		ON CONFLICT (ticket_id) DO UPDATE SET replies = excluded.replies, reopens = excluded.reopens,
		assignee_stations = excluded.assignee_stations, group_stations = excluded.group_stations,
		first_reply_seconds = excluded.first_reply_seconds, full_resolution_seconds = excluded.full_resolution_seconds,
		agent_wait_seconds = excluded.agent_wait_seconds, requester_wait_seconds = excluded.requester_wait_seconds,
		on_hold_seconds = excluded.on_hold_seconds, initially_assigned_at = excluded.initially_assigned_at,
		assigned_at = excluded.assigned_at, solved_at = excluded.solved_at,
		latest_comment_added_at = excluded.latest_comment_added_at, requester_updated_at = excluded.requester_updated_at,
		assignee_updated_at = excluded.assignee_updated_at, status_updated_at = excluded.status_updated_at,
		updated_at = excluded.updated_at`,
		m.TicketID, m.Replies, m.Reopens, m.AssigneeStations, m.GroupStations, m.FirstReplySeconds,
		m.FullResolutionSeconds, m.AgentWaitSeconds, m.RequesterWaitSeconds, m.OnHoldSeconds,
		micros(m.InitiallyAssignedAt), micros(m.AssignedAt), micros(m.SolvedAt),
		micros(m.LatestCommentAddedAt), micros(m.RequesterUpdatedAt), micros(m.AssigneeUpdatedAt),
		m.StatusUpdatedAt.UnixMicro(), m.CreatedAt.UnixMicro(), m.UpdatedAt.UnixMicro())
	return err
}

// Metrics returns a ticket's metrics.
func (c *Conn) Metrics(ctx context.Context, ticketID int64) (*fd.TicketMetrics, error) {
	var m fd.TicketMetrics
	var initially, assigned, solved, latest, requester, assignee sql.NullInt64
	var status, created, updated int64
	err := c.queryRow(ctx, "SELECT "+metricColumns+" FROM ticket_metrics WHERE ticket_id = ?", ticketID).Scan(
		&m.TicketID, &m.Replies, &m.Reopens, &m.AssigneeStations, &m.GroupStations, &m.FirstReplySeconds,
		&m.FullResolutionSeconds, &m.AgentWaitSeconds, &m.RequesterWaitSeconds, &m.OnHoldSeconds,
		&initially, &assigned, &solved, &latest, &requester, &assignee, &status, &created, &updated)
	if err != nil {
		if fd.Is(mapErr(err), fd.NotFound) {
			return nil, fd.ErrNotFound("ticket metrics", ticketID)
		}
		return nil, mapErr(err)
	}
	m.InitiallyAssignedAt, m.AssignedAt, m.SolvedAt = fromMicros(initially), fromMicros(assigned), fromMicros(solved)
	m.LatestCommentAddedAt, m.RequesterUpdatedAt, m.AssigneeUpdatedAt = fromMicros(latest), fromMicros(requester), fromMicros(assignee)
	m.StatusUpdatedAt = time.UnixMicro(status).UTC()
	m.CreatedAt, m.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	return &m, nil
}

// OutboxMessage is a side effect to deliver after a change commits: an email, a webhook
// call, a chat reply. Kind names the worker; Payload is its JSON input.
type OutboxMessage struct {
	ID       int64
	Kind     string
	TicketID int64
	Payload  any
	RunAt    time.Time
}

// InsertOutbox stores an outbox message in the current transaction and sets m.ID.
func (c *Conn) InsertOutbox(ctx context.Context, m *OutboxMessage, now time.Time) error {
	runAt := m.RunAt
	if runAt.IsZero() {
		runAt = now
	}
	id, err := c.insert(ctx, "INSERT INTO outbox (kind, ticket_id, payload, run_at, created_at) VALUES (?, ?, ?, ?, ?)",
		m.Kind, nullID(m.TicketID), mustJSON(m.Payload), runAt.UnixMicro(), now.UnixMicro())
	m.ID = id
	return err
}

// PendingOutbox returns undelivered outbox messages due by now, oldest first.
func (c *Conn) PendingOutbox(ctx context.Context, now time.Time, limit int) ([]OutboxMessage, error) {
	rows, err := c.query(ctx, `SELECT id, kind, ticket_id, payload, run_at FROM outbox
		WHERE done_at IS NULL AND run_at <= ? ORDER BY run_at, id LIMIT ?`, now.UnixMicro(), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []OutboxMessage
	for rows.Next() {
		var m OutboxMessage
		var ticket sql.NullInt64
		var payload string
		var runAt int64
		if err := rows.Scan(&m.ID, &m.Kind, &ticket, &payload, &runAt); err != nil {
			return nil, mapErr(err)
		}
		m.TicketID, m.RunAt, m.Payload = ticket.Int64, time.UnixMicro(runAt).UTC(), json.RawMessage(payload)
		out = append(out, m)
	}
	return out, mapErr(rows.Err())
}

// CommentBodies returns the plain text of comments by id.
func (c *Conn) CommentBodies(ctx context.Context, ids []int64) (map[int64]string, error) {
	type body struct {
		id   int64
		text string
	}
	rows, err := c.query(ctx, "SELECT id, body FROM comments WHERE id IN ("+placeholders(len(ids))+")", anys(ids)...)
	list, err := collect(rows, err, func(s scanner) (b body, err error) { return b, s.Scan(&b.id, &b.text) })
	out := make(map[int64]string, len(list))
	for _, b := range list {
		out[b.id] = b.text
	}
	return out, err
}
