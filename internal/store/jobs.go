package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// The statuses of a job, as Zendesk names them.
const (
	JobQueued    = "queued"
	JobWorking   = "working"
	JobCompleted = "completed"
	JobFailed    = "failed"
)

// Job is background work a request handed off (bulk ticket changes, merges). Its input
// is kept until it finishes, so a job accepted survives a restart.
type Job struct {
	ID     string
	Kind   string
	UserID int64 // who started it: it runs with their permissions, and only they (or an admin) read it
	Status string
	Total  int
	// Message is the outcome in words once finished, as Zendesk gives it.
	Message string
	Input   []byte // JSON, as the job's kind reads it
	// Attempts counts the times a worker took the job; more than one means it was resumed.
	Attempts   int
	LeaseUntil time.Time // while working: the worker holds the job until then
	CreatedAt  time.Time
	UpdatedAt  time.Time
	FinishedAt time.Time
	// Results are the items done so far, by index.
	Results []JobResult
}

// JobResult is the outcome of one item of a job, in Zendesk's shape.
type JobResult struct {
	Index   int    `json:"index"`
	ID      int64  `json:"id,omitempty"`
	Action  string `json:"action"`
	Success bool   `json:"success"`
	Status  string `json:"status"`
	Error   string `json:"error,omitempty"`
	Details string `json:"details,omitempty"`
}

const jobColumns = `id, kind, user_id, status, total, message, input, attempts, lease_until,
	created_at, updated_at, finished_at`

func scanJob(s scanner) (*Job, error) {
	var j Job
	var input string
	var lease, finished sql.NullInt64
	var created, updated int64
	err := s.Scan(&j.ID, &j.Kind, &j.UserID, &j.Status, &j.Total, &j.Message, &input, &j.Attempts,
		&lease, &created, &updated, &finished)
	if err != nil {
		return nil, mapErr(err)
	}
	j.Input = []byte(input)
	j.LeaseUntil, j.FinishedAt = fromMicros(lease), fromMicros(finished)
	j.CreatedAt, j.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	return &j, nil
}

// InsertJob stores a new job, queued.
func (c *Conn) InsertJob(ctx context.Context, j *Job) error {
	j.Status = JobQueued
	_, err := c.exec(ctx, `INSERT INTO jobs (id, kind, user_id, status, total, input, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, j.ID, j.Kind, j.UserID, j.Status, j.Total, string(j.Input),
		j.CreatedAt.UnixMicro(), j.UpdatedAt.UnixMicro())
	return err
}

// Job returns one job with its results.
func (c *Conn) Job(ctx context.Context, id string) (*Job, error) {
	j, err := scanJob(c.queryRow(ctx, "SELECT "+jobColumns+" FROM jobs WHERE id = ?", id))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("job status", id)
	}
	if err != nil {
		return nil, err
	}
	return j, c.loadJobResults(ctx, []*Job{j})
}

// JobFilter selects a page of jobs, newest first.
type JobFilter struct {
	IDs    []string // only these (show_many); nil means any
	UserID int64    // only this user's; 0 means anyone's
	// FinishedSince hides the jobs that finished and were created before it: expired,
	// whether or not the purge has removed them yet.
	FinishedSince time.Time
	After         *JobCursor
	Limit         int
}

// JobCursor is the position after which the next page of jobs starts.
type JobCursor struct {
	CreatedAt int64
	ID        string
}

// Jobs returns up to f.Limit jobs matching f, newest first, with their results, and the
// cursor of the next page (nil on the last).
func (c *Conn) Jobs(ctx context.Context, f JobFilter) ([]*Job, *JobCursor, error) {
	limit := f.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	var where []string
	var args []any
	if f.IDs != nil {
		if len(f.IDs) == 0 {
			return nil, nil, nil
		}
		ids := padded(f.IDs)
		where = append(where, "id IN ("+placeholders(len(ids))+")")
		for _, id := range ids {
			args = append(args, id)
		}
	}
	if f.UserID != 0 {
		where = append(where, "user_id = ?")
		args = append(args, f.UserID)
	}
	if !f.FinishedSince.IsZero() {
		where = append(where, "(finished_at IS NULL OR created_at >= ?)")
		args = append(args, f.FinishedSince.UnixMicro())
	}
	if f.After != nil {
		where = append(where, "(created_at < ? OR (created_at = ? AND id < ?))")
		args = append(args, f.After.CreatedAt, f.After.CreatedAt, f.After.ID)
	}
	q := "SELECT " + jobColumns + " FROM jobs"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY created_at DESC, id DESC LIMIT ?"
	rows, err := c.query(ctx, q, append(args, limit+1)...)
	list, err := collect(rows, err, scanJob)
	if err != nil {
		return nil, nil, err
	}
	var next *JobCursor
	if len(list) > limit {
		list = list[:limit]
		last := list[limit-1]
		next = &JobCursor{CreatedAt: last.CreatedAt.UnixMicro(), ID: last.ID}
	}
	return list, next, c.loadJobResults(ctx, list)
}

// loadJobResults fills the results of the jobs, in index order.
func (c *Conn) loadJobResults(ctx context.Context, jobs []*Job) error {
	if len(jobs) == 0 {
		return nil
	}
	byID := make(map[string]*Job, len(jobs))
	ids := make([]string, 0, len(jobs))
	for _, j := range jobs {
		byID[j.ID] = j
		ids = append(ids, j.ID)
	}
	ids = padded(ids)
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	type row struct {
		job string
		r   JobResult
	}
	rows, err := c.query(ctx, `SELECT job_id, idx, item_id, action, success, status, error, details
		FROM job_results WHERE job_id IN (`+placeholders(len(ids))+`) ORDER BY job_id, idx`, args...)
	list, err := collect(rows, err, func(s scanner) (row, error) {
		var x row
		var item sql.NullInt64
		err := s.Scan(&x.job, &x.r.Index, &item, &x.r.Action, &x.r.Success, &x.r.Status, &x.r.Error, &x.r.Details)
		x.r.ID = item.Int64
		return x, err
	})
	if err != nil {
		return err
	}
	for _, x := range list {
		if j := byID[x.job]; j != nil {
			j.Results = append(j.Results, x.r)
		}
	}
	return nil
}

// JobWaiting reports whether a job waits for a worker (see ClaimJob).
func (c *Conn) JobWaiting(ctx context.Context, now time.Time) (bool, error) {
	rows, err := c.query(ctx, `SELECT id FROM jobs WHERE finished_at IS NULL AND (lease_until IS NULL OR lease_until < ?)
		ORDER BY created_at, id LIMIT 1`, now.UnixMicro())
	ids, err := collect(rows, err, func(s scanner) (id string, err error) {
		err = s.Scan(&id)
		return id, err
	})
	return len(ids) > 0, err
}

// ClaimJob takes the oldest job that waits for a worker: queued, or working under a lease
// that ran out before now (its worker died). It marks the job working under a lease until
// leaseUntil and counts the attempt. With nothing to take, it returns NotFound.
func (c *Conn) ClaimJob(ctx context.Context, now, leaseUntil time.Time) (*Job, error) {
	q := "SELECT " + jobColumns + ` FROM jobs WHERE finished_at IS NULL AND (lease_until IS NULL OR lease_until < ?)
		ORDER BY created_at, id LIMIT 1`
	if c.pg {
		q += " FOR UPDATE SKIP LOCKED"
	}
	j, err := scanJob(c.queryRow(ctx, q, now.UnixMicro()))
	if err != nil {
		return nil, err
	}
	j.Status, j.Attempts, j.LeaseUntil, j.UpdatedAt = JobWorking, j.Attempts+1, leaseUntil, now
	_, err = c.exec(ctx, "UPDATE jobs SET status = ?, attempts = ?, lease_until = ?, updated_at = ? WHERE id = ?",
		j.Status, j.Attempts, leaseUntil.UnixMicro(), now.UnixMicro(), j.ID)
	if err != nil {
		return nil, err
	}
	return j, c.loadJobResults(ctx, []*Job{j})
}

// RenewJobLease extends a working job's lease.
func (c *Conn) RenewJobLease(ctx context.Context, id string, until time.Time) error {
	_, err := c.exec(ctx, "UPDATE jobs SET lease_until = ? WHERE id = ? AND finished_at IS NULL", until.UnixMicro(), id)
	return err
}

// ReleaseJob puts a working job back in the queue, for a worker that stops before it is
// done (the server shuts down): the next worker resumes it at once.
func (c *Conn) ReleaseJob(ctx context.Context, id string, at time.Time) error {
	_, err := c.exec(ctx, "UPDATE jobs SET status = ?, lease_until = NULL, updated_at = ? WHERE id = ? AND finished_at IS NULL",
		JobQueued, at.UnixMicro(), id)
	return err
}

// FinishJob records a job's end: completed or failed, with a message.
func (c *Conn) FinishJob(ctx context.Context, id, status, message string, at time.Time) error {
	_, err := c.exec(ctx, `UPDATE jobs SET status = ?, message = ?, lease_until = NULL, updated_at = ?, finished_at = ?
		WHERE id = ?`, status, message, at.UnixMicro(), at.UnixMicro(), id)
	return err
}

// InsertJobResult records the outcome of one item of a job. An item recorded already is
// a Conflict, so a change that carries its own result never commits twice.
func (c *Conn) InsertJobResult(ctx context.Context, jobID string, r JobResult) error {
	_, err := c.exec(ctx, `INSERT INTO job_results (job_id, idx, item_id, action, success, status, error, details)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, jobID, r.Index, nullID(r.ID), r.Action, r.Success, r.Status, r.Error, r.Details)
	return err
}

// PurgeJobs deletes the finished jobs created before, with their results, and returns
// how many went.
func (c *Conn) PurgeJobs(ctx context.Context, before time.Time) (int64, error) {
	res, err := c.exec(ctx, "DELETE FROM jobs WHERE created_at < ? AND finished_at IS NOT NULL", before.UnixMicro())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// padded repeats the last value of list up to the next power of two, so IN lists of
// any length come in a few shapes and the prepared-statement cache is not filled with
// one statement per length. Repeats do not change what IN matches.
func padded[T any](list []T) []T {
	if len(list) == 0 {
		return list
	}
	n := 1
	for n < len(list) {
		n *= 2
	}
	out := make([]T, n)
	copy(out, list)
	for i := len(list); i < n; i++ {
		out[i] = list[len(list)-1]
	}
	return out
}
