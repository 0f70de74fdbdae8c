-- +goose Up
-- The table's rank is bm25 with the subject weighted 3:1 over the body, so a query can
-- ORDER BY rank LIMIT k and let FTS5 keep only the best k rows.
INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');

-- +goose Down
INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('rank', 'bm25()');
