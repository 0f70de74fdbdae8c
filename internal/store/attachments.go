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
// attached yet, and returns how many there were. Their bytes stay: other attachments
// may share them by content hash.
func (c *Conn) DeleteUpload(ctx context.Context, token string, uploaderID int64) (int64, error) {
	res, err := c.exec(ctx, "DELETE FROM attachments WHERE token = ? AND uploader_id = ? AND comment_id IS NULL", token, uploaderID)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// PurgeUploads removes the uploads made before a time that no comment attached.
func (c *Conn) PurgeUploads(ctx context.Context, before time.Time) error {
	_, err := c.exec(ctx, "DELETE FROM attachments WHERE comment_id IS NULL AND created_at < ?", before.UnixMicro())
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
