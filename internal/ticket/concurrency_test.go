package ticket_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// Eight writers race on one ticket. Each round they all read the same stamp, then all
// update with it: exactly one wins and seven get a conflict. Then each keeps retrying
// its own changes until they land: none may be lost.
func TestConcurrentUpdatesLoseNothing(t *testing.T) {
	const writers, rounds, perWriter = 8, 5, 4
	each(t, func(t *testing.T, e *env) {
		tk := e.mustCreateTicket(t, "Race", "go")
		for r := range rounds {
			cur := must(e.svc.Get(e.ctx, tk.ID))(t)
			var wg sync.WaitGroup
			errs := make(chan error, writers)
			for w := range writers {
				wg.Go(func() {
					_, err := e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID,
						UpdatedStamp: cur.UpdatedAt, AddTags: []string{fmt.Sprintf("r%dw%d", r, w)}})
					errs <- err
				})
			}
			wg.Wait()
			close(errs)
			var ok, conflicts int
			for err := range errs {
				switch {
				case err == nil:
					ok++
				case fd.Is(err, fd.Conflict):
					conflicts++
				default:
					t.Fatalf("round %d: %v", r, err)
				}
			}
			if ok != 1 || conflicts != writers-1 {
				t.Fatalf("round %d: %d won, %d conflicts; want 1 and %d", r, ok, conflicts, writers-1)
			}
		}

		var wg sync.WaitGroup
		for w := range writers {
			wg.Go(func() {
				for i := 0; i < perWriter; {
					cur, err := e.svc.Get(e.ctx, tk.ID)
					if err != nil {
						t.Error(err)
						return
					}
					_, err = e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID,
						UpdatedStamp: cur.UpdatedAt, AddTags: []string{fmt.Sprintf("w%di%d", w, i)}})
					switch {
					case err == nil:
						i++
					case !fd.Is(err, fd.Conflict):
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		final := must(e.svc.Get(e.ctx, tk.ID))(t)
		for w := range writers {
			for i := range perWriter {
				if !slices.Contains(final.Tags, fmt.Sprintf("w%di%d", w, i)) {
					t.Errorf("lost update: tag w%di%d missing", w, i)
				}
			}
		}
		if want := rounds + writers*perWriter; len(final.Tags) != want {
			t.Errorf("%d tags, want %d", len(final.Tags), want)
		}
		if audits := must(e.svc.Audits(e.ctx, tk.ID))(t); len(audits) != 1+rounds+writers*perWriter {
			t.Errorf("%d audits, want one per successful update plus creation", len(audits))
		}
	})
}
