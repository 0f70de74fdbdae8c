package jobs_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/jobs"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// clock is a time source the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

type fixture struct {
	db    *store.DB
	clock *clock
	user  *fd.User
}

func setup(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{db: db, clock: &clock{t: time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)}}
	u, err := directory.New(directory.Options{DB: db}).CreateUser(context.Background(),
		directory.NewUser{Name: "Ann Agent", Email: "ann@acme.test", Role: fd.RoleAgent})
	if err != nil {
		t.Fatal(err)
	}
	f.user = u
	return f
}

// runner returns a runner on the fixture's database and clock, closed at the end.
func (f *fixture) runner(t *testing.T, mod ...func(*jobs.Options)) *jobs.Runner {
	o := jobs.Options{DB: f.db, Clock: f.clock.now, Poll: 10 * time.Millisecond}
	for _, m := range mod {
		m(&o)
	}
	r := jobs.New(o)
	t.Cleanup(func() { r.Close(context.Background()) })
	return r
}

// wait polls until the job has finished and returns it.
func wait(t *testing.T, r *jobs.Runner, id string) *store.Job {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		j, err := r.Job(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if !j.FinishedAt.IsZero() {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s did not finish: %+v", id, j)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// items is a job kind that records every item it is given, counting how often each
// item ran; gate, when set, holds the job before item stopAt until the context ends.
type items struct {
	mu     sync.Mutex
	ran    map[int]int
	stopAt int
	gate   chan struct{}
}

func (it *items) run(ctx context.Context, run *jobs.Run) error {
	for i := range run.Job.Total {
		if run.Done(i) {
			continue
		}
		if it.gate != nil && i == it.stopAt {
			close(it.gate)
			<-ctx.Done()
			return ctx.Err()
		}
		it.mu.Lock()
		it.ran[i]++
		it.mu.Unlock()
		if err := run.Record(ctx, store.JobResult{Index: i, ID: int64(100 + i), Action: "update", Success: true, Status: "Updated"}); err != nil {
			return err
		}
	}
	return nil
}

func TestLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		r := f.runner(t)
		started, release := make(chan struct{}), make(chan struct{})
		r.Handle("test", func(ctx context.Context, run *jobs.Run) error {
			close(started)
			<-release
			return run.Record(ctx, store.JobResult{Index: 0, ID: 7, Action: "update", Success: true, Status: "Updated"})
		})
		r.Handle("bad", func(ctx context.Context, run *jobs.Run) error {
			if err := run.Record(ctx, store.JobResult{Index: 0, ID: 7, Action: "merge", Status: "Failed", Error: "RecordInvalid", Details: "closed"}); err != nil {
				return err
			}
			return fd.InvalidField("ids", "ticket 7 is closed")
		})
		r.Handle("panics", func(context.Context, *jobs.Run) error { panic("boom") })
		ctx := context.Background()
		j, err := r.Enqueue(ctx, "test", f.user.ID, 1, map[string]int{"n": 1})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := r.Job(ctx, j.ID); got.Status != store.JobQueued || got.Total != 1 || string(got.Input) != `{"n":1}` {
			t.Fatalf("queued job %+v", got)
		}
		r.Start()
		<-started
		if got, _ := r.Job(ctx, j.ID); got.Status != store.JobWorking || got.Attempts != 1 || got.LeaseUntil.IsZero() {
			t.Fatalf("running job %+v", got)
		}
		close(release)
		done := wait(t, r, j.ID)
		if done.Status != store.JobCompleted || done.Message != "Completed at 2026-06-01 12:00:00 +0000" ||
			len(done.Results) != 1 || done.Results[0].ID != 7 || !done.LeaseUntil.IsZero() {
			t.Fatalf("completed job %+v", done)
		}

		bad := must(r.Enqueue(ctx, "bad", f.user.ID, 1, nil))(t)
		if got := wait(t, r, bad.ID); got.Status != store.JobFailed || !strings.Contains(got.Message, "ticket 7 is closed") || len(got.Results) != 1 {
			t.Fatalf("failed job %+v", got)
		}
		p := must(r.Enqueue(ctx, "panics", f.user.ID, 1, nil))(t)
		if got := wait(t, r, p.ID); got.Status != store.JobFailed || got.Message != "the job stopped on an internal error" {
			t.Fatalf("panicked job %+v", got)
		}
		unknown := must(r.Enqueue(ctx, "nobody-runs-this", f.user.ID, 1, nil))(t)
		if got := wait(t, r, unknown.ID); got.Status != store.JobFailed || !strings.Contains(got.Message, "nobody-runs-this") {
			t.Fatalf("job of an unknown kind %+v", got)
		}
	})
}

// A server that stops (drains) with a job under way puts it back; the next start resumes
// it where it stopped, and no item runs twice.
func TestResumeAfterRestart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		ctx := context.Background()
		first := &items{ran: map[int]int{}, stopAt: 2, gate: make(chan struct{})}
		a := f.runner(t, func(o *jobs.Options) { o.Workers = 1 })
		a.Handle("items", first.run)
		j := must(a.Enqueue(ctx, "items", f.user.ID, 5, nil))(t)
		f.clock.advance(time.Second)
		queued := must(a.Enqueue(ctx, "pairs", f.user.ID, 2, nil))(t)
		a.Start()
		<-first.gate
		drain, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		a.Close(drain) // the job does not finish in time: it is interrupted and put back
		cancel()
		got := must(db.Read().Job(ctx, j.ID))(t)
		if got.Status != store.JobQueued || len(got.Results) != 2 || !got.LeaseUntil.IsZero() {
			t.Fatalf("interrupted job %+v", got)
		}

		second, pairs := &items{ran: map[int]int{}}, &items{ran: map[int]int{}}
		b := f.runner(t)
		b.Handle("items", second.run)
		b.Handle("pairs", pairs.run)
		b.Start()
		done := wait(t, b, j.ID)
		if done.Status != store.JobCompleted || done.Attempts != 2 || len(done.Results) != 5 {
			t.Fatalf("resumed job %+v", done)
		}
		for i, r := range done.Results {
			if r.Index != i || r.ID != int64(100+i) {
				t.Fatalf("result %d: %+v", i, r)
			}
		}
		for i := range 5 {
			if n := first.ran[i] + second.ran[i]; n != 1 {
				t.Fatalf("item %d ran %d times (first %v, second %v)", i, n, first.ran, second.ran)
			}
		}
		if got := wait(t, b, queued.ID); got.Status != store.JobCompleted || len(got.Results) != 2 || pairs.ran[0] != 1 || pairs.ran[1] != 1 {
			t.Fatalf("job queued at the restart %+v, ran %v", got, pairs.ran)
		}
	})
}

// A job whose worker died (its lease ran out) is resumed by the next worker; one that
// was interrupted too often fails rather than looping.
func TestAbandonedJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		ctx := context.Background()
		enq := f.runner(t)
		j := must(enq.Enqueue(ctx, "items", f.user.ID, 3, nil))(t)
		claim := func() *store.Job {
			var got *store.Job
			err := db.Write(ctx, func(tx *store.Tx) (err error) {
				got, err = tx.ClaimJob(ctx, f.clock.now(), f.clock.now().Add(time.Minute))
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		// A worker takes the job, records an item, and its process dies.
		if got := claim(); got.ID != j.ID || got.Attempts != 1 {
			t.Fatalf("claimed %+v", got)
		}
		must(0, db.Write(ctx, func(tx *store.Tx) error {
			return tx.InsertJobResult(ctx, j.ID, store.JobResult{Index: 0, ID: 100, Action: "update", Success: true, Status: "Updated"})
		}))(t)
		if err := db.Write(ctx, func(tx *store.Tx) error {
			_, err := tx.ClaimJob(ctx, f.clock.now(), f.clock.now().Add(time.Minute))
			return err
		}); !fd.Is(err, fd.NotFound) {
			t.Fatalf("a leased job was taken again: %v", err)
		}

		it := &items{ran: map[int]int{}}
		r := f.runner(t)
		r.Handle("items", it.run)
		f.clock.advance(2 * time.Minute) // the lease runs out
		r.Start()
		done := wait(t, r, j.ID)
		if done.Status != store.JobCompleted || done.Attempts != 2 || len(done.Results) != 3 || it.ran[0] != 0 || it.ran[1] != 1 {
			t.Fatalf("resumed job %+v, ran %v", done, it.ran)
		}

		// Taken and abandoned three times: the fourth worker gives it up.
		r.Close(ctx)
		crashy := must(enq.Enqueue(ctx, "items", f.user.ID, 1, nil))(t)
		for range 3 {
			claim()
			f.clock.advance(2 * time.Minute)
		}
		r2 := f.runner(t, func(o *jobs.Options) { o.MaxAttempts = 3 })
		r2.Handle("items", it.run)
		r2.Start()
		if got := wait(t, r2, crashy.ID); got.Status != store.JobFailed || got.Attempts != 4 || !strings.Contains(got.Message, "interrupted 3 times") {
			t.Fatalf("job abandoned 3 times: %+v", got)
		}
	})
}

// Job statuses are kept a day after the job was created; finished ones are then hidden
// and purged, unfinished ones never.
func TestExpiry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := setup(t, db)
		ctx := context.Background()
		r := f.runner(t)
		done := must(r.Enqueue(ctx, "items", f.user.ID, 1, nil))(t)
		must(0, db.Write(ctx, func(tx *store.Tx) error {
			return tx.FinishJob(ctx, done.ID, store.JobCompleted, "Completed", f.clock.now())
		}))(t)
		pending := must(r.Enqueue(ctx, "other", f.user.ID, 1, nil))(t)
		f.clock.advance(23 * time.Hour)
		fresh := must(r.Enqueue(ctx, "items", f.user.ID, 1, nil))(t)
		must(0, db.Write(ctx, func(tx *store.Tx) error {
			return tx.FinishJob(ctx, fresh.ID, store.JobCompleted, "Completed", f.clock.now())
		}))(t)
		must(r.Job(ctx, done.ID))(t)

		f.clock.advance(2 * time.Hour) // done is 25 hours old, fresh 2
		if _, err := r.Job(ctx, done.ID); !fd.Is(err, fd.NotFound) {
			t.Fatalf("expired job: %v", err)
		}
		list, _ := must2(r.Jobs(ctx, store.JobFilter{UserID: f.user.ID}))(t)
		if len(list) != 2 || list[0].ID != fresh.ID || list[1].ID != pending.ID {
			t.Fatalf("listed %d jobs: %+v", len(list), list)
		}
		r.Start() // purges at start
		if _, err := db.Read().Job(ctx, done.ID); !fd.Is(err, fd.NotFound) {
			t.Fatalf("expired job not purged: %v", err)
		}
		must(db.Read().Job(ctx, fresh.ID))(t)
		must(db.Read().Job(ctx, pending.ID))(t)
	})
}

func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func must2[A, B any](a A, b B, err error) func(*testing.T) (A, B) {
	return func(t *testing.T) (A, B) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a, b
	}
}
