package store

import (
	"context"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// TicketField returns one custom field definition that is not deleted.
func (c *Conn) TicketField(ctx context.Context, id int64) (*fd.TicketField, error) {
	// Fields are few (Zendesk advises at most 400), and this keeps one scan path.
	all, err := c.TicketFields(ctx)
	if err != nil {
		return nil, err
	}
	for _, f := range all {
		if f.ID == id {
			return f, nil
		}
	}
	return nil, fd.ErrNotFound("ticket field", id)
}

// UpdateTicketField stores every column of a field definition.
func (c *Conn) UpdateTicketField(ctx context.Context, f *fd.TicketField) error {
	opts := f.Options
	if opts == nil {
		opts = []fd.FieldOption{}
	}
	_, err := c.exec(ctx, `UPDATE ticket_fields SET type = ?, title = ?, description = ?, position = ?, active = ?,
		required = ?, pattern = ?, tag = ?, options = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
		string(f.Type), f.Title, f.Description, f.Position, f.Active, f.Required, f.Pattern, f.Tag,
		mustJSON(opts), f.UpdatedAt.UnixMicro(), f.ID)
	return err
}

// DeleteTicketField turns a field definition into a tombstone, so its id is never given
// to another field: tickets keep the values they hold under it.
func (c *Conn) DeleteTicketField(ctx context.Context, id int64, at time.Time) error {
	_, err := c.exec(ctx, "UPDATE ticket_fields SET active = ?, deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
		false, at.UnixMicro(), at.UnixMicro(), id)
	return err
}

// NewFieldOptionID hands out an id for a new drop-down option of a field.
func (c *Conn) NewFieldOptionID(ctx context.Context, fieldID int64, at time.Time) (int64, error) {
	return c.insert(ctx, "INSERT INTO ticket_field_options (ticket_field_id, created_at) VALUES (?, ?)", fieldID, at.UnixMicro())
}
