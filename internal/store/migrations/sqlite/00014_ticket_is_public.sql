-- +goose Up
-- Zendesk's is_public: whether any of a ticket's comments is public. The ticket service
-- keeps it with each comment and make_private, so listings read it from the row instead
-- of probing comments per ticket. Most tickets have a public comment, so existing ones
-- start public and only those without any are set back.
ALTER TABLE tickets ADD COLUMN is_public INTEGER NOT NULL DEFAULT 1;
UPDATE tickets SET is_public = 0
WHERE NOT EXISTS (SELECT 1 FROM comments c WHERE c.ticket_id = tickets.id AND c.public);

-- +goose Down
ALTER TABLE tickets DROP COLUMN is_public;
