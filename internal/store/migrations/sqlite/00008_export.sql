-- +goose Up
-- The ticket events export sideloads the comment each audit added (include=comment_events):
-- one lookup by audit for a page of audits. Tickets, users, organizations and audits are
-- exported along their (updated_at, id) / (created_at, id) indexes of 00001, which
-- include soft-deleted tickets.
CREATE INDEX comments_audit ON comments(audit_id);

-- +goose Down
DROP INDEX comments_audit;
