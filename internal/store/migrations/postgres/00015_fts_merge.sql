-- +goose Up
-- Keeps the migration numbers of both dialects in step; SQLite's 00015 configures how
-- FTS5 merges its index, which PostgreSQL's GIN index does not need.
SELECT 1;

-- +goose Down
SELECT 1;
