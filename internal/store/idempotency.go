package store

import (
	"context"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// IdempotencyKey returns the ticket a user's idempotency key created, and the hash of
// the request that created it, if the key was recorded at or after notBefore.
func (c *Conn) IdempotencyKey(ctx context.Context, userID int64, key string, notBefore time.Time) (ticketID int64, hash string, err error) {
	err = c.queryRow(ctx, `SELECT ticket_id, request_hash FROM idempotency_keys
		WHERE user_id = ? AND idem_key = ? AND created_at >= ?`, userID, key, notBefore.UnixMicro()).Scan(&ticketID, &hash)
	if err = mapErr(err); fd.Is(err, fd.NotFound) {
		return 0, "", fd.ErrNotFound("idempotency key", key)
	}
	return ticketID, hash, err
}

// ClaimIdempotencyKey records that a user's key created a ticket. A key recorded before
// notBefore has expired and is taken over; a live one is not, and ClaimIdempotencyKey
// reports false. On PostgreSQL a claim racing another transaction's waits for it.
func (c *Conn) ClaimIdempotencyKey(ctx context.Context, userID int64, key, hash string, ticketID int64, now, notBefore time.Time) (bool, error) {
	res, err := c.exec(ctx, `INSERT INTO idempotency_keys (user_id, idem_key, request_hash, ticket_id, created_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (user_id, idem_key) DO UPDATE SET request_hash = excluded.request_hash,
			ticket_id = excluded.ticket_id, created_at = excluded.created_at
		WHERE idempotency_keys.created_at < ?`, userID, key, hash, ticketID, now.UnixMicro(), notBefore.UnixMicro())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// PurgeIdempotencyKeys removes the keys recorded before a time.
func (c *Conn) PurgeIdempotencyKeys(ctx context.Context, before time.Time) error {
	_, err := c.exec(ctx, "DELETE FROM idempotency_keys WHERE created_at < ?", before.UnixMicro())
	return err
}
