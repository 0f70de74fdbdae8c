package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

func TestMigrateTwiceAndRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		now := time.Date(2026, 1, 2, 3, 4, 5, 123456000, time.UTC)
		var u fd.User
		err := db.Write(ctx, func(tx *store.Tx) error {
			u = fd.User{Name: "Ana", Email: "ana@x.test", Role: fd.RoleEndUser, Tags: []string{"vip"}, CreatedAt: now, UpdatedAt: now}
			if err := tx.InsertUser(ctx, &u); err != nil {
				return err
			}
			return tx.InsertIdentity(ctx, &fd.Identity{UserID: u.ID, Type: fd.IdentityEmail, Value: "ana@x.test", Primary: true, CreatedAt: now, UpdatedAt: now})
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.Read().UserByIdentity(ctx, fd.IdentityEmail, "ANA@x.test")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != u.ID || !got.CreatedAt.Equal(now) || len(got.Tags) != 1 || got.Role != fd.RoleEndUser {
			t.Fatalf("round trip: got %+v", got)
		}
		if _, err := db.Read().User(ctx, 999); !fd.Is(err, fd.NotFound) {
			t.Fatalf("missing user: want not found, got %v", err)
		}
		ids, err := db.Read().SearchUsers(ctx, []string{"an"}, 10)
		if err != nil || len(ids) != 1 || ids[0] != u.ID {
			t.Fatalf("user search: %v %v", ids, err)
		}
		if err := db.IntegrityCheck(ctx); err != nil {
			t.Fatal(err)
		}
	})
}

// Several nodes starting together on one PostgreSQL (or several commands on one SQLite
// file) migrate the same database at once: every one must succeed, and the schema must
// come out whole.
func TestConcurrentMigrations(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := storetest.URL(t, dialect)
			ctx := context.Background()
			errs := make(chan error, 4)
			for range 4 {
				go func() {
					db, err := store.Open(ctx, store.Options{URL: url})
					if err != nil {
						errs <- err
						return
					}
					defer db.Close()
					errs <- db.Migrate(ctx)
				}()
			}
			for range 4 {
				if err := <-errs; err != nil {
					t.Fatalf("concurrent migrate: %v", err)
				}
			}
			db, err := store.Open(ctx, store.Options{URL: url})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if n, err := db.Read().Count(ctx, "tickets"); err != nil || n != 0 {
				t.Fatalf("schema after concurrent migrations: %d tickets, %v", n, err)
			}
		})
	}
}

// Writers in one process share the SQLite writer connection and its prepared
// statements: a transaction's first use of a query must never wait on another
// goroutine that is preparing statements for the same connection.
func TestConcurrentWritersSharePreparedStatements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		done := make(chan error, 8)
		for g := range 8 {
			go func() {
				var err error
				for i := 0; i < 50 && err == nil; i++ {
					err = db.Write(ctx, func(tx *store.Tx) error {
						now := time.Now()
						u := fd.User{Name: "U", Email: fmt.Sprintf("u%d-%d@x.test", g, i), Role: fd.RoleEndUser, CreatedAt: now, UpdatedAt: now}
						if err := tx.InsertUser(ctx, &u); err != nil {
							return err
						}
						_, err := tx.User(ctx, u.ID)
						return err
					})
				}
				done <- err
			}()
		}
		timeout := time.After(60 * time.Second)
		for range 8 {
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-timeout:
				t.Fatal("writers deadlocked")
			}
		}
		if n, _ := db.Read().Count(ctx, "users"); n != 400 {
			t.Fatalf("%d users, want 400", n)
		}
	})
}
