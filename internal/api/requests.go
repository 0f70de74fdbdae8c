package api

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// The Requests API is a ticket as its requester sees it: a customer lists, creates and
// comments on their own requests, and sees the requests they are copied on and, when
// their organization shares its tickets, their organization's. Nothing more: only
// public comments, no tags, no audits, only the custom fields visible in the portal,
// and of what a request carries only the comment, the copied people, "solved" and the
// fields editable in the portal can be changed. Agents and admins may call it too and
// are then treated as requesters, as in Zendesk, though they see and set every custom
// field.
func (a *API) requestRoutes() []route {
	return []route{
		{"GET /api/v2/requests", anyone, a.listRequests},
		{"POST /api/v2/requests", anyone, a.createRequest},
		{"GET /api/v2/requests/open", anyone, a.listOpenRequests},
		{"GET /api/v2/requests/solved", anyone, a.listSolvedRequests},
		{"GET /api/v2/requests/ccd", anyone, a.listCopiedRequests},
		{"GET /api/v2/requests/search", anyone, a.searchRequests},
		{"GET /api/v2/requests/{id}", anyone, a.showRequest},
		{"PUT /api/v2/requests/{id}", anyone, a.updateRequest},
		{"GET /api/v2/requests/{id}/comments", anyone, a.listRequestComments},
		{"GET /api/v2/requests/{id}/comments/{cid}", anyone, a.showRequestComment},
	}
}

// requestJSON is a ticket in the shape of Zendesk's request.
type requestJSON struct {
	URL              string        `json:"url"`
	ID               int64         `json:"id"`
	Status           string        `json:"status"`
	Priority         *string       `json:"priority"`
	Type             *string       `json:"type"`
	Subject          string        `json:"subject"`
	Description      string        `json:"description"`
	OrganizationID   *int64        `json:"organization_id"`
	Via              fd.Via        `json:"via"`
	CustomFields     []customField `json:"custom_fields"`
	RequesterID      int64         `json:"requester_id"`
	CollaboratorIDs  []int64       `json:"collaborator_ids"`
	EmailCCIDs       []int64       `json:"email_cc_ids"`
	IsPublic         bool          `json:"is_public"`
	DueAt            *string       `json:"due_at"`
	CanBeSolvedByMe  bool          `json:"can_be_solved_by_me"`
	Solved           bool          `json:"solved"`
	AssigneeID       *int64        `json:"assignee_id"`
	GroupID          *int64        `json:"group_id"`
	FollowupSourceID *int64        `json:"followup_source_id"`
	Recipient        *string       `json:"recipient"`
	TicketFormID     *int64        `json:"ticket_form_id"`
	CreatedAt        *string       `json:"created_at"`
	UpdatedAt        *string       `json:"updated_at"`
}

// requestsJSON renders tickets as requests. The description is the first public
// comment, never an internal note that opened the ticket; a request without a public
// comment has none (and is_public false, as its ticket). End-users see only the custom
// fields visible in the portal.
func (a *API) requestsJSON(ctx context.Context, base string, caller *fd.User, list []*fd.Ticket) ([]requestJSON, error) {
	ids := make([]int64, len(list))
	for i, t := range list {
		ids[i] = t.ID
	}
	firsts, err := a.db.Read().FirstPublicComments(ctx, ids)
	if err != nil {
		return nil, err
	}
	shown, err := a.fieldsShownTo(ctx, caller)
	if err != nil {
		return nil, err
	}
	out := make([]requestJSON, len(list))
	for i, t := range list {
		tj := a.ticketJSON(base, t)
		tj.CustomFields = slices.DeleteFunc(tj.CustomFields, func(f customField) bool { return !shown(f.ID) })
		out[i] = requestJSON{
			URL: base + "/api/v2/requests/" + strconv.FormatInt(t.ID, 10) + ".json", ID: t.ID, Status: tj.Status,
			Priority: tj.Priority, Type: tj.Type, Subject: t.Subject, Description: firsts[t.ID], OrganizationID: tj.OrganizationID,
			Via: t.Via, CustomFields: tj.CustomFields, RequesterID: t.RequesterID, CollaboratorIDs: ids64(t.EmailCCIDs, t.CollaboratorIDs),
			EmailCCIDs: tj.EmailCCIDs, IsPublic: tj.IsPublic, DueAt: tj.DueAt, CanBeSolvedByMe: canBeSolvedBy(t, caller),
			Solved: t.Status == fd.StatusSolved || t.Status == fd.StatusClosed, AssigneeID: tj.AssigneeID, GroupID: tj.GroupID,
			FollowupSourceID: tj.ViaFollowupSourceID, CreatedAt: tj.CreatedAt, UpdatedAt: tj.UpdatedAt,
		}
	}
	return out, nil
}

// ids64 is the union of the lists, sorted; collaborator_ids of a request are everyone
// copied on it.
func ids64(lists ...[]int64) []int64 {
	out := []int64{}
	for _, l := range lists {
		out = append(out, l...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// canBeSolvedBy is Zendesk's can_be_solved_by_me: the requester may mark their request
// solved once an agent has it, unless it is a problem (its incidents hang on it).
func canBeSolvedBy(t *fd.Ticket, u *fd.User) bool {
	return t.RequesterID == u.ID && t.AssigneeID != 0 && t.Type != fd.TypeProblem &&
		t.Status != fd.StatusSolved && t.Status != fd.StatusClosed
}

// requesterViewer is what the caller sees through the Requests API: whatever their
// role, what a requester sees (their own requests, those they are copied on, their
// shared organization's).
func (a *API) requesterViewer(ctx context.Context, caller *fd.User) (*viewer, error) {
	u := *caller
	u.Role = fd.RoleEndUser
	return a.viewerOf(ctx, &u)
}

// pathRequest reads the request named by the path's {id}; one the caller may not see
// is not found, like one that does not exist.
func (a *API) pathRequest(r *http.Request, caller *fd.User) (*fd.Ticket, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	v, err := a.requesterViewer(r.Context(), caller)
	if err != nil {
		return nil, err
	}
	return a.visibleTicket(r.Context(), v, id)
}

// listRequests lists the requests the caller asked.
func (a *API) listRequests(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	return a.listRequestsIn(w, r, caller, store.TicketFilter{RequesterID: caller.ID}, nil)
}

// listOpenRequests lists the caller's requests that are not solved yet.
func (a *API) listOpenRequests(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	return a.listRequestsIn(w, r, caller, store.TicketFilter{RequesterID: caller.ID},
		[]fd.Status{fd.StatusNew, fd.StatusOpen, fd.StatusPending, fd.StatusHold})
}

// listSolvedRequests lists the caller's solved and closed requests.
func (a *API) listSolvedRequests(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	return a.listRequestsIn(w, r, caller, store.TicketFilter{RequesterID: caller.ID}, []fd.Status{fd.StatusSolved, fd.StatusClosed})
}

// listCopiedRequests lists the requests the caller is copied on.
func (a *API) listCopiedRequests(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	return a.listRequestsIn(w, r, caller, store.TicketFilter{Visible: &store.Visibility{CopiedID: caller.ID}}, nil)
}

// readStatuses reads status=new,open (Zendesk's comma-separated list) into f, kept
// within allowed when the listing has statuses of its own.
func readStatuses(r *http.Request, f *store.TicketFilter, allowed []fd.Status) error {
	f.Statuses = allowed
	s := r.URL.Query().Get("status")
	if s == "" {
		return nil
	}
	f.Statuses = nil
	for part := range strings.SplitSeq(s, ",") {
		st := fd.Status(strings.ToLower(strings.TrimSpace(part)))
		if !st.Valid() {
			return fd.InvalidField("status", "%q is not a status: use new, open, pending, hold, solved or closed", part)
		}
		if allowed == nil || slices.Contains(allowed, st) {
			f.Statuses = append(f.Statuses, st)
		}
	}
	if len(f.Statuses) == 0 {
		f.Visible = &store.Visibility{} // no status asked for is allowed here: nothing matches
	}
	return nil
}

// listRequestsIn answers a page of the requests f selects, narrowed by the status
// parameter, ordered by sort_by (created_at, the default, or updated_at) and sort_order
// (asc, the default, or desc), or for cursor pages by sort ("-updated_at"), and paged
// by offset or by cursor as the request asks.
func (a *API) listRequestsIn(w http.ResponseWriter, r *http.Request, caller *fd.User, f store.TicketFilter, allowed []fd.Status) error {
	if err := readStatuses(r, &f, allowed); err != nil {
		return err
	}
	q := r.URL.Query()
	f.OrderBy, f.Asc = "created_at", q.Get("sort_order") != "desc"
	if q.Get("sort_by") == "updated_at" {
		f.OrderBy = "updated_at"
	}
	if s := q.Get("sort"); s != "" {
		key := strings.TrimPrefix(s, "-")
		if key == "created_at" || key == "updated_at" {
			f.OrderBy, f.Asc = key, !strings.HasPrefix(s, "-")
		}
	}
	list, body, err := a.pageTickets(r, f)
	if err != nil {
		return err
	}
	if body["requests"], err = a.requestsJSON(r.Context(), baseURL(r), caller, list); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, body)
	return nil
}

// pageTickets reads the page of the tickets f selects that the request asks for, by
// cursor or by offset, and returns it with the listing's paging fields.
func (a *API) pageTickets(r *http.Request, f store.TicketFilter) ([]*fd.Ticket, map[string]any, error) {
	ctx := r.Context()
	if wantsCursor(r) {
		size, err := readPageSize(r)
		if err != nil {
			return nil, nil, err
		}
		f.Limit = size
		if after := r.URL.Query().Get("page[after]"); after != "" {
			if f.After, err = decodeCursor(after); err != nil {
				return nil, nil, fd.InvalidField("page[after]", "is not a cursor this API gave out")
			}
		}
		list, next, err := a.tickets.List(ctx, f)
		if err != nil {
			return nil, nil, err
		}
		cur := ""
		if next != nil {
			cur = encodeCursor(next)
		}
		meta, links := cursorMeta(r, size, cur)
		return list, map[string]any{"meta": meta, "links": links}, nil
	}
	p, err := readOffsetPage(r)
	if err != nil {
		return nil, nil, err
	}
	f.Limit, f.Offset = p.PerPage, p.Offset()
	list, _, err := a.tickets.List(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	count, err := a.countTickets(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	next, prev := offsetLinks(r, p, count)
	return list, map[string]any{"next_page": next, "previous_page": prev, "count": count}, nil
}

// maxSearchResults is how deep a search may page, as in Zendesk.
const maxSearchResults = 1000

// searchRequests finds the caller's requests by the words of their subject and public
// comments: those they asked by default, those they are copied on with cc_id=true,
// their shared organization's with organization_id; status narrows it.
func (a *API) searchRequests(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	q := r.URL.Query()
	words := strings.Fields(q.Get("query"))
	if len(words) == 0 {
		return fd.InvalidField("query", "is required: the words to find")
	}
	p, err := readOffsetPage(r)
	if err != nil {
		return err
	}
	if p.Offset()+p.PerPage > maxSearchResults {
		return fd.InvalidField("page", "search results stop at %d: narrow the query", maxSearchResults)
	}
	ctx := r.Context()
	f, err := a.searchScope(r, caller)
	if err != nil {
		return err
	}
	hits, err := a.db.Read().SearchPublicText(ctx, words, f, maxSearchResults, 0)
	if err != nil {
		return err
	}
	count := int64(len(hits))
	page := hits[min(p.Offset(), len(hits)):min(p.Offset()+p.PerPage, len(hits))]
	ids := make([]int64, len(page))
	for i, h := range page {
		ids[i] = h.TicketID
	}
	list := make([]*fd.Ticket, 0, len(page))
	if len(ids) > 0 {
		byID, err := a.db.Read().TicketsByIDs(ctx, ids)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if t := byID[id]; t != nil {
				list = append(list, t)
			}
		}
	}
	out, err := a.requestsJSON(ctx, baseURL(r), caller, list)
	if err != nil {
		return err
	}
	next, prev := offsetLinks(r, p, count)
	writeJSON(w, http.StatusOK, map[string]any{"requests": out, "next_page": next, "previous_page": prev, "count": count})
	return nil
}

// searchScope is the requests a search looks in: the caller's own, those they are
// copied on (cc_id=true), or their shared organization's (organization_id), in the
// statuses asked for.
func (a *API) searchScope(r *http.Request, caller *fd.User) (store.TicketFilter, error) {
	q := r.URL.Query()
	f := store.TicketFilter{RequesterID: caller.ID}
	switch {
	case q.Get("cc_id") == "true":
		f = store.TicketFilter{Visible: &store.Visibility{CopiedID: caller.ID}}
	case q.Get("organization_id") != "":
		v, err := a.requesterViewer(r.Context(), caller)
		if err != nil {
			return f, err
		}
		org, err := strconv.ParseInt(q.Get("organization_id"), 10, 64)
		if err != nil || org != caller.OrganizationID || !v.sharedOrg {
			return f, fd.ErrNotFound("organization", q.Get("organization_id"))
		}
		f = store.TicketFilter{OrganizationID: org}
	}
	return f, readStatuses(r, &f, nil)
}

func (a *API) showRequest(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathRequest(r, caller)
	if err != nil {
		return err
	}
	return a.writeRequest(w, r, caller, http.StatusOK, t)
}

func (a *API) writeRequest(w http.ResponseWriter, r *http.Request, caller *fd.User, status int, t *fd.Ticket) error {
	out, err := a.requestsJSON(r.Context(), baseURL(r), caller, []*fd.Ticket{t})
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", out[0].URL)
	}
	writeJSON(w, status, map[string]any{"request": out[0]})
	return nil
}

// requestIn is the body of a request create or update: only what a requester may set.
// Everything else a ticket has (status, assignee, group, tags, …) is ignored.
type requestIn struct {
	Subject                 string            `json:"subject"`
	Comment                 *requestCommentIn `json:"comment"`
	Priority                string            `json:"priority"`
	Type                    string            `json:"type"`
	CustomFields            []customField     `json:"custom_fields"`
	Collaborators           []personRef       `json:"collaborators"`
	AdditionalCollaborators []personRef       `json:"additional_collaborators"`
	EmailCCs                []emailCCIn       `json:"email_ccs"`
	Solved                  flexBool          `json:"solved"`
}

type requestCommentIn struct {
	Body     string   `json:"body"`
	HTMLBody string   `json:"html_body"`
	Uploads  []string `json:"uploads"`
}

func (c *requestCommentIn) toService(caller *fd.User) ticket.NewComment {
	return ticket.NewComment{AuthorID: caller.ID, Body: c.Body, HTMLBody: c.HTMLBody, Uploads: c.Uploads}
}

// emailCCIn is one entry of Zendesk's email_ccs: a person to copy in ("put", the
// default) or to take off ("delete").
type emailCCIn struct {
	UserID    int64  `json:"user_id"`
	UserEmail string `json:"user_email"`
	UserName  string `json:"user_name"`
	Action    string `json:"action"`
}

// personRef names a person as Zendesk's collaborators do: an id, an email address, or
// {"name", "email"}.
type personRef struct {
	ID    int64
	Name  string
	Email string
}

// UnmarshalJSON reads an id, an email string or a {"name", "email"} object.
func (p *personRef) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) > 0 && b[0] == '"':
		return json.Unmarshal(b, &p.Email)
	case len(b) > 0 && b[0] == '{':
		var o struct {
			ID    int64  `json:"id"`
			Name  string `json:"name"`
			Email string `json:"email"`
		}
		err := json.Unmarshal(b, &o)
		p.ID, p.Name, p.Email = o.ID, o.Name, o.Email
		return err
	}
	return json.Unmarshal(b, &p.ID)
}

// flexBool is a boolean that Zendesk's clients send as true or as "true".
type flexBool struct {
	Set, V bool
}

// UnmarshalJSON reads true, false, "true", "false" or null.
func (f *flexBool) UnmarshalJSON(b []byte) error {
	switch strings.Trim(string(bytes.TrimSpace(b)), `"`) {
	case "true":
		f.Set, f.V = true, true
	case "false":
		f.Set = true
	case "null":
	default:
		return &json.UnsupportedValueError{Str: string(b)}
	}
	return nil
}

// fieldValues turns custom_fields into the service's field id → value map.
func fieldValues(list []customField) map[int64]any {
	if len(list) == 0 {
		return nil
	}
	m := make(map[int64]any, len(list))
	for _, f := range list {
		m[f.ID] = f.Value
	}
	return m
}

// maxCCs is how many people a request may copy in, as in Zendesk.
const maxCCs = 48

// readRequest decodes {"request": {...}}.
func readRequest(w http.ResponseWriter, r *http.Request) (*requestIn, error) {
	var env struct {
		Request *requestIn `json:"request"`
	}
	if err := decode(w, r, &env); err != nil {
		return nil, err
	}
	if env.Request == nil {
		return nil, fd.InvalidField("request", "is required: send {\"request\": {…}}")
	}
	return env.Request, nil
}

// resolvePeople turns references to people into user ids. An email nobody has yet
// becomes a new end-user, as when a customer copies a colleague in by email.
func (a *API) resolvePeople(ctx context.Context, field string, refs []personRef) ([]int64, error) {
	ids := make([]int64, 0, len(refs))
	var unknown []personRef
	conn := a.db.Read()
	for _, ref := range refs {
		switch {
		case ref.ID != 0:
			ok, err := conn.Exists(ctx, "users", ref.ID)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, fd.InvalidField(field, "user %d does not exist", ref.ID)
			}
			ids = append(ids, ref.ID)
		case ref.Email != "":
			email, err := directory.NormalizeEmail(ref.Email)
			if err != nil {
				return nil, fd.InvalidField(field, "%q is not a valid email address", ref.Email)
			}
			u, err := conn.UserByIdentity(ctx, fd.IdentityEmail, email)
			switch {
			case err == nil:
				ids = append(ids, u.ID)
			case fd.Is(err, fd.NotFound):
				unknown = append(unknown, personRef{Name: ref.Name, Email: email})
			default:
				return nil, err
			}
		default:
			return nil, fd.InvalidField(field, "each entry needs a user id or an email address")
		}
	}
	if len(unknown) > 0 {
		err := a.db.Write(ctx, func(tx *store.Tx) error {
			for _, ref := range unknown {
				u, err := directory.EnsureUserTx(ctx, tx, ref.Name, ref.Email, a.now().UTC())
				if err != nil {
					return err
				}
				ids = append(ids, u.ID)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// ccChanges reads who to copy in and who to take off from collaborators (create),
// additional_collaborators (update) and email_ccs (both).
func (a *API) ccChanges(ctx context.Context, in *requestIn) (add, remove []int64, err error) {
	put := slices.Concat(in.Collaborators, in.AdditionalCollaborators)
	var del []personRef
	for _, cc := range in.EmailCCs {
		ref := personRef{ID: cc.UserID, Name: cc.UserName, Email: cc.UserEmail}
		switch cc.Action {
		case "", "put":
			put = append(put, ref)
		case "delete":
			del = append(del, ref)
		default:
			return nil, nil, fd.InvalidField("email_ccs", "action %q is neither put nor delete", cc.Action)
		}
	}
	if len(put) > maxCCs {
		return nil, nil, fd.InvalidField("collaborators", "a request copies in at most %d people", maxCCs)
	}
	if add, err = a.resolvePeople(ctx, "collaborators", put); err != nil {
		return nil, nil, err
	}
	for _, ref := range del {
		switch {
		case ref.ID != 0:
			remove = append(remove, ref.ID)
		case ref.Email != "":
			if u, err := a.db.Read().UserByIdentity(ctx, fd.IdentityEmail, ref.Email); err == nil {
				remove = append(remove, u.ID)
			} else if !fd.Is(err, fd.NotFound) {
				return nil, nil, err
			}
		}
	}
	return add, remove, nil
}

// viaOf is the channel a request arrives through: the portal when a signed-in browser
// sends it, the API when a program does.
func viaOf(r *http.Request) fd.Via {
	if r.Header.Get("Authorization") == "" {
		return fd.Via{Channel: fd.ChannelWebForm}
	}
	return fd.Via{Channel: fd.ChannelAPI}
}

// createRequest files a request for the caller, who is its requester and submitter.
func (a *API) createRequest(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	in, err := readRequest(w, r)
	if err != nil {
		return err
	}
	if in.Comment == nil {
		return fd.InvalidField("comment", "is required: describe what you need in comment.body")
	}
	ctx := r.Context()
	ccs, _, err := a.ccChanges(ctx, in)
	if err != nil {
		return err
	}
	ccs = slices.DeleteFunc(ccs, func(id int64) bool { return id == caller.ID })
	t, err := a.tickets.Create(ctx, ticket.NewTicket{
		Subject: in.Subject, Comment: in.Comment.toService(caller), RequesterID: caller.ID, SubmitterID: caller.ID,
		Priority: fd.Priority(in.Priority), Type: fd.TicketType(in.Type), CustomFields: fieldValues(in.CustomFields),
		CollaboratorIDs: ccs, EmailCCIDs: ccs, Via: viaOf(r), Portal: !caller.Role.IsStaff(),
	})
	if err != nil {
		return err
	}
	return a.writeRequest(w, r, caller, http.StatusCreated, t)
}

// updateRequest adds a comment, copies people in or out, sets custom fields, or marks
// the request solved.
// A comment from the requester reopens a pending or solved request, as a reply by
// email does. Only the requester and the people copied on a request may change it;
// organization members who only see it may not.
func (a *API) updateRequest(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathRequest(r, caller)
	if err != nil {
		return err
	}
	in, err := readRequest(w, r)
	if err != nil {
		return err
	}
	copied := slices.Contains(t.EmailCCIDs, caller.ID) || slices.Contains(t.CollaboratorIDs, caller.ID)
	if t.RequesterID != caller.ID && !copied {
		return fd.Errorf(fd.Forbidden, "only the requester and the people copied on request %d may change it", t.ID)
	}
	ctx := r.Context()
	u := ticket.Update{TicketID: t.ID, ActorID: caller.ID, Via: viaOf(r), CustomFields: fieldValues(in.CustomFields),
		Portal: !caller.Role.IsStaff()}
	if in.Comment != nil {
		c := in.Comment.toService(caller)
		u.Comment = &c
	}
	add, remove, err := a.ccChanges(ctx, in)
	if err != nil {
		return err
	}
	if len(add) > 0 || len(remove) > 0 {
		change := func(list []int64) *[]int64 {
			out := slices.DeleteFunc(slices.Concat(list, add), func(id int64) bool {
				return id == t.RequesterID || slices.Contains(remove, id)
			})
			slices.Sort(out)
			out = slices.Compact(out)
			return &out
		}
		u.EmailCCIDs, u.CollaboratorIDs = change(t.EmailCCIDs), change(t.CollaboratorIDs)
	}
	if in.Solved.Set && in.Solved.V {
		if !canBeSolvedBy(t, caller) {
			return fd.InvalidField("solved", "request %d can't be solved by you: only its requester can, once an agent has it, and not a problem", t.ID)
		}
		solved := fd.StatusSolved
		u.Status = &solved
	}
	var after *fd.Ticket
	if u.Comment != nil && u.Status == nil && t.Status != fd.StatusClosed {
		after, err = a.tickets.Reply(ctx, u)
	} else {
		after, err = a.tickets.Update(ctx, u)
	}
	if err != nil {
		return err
	}
	return a.writeRequest(w, r, caller, http.StatusOK, after)
}

// requestCommentJSON is a public comment in the shape of Zendesk's request comment.
type requestCommentJSON struct {
	ID          int64            `json:"id"`
	Type        string           `json:"type"`
	RequestID   int64            `json:"request_id"`
	Body        string           `json:"body"`
	HTMLBody    string           `json:"html_body"`
	PlainBody   string           `json:"plain_body"`
	Public      bool             `json:"public"`
	AuthorID    int64            `json:"author_id"`
	Attachments []attachmentJSON `json:"attachments"`
	CreatedAt   *string          `json:"created_at"`
}

// requestUserJSON is a comment author as a requester sees them (Zendesk's users
// sideload of request comments): a name, not a profile.
type requestUserJSON struct {
	ID             int64   `json:"id"`
	Name           string  `json:"name"`
	Photo          *string `json:"photo"`
	Agent          bool    `json:"agent"`
	OrganizationID *int64  `json:"organization_id"`
}

// publicComments returns the request's public comments, oldest first; internal notes
// never leave this function.
func (a *API) publicComments(ctx context.Context, ticketID int64) ([]*fd.Comment, error) {
	all, err := a.tickets.Comments(ctx, ticketID)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(c *fd.Comment) bool { return !c.Public }), nil
}

func requestComment(base string, c *fd.Comment) requestCommentJSON {
	j := commentOut(base, c)
	return requestCommentJSON{ID: j.ID, Type: j.Type, RequestID: c.TicketID, Body: j.Body, HTMLBody: j.HTMLBody,
		PlainBody: j.PlainBody, Public: true, AuthorID: j.AuthorID, Attachments: j.Attachments, CreatedAt: j.CreatedAt}
}

// listRequestComments lists a request's public comments, oldest first ("sort_order=desc"
// or "sort=-created_at" for newest first), from since (an ISO-8601 time) and by role
// ("agent" or "end_user") if asked, with their authors.
func (a *API) listRequestComments(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathRequest(r, caller)
	if err != nil {
		return err
	}
	comments, err := a.publicComments(r.Context(), t.ID)
	if err != nil {
		return err
	}
	comments, authors, err := a.filterComments(r, comments)
	if err != nil {
		return err
	}
	page, body, err := pageComments(r, comments)
	if err != nil {
		return err
	}
	base := baseURL(r)
	out := make([]requestCommentJSON, len(page))
	users := []requestUserJSON{}
	seen := map[int64]bool{}
	for i, c := range page {
		out[i] = requestComment(base, c)
		if u := authors[c.AuthorID]; !seen[u.ID] {
			seen[u.ID] = true
			users = append(users, requestUserJSON{ID: u.ID, Name: u.Name, Agent: u.Role.IsStaff(), OrganizationID: nullID(u.OrganizationID)})
		}
	}
	body["comments"], body["users"] = out, users
	writeJSON(w, http.StatusOK, body)
	return nil
}

// filterComments keeps the comments the since and role parameters ask for, in the
// order sort_order or sort asks, and returns them with their authors.
func (a *API) filterComments(r *http.Request, comments []*fd.Comment) ([]*fd.Comment, map[int64]*fd.User, error) {
	q := r.URL.Query()
	if s := q.Get("since"); s != "" {
		since, err := time.Parse(time.RFC3339, s)
		if err != nil {
			since, err = time.Parse(time.DateOnly, s)
		}
		if err != nil {
			return nil, nil, fd.InvalidField("since", "must be an ISO-8601 time such as 2024-01-31T12:00:00Z")
		}
		comments = slices.DeleteFunc(comments, func(c *fd.Comment) bool { return c.CreatedAt.Before(since) })
	}
	authors := map[int64]*fd.User{}
	conn := a.db.Read()
	for _, c := range comments {
		if authors[c.AuthorID] == nil {
			u, err := conn.User(r.Context(), c.AuthorID)
			if err != nil {
				return nil, nil, err
			}
			authors[c.AuthorID] = u
		}
	}
	switch role := q.Get("role"); role {
	case "":
	case "agent", "end_user":
		comments = slices.DeleteFunc(comments, func(c *fd.Comment) bool { return authors[c.AuthorID].Role.IsStaff() != (role == "agent") })
	default:
		return nil, nil, fd.InvalidField("role", "must be agent or end_user")
	}
	if q.Get("sort_order") == "desc" || q.Get("sort") == "-created_at" {
		slices.Reverse(comments)
	}
	return comments, authors, nil
}

// pageComments cuts the page the request asks for out of a request's comments (a few
// thousand at most, read whole), by offset or by cursor, and returns it with the
// listing's paging fields.
func pageComments(r *http.Request, comments []*fd.Comment) ([]*fd.Comment, map[string]any, error) {
	body := map[string]any{}
	if !wantsCursor(r) {
		p, err := readOffsetPage(r)
		if err != nil {
			return nil, nil, err
		}
		body["next_page"], body["previous_page"] = offsetLinks(r, p, int64(len(comments)))
		body["count"] = len(comments)
		return comments[min(p.Offset(), len(comments)):min(p.Offset()+p.PerPage, len(comments))], body, nil
	}
	size, err := readPageSize(r)
	if err != nil {
		return nil, nil, err
	}
	start := 0
	if after := r.URL.Query().Get("page[after]"); after != "" {
		cur, err := decodeCursor(after)
		if err == nil {
			start = slices.IndexFunc(comments, func(c *fd.Comment) bool { return c.ID == cur.ID }) + 1
		}
		if err != nil || start == 0 {
			return nil, nil, fd.InvalidField("page[after]", "is not a cursor this API gave out")
		}
	}
	page := comments[start:min(start+size, len(comments))]
	next := ""
	if start+size < len(comments) {
		next = encodeCursor(&store.Cursor{ID: page[len(page)-1].ID})
	}
	body["meta"], body["links"] = cursorMeta(r, size, next)
	return page, body, nil
}

// showRequestComment shows one public comment of a request; an internal note is not
// found.
func (a *API) showRequestComment(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathRequest(r, caller)
	if err != nil {
		return err
	}
	cid, err := strconv.ParseInt(r.PathValue("cid"), 10, 64)
	if err != nil {
		return fd.ErrNotFound("comment", r.PathValue("cid"))
	}
	comments, err := a.publicComments(r.Context(), t.ID)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(comments, func(c *fd.Comment) bool { return c.ID == cid })
	if i < 0 {
		return fd.ErrNotFound("comment", cid)
	}
	writeJSON(w, http.StatusOK, map[string]any{"comment": requestComment(baseURL(r), comments[i])})
	return nil
}
