-- +goose Up
-- The ticket index merges its segments a little with every write (IndexTicketTexts),
-- not in FTS5's automatic bursts: after every 64 leaf pages written, automerge merged
-- 64 pages per level at once, a 20-45 ms stall for every ticket waiting on the writer.
INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('automerge', 0);

-- +goose Down
INSERT INTO ticket_fts (ticket_fts, rank) VALUES ('automerge', 4);
