-- +goose Up
-- Idempotency-Key on ticket creation: a key, scoped to the user who sent it, names the
-- ticket its first request created. The row is written in the ticket's own transaction,
-- so a crash never keeps one without the other; the primary key stops two concurrent
-- requests with one key from both creating a ticket. Keys count for two hours.
CREATE TABLE idempotency_keys (
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);

-- Who soft-deleted a ticket, for the deleted-tickets listing: a row per ticket deleted
-- by someone, removed on restore.
CREATE TABLE ticket_deletions (
  ticket_id BIGINT PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  actor_id BIGINT NOT NULL REFERENCES users(id)
);

-- Uploads: one token may carry several files (Zendesk's ?token= on further uploads), so
-- the token is no longer unique; an upload not yet attached belongs to its uploader.
ALTER TABLE attachments DROP CONSTRAINT attachments_token_key;
ALTER TABLE attachments ADD COLUMN uploader_id BIGINT REFERENCES users(id);
CREATE INDEX attachments_token ON attachments(token);
CREATE INDEX attachments_unattached ON attachments(created_at) WHERE comment_id IS NULL;

-- +goose Down
DROP INDEX attachments_unattached;
DROP INDEX attachments_token;
ALTER TABLE attachments DROP COLUMN uploader_id;
-- Files that shared a token get a token each (their id appended) to fit the old schema.
UPDATE attachments SET token = token || '-' || id
  WHERE token IN (SELECT token FROM attachments GROUP BY token HAVING count(*) > 1);
ALTER TABLE attachments ADD CONSTRAINT attachments_token_key UNIQUE (token);
DROP TABLE ticket_deletions;
DROP TABLE idempotency_keys;
