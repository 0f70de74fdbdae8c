package store

import (
	"context"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// InsertSession stores a new session and sets s.ID.
func (c *Conn) InsertSession(ctx context.Context, s *fd.Session) error {
	id, err := c.insert(ctx, `INSERT INTO sessions (user_id, token_hash, address, user_agent, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, s.UserID, s.Hash, s.Address, s.UserAgent,
		s.CreatedAt.UnixMicro(), s.LastSeenAt.UnixMicro(), s.ExpiresAt.UnixMicro())
	s.ID = id
	return err
}

// SessionByHash returns the session whose secret hashes to hash, expired or not.
func (c *Conn) SessionByHash(ctx context.Context, hash []byte) (*fd.Session, error) {
	var s fd.Session
	var created, seen, expires int64
	err := c.queryRow(ctx, `SELECT id, user_id, token_hash, address, user_agent, created_at, last_seen_at, expires_at
		FROM sessions WHERE token_hash = ?`, hash).Scan(&s.ID, &s.UserID, &s.Hash, &s.Address, &s.UserAgent,
		&created, &seen, &expires)
	if err != nil {
		if err = mapErr(err); fd.Is(err, fd.NotFound) {
			return nil, fd.Errorf(fd.NotFound, "no such session")
		}
		return nil, err
	}
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = time.UnixMicro(created).UTC(), time.UnixMicro(seen).UTC(), time.UnixMicro(expires).UTC()
	return &s, nil
}

// TouchSession records activity on a session, which restarts its idle timeout.
func (c *Conn) TouchSession(ctx context.Context, id int64, at time.Time) error {
	_, err := c.exec(ctx, "UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?", at.UnixMicro(), id, at.UnixMicro())
	return err
}

// DeleteSession ends the session whose secret hashes to hash; ending one that does not
// exist is not an error.
func (c *Conn) DeleteSession(ctx context.Context, hash []byte) error {
	_, err := c.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", hash)
	return err
}

// DeleteExpiredSessions removes the sessions past their absolute end (at or before
// now) or idle since idleSince, and returns how many it removed.
func (c *Conn) DeleteExpiredSessions(ctx context.Context, now, idleSince time.Time) (int64, error) {
	res, err := c.exec(ctx, "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?", now.UnixMicro(), idleSince.UnixMicro())
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return n, mapErr(err)
}
