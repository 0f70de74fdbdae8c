-- +goose Up
ALTER TABLE users ADD COLUMN ticket_restriction TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE users DROP COLUMN ticket_restriction;
