package store

import (
	"context"
	"database/sql"
	"os"
	"syscall"
)

// fileLocker makes SQLite migrators take turns: goose has no lock of its own for SQLite,
// and two processes starting at once (serve and a CLI command) would both apply the
// same migration. It holds an exclusive flock on a file beside the database — not on the
// database itself, whose own locks are fcntl locks that some file systems conflate with
// flock.
type fileLocker struct {
	path string
	f    *os.File
}

// Lock waits until no other migrator holds the lock.
func (l *fileLocker) Lock(context.Context, *sql.DB) error {
	f, err := os.OpenFile(l.path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return err
	}
	l.f = f
	return nil
}

// Unlock lets the next migrator in.
func (l *fileLocker) Unlock(context.Context, *sql.DB) error {
	defer l.f.Close()
	return syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
}
