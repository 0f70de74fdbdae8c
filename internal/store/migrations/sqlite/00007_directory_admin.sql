-- +goose Up
-- Organizations, groups, brands and ticket fields are deleted by tombstone: tickets keep
-- pointing at them (history, audits), and a tombstone keeps its id from being handed to
-- a new record, which SQLite would otherwise do for the highest id.
ALTER TABLE organizations ADD COLUMN deleted_at INTEGER;
ALTER TABLE groups ADD COLUMN deleted_at INTEGER;
ALTER TABLE brands ADD COLUMN deleted_at INTEGER;
ALTER TABLE ticket_fields ADD COLUMN deleted_at INTEGER;

-- Every drop-down option id ever handed out, with its field: options live in the
-- field's JSON, and this table gives them ids unique across fields that never repeat.
CREATE TABLE ticket_field_options (
  id INTEGER PRIMARY KEY,
  ticket_field_id INTEGER NOT NULL REFERENCES ticket_fields(id),
  created_at INTEGER NOT NULL
);

-- External ids of organizations match case-insensitively, as in Zendesk.
CREATE INDEX organizations_external_id_lower ON organizations(lower(external_id)) WHERE external_id IS NOT NULL;
-- Deleting a group moves its members' default group.
CREATE INDEX users_default_group ON users(default_group_id) WHERE default_group_id IS NOT NULL;

-- A deleted organization leaves the search index.
DROP TRIGGER organizations_fts_update;
-- +goose StatementBegin
CREATE TRIGGER organizations_fts_update AFTER UPDATE OF name, domain_names, notes, deleted_at ON organizations BEGIN
  DELETE FROM organization_fts WHERE rowid = old.id;
  INSERT INTO organization_fts (rowid, name, domains, notes)
    SELECT new.id, new.name, new.domain_names, new.notes WHERE new.deleted_at IS NULL;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER organizations_fts_update;
-- +goose StatementBegin
CREATE TRIGGER organizations_fts_update AFTER UPDATE OF name, domain_names, notes ON organizations BEGIN
  DELETE FROM organization_fts WHERE rowid = old.id;
  INSERT INTO organization_fts (rowid, name, domains, notes) VALUES (new.id, new.name, new.domain_names, new.notes);
END;
-- +goose StatementEnd
DROP INDEX users_default_group;
DROP INDEX organizations_external_id_lower;
DROP TABLE ticket_field_options;
ALTER TABLE ticket_fields DROP COLUMN deleted_at;
ALTER TABLE brands DROP COLUMN deleted_at;
ALTER TABLE groups DROP COLUMN deleted_at;
ALTER TABLE organizations DROP COLUMN deleted_at;
