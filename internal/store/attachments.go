package store

import (
	"context"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// Attachment returns one attachment, attached or only uploaded.
func (c *Conn) Attachment(ctx context.Context, id int64) (*fd.Attachment, error) {
	rows, err := c.attachments(ctx, "WHERE id = ?", id)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fd.ErrNotFound("attachment", id)
	}
	return &rows[0], nil
}

// DeleteUpload removes the files uploaded by a user under a token that no comment has
// attached yet, and returns how many there were. Their content hashes are queued for
// the file collector (by the attachments_gc trigger): other attachments may share the
// bytes.
func (c *Conn) DeleteUpload(ctx context.Context, token string, uploaderID int64) (int64, error) {
	res, err := c.exec(ctx, "DELETE FROM attachments WHERE token = ? AND uploader_id = ? AND comment_id IS NULL", token, uploaderID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// PurgeUploads removes the uploads made before a time that no comment attached; their
// content hashes are queued for the file collector as DeleteUpload's are.
func (c *Conn) PurgeUploads(ctx context.Context, before time.Time) error {
	_, err := c.exec(ctx, "DELETE FROM attachments WHERE comment_id IS NULL AND created_at < ?", before.UnixMicro())
	return err
}

// FileChecksDue returns up to limit content hashes queued for the file collector whose
// check is due at now, in hash order after the hash given (for paging).
func (c *Conn) FileChecksDue(ctx context.Context, now time.Time, after string, limit int) ([]string, error) {
	rows, err := c.query(ctx, "SELECT sha256 FROM attachment_gc WHERE check_at <= ? AND sha256 > ? ORDER BY sha256 LIMIT ?",
		now.UnixMicro(), after, limit)
	return collect(rows, err, func(s scanner) (sum string, err error) { return sum, s.Scan(&sum) })
}

// ClaimFileCheck takes a queued content hash for the rest of the transaction and
// reports whether it is still queued and due. On PostgreSQL the row stays locked, so
// the collectors of several nodes never handle one file at once; one held by another
// node is reported as not due.
func (tx *Tx) ClaimFileCheck(ctx context.Context, sum string, now time.Time) (bool, error) {
	q := "SELECT 1 FROM attachment_gc WHERE sha256 = ? AND check_at <= ?"
	if tx.pg {
		q += " FOR UPDATE SKIP LOCKED"
	}
	var one int
	err := mapErr(tx.queryRow(ctx, q, sum, now.UnixMicro()).Scan(&one))
	if fd.Is(err, fd.NotFound) {
		return false, nil
	}
	return err == nil, err
}

// ContentReferenced reports whether any attachment row, attached or only uploaded,
// refers to the content hash.
func (c *Conn) ContentReferenced(ctx context.Context, sum string) (bool, error) {
	var found bool
	err := c.queryRow(ctx, "SELECT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?)", sum).Scan(&found)
	return found, mapErr(err)
}

// ScheduleFileCheck queues a content hash for the file collector, due at a time; a hash
// already queued moves to that time.
func (c *Conn) ScheduleFileCheck(ctx context.Context, sum string, at time.Time) error {
	_, err := c.exec(ctx, `INSERT INTO attachment_gc (sha256, check_at) VALUES (?, ?)
		ON CONFLICT (sha256) DO UPDATE SET check_at = excluded.check_at`, sum, at.UnixMicro())
	return err
}

// DropFileCheck takes a content hash off the file collector's queue.
func (c *Conn) DropFileCheck(ctx context.Context, sum string) error {
	_, err := c.exec(ctx, "DELETE FROM attachment_gc WHERE sha256 = ?", sum)
	return err
}

// Comment returns one comment, without its attachments.
func (c *Conn) Comment(ctx context.Context, id int64) (*fd.Comment, error) {
	var cm fd.Comment
	var viaSrc string
	var created int64
	err := c.queryRow(ctx, `SELECT id, ticket_id, audit_id, author_id, public, body, html_body, via_channel, via_source, created_at
		FROM comments WHERE id = ?`, id).Scan(&cm.ID, &cm.TicketID, &cm.AuditID, &cm.AuthorID, &cm.Public, &cm.Body,
		&cm.HTMLBody, &cm.Via.Channel, &viaSrc, &created)
	if err != nil {
		if err = mapErr(err); fd.Is(err, fd.NotFound) {
			return nil, fd.ErrNotFound("comment", id)
		}
		return nil, err
	}
	cm.CreatedAt = time.UnixMicro(created).UTC()
	cm.Via, err = decodeVia(cm.Via.Channel, viaSrc)
	return &cm, err
}

// SetCommentPublic makes a comment public or an internal note.
func (c *Conn) SetCommentPublic(ctx context.Context, id int64, public bool) error {
	_, err := c.exec(ctx, "UPDATE comments SET public = ? WHERE id = ?", public, id)
	return err
}

// HasPublicComment reports whether any of a ticket's comments is public: what its
// is_public becomes after one of them is made private.
func (c *Conn) HasPublicComment(ctx context.Context, ticketID int64) (bool, error) {
	ids, err := c.ids(ctx, "SELECT id FROM comments WHERE ticket_id = ? AND public LIMIT 1", ticketID)
	return len(ids) > 0, err
}
