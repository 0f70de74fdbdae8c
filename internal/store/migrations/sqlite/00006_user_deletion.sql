-- +goose Up
-- Deleted users stay (their name is on old tickets) with deleted_at set; they lose their
-- identities and can no longer sign in. External ids are looked up without regard to
-- case, as in Zendesk.
ALTER TABLE users ADD COLUMN deleted_at INTEGER;
CREATE INDEX users_external_id_lower ON users(lower(external_id)) WHERE external_id IS NOT NULL;

-- +goose Down
DROP INDEX users_external_id_lower;
ALTER TABLE users DROP COLUMN deleted_at;
