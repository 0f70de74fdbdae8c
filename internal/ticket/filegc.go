package ticket

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"time"

	"github.com/frontdesk/frontdesk/internal/store"
)

// FileGrace is how long a stored file is safe from the collector after it was last
// written. An upload writes its file before it commits the row that refers to it (the
// bytes must be on disk first), so for that short while a file no row names may still
// be needed; an hour is far beyond any upload's write-to-commit time.
const FileGrace = time.Hour

// collectEvery is how often the collector runs unasked, so that files queued on a quiet
// desk (a purge, then nothing) go within FileGrace and this.
const collectEvery = 10 * time.Minute

// collectBatch is how many queued hashes the collector reads at a time.
const collectBatch = 100

// The file collector removes attachment bytes that no attachment row refers to any
// more. Bytes are stored once per content hash and shared by rows (the same file sent
// twice, attachments copied by a merge), so a file goes only when its last row has:
// every deleted row queues its hash (the attachments_gc trigger, which no way of
// deleting can bypass), and the collector checks each queued hash.
//
// Why a grace period and not reference counts: an upload writes its file, then commits
// its row, and a file of the same bytes may already be there, unreferenced and queued.
// A count kept in the database can't see a file written but not yet committed, and
// taking a database lock around every upload's file write would put the file write in
// the writer's path. Instead the collector, holding the queued hash in a transaction
// (locked on PostgreSQL, so nodes sharing the files never handle one at once):
//  1. drops the hash if a row refers to it, or its file is gone;
//  2. postpones it if the file was written within FileGrace: an upload may rely on it;
//  3. moves the file aside (an atomic rename), so an upload writing the same bytes from
//     now on makes a new file rather than one about to be removed;
//  4. checks again the file moved aside (an upload may have rewritten it just before
//     the move) and the references (one may have committed since step 1), and puts the
//     file back if either says it is needed; only then removes it.
//
// An upload that wrote its file before step 3 left it fresh (step 4 sees it); one that
// writes after step 3 makes a file of its own. What is not covered is an upload taking
// longer than FileGrace between writing its file and committing its row.

// collectSoon asks the collector to run; it never waits.
func (s *Service) collectSoon() {
	select {
	case s.collectKick <- struct{}{}:
	default: // a run is already asked for
	}
}

// collector runs the file collector when asked and every collectEvery, until the
// service closes.
func (s *Service) collector(ctx context.Context) {
	defer s.background.Done()
	tick := time.NewTicker(collectEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.collectKick:
		case <-tick.C:
		}
		if n, err := s.CollectFiles(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("collecting attachment files", "err", err)
		} else if n > 0 {
			s.log.Info("removed unreferenced attachment files", "count", n)
		}
	}
}

// CollectFiles removes the stored files that no attachment refers to any more and that
// were not written within FileGrace, and returns how many it removed. The collector runs
// it after sweeps and purges and every collectEvery; it is safe on several nodes at once.
func (s *Service) CollectFiles(ctx context.Context) (int, error) {
	if s.files == "" {
		return 0, nil
	}
	removed, after := 0, ""
	for {
		due, err := s.db.Read().FileChecksDue(ctx, s.now(), after, collectBatch)
		if err != nil {
			return removed, err
		}
		for _, sum := range due {
			gone, err := s.collectFile(ctx, sum)
			if err != nil {
				return removed, err
			}
			if gone {
				removed++
			}
		}
		if len(due) < collectBatch {
			return removed, nil
		}
		after = due[len(due)-1]
	}
}

// collectFile handles one queued hash (the steps above) in one write transaction, and
// reports whether its file was removed.
func (s *Service) collectFile(ctx context.Context, sum string) (bool, error) {
	path := AttachmentPath(s.files, sum)
	aside := path + ".gc"
	now := s.now()
	removed := false
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		removed = false
		if due, err := tx.ClaimFileCheck(ctx, sum, now); err != nil || !due {
			return err
		}
		// A collector stopped between moving a file aside and removing it left it there.
		if err := putBack(aside, path); err != nil {
			return err
		}
		if keep, err := s.fileNeeded(ctx, tx, sum, path, now); err != nil || keep {
			return err
		}
		if s.collectHook != nil {
			s.collectHook(sum)
		}
		if err := os.Rename(path, aside); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return tx.DropFileCheck(ctx, sum)
			}
			return err
		}
		keep, err := s.fileNeeded(ctx, tx, sum, aside, now)
		if err != nil || keep {
			return errors.Join(err, putBack(aside, path))
		}
		if err := os.Remove(aside); err != nil {
			return err
		}
		removed = true
		return tx.DropFileCheck(ctx, sum)
	})
	return removed, err
}

// fileNeeded tells whether the file of a queued hash, at file, must stay: a row refers
// to the hash (the hash leaves the queue: a later deletion queues it again), or the
// file was written within FileGrace (the hash is postponed). A file that is gone
// leaves the queue too.
func (s *Service) fileNeeded(ctx context.Context, tx *store.Tx, sum, file string, now time.Time) (bool, error) {
	referenced, err := tx.ContentReferenced(ctx, sum)
	if err != nil {
		return true, err
	}
	info, err := os.Stat(file)
	switch {
	case referenced || errors.Is(err, fs.ErrNotExist):
		return true, tx.DropFileCheck(ctx, sum)
	case err != nil:
		return true, err
	case info.ModTime().After(now.Add(-FileGrace)):
		return true, tx.ScheduleFileCheck(ctx, sum, info.ModTime().Add(FileGrace))
	}
	return false, nil
}

// putBack returns a file moved aside to its place, unless an upload has written the
// place anew meanwhile (the same bytes, and a fresh time the collector must see): a
// hard link, unlike a rename, never replaces a file.
func putBack(aside, path string) error {
	err := os.Link(aside, path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // nothing aside
	case err != nil && !errors.Is(err, fs.ErrExist):
		return err
	}
	return os.Remove(aside)
}
