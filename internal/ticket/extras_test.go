package ticket_test

import (
	"errors"
	"maps"
	"sync"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

func TestMakePrivate(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tk := e.mustCreateTicket(t, "Password", "my password is hunter2")
		first := must(e.svc.Comments(e.ctx, tk.ID))(t)[0]
		if !first.Public {
			t.Fatal("description starts private")
		}
		change := ticket.PrivacyChange{TicketID: tk.ID, CommentID: first.ID, ActorID: e.agent.ID}
		if err := e.svc.MakePrivate(e.ctx, ticket.PrivacyChange{TicketID: tk.ID, CommentID: first.ID, ActorID: e.customer.ID}); !fd.Is(err, fd.Forbidden) {
			t.Fatalf("end-user makes private: %v", err)
		}
		other := e.mustCreateTicket(t, "Other", "other")
		if err := e.svc.MakePrivate(e.ctx, ticket.PrivacyChange{TicketID: other.ID, CommentID: first.ID, ActorID: e.agent.ID}); !fd.Is(err, fd.NotFound) {
			t.Fatalf("comment of another ticket: %v", err)
		}
		if err := e.svc.MakePrivate(e.ctx, change); err != nil {
			t.Fatal(err)
		}
		if got := must(e.svc.Comments(e.ctx, tk.ID))(t)[0]; got.Public {
			t.Fatal("comment still public")
		}
		audits := must(e.svc.Audits(e.ctx, tk.ID))(t)
		last := audits[len(audits)-1]
		if len(audits) != 2 || last.AuthorID != e.agent.ID || len(last.Events) != 1 ||
			last.Events[0].Type != fd.EventCommentPrivacyChange || last.Events[0].CommentID != first.ID {
			t.Fatalf("audits %+v", audits)
		}
		after := must(e.svc.Get(e.ctx, tk.ID))(t)
		if !after.UpdatedAt.After(tk.UpdatedAt) {
			t.Fatal("the ticket's stamp did not move")
		}
		// Again: nothing to change, nothing recorded.
		if err := e.svc.MakePrivate(e.ctx, change); err != nil {
			t.Fatal(err)
		}
		if n := len(must(e.svc.Audits(e.ctx, tk.ID))(t)); n != 2 {
			t.Fatalf("a no-op privacy change left %d audits", n)
		}
	})
}

func TestCreateOnceWithIdempotencyKey(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		in := func(key, hash, subject string) ticket.NewTicket {
			return ticket.NewTicket{Subject: subject, Comment: ticket.NewComment{Body: "body"}, RequesterID: e.customer.ID,
				Idempotency: &ticket.Idempotency{UserID: e.agent.ID, Key: key, RequestHash: hash}}
		}
		first, replayed, err := e.svc.CreateOnce(e.ctx, in("k1", "h1", "First"))
		if err != nil || replayed {
			t.Fatalf("first create: replayed %v, %v", replayed, err)
		}
		before := e.counts(t)
		again, replayed, err := e.svc.CreateOnce(e.ctx, in("k1", "h1", "First"))
		if err != nil || !replayed || again.ID != first.ID {
			t.Fatalf("retry: %+v replayed %v, %v", again, replayed, err)
		}
		if _, _, err := e.svc.CreateOnce(e.ctx, in("k1", "other", "Changed")); !errors.Is(err, ticket.ErrKeyReused) || !fd.Is(err, fd.Invalid) {
			t.Fatalf("same key, other request: %v", err)
		}
		if after := e.counts(t); !maps.Equal(before, after) {
			t.Fatalf("replays wrote rows: %v → %v", before, after)
		}
		// Keys are per user: another user's k1 is a new request.
		other := in("k1", "h1", "First")
		other.Idempotency.UserID = e.admin.ID
		if t2, replayed, err := e.svc.CreateOnce(e.ctx, other); err != nil || replayed || t2.ID == first.ID {
			t.Fatalf("another user's key: %v %v", replayed, err)
		}
		if _, _, err := e.svc.CreateOnce(e.ctx, in("", "h", "x")); !fd.Is(err, fd.Invalid) {
			t.Fatalf("empty key: %v", err)
		}
		// After the window the key is free again and makes a new ticket.
		e.clock.Advance(ticket.IdempotencyWindow + time.Second)
		if t3, replayed, err := e.svc.CreateOnce(e.ctx, in("k1", "h9", "Later")); err != nil || replayed || t3.ID == first.ID {
			t.Fatalf("expired key: %v %v", replayed, err)
		}
	})
}

func TestConcurrentRequestsWithOneKeyCreateOneTicket(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		const n = 24
		ids := make([]int64, n)
		replays := make([]bool, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				tk, replayed, err := e.svc.CreateOnce(e.ctx, ticket.NewTicket{Subject: "Once", Comment: ticket.NewComment{Body: "once"},
					RequesterID: e.customer.ID, Idempotency: &ticket.Idempotency{UserID: e.agent.ID, Key: "same", RequestHash: "h"}})
				if tk != nil {
					ids[i] = tk.ID
				}
				replays[i], errs[i] = replayed, err
			})
		}
		wg.Wait()
		fresh := 0
		for i := range n {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Fatalf("request %d: ticket %d (want %d), %v", i, ids[i], ids[0], errs[i])
			}
			if !replays[i] {
				fresh++
			}
		}
		if fresh != 1 || e.count(t, "tickets") != 1 || e.count(t, "idempotency_keys") != 1 {
			t.Fatalf("%d requests created, %d tickets stored, want 1", fresh, e.count(t, "tickets"))
		}
	})
}

func TestDeleteByRecordsTheDeleter(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := e.mustCreateTicket(t, "A", "a")
		b := e.mustCreateTicket(t, "B", "b")
		must(0, e.svc.DeleteBy(e.ctx, a.ID, e.agent.ID))(t)
		must(0, e.svc.Delete(e.ctx, b.ID))(t)
		got := must(e.db.Read().TicketDeleters(e.ctx, []int64{a.ID, b.ID}))(t)
		if !maps.Equal(got, map[int64]int64{a.ID: e.agent.ID}) {
			t.Fatalf("deleters %v", got)
		}
		must(0, e.svc.Restore(e.ctx, a.ID, e.agent.ID))(t)
		if got := must(e.db.Read().TicketDeleters(e.ctx, []int64{a.ID}))(t); len(got) != 0 {
			t.Fatalf("restored ticket keeps its deleter: %v", got)
		}
	})
}
