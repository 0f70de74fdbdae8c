package api

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

func (a *API) ticketRoutes() []route {
	return []route{
		{"GET /api/v2/tickets", staffOnly, a.listTickets},
		{"POST /api/v2/tickets", staffOnly, a.createTicket},
		{"GET /api/v2/tickets/{id}", staffOnly, a.showTicket},
		{"PUT /api/v2/tickets/{id}", staffOnly, a.updateTicket},
		{"DELETE /api/v2/tickets/{id}", staffOnly, a.deleteTicket},
		{"GET /api/v2/tickets/{id}/comments", staffOnly, a.listComments},
		{"GET /api/v2/tickets/{id}/audits", staffOnly, a.listAudits},
		{"GET /api/v2/tickets/{id}/metrics", staffOnly, a.showMetrics},
	}
}

type commentIn struct {
	Body     string   `json:"body"`
	HTMLBody string   `json:"html_body"`
	Public   *bool    `json:"public"`
	AuthorID int64    `json:"author_id"`
	Uploads  []string `json:"uploads"`
}

type requesterIn struct {
	Name   string `json:"name"`
	Email  string `json:"email"`
	Locale string `json:"locale"`
}

// ticketIn is the body of a ticket create or update, Zendesk's field names.
type ticketIn struct {
	Subject         optional[string]    `json:"subject"`
	Comment         *commentIn          `json:"comment"`
	RequesterID     optional[int64]     `json:"requester_id"`
	Requester       *requesterIn        `json:"requester"`
	SubmitterID     int64               `json:"submitter_id"`
	AssigneeID      optional[int64]     `json:"assignee_id"`
	GroupID         optional[int64]     `json:"group_id"`
	OrganizationID  optional[int64]     `json:"organization_id"`
	BrandID         optional[int64]     `json:"brand_id"`
	ProblemID       optional[int64]     `json:"problem_id"`
	Status          optional[fd.Status] `json:"status"`
	Priority        optional[string]    `json:"priority"`
	Type            optional[string]    `json:"type"`
	DueAt           optional[time.Time] `json:"due_at"`
	Tags            optional[[]string]  `json:"tags"`
	AdditionalTags  []string            `json:"additional_tags"`
	RemoveTags      []string            `json:"remove_tags"`
	CustomFields    []customField       `json:"custom_fields"`
	CollaboratorIDs optional[[]int64]   `json:"collaborator_ids"`
	FollowerIDs     optional[[]int64]   `json:"follower_ids"`
	EmailCCIDs      optional[[]int64]   `json:"email_cc_ids"`
	ExternalID      optional[string]    `json:"external_id"`
	SafeUpdate      looseBool           `json:"safe_update"`
	UpdatedStamp    string              `json:"updated_stamp"`
}

type ticketEnvelope struct {
	Ticket *ticketIn `json:"ticket"`
}

// readTicket decodes {"ticket": {...}}.
func readTicket(w http.ResponseWriter, r *http.Request) (*ticketIn, error) {
	var env ticketEnvelope
	if err := decode(w, r, &env); err != nil {
		return nil, err
	}
	if env.Ticket == nil {
		return nil, fd.InvalidField("ticket", "is required: send {\"ticket\": {…}}")
	}
	return env.Ticket, nil
}

func (c *commentIn) toService(caller *fd.User) ticket.NewComment {
	nc := ticket.NewComment{AuthorID: c.AuthorID, Body: c.Body, HTMLBody: c.HTMLBody, Uploads: c.Uploads}
	if nc.AuthorID == 0 {
		nc.AuthorID = caller.ID
	}
	nc.Private = c.Public != nil && !*c.Public
	return nc
}

func (a *API) createTicket(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	key, err := idempotencyOf(w, r, caller)
	if err != nil {
		return err
	}
	in, err := readTicket(w, r)
	if err != nil {
		return err
	}
	nt, err := in.newTicket(caller)
	if err != nil {
		return err
	}
	nt.Idempotency = key
	t, replayed, err := a.tickets.CreateOnce(r.Context(), nt)
	if err := answerIdempotency(w, key, replayed, err); err != nil {
		return err
	}
	base := baseURL(r)
	w.Header().Set("Location", base+"/api/v2/tickets/"+strconv.FormatInt(t.ID, 10)+".json")
	return writeTicket(w, http.StatusCreated, base, t)
}

// newTicket is the service's input for a create body sent by caller.
func (in *ticketIn) newTicket(caller *fd.User) (ticket.NewTicket, error) {
	if in.Comment == nil {
		return ticket.NewTicket{}, fd.InvalidField("comment", "is required")
	}
	nt := ticket.NewTicket{
		Subject: in.Subject.V, Comment: in.Comment.toService(caller), RequesterID: in.RequesterID.V,
		SubmitterID: in.SubmitterID, AssigneeID: in.AssigneeID.V, GroupID: in.GroupID.V,
		OrganizationID: in.OrganizationID.V, BrandID: in.BrandID.V, ProblemID: in.ProblemID.V,
		Status: in.Status.V, Priority: fd.Priority(in.Priority.V), Type: fd.TicketType(in.Type.V),
		DueAt: in.DueAt.V, Tags: in.Tags.V, CustomFields: fieldValues(in.CustomFields), CollaboratorIDs: in.CollaboratorIDs.V,
		FollowerIDs: in.FollowerIDs.V, EmailCCIDs: in.EmailCCIDs.V, ExternalID: in.ExternalID.V,
		Via: fd.Via{Channel: fd.ChannelAPI},
	}
	if in.Requester != nil {
		nt.Requester = &ticket.Requester{Name: in.Requester.Name, Email: in.Requester.Email, Locale: in.Requester.Locale}
	} else if nt.RequesterID == 0 {
		nt.RequesterID = caller.ID // Zendesk: the caller asks when nobody else is named
	}
	if nt.SubmitterID == 0 {
		nt.SubmitterID = caller.ID
	}
	return nt, nil
}

func (a *API) showTicket(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	return writeTicket(w, http.StatusOK, baseURL(r), t)
}

func (a *API) updateTicket(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	seen, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	id := seen.ID
	in, err := readTicket(w, r)
	if err != nil {
		return err
	}
	u, err := in.update(id, caller)
	if err != nil {
		return err
	}
	t, err := a.updateSafely(w, r, seen, u, bool(in.SafeUpdate), in.UpdatedStamp)
	if err != nil {
		return err
	}
	return writeTicket(w, http.StatusOK, baseURL(r), t)
}

// update is the service's change of ticket id for an update body sent by caller.
func (in *ticketIn) update(id int64, caller *fd.User) (ticket.Update, error) {
	u := ticket.Update{
		TicketID: id, ActorID: caller.ID, Via: fd.Via{Channel: fd.ChannelAPI},
		Subject: in.Subject.ptr(), Status: in.Status.ptr(), RequesterID: in.RequesterID.ptr(),
		AssigneeID: in.AssigneeID.ptr(), GroupID: in.GroupID.ptr(), OrganizationID: in.OrganizationID.ptr(),
		BrandID: in.BrandID.ptr(), ProblemID: in.ProblemID.ptr(), DueAt: in.DueAt.ptr(),
		ExternalID: in.ExternalID.ptr(), Tags: in.Tags.ptr(), AddTags: in.AdditionalTags,
		RemoveTags: in.RemoveTags, CustomFields: fieldValues(in.CustomFields), CollaboratorIDs: in.CollaboratorIDs.ptr(),
		FollowerIDs: in.FollowerIDs.ptr(), EmailCCIDs: in.EmailCCIDs.ptr(),
	}
	if p := in.Priority.ptr(); p != nil {
		u.Priority = (*fd.Priority)(p)
	}
	if t := in.Type.ptr(); t != nil {
		u.Type = (*fd.TicketType)(t)
	}
	if in.Comment != nil {
		c := in.Comment.toService(caller)
		u.Comment = &c
	}
	if in.SafeUpdate {
		stamp, err := time.Parse(time.RFC3339Nano, in.UpdatedStamp)
		if err != nil {
			return u, fd.InvalidField("updated_stamp", "safe_update needs the updated_stamp the ticket was read with")
		}
		u.UpdatedStamp = stamp
	}
	return u, nil
}

// listTickets lists the tickets the caller may see, by offset (page, per_page; oldest
// first, as in Zendesk) or by cursor (page[size], page[after]).
func (a *API) listTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	v, err := a.viewerOf(r.Context(), caller)
	if err != nil {
		return err
	}
	return a.renderTickets(w, r, store.TicketFilter{Visible: v.visibility()})
}

// renderTickets answers a page of the tickets f selects, paged as the request asks, in
// id order unless sort_by names created_at or updated_at; sort_order=desc (or a "-"
// prefix on sort, the cursor form) for newest first.
func (a *API) renderTickets(w http.ResponseWriter, r *http.Request, f store.TicketFilter) error {
	q := r.URL.Query()
	sort := q.Get("sort")
	key := strings.TrimPrefix(sort, "-")
	if key == "" {
		key = q.Get("sort_by")
	}
	f.OrderBy = "id"
	if key == "created_at" || key == "updated_at" {
		f.OrderBy = key
	}
	f.Asc = !strings.HasPrefix(sort, "-") && q.Get("sort_order") != "desc"
	base := baseURL(r)
	out := func(list []*fd.Ticket) []ticketJSON {
		js := make([]ticketJSON, len(list))
		for i, t := range list {
			js[i] = a.ticketJSON(base, t)
		}
		return js
	}
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
		list, next, err := a.tickets.List(r.Context(), f)
		if err != nil {
			return err
		}
		cur := ""
		if next != nil {
			cur = encodeCursor(next)
		}
		meta, links := cursorMeta(r, size, cur)
		writeJSON(w, http.StatusOK, map[string]any{"tickets": out(list), "meta": meta, "links": links})
		return nil
	}
	p, err := readOffsetPage(r)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = p.PerPage, p.Offset()
	list, _, err := a.tickets.List(r.Context(), f)
	if err != nil {
		return err
	}
	count, err := a.countTickets(r.Context(), f)
	if err != nil {
		return err
	}
	next, prev := offsetLinks(r, p, count)
	writeJSON(w, http.StatusOK, map[string]any{"tickets": out(list), "next_page": next, "previous_page": prev, "count": count})
	return nil
}

func encodeCursor(c *store.Cursor) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%d:%d", c.Key, c.ID))
}

func decodeCursor(s string) (*store.Cursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	var c store.Cursor
	if _, err := fmt.Sscanf(string(raw), "%d:%d", &c.Key, &c.ID); err != nil {
		return nil, err
	}
	return &c, nil
}

// writeTicket answers status with {"ticket": …}, the bytes writeJSON would write, by
// appendTicket: the show's rendering was a tenth of its time through encoding/json.
func writeTicket(w http.ResponseWriter, status int, base string, t *fd.Ticket) error {
	b := make([]byte, 0, 1024+2*(len(t.Subject)+len(t.Description)))
	b = append(b, `{"ticket":`...)
	b, err := appendTicket(b, base, t)
	if err != nil {
		return err
	}
	b = append(b, "}\n"...)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b) // a client gone is nothing to answer, as in writeJSON
	return nil
}

// pathID reads the {id} of the path; a malformed id is a missing record, as in Zendesk.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fd.ErrNotFound("record", r.PathValue("id"))
	}
	return id, nil
}

// baseURL is the scheme and host the caller used, for the url fields.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
