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

// fieldColumns are the columns of a field definition that inserts and updates write,
// in the order of fieldValues.
const fieldColumns = `type, title, description, agent_description, position, active, required, visible_in_portal,
	editable_in_portal, required_in_portal, title_in_portal, pattern, tag, options, updated_at`

func fieldValues(f *fd.TicketField) []any {
	opts := f.Options
	if opts == nil {
		opts = []fd.FieldOption{}
	}
	return []any{string(f.Type), f.Title, f.Description, f.AgentDescription, f.Position, f.Active, f.Required,
		f.VisibleInPortal, f.EditableInPortal, f.RequiredInPortal, f.TitleInPortal, f.Pattern, f.Tag,
		mustJSON(opts), f.UpdatedAt.UnixMicro()}
}

// UpdateTicketField stores every column of a field definition.
func (c *Conn) UpdateTicketField(ctx context.Context, f *fd.TicketField) error {
	set := setList(fieldColumns)
	_, err := c.exec(ctx, "UPDATE ticket_fields SET "+set+" WHERE id = ? AND deleted_at IS NULL", append(fieldValues(f), f.ID)...)
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
