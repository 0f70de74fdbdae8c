package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// ticketExtraRoutes are the per-ticket endpoints beyond show and update, and the
// deleted-tickets listing.
func (a *API) ticketExtraRoutes() []route {
	return []route{
		{"GET /api/v2/tickets/{id}/tags", staffOnly, a.showTags},
		{"POST /api/v2/tickets/{id}/tags", staffOnly, a.changeTags(tagsSet)},
		{"PUT /api/v2/tickets/{id}/tags", staffOnly, a.changeTags(tagsAdd)},
		{"DELETE /api/v2/tickets/{id}/tags", staffOnly, a.changeTags(tagsRemove)},
		{"GET /api/v2/tickets/{id}/collaborators", staffOnly, a.listCollaborators},
		{"GET /api/v2/tickets/{id}/incidents", staffOnly, a.listIncidents},
		{"PUT /api/v2/tickets/{id}/comments/{comment_id}/make_private", staffOnly, a.makePrivate},
		{"GET /api/v2/deleted_tickets", staffOnly, a.listDeletedTickets},
		{"PUT /api/v2/deleted_tickets/{id}/restore", adminOnly, a.restoreTicket},
		{"PUT /api/v2/deleted_tickets/restore_many", adminOnly, a.restoreTickets},
		{"DELETE /api/v2/deleted_tickets/{id}", adminOnly, a.purgeTicket},
		{"DELETE /api/v2/deleted_tickets/destroy_many", adminOnly, a.purgeTickets},
	}
}

func (a *API) showTags(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"tags": ticketTagsOut(t.Tags)})
	return nil
}

func ticketTagsOut(tags []string) []string {
	if tags == nil {
		return []string{}
	}
	return tags
}

// tagNames is Zendesk's tags input: a JSON list of strings, or one string of tags
// separated by commas or spaces.
type tagNames []string

// UnmarshalJSON accepts either form.
func (l *tagNames) UnmarshalJSON(b []byte) error {
	var list []string
	if err := json.Unmarshal(b, &list); err == nil {
		*l = list
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errors.New("tags must be a list of strings")
	}
	*l = splitTagNames(s)
	return nil
}

func splitTagNames(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

// looseBool is a boolean that clients also send as the string "true" (Zendesk's own
// safe_update example does).
type looseBool bool

// UnmarshalJSON accepts true, false, "true" and "false".
func (b *looseBool) UnmarshalJSON(raw []byte) error {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	switch v {
	case true, "true", "1":
		*b = true
	case false, "false", "0", "", nil:
		*b = false
	default:
		return fmt.Errorf("%s is not true or false", raw)
	}
	return nil
}

type tagsBody struct {
	Tags         optional[tagNames] `json:"tags"`
	SafeUpdate   looseBool          `json:"safe_update"`
	UpdatedStamp string             `json:"updated_stamp"`
}

// readTagsBody reads a tags body; a DELETE may instead name the tags in ?tags=a,b.
func readTagsBody(w http.ResponseWriter, r *http.Request) (*tagsBody, error) {
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, err
	}
	var in tagsBody
	if len(bytes.TrimSpace(raw)) > 0 {
		r.Body = io.NopCloser(bytes.NewReader(raw))
		if err := decode(w, r, &in); err != nil {
			return nil, err
		}
	}
	if q := r.URL.Query(); !in.Tags.Set && q.Has("tags") {
		in.Tags = optional[tagNames]{Set: true, V: splitTagNames(q.Get("tags"))}
	}
	return &in, nil
}

type tagsChange int

const (
	tagsSet    tagsChange = iota // POST: the tags become these
	tagsAdd                      // PUT: these are added
	tagsRemove                   // DELETE: these are removed
)

// changeTags changes a ticket's tags through the ticket service, so the change is
// audited and honours safe_update like any ticket update.
func (a *API) changeTags(how tagsChange) handler {
	return func(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
		seen, err := a.pathTicket(r, caller)
		if err != nil {
			return err
		}
		in, err := readTagsBody(w, r)
		if err != nil {
			return err
		}
		if !in.Tags.Set || (how != tagsSet && len(in.Tags.V) == 0) {
			return fd.InvalidField("tags", "is required: send {\"tags\": [\"…\"]}")
		}
		u := ticket.Update{TicketID: seen.ID, ActorID: caller.ID, Via: fd.Via{Channel: fd.ChannelAPI}}
		tags := []string(in.Tags.V)
		switch how {
		case tagsSet:
			u.Tags = &tags
		case tagsAdd:
			u.AddTags = tags
		case tagsRemove:
			u.RemoveTags = tags
		}
		t, err := a.updateSafely(w, r, seen, u, bool(in.SafeUpdate), in.UpdatedStamp)
		if err != nil {
			return err
		}
		switch how {
		case tagsSet:
			writeJSON(w, http.StatusCreated, map[string]any{"tags": ticketTagsOut(t.Tags)})
		case tagsAdd:
			writeJSON(w, http.StatusOK, map[string]any{"tags": ticketTagsOut(t.Tags)})
		default:
			w.WriteHeader(http.StatusNoContent)
		}
		return nil
	}
}

// safeStamp reads the updated_stamp of a safe update. The ticket's own updated_stamp
// carries microseconds and must match exactly. A stamp to the second, as Zendesk's docs
// show (the ticket's updated_at), stands for the ticket as this request read it when it
// names the same second: the service then refuses any change made since that read.
func safeStamp(seen *fd.Ticket, s string) (time.Time, error) {
	stamp, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fd.InvalidField("updated_stamp", "safe_update needs the updated_stamp the ticket was read with")
	}
	if stamp.Nanosecond() == 0 && stamp.Equal(seen.UpdatedAt.Truncate(time.Second)) {
		return seen.UpdatedAt, nil
	}
	return stamp, nil
}

// updateSafely applies u to the ticket seen; with safe set, only if the ticket still
// carries stamp, answering a lost race with Zendesk's 409 UpdateConflict.
func (a *API) updateSafely(w http.ResponseWriter, r *http.Request, seen *fd.Ticket, u ticket.Update, safe bool, stamp string) (*fd.Ticket, error) {
	if safe {
		var err error
		if u.UpdatedStamp, err = safeStamp(seen, stamp); err != nil {
			return nil, err
		}
	}
	t, err := a.tickets.Update(r.Context(), u)
	if safe && fd.Is(err, fd.Conflict) {
		writeUpdateConflict(w)
		return nil, errHandled
	}
	return t, err
}

// writeUpdateConflict answers a safe update that lost the race, in Zendesk's words.
func writeUpdateConflict(w http.ResponseWriter) {
	writeJSON(w, http.StatusConflict, errorBody{Error: "UpdateConflict",
		Description: "Safe Update prevented the update due to outdated ticket data. Please fetch the latest ticket data and try again."})
}

// listCollaborators lists the users copied on a ticket: its collaborators, followers
// and email CCs, as Zendesk counts them.
func (a *API) listCollaborators(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	ids := slices.Concat(t.CollaboratorIDs, t.FollowerIDs, t.EmailCCIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	conn, base := a.db.Read(), baseURL(r)
	users := make([]userJSON, 0, len(ids))
	for _, id := range ids {
		u, err := conn.User(r.Context(), id)
		if fd.Is(err, fd.NotFound) {
			continue
		}
		if err != nil {
			return err
		}
		users = append(users, a.userJSON(base, u))
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": users, "count": len(users), "next_page": nil, "previous_page": nil})
	return nil
}

// listIncidents lists the incidents of a problem ticket that the caller may see.
func (a *API) listIncidents(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	v, err := a.viewerOf(r.Context(), caller)
	if err != nil {
		return err
	}
	return a.renderTickets(w, r, store.TicketFilter{ProblemID: t.ID, Visible: v.visibility()})
}

// makePrivate turns a public comment into an internal note; Zendesk answers 200 with
// an empty body.
func (a *API) makePrivate(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	commentID, err := strconv.ParseInt(r.PathValue("comment_id"), 10, 64)
	if err != nil || commentID <= 0 {
		return fd.ErrNotFound("comment", r.PathValue("comment_id"))
	}
	err = a.tickets.MakePrivate(r.Context(), ticket.PrivacyChange{TicketID: t.ID, CommentID: commentID, ActorID: caller.ID,
		Via: fd.Via{Channel: fd.ChannelAPI}})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

type deleterJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// deletedTicketJSON is an entry of Zendesk's deleted-tickets listing.
type deletedTicketJSON struct {
	ID            int64        `json:"id"`
	Subject       string       `json:"subject"`
	Description   string       `json:"description"`
	Actor         *deleterJSON `json:"actor"`
	DeletedAt     *string      `json:"deleted_at"`
	PreviousState string       `json:"previous_state"`
}

// listDeletedTickets lists the soft-deleted tickets the caller may see, oldest first
// (sort_by=id|created_at|updated_at|deleted_at, sort_order=asc|desc), by offset or by
// cursor as the request asks.
func (a *API) listDeletedTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	v, err := a.viewerOf(r.Context(), caller)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := store.TicketFilter{Deleted: true, Visible: v.visibility(), OrderBy: "id", Asc: q.Get("sort_order") != "desc"}
	switch q.Get("sort_by") {
	case "created_at":
		f.OrderBy = "created_at"
	case "updated_at", "deleted_at":
		// A deleted ticket can't change: its last stamp is its deletion.
		f.OrderBy = "updated_at"
	}
	page := map[string]any{}
	var list []*fd.Ticket
	if wantsCursor(r) {
		size, err := readPageSize(r)
		if err != nil {
			return err
		}
		f.Limit = size
		if after := q.Get("page[after]"); after != "" {
			if f.After, err = decodeCursor(after); err != nil {
				return fd.InvalidField("page[after]", "is not a cursor this API gave out")
			}
		}
		var next *store.Cursor
		if list, next, err = a.tickets.List(r.Context(), f); err != nil {
			return err
		}
		cur := ""
		if next != nil {
			cur = encodeCursor(next)
		}
		page["meta"], page["links"] = cursorMeta(r, size, cur)
	} else {
		p, err := readOffsetPage(r)
		if err != nil {
			return err
		}
		f.Limit, f.Offset = p.PerPage, p.Offset()
		if list, _, err = a.tickets.List(r.Context(), f); err != nil {
			return err
		}
		count, err := a.countTickets(r.Context(), f)
		if err != nil {
			return err
		}
		page["next_page"], page["previous_page"] = offsetLinks(r, p, count)
		page["count"] = count
	}
	out, err := a.deletedTicketsOut(r, list)
	if err != nil {
		return err
	}
	page["deleted_tickets"] = out
	writeJSON(w, http.StatusOK, page)
	return nil
}

func (a *API) deletedTicketsOut(r *http.Request, list []*fd.Ticket) ([]deletedTicketJSON, error) {
	ids := make([]int64, len(list))
	for i, t := range list {
		ids[i] = t.ID
	}
	conn := a.db.Read()
	deleters, err := conn.TicketDeleters(r.Context(), ids)
	if err != nil {
		return nil, err
	}
	actors := map[int64]*deleterJSON{}
	out := make([]deletedTicketJSON, len(list))
	for i, t := range list {
		out[i] = deletedTicketJSON{ID: t.ID, Subject: t.Subject, Description: t.Description,
			DeletedAt: zendeskTime(t.DeletedAt), PreviousState: string(t.Status)}
		actorID := deleters[t.ID]
		if actorID == 0 {
			continue
		}
		if _, ok := actors[actorID]; !ok {
			u, err := conn.User(r.Context(), actorID)
			if err != nil && !fd.Is(err, fd.NotFound) {
				return nil, err
			}
			if u != nil {
				actors[actorID] = &deleterJSON{ID: u.ID, Name: u.Name}
			} else {
				actors[actorID] = nil
			}
		}
		out[i].Actor = actors[actorID]
	}
	return out, nil
}

// restoreTicket brings back a soft-deleted ticket; Zendesk answers 200 with an empty
// body.
func (a *API) restoreTicket(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.tickets.Restore(r.Context(), id, caller.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// maxRestore is the most tickets one restore_many restores, as in Zendesk.
const maxRestore = 100

// restoreTickets restores the deleted tickets named by ?ids=1,2,3. Every id must name
// a deleted ticket, or nothing is restored.
func (a *API) restoreTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	ids, err := deletedTicketIDs(r, "ids", maxRestore)
	if err != nil {
		return err
	}
	found, err := a.db.Read().TicketsByIDs(r.Context(), ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if t := found[id]; t == nil || t.DeletedAt.IsZero() {
			return fd.ErrNotFound("deleted ticket", id)
		}
	}
	// Concurrent restores share the writer's commits.
	errs := make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() { errs[i] = a.tickets.Restore(r.Context(), id, caller.ID) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

// purgeTicket queues the permanent deletion of a soft-deleted ticket: a job, as in
// Zendesk. A ticket that is not (or no longer) soft-deleted is 404 at once.
func (a *API) purgeTicket(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := a.db.Read().Ticket(r.Context(), id)
	if fd.Is(err, fd.NotFound) || (err == nil && t.DeletedAt.IsZero()) {
		return fd.ErrNotFound("deleted ticket", id)
	}
	if err != nil {
		return err
	}
	return a.enqueue(w, r, caller, jobPurgeTickets, 1, bulkInput{IDs: []int64{id}})
}

// purgeTickets queues the permanent deletion of the soft-deleted tickets named by
// ?ids=1,2,3; an id that names no deleted ticket fails alone, in the job's results.
func (a *API) purgeTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	ids, err := deletedTicketIDs(r, "ids", maxBulk)
	if err != nil {
		return err
	}
	return a.enqueue(w, r, caller, jobPurgeTickets, len(ids), bulkInput{IDs: ids})
}

// deletedTicketIDs reads a comma-separated list of ids from the query parameter name: at least
// one, at most max, duplicates dropped.
func deletedTicketIDs(r *http.Request, name string, max int) ([]int64, error) {
	var ids []int64
	for _, s := range strings.Split(r.URL.Query().Get(name), ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, fd.InvalidField(name, "%q is not an id", s)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	switch {
	case len(ids) == 0:
		return nil, fd.InvalidField(name, "is required: a comma-separated list of ids")
	case len(ids) > max:
		return nil, fd.InvalidField(name, "lists %d ids; at most %d at a time", len(ids), max)
	}
	return ids, nil
}
