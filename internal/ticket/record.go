package ticket

import (
	"context"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Recorder writes a caller's own rows about a change inside the change's transaction: t
// is the ticket as the change left it (the target, for a merge).
type Recorder func(ctx context.Context, tx *store.Tx, t *fd.Ticket) error

type recorderKey struct{}

// WithRecorder returns a context whose changes (Create, Update, Delete, Merge …) also run
// rec in their own savepoint, after the change applied and only if it did. What rec
// writes therefore commits exactly when the change does, and an error from rec undoes
// the change. Background jobs record each item's result this way, so a job resumed after
// a crash neither repeats an item nor loses one.
func WithRecorder(ctx context.Context, rec Recorder) context.Context {
	return context.WithValue(ctx, recorderKey{}, rec)
}

// run applies the change, then the recorder its submitter's context carries, if any.
func (o *op) run(ctx context.Context, tx *store.Tx) error {
	if err := o.apply(ctx, tx, &o.work); err != nil {
		return err
	}
	if rec, _ := o.ctx.Value(recorderKey{}).(Recorder); rec != nil {
		return rec(ctx, tx, o.work.ticket)
	}
	return nil
}
