package api

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/jobs"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// Job statuses: the progress and results of the work the bulk endpoints queue. Only the
// job's creator, or an admin, may read one; to anyone else it does not exist.
func (a *API) jobRoutes() []route {
	return []route{
		{"GET /api/v2/job_statuses", staffOnly, a.listJobs},
		{"GET /api/v2/job_statuses/show_many", staffOnly, a.showManyJobs},
		{"GET /api/v2/job_statuses/{id}", staffOnly, a.showJob},
	}
}

// jobJSON is a job status in Zendesk's shape.
type jobJSON struct {
	ID       string            `json:"id"`
	URL      string            `json:"url"`
	JobType  string            `json:"job_type"`
	Status   string            `json:"status"`
	Total    int               `json:"total"`
	Progress int               `json:"progress"`
	Message  *string           `json:"message"`
	Results  []store.JobResult `json:"results"`
}

func jobOut(base string, j *store.Job) jobJSON {
	out := jobJSON{ID: j.ID, URL: base + "/api/v2/job_statuses/" + j.ID + ".json", JobType: j.Kind, Status: j.Status,
		Total: j.Total, Progress: len(j.Results), Message: nullString(j.Message), Results: j.Results}
	if out.Results == nil {
		out.Results = []store.JobResult{}
	}
	return out
}

// runner is the job runner, or an error when the API was built without one.
func (a *API) runner() (*jobs.Runner, error) {
	if a.jobs == nil {
		return nil, fd.Errorf(fd.Internal, "background jobs are not running")
	}
	return a.jobs, nil
}

// enqueue queues a job for the caller and answers with its status, 200 as in Zendesk.
func (a *API) enqueue(w http.ResponseWriter, r *http.Request, caller *fd.User, kind string, total int, input any) error {
	rn, err := a.runner()
	if err != nil {
		return err
	}
	j, err := rn.Enqueue(r.Context(), kind, caller.ID, total, input)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"job_status": jobOut(baseURL(r), j)})
	return nil
}

// ownerFilter limits a job listing to what the caller may read: their own jobs, or
// every job for admins.
func ownerFilter(caller *fd.User) int64 {
	if caller.Role == fd.RoleAdmin {
		return 0
	}
	return caller.ID
}

func (a *API) showJob(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	rn, err := a.runner()
	if err != nil {
		return err
	}
	id := r.PathValue("id")
	j, err := rn.Job(r.Context(), id)
	if err != nil {
		return err
	}
	if owner := ownerFilter(caller); owner != 0 && j.UserID != owner {
		return fd.ErrNotFound("job status", id)
	}
	writeJSON(w, http.StatusOK, map[string]any{"job_status": jobOut(baseURL(r), j)})
	return nil
}

func (a *API) showManyJobs(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	rn, err := a.runner()
	if err != nil {
		return err
	}
	var ids []string
	for _, id := range strings.Split(r.URL.Query().Get("ids"), ",") {
		if id = strings.TrimSpace(id); id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	switch {
	case len(ids) == 0:
		return fd.InvalidField("ids", "is required: a comma-separated list of job status ids")
	case len(ids) > maxBulk:
		return fd.InvalidField("ids", "can name at most %d job statuses, not %d", maxBulk, len(ids))
	}
	list, _, err := rn.Jobs(r.Context(), store.JobFilter{IDs: ids, UserID: ownerFilter(caller), Limit: maxBulk})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"job_statuses": jobsOut(baseURL(r), list)})
	return nil
}

// listJobs lists the jobs the caller may read, newest first, by cursor (page[size],
// page[after]) as Zendesk does.
func (a *API) listJobs(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	rn, err := a.runner()
	if err != nil {
		return err
	}
	size, err := readPageSize(r)
	if err != nil {
		return err
	}
	f := store.JobFilter{UserID: ownerFilter(caller), Limit: size}
	if after := r.URL.Query().Get("page[after]"); after != "" {
		if f.After, err = decodeJobCursor(after); err != nil {
			return fd.InvalidField("page[after]", "is not a cursor this API gave out")
		}
	}
	list, next, err := rn.Jobs(r.Context(), f)
	if err != nil {
		return err
	}
	cur := ""
	if next != nil {
		cur = base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d:%s", next.CreatedAt, next.ID))
	}
	meta, links := cursorMeta(r, size, cur)
	writeJSON(w, http.StatusOK, map[string]any{"job_statuses": jobsOut(baseURL(r), list), "meta": meta, "links": links})
	return nil
}

func decodeJobCursor(s string) (*store.JobCursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	var c store.JobCursor
	if _, err := fmt.Sscanf(string(raw), "%d:%s", &c.CreatedAt, &c.ID); err != nil {
		return nil, err
	}
	return &c, nil
}

func jobsOut(base string, list []*store.Job) []jobJSON {
	out := make([]jobJSON, len(list))
	for i, j := range list {
		out[i] = jobOut(base, j)
	}
	return out
}

// jobViewer is the user a job runs as, with their ticket visibility as it is now: a job
// acts with its creator's permissions when it runs, not when it was queued.
func (a *API) jobViewer(ctx context.Context, run *jobs.Run) (*viewer, error) {
	u, err := a.db.Read().User(ctx, run.Job.UserID)
	if err != nil {
		return nil, err
	}
	if u.Suspended || !u.Role.IsStaff() {
		return nil, fd.Errorf(fd.Forbidden, "the user who started this job may no longer change tickets")
	}
	return a.viewerOf(ctx, u)
}

// item is one item of a bulk job.
type item struct {
	index  int
	id     int64  // the ticket, when known before the change
	action string // create, update, delete or merge
}

// doneStatus is each action's status on success, as Zendesk words it.
var doneStatus = map[string]string{"create": "Created", "update": "Updated", "delete": "Deleted", "merge": "Merged"}

// runItem does one item of a job unless it is done already. do's ticket change records
// the item's success inside its own transaction; a failure (invalid, not found, not
// visible) is recorded after, and the job goes on. runItem returns an error only when
// the job must stop: the runner is stopping (the item is done when the job resumes), or
// a result could not be stored.
func (a *API) runItem(ctx context.Context, run *jobs.Run, it item, do func(ctx context.Context) error) error {
	if run.Done(it.index) {
		return nil
	}
	rec := ticket.WithRecorder(ctx, func(ctx context.Context, tx *store.Tx, t *fd.Ticket) error {
		return run.RecordTx(ctx, tx, store.JobResult{Index: it.index, ID: t.ID, Action: it.action, Success: true,
			Status: doneStatus[it.action]})
	})
	err := do(rec)
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return err
	}
	return run.Record(ctx, a.failure(run, it, err))
}

// failure is the result of an item that failed, with the error named as the API names
// it and its details in words.
func (a *API) failure(run *jobs.Run, it item, err error) store.JobResult {
	code := fd.CodeOf(err)
	m, ok := statusOf[code]
	if !ok {
		m = statusOf[fd.Internal]
	}
	res := store.JobResult{Index: it.index, ID: it.id, Action: it.action, Status: "Failed", Error: m.name}
	var e *fd.Error
	switch {
	case code == fd.Internal || !errors.As(err, &e):
		a.log.Error("job item failed", "job_id", run.Job.ID, "index", it.index, "err", err)
		res.Details = "Something went wrong on our side"
	case len(e.Fields) > 0:
		parts := make([]string, len(e.Fields))
		for i, f := range e.Fields {
			parts[i] = f.Field + " " + f.Message
		}
		res.Details = strings.Join(parts, "; ")
	default:
		res.Details = e.Message
	}
	return res
}

// jobCreator is the user a job that is no ticket change runs as, read afresh: the job
// acts with its creator's permissions when it runs, not when it was queued. who is the
// access the job's route requires; a creator who lost it (deleted, suspended, demoted)
// fails the job.
func (a *API) jobCreator(ctx context.Context, run *jobs.Run, who access) (*fd.User, error) {
	u, err := a.db.Read().User(ctx, run.Job.UserID)
	if fd.Is(err, fd.NotFound) {
		return nil, fd.Errorf(fd.Forbidden, "the user who started this job no longer exists")
	}
	if err != nil {
		return nil, err
	}
	switch {
	case !u.Active() || u.Suspended:
		return nil, fd.Errorf(fd.Forbidden, "the user who started this job is suspended or deleted")
	case who == adminOnly && u.Role != fd.RoleAdmin:
		return nil, fd.Errorf(fd.Forbidden, "only admins may do this, and the user who started this job no longer is one")
	case !u.Role.IsStaff():
		return nil, fd.Errorf(fd.Forbidden, "the user who started this job is no longer an agent")
	}
	return u, nil
}

// runTxItem does one item of a job whose change is a directory write, unless it is done
// already. do makes the change inside tx, naming the record it touched in it.id (and,
// when only the change tells, the action in it.action); the item's success is recorded
// in the same transaction, so the change and its result commit together or not at all.
// do must not open a transaction of its own: there is one writer. A change refused
// while its user still holds tickets is retried after they are unassigned, as actor
// (freeAssignee). A failure is recorded after the rollback, and the job goes on;
// runTxItem returns an error only when the job must stop, as runItem does.
func (a *API) runTxItem(ctx context.Context, run *jobs.Run, actor *fd.User, it item, do func(ctx context.Context, tx *store.Tx, it *item) error) error {
	if run.Done(it.index) {
		return nil
	}
	err := a.freeAssignee(ctx, actor, func() error {
		return a.db.Write(ctx, func(tx *store.Tx) error {
			if err := do(ctx, tx, &it); err != nil {
				return err
			}
			return run.RecordTx(ctx, tx, store.JobResult{Index: it.index, ID: it.id, Action: it.action, Success: true,
				Status: doneStatus[it.action]})
		})
	})
	if err != nil {
		return a.itemFailed(ctx, run, it, err)
	}
	return nil
}

// itemFailed records the failure of an item, and the job goes on; it returns an error
// only when the job must stop: the runner is stopping (the item is done again when the
// job resumes), or the result could not be stored.
func (a *API) itemFailed(ctx context.Context, run *jobs.Run, it item, err error) error {
	if ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return run.Record(ctx, a.failure(run, it, err))
}
