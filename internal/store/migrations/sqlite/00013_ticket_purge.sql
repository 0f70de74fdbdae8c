-- +goose Up
-- Permanent deletion of a ticket looks up what points at it: follow-ups (the foreign key
-- check of the delete, too) and its outbox messages, which must not be sent once it is
-- erased. Without these indexes each would read the whole table.
CREATE INDEX tickets_followup_source ON tickets(followup_source_id) WHERE followup_source_id IS NOT NULL;
CREATE INDEX outbox_ticket ON outbox(ticket_id) WHERE ticket_id IS NOT NULL;

-- +goose Down
DROP INDEX outbox_ticket;
DROP INDEX tickets_followup_source;
