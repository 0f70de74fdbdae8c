package store_test

import (
	"context"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Tickets written before tickets.is_public existed get it from their comments: public
// when any comment is, so not those opened with an internal note nor those whose public
// comments were all made private; the migration also goes down and up again.
func TestTicketsFromBeforeIsPublicGetItFromTheirComments(t *testing.T) {
	ctx := context.Background()
	// Ticket id → the privacy of its comments, oldest first, and the is_public it gets.
	comments := map[int64][]bool{1: {false}, 2: {true}, 3: {false, true}, 4: {false, false}, 5: {true, false}}
	want := map[int64]bool{1: false, 2: true, 3: true, 4: false, 5: true}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	migratedFrom(t, 13, func(t *testing.T, db *store.DB) {
		err := db.Write(ctx, func(tx *store.Tx) error {
			u := fd.User{Name: "Ana", Role: fd.RoleAgent, CreatedAt: now, UpdatedAt: now}
			if err := tx.InsertUser(ctx, &u); err != nil {
				return err
			}
			b := fd.Brand{Name: "Acme", Subdomain: "acme", CreatedAt: now, UpdatedAt: now}
			if err := tx.InsertBrand(ctx, &b); err != nil {
				return err
			}
			for id, publics := range comments {
				err := tx.Exec(ctx, `INSERT INTO tickets (id, subject, status, requester_id, submitter_id, brand_id, via_channel, created_at, updated_at, status_updated_at)
					VALUES (?, 'Help', 2, ?, ?, ?, 'api', 1, 1, 1)`, id, u.ID, u.ID, b.ID)
				if err != nil {
					return err
				}
				for _, public := range publics {
					a := fd.Audit{TicketID: id, AuthorID: u.ID, Via: fd.Via{Channel: fd.ChannelAPI}, CreatedAt: now}
					if err := tx.InsertAudit(ctx, &a); err != nil {
						return err
					}
					c := fd.Comment{TicketID: id, AuditID: a.ID, AuthorID: u.ID, Public: public, Body: "Words", Via: a.Via, CreatedAt: now}
					if err := tx.InsertComment(ctx, &c); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}, func(t *testing.T, db *store.DB, when string) {
		for id, public := range want {
			tk, err := db.Read().Ticket(ctx, id)
			if err != nil {
				t.Fatalf("%s: ticket %d: %v", when, id, err)
			}
			if tk.Public != public {
				t.Errorf("%s: ticket %d (comments public %v): is_public %t, want %t", when, id, comments[id], tk.Public, public)
			}
		}
	})
}
