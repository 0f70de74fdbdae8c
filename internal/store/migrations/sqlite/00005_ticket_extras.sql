-- +goose Up
-- Idempotency-Key on ticket creation: a key, scoped to the user who sent it, names the
-- ticket its first request created. The row is written in the ticket's own transaction,
-- so a crash never keeps one without the other; the primary key stops two concurrent
-- requests with one key from both creating a ticket. Keys count for two hours.
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, idem_key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);

-- Who soft-deleted a ticket, for the deleted-tickets listing: a row per ticket deleted
-- by someone, removed on restore.
CREATE TABLE ticket_deletions (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  actor_id INTEGER NOT NULL REFERENCES users(id)
);

-- Uploads: one token may carry several files (Zendesk's ?token= on further uploads), so
-- the token is no longer unique; an upload not yet attached belongs to its uploader.
-- SQLite cannot drop a constraint, so the table is rebuilt (nothing refers to it).
CREATE TABLE attachments_new (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  token TEXT NOT NULL,
  uploader_id INTEGER REFERENCES users(id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
INSERT INTO attachments_new (id, comment_id, token, file_name, content_type, size, sha256, created_at)
  SELECT id, comment_id, token, file_name, content_type, size, sha256, created_at FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_comment ON attachments(comment_id);
CREATE INDEX attachments_token ON attachments(token);
CREATE INDEX attachments_unattached ON attachments(created_at) WHERE comment_id IS NULL;

-- +goose Down
CREATE TABLE attachments_old (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
-- Files that shared a token get a token each (their id appended) to fit the old schema.
INSERT INTO attachments_old (id, comment_id, token, file_name, content_type, size, sha256, created_at)
  SELECT id, comment_id, token || '-' || id, file_name, content_type, size, sha256, created_at FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_old RENAME TO attachments;
CREATE INDEX attachments_comment ON attachments(comment_id);
DROP TABLE ticket_deletions;
DROP TABLE idempotency_keys;
