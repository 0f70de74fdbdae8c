package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/internal/store"
)

// Under a steady stream of writes the background checkpoint never catches up alone,
// so it has the writer finish it, and the WAL starts over instead of growing: after
// 16 MB written back to back, the WAL file stays a small part of that, and every row
// is there. (SQLite only: PostgreSQL manages its own log.)
func TestWALStartsOverUnderSteadyWrites(t *testing.T) {
	defer store.SetCheckpointing(2*time.Millisecond, 64)()
	dir := t.TempDir()
	db, err := store.Open(context.Background(), store.Options{URL: "sqlite:" + dir + "/fd.db", DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	write := func(q string) {
		t.Helper()
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.Exec(ctx, q) }); err != nil {
			t.Fatal(err)
		}
	}
	write("CREATE TABLE filler (b BLOB)")
	const rows = 2000
	var largest int64
	for range rows {
		write("INSERT INTO filler VALUES (randomblob(8000))") // two pages and more
		if fi, err := os.Stat(dir + "/fd.db-wal"); err == nil {
			largest = max(largest, fi.Size())
		}
	}
	if n, err := db.Read().Int(ctx, "SELECT count(*) FROM filler"); err != nil || n != rows {
		t.Fatalf("%d rows (%v), want %d", n, err, rows)
	}
	if largest > 4<<20 {
		t.Errorf("the WAL grew to %d MB for %d MB written", largest>>20, rows*8000>>20)
	}
}
