package store

import (
	"context"
	"time"
)

// MigrateTo brings the schema up or down to version, so a test can write rows as they
// were before a later migration, and undo one.
func (db *DB) MigrateTo(ctx context.Context, version int64) error {
	p, err := db.migrator()
	if err != nil {
		return err
	}
	cur, err := p.GetDBVersion(ctx)
	if err != nil {
		return err
	}
	if version < cur {
		_, err = p.DownTo(ctx, version)
	} else {
		_, err = p.UpTo(ctx, version)
	}
	return err
}

// Exec runs one statement of a test's own, in either dialect's placeholders.
func (c *Conn) Exec(ctx context.Context, query string, args ...any) error {
	_, err := c.exec(ctx, query, args...)
	return err
}

// SetSearchThresholds lowers the SQLite search strategies' thresholds so a test's few
// tickets take every path: rare and common text, a full and an exceeded rank window.
// It returns the function that restores them.
func SetSearchThresholds(sparse, window int) (restore func()) {
	s, w := ftsSparse, searchWindow
	ftsSparse, searchWindow = sparse, window
	return func() { ftsSparse, searchWindow = s, w }
}

// Int runs a test's own query that returns one number.
func (c *Conn) Int(ctx context.Context, query string, args ...any) (n int64, err error) {
	err = c.queryRow(ctx, query, args...).Scan(&n)
	return n, err
}

// SetCheckpointing makes the SQLite checkpointer run every interval and ask the writer to
// finish once the WAL holds frames pages, for databases opened after the call. It returns
// the function that restores the defaults.
func SetCheckpointing(every time.Duration, frames int) (restore func()) {
	e, f := checkpointEvery, resetWALFrames
	checkpointEvery, resetWALFrames = every, frames
	return func() { checkpointEvery, resetWALFrames = e, f }
}
