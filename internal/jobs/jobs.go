// Package jobs runs background work that a request hands off and answers with a job
// status, as Zendesk's bulk endpoints do: the job and its input are stored first, then a
// pool of in-process workers runs it and records each item's result.
//
// A job accepted is never lost. Jobs live in the database until they finish: a worker
// takes one under a lease it keeps renewing, and a job whose lease runs out (its process
// died) or that a stopping server put back is resumed by the next worker, on this node or
// another. A resumed job skips the items it has results for; a ticket change records its
// result in its own transaction (ticket.WithRecorder), so no item is done twice. A job
// interrupted MaxAttempts times fails with a message rather than looping forever.
// Finished jobs are kept for a day, then purged.
package jobs

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Defaults of Options.
const (
	DefaultWorkers     = 2
	DefaultLease       = time.Minute
	DefaultPoll        = time.Second
	DefaultRetention   = 24 * time.Hour
	DefaultMaxAttempts = 3
)

// Options configure New.
type Options struct {
	DB     *store.DB
	Logger *slog.Logger
	// Clock is the time source for stamps, leases and expiry; nil means time.Now.
	Clock func() time.Time
	// Workers is the number of jobs run at once (default 2).
	Workers int
	// Lease is how long a worker holds a job without renewing it; a job whose lease runs
	// out is resumed by another worker (default a minute).
	Lease time.Duration
	// Poll is how often idle workers look for jobs other nodes queued or abandoned
	// (default a second); jobs queued here wake a worker at once.
	Poll time.Duration
	// Retention is how long a job status stays readable after the job was created
	// (default a day, as in Zendesk).
	Retention time.Duration
	// MaxAttempts is how many times a job is taken before an interrupted job fails
	// (default 3).
	MaxAttempts int
}

// Func does the work of one kind of job. It reads run.Job.Input, skips the items
// run.Done reports, and records every other item's result: with Record, or, for a
// ticket change, inside the change's transaction with RecordTx. A context error means
// the runner is stopping: return it, and the job is resumed later. Any other error fails
// the job with the error's message; the results recorded stay.
type Func func(ctx context.Context, run *Run) error

// Runner queues jobs and runs them on a pool of workers.
type Runner struct {
	db      *store.DB
	log     *slog.Logger
	now     func() time.Time
	workers int
	lease   time.Duration
	poll    time.Duration
	keep    time.Duration
	tries   int

	mu    sync.RWMutex
	kinds map[string]Func

	wake    chan struct{}
	stop    chan struct{}
	base    context.Context // the running jobs' context, cancelled when draining runs out of time
	cancel  context.CancelFunc
	running sync.WaitGroup
	start   sync.Once
	closed  sync.Once
}

// New returns a runner; Handle its kinds, then Start it.
func New(o Options) *Runner {
	r := &Runner{db: o.DB, log: o.Logger, now: o.Clock, workers: o.Workers, lease: o.Lease, poll: o.Poll,
		keep: o.Retention, tries: o.MaxAttempts, kinds: map[string]Func{}, stop: make(chan struct{})}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if r.now == nil {
		r.now = time.Now
	}
	if r.workers <= 0 {
		r.workers = DefaultWorkers
	}
	if r.lease <= 0 {
		r.lease = DefaultLease
	}
	if r.poll <= 0 {
		r.poll = DefaultPoll
	}
	if r.keep <= 0 {
		r.keep = DefaultRetention
	}
	if r.tries <= 0 {
		r.tries = DefaultMaxAttempts
	}
	r.wake = make(chan struct{}, r.workers)
	r.base, r.cancel = context.WithCancel(context.Background())
	return r
}

// Handle sets the function that runs jobs of a kind.
func (r *Runner) Handle(kind string, f Func) {
	r.mu.Lock()
	r.kinds[kind] = f
	r.mu.Unlock()
}

// Retention is how long a job stays readable after it was created.
func (r *Runner) Retention() time.Duration { return r.keep }

// Enqueue stores a new job of kind for userID, with total items and its input (encoded
// as JSON), and wakes a worker. The job is queued once Enqueue returns.
func (r *Runner) Enqueue(ctx context.Context, kind string, userID int64, total int, input any) (*store.Job, error) {
	raw, err := json.Marshal(input)
	if err != nil {
		return nil, err
	}
	id := make([]byte, 16)
	if _, err := rand.Read(id); err != nil {
		return nil, err
	}
	now := r.stamp()
	j := &store.Job{ID: hex.EncodeToString(id), Kind: kind, UserID: userID, Total: total, Input: raw, CreatedAt: now, UpdatedAt: now}
	if err := r.db.Write(ctx, func(tx *store.Tx) error { return tx.InsertJob(ctx, j) }); err != nil {
		return nil, err
	}
	select {
	case r.wake <- struct{}{}:
	default: // every worker has a wake-up pending already
	}
	return j, nil
}

// Job returns a job that has not expired, with its results.
func (r *Runner) Job(ctx context.Context, id string) (*store.Job, error) {
	j, err := r.db.Read().Job(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.expired(j) {
		return nil, fd.ErrNotFound("job status", id)
	}
	return j, nil
}

// Jobs returns a page of the jobs f selects that have not expired.
func (r *Runner) Jobs(ctx context.Context, f store.JobFilter) ([]*store.Job, *store.JobCursor, error) {
	f.FinishedSince = r.now().Add(-r.keep)
	return r.db.Read().Jobs(ctx, f)
}

func (r *Runner) expired(j *store.Job) bool {
	return !j.FinishedAt.IsZero() && j.CreatedAt.Before(r.now().Add(-r.keep))
}

// Start purges expired jobs and starts the workers; jobs left queued or abandoned by an
// earlier run are resumed first, oldest first.
func (r *Runner) Start() {
	r.start.Do(func() {
		r.purge()
		r.running.Add(r.workers + 1)
		for range r.workers {
			go r.work()
		}
		go r.janitor()
	})
}

// Close stops taking jobs and waits for the running ones to finish until ctx ends; then
// it interrupts them, and they are put back in the queue to resume at the next start.
// Queued jobs stay queued. Close is safe to call more than once, and without Start.
func (r *Runner) Close(ctx context.Context) {
	r.closed.Do(func() { close(r.stop) })
	done := make(chan struct{})
	go func() {
		r.running.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		r.cancel()
		<-done
	}
	r.cancel()
}

// work is one worker: it takes jobs until the runner stops.
func (r *Runner) work() {
	defer r.running.Done()
	tick := time.NewTicker(r.poll)
	defer tick.Stop()
	for {
		select {
		case <-r.stop:
			return
		default:
		}
		j, err := r.claim()
		if err == nil {
			r.run(j)
			continue
		}
		if !fd.Is(err, fd.NotFound) {
			r.log.Error("taking a job", "err", err)
		}
		select {
		case <-r.stop:
			return
		case <-r.wake:
		case <-tick.C:
		}
	}
}

// janitor purges expired jobs now and then.
func (r *Runner) janitor() {
	defer r.running.Done()
	tick := time.NewTicker(10 * time.Minute)
	defer tick.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-tick.C:
			r.purge()
		}
	}
}

func (r *Runner) purge() {
	ctx := context.Background()
	var n int64
	err := r.db.Write(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.PurgeJobs(ctx, r.now().Add(-r.keep))
		return err
	})
	if err != nil {
		r.log.Error("purging expired jobs", "err", err)
	} else if n > 0 {
		r.log.Info("purged expired jobs", "count", n)
	}
}

// claim takes the next job waiting for a worker, NotFound when none is. It looks on a
// reader first, so idle polling never takes the write lock.
func (r *Runner) claim() (*store.Job, error) {
	ctx := context.Background()
	waiting, err := r.db.Read().JobWaiting(ctx, r.now())
	if err != nil || !waiting {
		return nil, cmp.Or[error](err, fd.ErrNotFound("job", "waiting"))
	}
	var j *store.Job
	err = r.db.Write(ctx, func(tx *store.Tx) (err error) {
		now := r.stamp()
		j, err = tx.ClaimJob(ctx, now, now.Add(r.lease))
		return err
	})
	return j, err
}

// run runs one job under its lease and records how it ended.
func (r *Runner) run(j *store.Job) {
	ctx, cancel := context.WithCancel(r.base)
	defer cancel()
	log := r.log.With("job_id", j.ID, "kind", j.Kind, "attempt", j.Attempts)
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		r.renew(ctx, j.ID, log)
	}()
	err := r.call(ctx, j)
	cancel()
	<-renewed
	// The end is written even when draining ran out of time.
	end := context.Background()
	switch {
	case err != nil && r.base.Err() != nil:
		log.Info("job interrupted; it resumes at the next start", "err", err)
		err = r.db.Write(end, func(tx *store.Tx) error { return tx.ReleaseJob(end, j.ID, r.stamp()) })
	case err != nil:
		log.Warn("job failed", "err", err)
		err = r.finish(end, j.ID, store.JobFailed, message(err))
	default:
		err = r.finish(end, j.ID, store.JobCompleted, "Completed at "+r.now().UTC().Format("2006-01-02 15:04:05 -0700"))
	}
	if err != nil {
		log.Error("recording the job's end", "err", err)
	}
}

// call runs the job's function; a panic fails the job instead of the server.
func (r *Runner) call(ctx context.Context, j *store.Job) (err error) {
	if j.Attempts > r.tries {
		return fd.Errorf(fd.Internal, "the job was interrupted %d times; it was given up", j.Attempts-1)
	}
	r.mu.RLock()
	f := r.kinds[j.Kind]
	r.mu.RUnlock()
	if f == nil {
		return fd.Errorf(fd.Internal, "no worker runs jobs of kind %q", j.Kind)
	}
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("job panicked", "job_id", j.ID, "panic", p, "stack", string(debug.Stack()))
			err = fd.Errorf(fd.Internal, "the job stopped on an internal error")
		}
	}()
	done := make(map[int]bool, len(j.Results))
	for _, res := range j.Results {
		done[res.Index] = true
	}
	return f(ctx, &Run{Job: j, done: done, db: r.db})
}

// renew keeps the job's lease until ctx ends.
func (r *Runner) renew(ctx context.Context, id string, log *slog.Logger) {
	tick := time.NewTicker(r.lease / 3)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			err := r.db.Write(ctx, func(tx *store.Tx) error { return tx.RenewJobLease(ctx, id, r.stamp().Add(r.lease)) })
			if err != nil && ctx.Err() == nil {
				log.Warn("renewing the job's lease", "err", err)
			}
		}
	}
}

func (r *Runner) finish(ctx context.Context, id, status, msg string) error {
	return r.db.Write(ctx, func(tx *store.Tx) error { return tx.FinishJob(ctx, id, status, msg, r.stamp()) })
}

func (r *Runner) stamp() time.Time { return r.now().UTC().Truncate(time.Microsecond) }

// message is what a failed job tells its reader: the domain error's own words, never
// an internal cause.
func message(err error) string {
	var e *fd.Error
	if errors.As(err, &e) {
		if len(e.Fields) > 0 {
			return e.Error()
		}
		return e.Message
	}
	return "the job stopped on an internal error"
}

// Run is one job being run: its stored form and what is done already.
type Run struct {
	Job  *store.Job
	done map[int]bool
	db   *store.DB
}

// Done reports whether the item at index has a result already (the job is resumed).
func (r *Run) Done(index int) bool { return r.done[index] }

// Record stores an item's result in a transaction of its own.
func (r *Run) Record(ctx context.Context, res store.JobResult) error {
	if err := r.db.Write(ctx, func(tx *store.Tx) error { return r.RecordTx(ctx, tx, res) }); err != nil {
		return fmt.Errorf("recording item %d of job %s: %w", res.Index, r.Job.ID, err)
	}
	return nil
}

// RecordTx stores an item's result inside tx, to commit with the item's own change.
func (r *Run) RecordTx(ctx context.Context, tx *store.Tx, res store.JobResult) error {
	return tx.InsertJobResult(ctx, r.Job.ID, res)
}
