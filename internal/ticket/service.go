// Package ticket is the one write path for tickets. Every change, whatever channel it
// came from, is validated, applied, passed to the hook where triggers run, and persisted
// (ticket, comment, audit, metrics, search index, outbox) in one transaction; listeners
// hear of it only after the commit.
//
// Writes go through group commit: writer goroutines take the changes that are waiting,
// run each in a savepoint of one shared transaction (so a bad change fails alone), write
// the batch's search rows once, commit, and only then answer each caller.
package ticket

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Change is what the hook sees: the ticket before (nil on create) and after the change,
// the comment added, and who made it. The hook may amend After (the result is validated
// again and audited) and append side effects to Outbox; they commit with the change.
type Change struct {
	Before  *fd.Ticket
	After   *fd.Ticket
	Comment *fd.Comment
	ActorID int64
	Via     fd.Via
	Outbox  []store.OutboxMessage
}

// Hook runs inside the change's transaction, after the input is applied and before it
// is validated and persisted: the place for triggers. An error fails the change.
type Hook func(ctx context.Context, tx *store.Tx, ch *Change) error

// Options configure New.
type Options struct {
	DB *store.DB
	// Clock is the time source for every timestamp and metric; nil means time.Now.
	Clock func() time.Time
	// Hook runs on every change; nil means none.
	Hook Hook
	// Publish hears of every committed change, in commit order per writer. It runs on
	// the writer, so it must not block (the bus never does).
	Publish func(fd.Event)
	Logger  *slog.Logger
	// MaxBatch bounds the changes committed together (default 256).
	MaxBatch int
	// Writers is the number of group-commit writers: 1 on SQLite, whose writes are
	// serial anyway; several on PostgreSQL (default 4).
	Writers int
	// AttachmentDir holds uploaded files by content hash (DATA/attachments).
	AttachmentDir string
	// MaxUpload is the largest file accepted, in bytes (default DefaultMaxUpload).
	MaxUpload int64
}

// Service is the ticket service.
type Service struct {
	db       *store.DB
	now      func() time.Time
	hook     Hook
	publish  func(fd.Event)
	log      *slog.Logger
	maxBatch int
	files    string
	maxFile  int64
	fields   fieldCache
	// defaultBrand is read inside the writer, where it must not wait on other writers.
	defaultBrand brandCache
	swept        atomic.Int64 // when sweep last ran, Unix microseconds

	// The file collector (filegc.go) runs in the background when collectKick is sent.
	collectKick    chan struct{}
	stopBackground context.CancelFunc
	background     sync.WaitGroup
	collectHook    func(sum string) // tests: runs just before a file is moved aside

	mu      sync.RWMutex // guards closed against sends on ops
	closed  bool
	ops     chan *op
	writers sync.WaitGroup
}

// op is one change waiting for a writer.
type op struct {
	ctx   context.Context
	apply func(ctx context.Context, tx *store.Tx, w *work) error
	// restart, if set, returns the change to where it was before apply first ran, so
	// a batch may run it again (see commit).
	restart func()
	work    work
	done    chan error
}

// work is what a change leaves for the batch: its result, search rows and event.
type work struct {
	ticket *fd.Ticket
	texts  []store.TicketText
	event  *fd.Event
	more   []fd.Event // the events of the other tickets the change touched (a merge's sources)
	purged int64      // the ticket the change erased, whose search rows the batch must not write
}

// ErrClosed is returned for changes submitted after Close.
var ErrClosed = fd.Errorf(fd.Internal, "ticket service is shutting down")

// New starts a service and its writers; Close stops them.
func New(opts Options) *Service {
	clock := opts.Clock
	if clock == nil {
		clock = time.Now
	}
	s := &Service{
		db: opts.DB, hook: opts.Hook, publish: opts.Publish, log: opts.Logger,
		now:      func() time.Time { return clock().UTC().Truncate(time.Microsecond) },
		maxBatch: opts.MaxBatch,
		files:    opts.AttachmentDir,
		maxFile:  opts.MaxUpload,
		ops:      make(chan *op, 1024),

		collectKick: make(chan struct{}, 1),
	}
	s.fields.db = opts.DB
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.maxFile <= 0 {
		s.maxFile = DefaultMaxUpload
	}
	if s.maxBatch <= 0 {
		s.maxBatch = 256
	}
	writers := opts.Writers
	if writers <= 0 {
		writers = 4
	}
	if !opts.DB.Postgres() {
		writers = 1
	}
	for range writers {
		s.writers.Add(1)
		go s.write()
	}
	ctx, stop := context.WithCancel(context.Background())
	s.stopBackground = stop
	if s.files != "" {
		s.background.Add(1)
		go s.collector(ctx)
	}
	return s
}

// Close finishes the changes already submitted, then stops the writers and the file
// collector (a run cut short resumes at the next sweep).
func (s *Service) Close() {
	s.mu.Lock()
	if !s.closed {
		s.closed = true
		close(s.ops)
	}
	s.mu.Unlock()
	s.writers.Wait()
	s.stopBackground()
	s.background.Wait()
}

// submit queues a change and waits until it is committed or has failed.
func (s *Service) submit(ctx context.Context, apply func(context.Context, *store.Tx, *work) error) (*work, error) {
	return s.submitOp(&op{ctx: ctx, apply: apply})
}

// submitOp queues a change as submit does.
func (s *Service) submitOp(o *op) (*work, error) {
	ctx := o.ctx
	o.done = make(chan error, 1)
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return nil, ErrClosed
	}
	select {
	case s.ops <- o:
		s.mu.RUnlock()
	case <-ctx.Done():
		s.mu.RUnlock()
		return nil, ctx.Err()
	}
	// Once queued, the change may commit whatever the caller's context does, so wait for
	// the outcome: an answer is given only for what is known.
	if err := <-o.done; err != nil {
		return nil, err
	}
	return &o.work, nil
}

// write is one writer: it takes the waiting changes, up to maxBatch, and commits them.
func (s *Service) write() {
	defer s.writers.Done()
	batch := make([]*op, 0, s.maxBatch)
	for first := range s.ops {
		batch = append(batch[:0], first)
	fill:
		for len(batch) < s.maxBatch {
			select {
			case o, ok := <-s.ops:
				if !ok {
					break fill
				}
				batch = append(batch, o)
			default:
				break fill
			}
		}
		s.commit(batch)
	}
}

// commit runs a batch in one transaction. On SQLite, a batch whose changes can all
// be run again (op.restart) runs them without savepoints, which cost each change a
// copy of every page it touches (13% of a ticket create's instructions): a change that
// fails before writing fails alone, and one that fails after writing makes the batch
// start over without it, each change in its own savepoint, as every other batch runs.
func (s *Service) commit(batch []*op) {
	errs := make([]error, len(batch))
	fast := !s.db.Postgres() // a failed statement ends a PostgreSQL transaction
	for _, o := range batch {
		fast = fast && o.restart != nil
	}
	err := s.runBatch(batch, errs, fast)
	if errors.Is(err, errStartOver) {
		err = s.runBatch(batch, errs, false)
	}
	for i, o := range batch {
		switch {
		case errs[i] != nil:
			o.done <- errs[i]
		case err != nil:
			o.done <- commitError(err)
		default:
			// Published before the caller hears, so a change's events precede whatever
			// its caller does next.
			if s.publish != nil && o.work.event != nil {
				for _, ev := range o.work.more {
					s.publish(ev)
				}
				s.publish(*o.work.event)
			}
			o.done <- nil
		}
	}
}

// errStartOver rolls back a batch run without savepoints, to run it again with them.
var errStartOver = errors.New("a change failed after writing: start the batch over")

// runBatch runs the changes that have not failed yet in one transaction, each in its
// own savepoint unless fast, and records each one's outcome in errs.
func (s *Service) runBatch(batch []*op, errs []error, fast bool) error {
	ctx := context.Background() // the batch must not die with one caller's context
	return s.db.Write(ctx, func(tx *store.Tx) error {
		var texts []store.TicketText
		var purged []int64
		for i, o := range batch {
			if errs[i] != nil {
				continue // failed in the run that started over: that outcome stands
			}
			if err := o.ctx.Err(); err != nil {
				errs[i] = err
				continue
			}
			if o.restart != nil {
				o.restart()
			}
			o.work = work{}
			if fast {
				wrote := tx.Writes()
				if errs[i] = o.run(ctx, tx); errs[i] != nil && tx.Writes() != wrote {
					return errStartOver
				}
			} else {
				errs[i] = tx.Savepoint(ctx, func() error { return o.run(ctx, tx) })
			}
			if errs[i] == nil {
				texts = append(texts, o.work.texts...)
				if o.work.purged != 0 {
					purged = append(purged, o.work.purged)
				}
			}
		}
		// The index rows are written once per batch, after every change: a ticket a later
		// change of the batch erased must not get them.
		if len(purged) > 0 {
			texts = slices.DeleteFunc(texts, func(t store.TicketText) bool { return slices.Contains(purged, t.TicketID) })
		}
		return tx.IndexTicketTexts(ctx, texts)
	})
}

func commitError(err error) error {
	var e *fd.Error
	if errors.As(err, &e) {
		return err
	}
	return &fd.Error{Code: fd.Internal, Message: "could not save the change", Err: err}
}
