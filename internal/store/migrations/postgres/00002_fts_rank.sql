-- +goose Up
-- Keeps the migration numbers of both dialects in step; SQLite's 00002 configures FTS5
-- ranking, which PostgreSQL does per query.
SELECT 1;

-- +goose Down
SELECT 1;
