package ticket_test

import (
	"context"
	"errors"
	"maps"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// A recorder's rows commit exactly when its change does: a recorder error undoes the
// change, and a change that fails never runs the recorder.
func TestRecorderCommitsWithTheChange(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		var seen []int64
		rec := func(err error) context.Context {
			return ticket.WithRecorder(e.ctx, func(ctx context.Context, tx *store.Tx, tk *fd.Ticket) error {
				seen = append(seen, tk.ID)
				if err != nil {
					return err
				}
				// A row of the caller's own, in the change's transaction.
				return tx.InsertJobResult(ctx, "job", store.JobResult{Index: len(seen), ID: tk.ID, Action: "create", Success: true, Status: "Created"})
			})
		}
		must(0, e.db.Write(e.ctx, func(tx *store.Tx) error {
			return tx.InsertJob(e.ctx, &store.Job{ID: "job", Kind: "test", UserID: e.agent.ID, Total: 3, Input: []byte("{}")})
		}))(t)

		tk := must(e.svc.Create(rec(nil), ticket.NewTicket{Comment: ticket.NewComment{Body: "kept"}, RequesterID: e.customer.ID}))(t)
		before := e.counts(t)
		refused := errors.New("recorder refuses")
		_, err := e.svc.Create(rec(refused), ticket.NewTicket{Comment: ticket.NewComment{Body: "undone"}, RequesterID: e.customer.ID})
		if !errors.Is(err, refused) {
			t.Fatalf("create with a failing recorder: %v", err)
		}
		if after := e.counts(t); !maps.Equal(before, after) {
			t.Fatalf("a change whose recorder failed left rows: %v → %v", before, after)
		}
		if _, err := e.svc.Update(rec(nil), ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Status: ptr(fd.Status("bogus"))}); !fd.Is(err, fd.Invalid) {
			t.Fatalf("invalid update: %v", err)
		}
		must(0, e.svc.Delete(rec(nil), tk.ID))(t)
		if len(seen) != 3 || seen[0] != tk.ID || seen[2] != tk.ID {
			t.Fatalf("recorder saw %v", seen)
		}
		j := must(e.db.Read().Job(e.ctx, "job"))(t)
		if len(j.Results) != 2 || j.Results[0].Index != 1 || j.Results[1].Index != 3 {
			t.Fatalf("recorded %+v", j.Results)
		}
	})
}
