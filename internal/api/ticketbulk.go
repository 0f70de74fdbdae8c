package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/jobs"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// Bulk ticket endpoints. Reads (show_many, count) answer at once; writes (create_many,
// update_many, destroy_many, merge) are queued as jobs and answered with a job status,
// as in Zendesk. A job runs with its creator's permissions, item by item: an item that
// fails (invalid, not found, not visible to the creator) gets a failed result and the
// job goes on.
func (a *API) ticketBulkRoutes() []route {
	return []route{
		{"GET /api/v2/tickets/show_many", staffOnly, a.showManyTickets},
		{"GET /api/v2/tickets/count", staffOnly, a.countVisibleTickets},
		{"POST /api/v2/tickets/create_many", staffOnly, a.createManyTickets},
		{"PUT /api/v2/tickets/update_many", staffOnly, a.updateManyTickets},
		{"DELETE /api/v2/tickets/destroy_many", staffOnly, a.destroyManyTickets},
		{"POST /api/v2/tickets/{id}/merge", staffOnly, a.mergeTickets},
	}
}

// maxBulk is the most items one bulk request may carry, as in Zendesk.
const maxBulk = 100

// The job kinds of the bulk ticket endpoints, shown as job_type.
const (
	jobCreateTickets  = "create_many_tickets"
	jobUpdateTickets  = "update_many_tickets"
	jobDestroyTickets = "destroy_many_tickets"
	jobMergeTickets   = "merge_tickets"
	jobPurgeTickets   = "permanently_delete_tickets"
)

// handleTicketJobs registers the functions that run the bulk endpoints' jobs.
func (a *API) handleTicketJobs() {
	a.jobs.Handle(jobCreateTickets, a.runCreateMany)
	a.jobs.Handle(jobUpdateTickets, a.runUpdateMany)
	a.jobs.Handle(jobDestroyTickets, a.runDestroyMany)
	a.jobs.Handle(jobMergeTickets, a.runMerge)
	a.jobs.Handle(jobPurgeTickets, a.runPurge)
}

// bulkInput is what a bulk job keeps of its request: ids (with one ticket body for all
// of them, for update_many?ids=) or a list of ticket bodies.
type bulkInput struct {
	IDs     []int64           `json:"ids,omitempty"`
	Ticket  json.RawMessage   `json:"ticket,omitempty"`
	Tickets []json.RawMessage `json:"tickets,omitempty"`
}

// queryIDs reads the query's comma-separated "ids", each once and in order: at least
// one, at most maxBulk.
func queryIDs(r *http.Request) ([]int64, error) {
	var ids []int64
	for _, f := range strings.Split(r.URL.Query().Get("ids"), ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil || id <= 0 {
			return nil, fd.InvalidField("ids", "%q is not a ticket id", f)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	switch {
	case len(ids) == 0:
		return nil, fd.InvalidField("ids", "is required: a comma-separated list of ticket ids")
	case len(ids) > maxBulk:
		return nil, fd.InvalidField("ids", "can name at most %d tickets, not %d", maxBulk, len(ids))
	}
	return ids, nil
}

// decodeTicket reads one ticket body as the single-ticket endpoints do.
func decodeTicket(raw json.RawMessage, in *ticketIn) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(in)
}

// checkTickets checks a bulk request's list of ticket bodies: one to maxBulk of them,
// each of the shape a ticket body has (else 400, as for one ticket). What they say is
// checked per item when the job runs.
func checkTickets(w http.ResponseWriter, list []json.RawMessage) error {
	switch {
	case len(list) == 0:
		return fd.InvalidField("tickets", "is required: send {\"tickets\": [{…}, …]}")
	case len(list) > maxBulk:
		return fd.InvalidField("tickets", "can hold at most %d tickets, not %d", maxBulk, len(list))
	}
	for i, raw := range list {
		var in ticketIn
		if err := decodeTicket(raw, &in); err != nil {
			badRequest(w, fmt.Sprintf("tickets[%d] is not a ticket: %v", i, err))
			return errHandled
		}
	}
	return nil
}

func (a *API) createManyTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	var body struct {
		Tickets []json.RawMessage `json:"tickets"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if err := checkTickets(w, body.Tickets); err != nil {
		return err
	}
	return a.enqueue(w, r, caller, jobCreateTickets, len(body.Tickets), bulkInput{Tickets: body.Tickets})
}

// updateManyTickets applies one change to many tickets (?ids=1,2 with {"ticket": {…}})
// or a change of its own to each ({"tickets": [{"id": 1, …}, …]}).
func (a *API) updateManyTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	var body struct {
		Ticket  json.RawMessage   `json:"ticket"`
		Tickets []json.RawMessage `json:"tickets"`
	}
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if !r.URL.Query().Has("ids") {
		if err := checkTickets(w, body.Tickets); err != nil {
			return err
		}
		return a.enqueue(w, r, caller, jobUpdateTickets, len(body.Tickets), bulkInput{Tickets: body.Tickets})
	}
	ids, err := queryIDs(r)
	if err != nil {
		return err
	}
	if len(body.Ticket) == 0 || string(body.Ticket) == "null" {
		return fd.InvalidField("ticket", "is required: send {\"ticket\": {…}} with the change for every ticket")
	}
	if err := checkTickets(w, []json.RawMessage{body.Ticket}); err != nil {
		return err
	}
	return a.enqueue(w, r, caller, jobUpdateTickets, len(ids), bulkInput{IDs: ids, Ticket: body.Ticket})
}

func (a *API) destroyManyTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	ids, err := queryIDs(r)
	if err != nil {
		return err
	}
	return a.enqueue(w, r, caller, jobDestroyTickets, len(ids), bulkInput{IDs: ids})
}

// startJob reads a bulk job's input and the viewer it runs as.
func (a *API) startJob(ctx context.Context, run *jobs.Run) (*viewer, *bulkInput, error) {
	var in bulkInput
	if err := json.Unmarshal(run.Job.Input, &in); err != nil {
		return nil, nil, fmt.Errorf("job %s input: %w", run.Job.ID, err)
	}
	v, err := a.jobViewer(ctx, run)
	return v, &in, err
}

func (a *API) runCreateMany(ctx context.Context, run *jobs.Run) error {
	v, in, err := a.startJob(ctx, run)
	if err != nil {
		return err
	}
	for i, raw := range in.Tickets {
		err := a.runItem(ctx, run, item{index: i, action: "create"}, func(ctx context.Context) error {
			var body ticketIn
			if err := decodeTicket(raw, &body); err != nil {
				return fd.InvalidField("ticket", "is not a ticket: %v", err)
			}
			nt, err := body.newTicket(v.User)
			if err != nil {
				return err
			}
			_, err = a.tickets.Create(ctx, nt)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (a *API) runUpdateMany(ctx context.Context, run *jobs.Run) error {
	v, in, err := a.startJob(ctx, run)
	if err != nil {
		return err
	}
	for i, id := range in.IDs {
		err := a.runItem(ctx, run, item{index: i, id: id, action: "update"}, func(ctx context.Context) error {
			return a.updateItem(ctx, v, id, in.Ticket)
		})
		if err != nil {
			return err
		}
	}
	for i, raw := range in.Tickets {
		var ref struct {
			ID int64 `json:"id"`
		}
		refErr := json.Unmarshal(raw, &ref)
		err := a.runItem(ctx, run, item{index: i, id: ref.ID, action: "update"}, func(ctx context.Context) error {
			if refErr != nil || ref.ID <= 0 {
				return fd.InvalidField("id", "is required: the id of the ticket to update")
			}
			return a.updateItem(ctx, v, ref.ID, raw)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// updateItem applies one update body to a ticket the viewer may see.
func (a *API) updateItem(ctx context.Context, v *viewer, id int64, raw json.RawMessage) error {
	if _, err := a.visibleTicket(ctx, v, id); err != nil {
		return err
	}
	var body ticketIn
	if err := decodeTicket(raw, &body); err != nil {
		return fd.InvalidField("ticket", "is not a ticket: %v", err)
	}
	u, err := body.update(id, v.User)
	if err != nil {
		return err
	}
	_, err = a.tickets.Update(ctx, u)
	return err
}

func (a *API) runDestroyMany(ctx context.Context, run *jobs.Run) error {
	v, in, err := a.startJob(ctx, run)
	if err != nil {
		return err
	}
	for i, id := range in.IDs {
		err := a.runItem(ctx, run, item{index: i, id: id, action: "delete"}, func(ctx context.Context) error {
			if _, err := a.visibleTicket(ctx, v, id); err != nil {
				return err
			}
			return a.tickets.Delete(ctx, id)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// runPurge erases a purge job's tickets, each in its own change. Permanent deletion is
// for admins: a creator no longer one when the job runs erases nothing.
func (a *API) runPurge(ctx context.Context, run *jobs.Run) error {
	v, in, err := a.startJob(ctx, run)
	if err != nil {
		return err
	}
	for i, id := range in.IDs {
		err := a.runItem(ctx, run, item{index: i, id: id, action: "delete"}, func(ctx context.Context) error {
			if v.User.Role != fd.RoleAdmin {
				return fd.Errorf(fd.Forbidden, "only admins may delete tickets permanently")
			}
			return a.tickets.Purge(ctx, id, v.User.ID)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// mergeIn is the body of a merge, Zendesk's field names.
type mergeIn struct {
	IDs                   []int64 `json:"ids"`
	TargetComment         string  `json:"target_comment"`
	SourceComment         string  `json:"source_comment"`
	TargetCommentIsPublic bool    `json:"target_comment_is_public"`
	SourceCommentIsPublic bool    `json:"source_comment_is_public"`
}

// mergeJob is what a merge job keeps of its request.
type mergeJob struct {
	Target int64 `json:"target"`
	mergeIn
}

func (m *mergeJob) merge(actorID int64) ticket.Merge {
	return ticket.Merge{TargetID: m.Target, SourceIDs: m.IDs, ActorID: actorID, Via: fd.Via{Channel: fd.ChannelAPI},
		TargetComment: m.TargetComment, SourceComment: m.SourceComment,
		TargetPublic: m.TargetCommentIsPublic, SourcePublic: m.SourceCommentIsPublic}
}

// mergeTickets queues a merge of the body's tickets into the path's. What can be told
// now is checked now: every ticket is one the caller may see (404 otherwise, as for a
// missing one), none is closed. The job checks it all again when it runs.
func (a *API) mergeTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	target, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	var job mergeJob
	if err := decode(w, r, &job.mergeIn); err != nil {
		return err
	}
	job.Target = target.ID
	if err := a.checkMerge(r.Context(), caller, &job); err != nil {
		return err
	}
	return a.enqueue(w, r, caller, jobMergeTickets, 1, job)
}

// checkMerge checks that the caller may see every ticket of the merge and that the
// merge would be accepted as the tickets stand.
func (a *API) checkMerge(ctx context.Context, caller *fd.User, job *mergeJob) error {
	v, err := a.viewerOf(ctx, caller)
	if err != nil {
		return err
	}
	for _, id := range append([]int64{job.Target}, job.IDs...) {
		if _, err := a.visibleTicket(ctx, v, id); err != nil {
			return err
		}
	}
	return a.tickets.CheckMerge(ctx, job.merge(caller.ID))
}

// runMerge runs a merge: one item, done in one transaction. A merge that can't be done
// fails the job, with the reason in its message and its result.
func (a *API) runMerge(ctx context.Context, run *jobs.Run) error {
	var job mergeJob
	if err := json.Unmarshal(run.Job.Input, &job); err != nil {
		return fmt.Errorf("job %s input: %w", run.Job.ID, err)
	}
	if run.Done(0) { // resumed after the merge's outcome was recorded
		if res := run.Job.Results[0]; !res.Success {
			return fd.Errorf(fd.Invalid, "%s", res.Details)
		}
		return nil
	}
	v, err := a.jobViewer(ctx, run)
	if err != nil {
		return err
	}
	var failed error
	err = a.runItem(ctx, run, item{id: job.Target, action: "merge"}, func(ctx context.Context) error {
		for _, id := range append([]int64{job.Target}, job.IDs...) {
			if _, err := a.visibleTicket(ctx, v, id); err != nil {
				failed = err
				return err
			}
		}
		_, failed = a.tickets.Merge(ctx, job.merge(v.ID))
		return failed
	})
	if err != nil {
		return err
	}
	return failed
}

func (a *API) showManyTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	ids, err := queryIDs(r)
	if err != nil {
		return err
	}
	v, err := a.viewerOf(r.Context(), caller)
	if err != nil {
		return err
	}
	found, err := a.db.Read().TicketsByIDs(r.Context(), ids)
	if err != nil {
		return err
	}
	base := baseURL(r)
	out := make([]ticketJSON, 0, len(ids))
	for _, id := range ids {
		if t := found[id]; t != nil && t.DeletedAt.IsZero() && v.canSee(t) {
			out = append(out, a.ticketJSON(base, t))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"tickets": out, "next_page": nil, "previous_page": nil, "count": len(out)})
	return nil
}

// countVisibleTickets answers how many tickets the caller may see, in Zendesk's shape. Counts
// are cached per visibility (everyone who sees all tickets shares one) for a minute, as
// Zendesk's are; refreshed_at says when the value was counted.
func (a *API) countVisibleTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	v, err := a.viewerOf(r.Context(), caller)
	if err != nil {
		return err
	}
	vis := v.visibility()
	n, at, err := a.counts.get(r.Context(), vis.Key(), a.now(), func(ctx context.Context) (int64, error) {
		return a.db.Read().CountLiveTickets(ctx, vis)
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": map[string]any{"value": n, "refreshed_at": zendeskTime(at)}})
	return nil
}

// How long a ticket count is served from the cache, and how many counts it keeps.
const (
	countTTL     = time.Minute
	maxCountKeys = 10000
)

// countCache keeps recent ticket counts by visibility key.
type countCache struct {
	mu      sync.Mutex
	entries map[string]*countEntry
}

type countEntry struct {
	mu    sync.Mutex // one count at a time per key: concurrent callers wait for it rather than count again
	value int64
	at    time.Time
}

// get returns the count for key, counting afresh when the cached one is older than
// countTTL.
func (c *countCache) get(ctx context.Context, key string, now time.Time, count func(context.Context) (int64, error)) (int64, time.Time, error) {
	c.mu.Lock()
	e := c.entries[key]
	if e == nil {
		if c.entries == nil || len(c.entries) >= maxCountKeys {
			c.entries = map[string]*countEntry{} // bounded: start over rather than grow
		}
		e = &countEntry{}
		c.entries[key] = e
	}
	c.mu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.at.IsZero() && now.Sub(e.at) < countTTL && !now.Before(e.at) {
		return e.value, e.at, nil
	}
	n, err := count(ctx)
	if err != nil {
		return 0, time.Time{}, err
	}
	e.value, e.at = n, now
	return n, now, nil
}
