-- +goose Up
-- What end-users see of custom fields (Zendesk's *_in_portal flags). A field is
-- agent-only until an admin makes it visible, so existing fields stay hidden from
-- end-users; an empty title_in_portal means the field's title.
ALTER TABLE ticket_fields ADD COLUMN visible_in_portal BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE ticket_fields ADD COLUMN editable_in_portal BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE ticket_fields ADD COLUMN required_in_portal BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE ticket_fields ADD COLUMN title_in_portal TEXT NOT NULL DEFAULT '';
ALTER TABLE ticket_fields ADD COLUMN agent_description TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE ticket_fields DROP COLUMN agent_description;
ALTER TABLE ticket_fields DROP COLUMN title_in_portal;
ALTER TABLE ticket_fields DROP COLUMN required_in_portal;
ALTER TABLE ticket_fields DROP COLUMN editable_in_portal;
ALTER TABLE ticket_fields DROP COLUMN visible_in_portal;
