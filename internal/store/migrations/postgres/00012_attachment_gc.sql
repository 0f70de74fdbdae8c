-- +goose Up
-- Attachment bytes are stored once per content hash and shared by every attachment row
-- of that content. When a row goes (an expired or deleted upload; a comment or ticket
-- deleted for good), its hash is queued here, by trigger so that no way of deleting a
-- row is missed; the file collector (internal/ticket) removes the file once no row
-- refers to the hash. check_at postpones a hash whose file was written recently.
CREATE TABLE attachment_gc (
  sha256 TEXT PRIMARY KEY,
  check_at BIGINT NOT NULL DEFAULT 0
);
-- The collector asks whether any row still refers to a hash.
CREATE INDEX attachments_sha256 ON attachments(sha256);
-- One statement may purge many uploads: the trigger queues their hashes at once.
-- +goose StatementBegin
CREATE FUNCTION attachments_gc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- DO UPDATE, not DO NOTHING: a collector holding the hash's row, about to drop it
  -- because a row referred to it, makes this wait and then insert anew; DO NOTHING
  -- would see the row still there and queue nothing, leaving the file forever.
  INSERT INTO attachment_gc (sha256) SELECT DISTINCT sha256 FROM gone
    ON CONFLICT (sha256) DO UPDATE SET check_at = 0;
  RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER attachments_gc AFTER DELETE ON attachments REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION attachments_gc();

-- +goose Down
DROP TRIGGER attachments_gc ON attachments;
DROP FUNCTION attachments_gc();
DROP INDEX attachments_sha256;
DROP TABLE attachment_gc;
