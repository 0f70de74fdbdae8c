package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// The writer's user cache (SQLite) must never show a write transaction a user as it no
// longer is: not after an update in this process, another process's update, an
// identity moved away, or a savepoint that undid the user's creation.
func TestWriterSeesUsersAsTheyAre(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			url := storetest.URL(t, dialect)
			dir := t.TempDir()
			open := func() *store.DB {
				db, err := store.Open(ctx, store.Options{URL: url, DataDir: dir})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { db.Close() })
				return db
			}
			db := open()
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			now := time.Now().UTC().Truncate(time.Microsecond)
			u := fd.User{Name: "Ana", Email: "ana@x.test", Role: fd.RoleEndUser, Tags: []string{"vip"}, CreatedAt: now, UpdatedAt: now}
			write(t, db, func(tx *store.Tx) error {
				if err := tx.InsertUser(ctx, &u); err != nil {
					return err
				}
				return tx.InsertIdentity(ctx, &fd.Identity{UserID: u.ID, Type: fd.IdentityEmail, Value: "ana@x.test", Primary: true, CreatedAt: now, UpdatedAt: now})
			})
			role := func(want fd.Role) {
				t.Helper()
				write(t, db, func(tx *store.Tx) error {
					got, err := tx.User(ctx, u.ID)
					if err != nil {
						return err
					}
					byMail, err := tx.UserByIdentity(ctx, fd.IdentityEmail, "ana@x.test")
					if err != nil {
						return err
					}
					if got.Role != want || byMail.Role != want {
						t.Errorf("writer reads role %s (by id) and %s (by email), want %s", got.Role, byMail.Role, want)
					}
					got.Tags[0], got.Role = "changed by a caller", fd.RoleAdmin // must not reach the cache
					return nil
				})
			}
			for range 3 { // then from the cache, unharmed by the callers' edits
				role(fd.RoleEndUser)
			}

			u.Role = fd.RoleAgent
			write(t, db, func(tx *store.Tx) error { return tx.UpdateUser(ctx, &u) })
			role(fd.RoleAgent)

			other := open() // another process on the same file, or another node
			u.Role = fd.RoleAdmin
			write(t, other, func(tx *store.Tx) error { return tx.UpdateUser(ctx, &u) })
			role(fd.RoleAdmin)

			write(t, db, func(tx *store.Tx) error { return tx.DeleteIdentitiesOf(ctx, u.ID) })
			write(t, db, func(tx *store.Tx) error {
				if _, err := tx.UserByIdentity(ctx, fd.IdentityEmail, "ana@x.test"); !fd.Is(err, fd.NotFound) {
					t.Errorf("identity deleted: writer's lookup gave %v, want not found", err)
				}
				return nil
			})

			// A user created and read in a savepoint that fails must not outlive it.
			var ghost fd.User
			write(t, db, func(tx *store.Tx) error {
				err := tx.Savepoint(ctx, func() error {
					ghost = fd.User{Name: "Ghost", Role: fd.RoleEndUser, CreatedAt: now, UpdatedAt: now}
					if err := tx.InsertUser(ctx, &ghost); err != nil {
						return err
					}
					if _, err := tx.User(ctx, ghost.ID); err != nil {
						return err
					}
					return errors.New("the change fails")
				})
				if err == nil {
					t.Error("savepoint: want its error")
				}
				return nil
			})
			write(t, db, func(tx *store.Tx) error {
				if g, err := tx.User(ctx, ghost.ID); !fd.Is(err, fd.NotFound) {
					t.Errorf("user of a rolled-back savepoint: got %+v, %v; want not found", g, err)
				}
				return nil
			})
		})
	}
}

func write(t *testing.T, db *store.DB, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := db.Write(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}
