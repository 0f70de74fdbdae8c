package api

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// Who may do what to users, as in Zendesk: admins everything (but demoting, suspending
// or deleting themselves); agents read every user, create and change end-users, and
// edit their own profile; end-users read and edit their own profile only.

func (a *API) userRoutes() []route {
	return []route{
		{"GET /api/v2/users", staffOnly, a.listUsers},
		{"POST /api/v2/users", staffOnly, a.createUser},
		{"GET /api/v2/users/me", anyone, a.showMe},
		{"GET /api/v2/users/search", staffOnly, a.searchUsers},
		{"GET /api/v2/users/show_many", staffOnly, a.showManyUsers},
		{"POST /api/v2/users/create_or_update", staffOnly, a.createOrUpdateUser},
		{"POST /api/v2/users/create_many", staffOnly, a.bulkUsers(false)},
		{"POST /api/v2/users/create_or_update_many", staffOnly, a.bulkUsers(true)},
		{"GET /api/v2/users/{id}", anyone, a.showUser},
		{"PUT /api/v2/users/{id}", anyone, a.updateUser},
		{"DELETE /api/v2/users/{id}", staffOnly, a.deleteUser},
		{"GET /api/v2/users/{id}/related", staffOnly, a.userRelated},
		{"GET /api/v2/users/{id}/tags", staffOnly, a.showUserTags},
		{"POST /api/v2/users/{id}/tags", staffOnly, a.changeUserTags(http.MethodPost)},
		{"PUT /api/v2/users/{id}/tags", staffOnly, a.changeUserTags(http.MethodPut)},
		{"DELETE /api/v2/users/{id}/tags", staffOnly, a.changeUserTags(http.MethodDelete)},
		{"GET /api/v2/users/{id}/tickets/requested", staffOnly, a.userTickets("requested")},
		{"GET /api/v2/users/{id}/tickets/ccd", staffOnly, a.userTickets("ccd")},
		{"GET /api/v2/users/{id}/tickets/assigned", staffOnly, a.userTickets("assigned")},
		{"GET /api/v2/users/{id}/identities", anyone, a.listIdentities},
		{"POST /api/v2/users/{id}/identities", staffOnly, a.createIdentity},
		{"GET /api/v2/users/{id}/identities/{iid}", anyone, a.showIdentity},
		{"PUT /api/v2/users/{id}/identities/{iid}", staffOnly, a.updateIdentity},
		{"DELETE /api/v2/users/{id}/identities/{iid}", staffOnly, a.deleteIdentity},
		{"PUT /api/v2/users/{id}/identities/{iid}/make_primary", staffOnly, a.makePrimaryIdentity},
		{"PUT /api/v2/users/{id}/identities/{iid}/verify", staffOnly, a.verifyIdentity},
	}
}

// maxUserSearch is the most users a search finds.
const maxUserSearch = 1000

// userIn is the body of a user create or update, Zendesk's field names.
type userIn struct {
	Name              optional[string]   `json:"name"`
	Email             optional[string]   `json:"email"`
	Role              optional[string]   `json:"role"`
	Locale            optional[string]   `json:"locale"`
	TimeZone          optional[string]   `json:"time_zone"`
	OrganizationID    optional[int64]    `json:"organization_id"`
	DefaultGroupID    optional[int64]    `json:"default_group_id"`
	Tags              optional[[]string] `json:"tags"`
	Notes             optional[string]   `json:"notes"`
	Details           optional[string]   `json:"details"`
	ExternalID        optional[string]   `json:"external_id"`
	Suspended         optional[bool]     `json:"suspended"`
	TicketRestriction optional[string]   `json:"ticket_restriction"`
	Phone             string             `json:"phone"`
	Identities        []identityIn       `json:"identities"`
	// Verified, on create, marks the new user's identities verified.
	Verified bool `json:"verified"`
}

// change is the update the body asks for. A blank name is no change: clients that
// send a whole user object (go-zendesk always sends "name") must not wipe it.
func (in *userIn) change() directory.UserChange {
	ch := directory.UserChange{
		Email: in.Email.ptr(), Locale: in.Locale.ptr(), TimeZone: in.TimeZone.ptr(),
		OrganizationID: in.OrganizationID.ptr(), DefaultGroupID: in.DefaultGroupID.ptr(), Tags: in.Tags.ptr(),
		Notes: in.Notes.ptr(), Details: in.Details.ptr(), ExternalID: in.ExternalID.ptr(), Suspended: in.Suspended.ptr(),
	}
	if in.Name.Set && strings.TrimSpace(in.Name.V) != "" {
		ch.Name = &in.Name.V
	}
	if in.Role.Set && !in.Role.Null {
		r := fd.Role(in.Role.V)
		ch.Role = &r
	}
	if in.TicketRestriction.Set {
		r := fd.TicketRestriction(in.TicketRestriction.V)
		ch.TicketRestriction = &r
	}
	return ch
}

// newUser is the creation the body asks for: what NewUser carries, and the rest.
func (in *userIn) newUser() (directory.NewUser, directory.UserChange) {
	nu := directory.NewUser{Name: in.Name.V, Email: in.Email.V, Role: fd.Role(in.Role.V), Locale: in.Locale.V,
		TimeZone: in.TimeZone.V, OrganizationID: in.OrganizationID.V, Tags: in.Tags.V, Notes: in.Notes.V,
		ExternalID: in.ExternalID.V}
	if p := strings.TrimSpace(in.Phone); p != "" {
		nu.Identities = append(nu.Identities, fd.Identity{Type: fd.IdentityPhone, Value: p})
	}
	for _, id := range in.Identities {
		nu.Identities = append(nu.Identities, fd.Identity{Type: fd.IdentityType(id.Type), Value: strings.TrimSpace(id.Value.V)})
	}
	ch := in.change()
	rest := directory.UserChange{Details: ch.Details, Suspended: ch.Suspended, TicketRestriction: ch.TicketRestriction,
		DefaultGroupID: ch.DefaultGroupID}
	return nu, rest
}

func readUser(w http.ResponseWriter, r *http.Request) (*userIn, error) {
	var env struct {
		User *userIn `json:"user"`
	}
	if err := decode(w, r, &env); err != nil {
		return nil, err
	}
	if env.User == nil {
		return nil, fd.InvalidField("user", "is required: send {\"user\": {…}}")
	}
	return env.User, nil
}

// userPath reads the {id} of a /users/{id} path; "me" is the caller. End-users reach
// only themselves: any other id is forbidden, existing or not.
func userPath(r *http.Request, caller *fd.User) (int64, error) {
	if r.PathValue("id") == "me" {
		return caller.ID, nil
	}
	id, err := pathID(r)
	if err == nil && !caller.Role.IsStaff() && id != caller.ID {
		return 0, fd.Errorf(fd.Forbidden, "end-users may see and change only their own profile")
	}
	return id, err
}

// pathUser reads the user of the path, deleted or not.
func (a *API) pathUser(r *http.Request, caller *fd.User) (*fd.User, error) {
	id, err := userPath(r, caller)
	if err != nil {
		return nil, err
	}
	return a.db.Read().User(r.Context(), id)
}

// pathLiveUser reads the user of the path, who must not be deleted.
func (a *API) pathLiveUser(r *http.Request, caller *fd.User) (*fd.User, error) {
	id, err := userPath(r, caller)
	if err != nil {
		return nil, err
	}
	return a.dir.LiveUser(r.Context(), id)
}

// mayManage reports whether the caller may change target beyond a profile of their
// own: admins anyone, agents end-users.
func mayManage(caller, target *fd.User) error {
	if caller.Role == fd.RoleAdmin || (caller.Role == fd.RoleAgent && target.Role == fd.RoleEndUser) {
		return nil
	}
	if caller.Role == fd.RoleEndUser {
		return fd.Errorf(fd.Forbidden, "end-users may change only their own profile")
	}
	return fd.Errorf(fd.Forbidden, "agents may change only end-users and their own profile")
}

// profileFields are what anyone may change of their own record.
var profileFields = []string{"name", "locale", "time_zone"}

// changed lists the fields of ch that would change u.
func changed(u *fd.User, ch directory.UserChange) []string {
	var out []string
	str := func(name string, v *string, cur string) {
		if v != nil && strings.TrimSpace(*v) != cur {
			out = append(out, name)
		}
	}
	str("name", ch.Name, u.Name)
	str("locale", ch.Locale, u.Locale)
	str("time_zone", ch.TimeZone, u.TimeZone)
	str("notes", ch.Notes, u.Notes)
	str("details", ch.Details, u.Details)
	str("external_id", ch.ExternalID, u.ExternalID)
	if ch.Email != nil && strings.TrimSpace(*ch.Email) != "" && !strings.EqualFold(strings.TrimSpace(*ch.Email), u.Email) {
		out = append(out, "email")
	}
	if ch.Role != nil && *ch.Role != u.Role {
		out = append(out, "role")
	}
	if ch.OrganizationID != nil && *ch.OrganizationID != u.OrganizationID {
		out = append(out, "organization_id")
	}
	if ch.DefaultGroupID != nil && *ch.DefaultGroupID != u.DefaultGroupID {
		out = append(out, "default_group_id")
	}
	if ch.Tags != nil && !slices.Equal(fd.NormalizeTags(*ch.Tags), fd.NormalizeTags(u.Tags)) {
		out = append(out, "tags")
	}
	if ch.Suspended != nil && *ch.Suspended != u.Suspended {
		out = append(out, "suspended")
	}
	if ch.TicketRestriction != nil {
		cur := u.TicketRestriction
		if u.Role == fd.RoleEndUser {
			cur = fd.RestrictRequested
		}
		if want := *ch.TicketRestriction; want != cur && !(u.Role != fd.RoleAgent && want == fd.RestrictNone) {
			out = append(out, "ticket_restriction")
		}
	}
	return out
}

// mayUpdate checks a change of target by the caller, field by field, so a client
// that sends back a whole user object unchanged is not refused.
func mayUpdate(caller, target *fd.User, ch directory.UserChange) error {
	fields := changed(target, ch)
	self := caller.ID == target.ID
	for _, f := range fields {
		switch {
		case self && slices.Contains(profileFields, f):
		case caller.Role == fd.RoleAdmin && self && (f == "role" || f == "suspended"):
			return fd.Errorf(fd.Forbidden, "admins can't change their own role or suspend themselves; ask another admin")
		case caller.Role == fd.RoleAdmin:
		case caller.Role == fd.RoleAgent && target.Role == fd.RoleEndUser && f != "role" && f != "ticket_restriction":
		case caller.Role == fd.RoleAgent && target.Role == fd.RoleEndUser:
			return fd.Errorf(fd.Forbidden, "only admins may change a user's %s", f)
		case caller.Role == fd.RoleEndUser || self:
			return fd.Errorf(fd.Forbidden, "you may change only your name, locale and time zone (not %s)", f)
		default:
			return mayManage(caller, target)
		}
	}
	return nil
}

// mayCreate checks that the caller may create a user of this role: agents create
// end-users only.
func mayCreate(caller *fd.User, role fd.Role, ch directory.UserChange) error {
	if caller.Role == fd.RoleAdmin {
		return nil
	}
	if role != "" && role != fd.RoleEndUser {
		return fd.Errorf(fd.Forbidden, "only admins may create agents and admins")
	}
	if r := ch.TicketRestriction; r != nil && *r != fd.RestrictNone && *r != fd.RestrictRequested {
		return fd.Errorf(fd.Forbidden, "only admins may set a ticket restriction")
	}
	return nil
}

// usersOut renders users with their verified flag, each in the shape the caller may
// see.
func (a *API) usersOut(ctx context.Context, base string, caller *fd.User, list []*fd.User) ([]any, error) {
	verified, err := verifiedUsers(ctx, a.db.Read(), list)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(list))
	for i, u := range list {
		j := a.userJSON(base, u)
		j.Verified = verified[u.ID]
		if caller.Role.IsStaff() {
			out[i] = j
		} else {
			out[i] = j.forEndUser()
		}
	}
	return out, nil
}

// verifiedUsers tells which of the users have a verified identity (Zendesk's
// verified), in one query.
func verifiedUsers(ctx context.Context, conn *store.Conn, list []*fd.User) (map[int64]bool, error) {
	ids := make([]int64, len(list))
	for i, u := range list {
		ids[i] = u.ID
	}
	return conn.VerifiedUsers(ctx, ids)
}

func (a *API) userOut(ctx context.Context, base string, caller, u *fd.User) (any, error) {
	out, err := a.usersOut(ctx, base, caller, []*fd.User{u})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

func (a *API) writeUser(w http.ResponseWriter, r *http.Request, status int, caller, u *fd.User) error {
	out, err := a.userOut(r.Context(), baseURL(r), caller, u)
	if err != nil {
		return err
	}
	if status == http.StatusCreated || r.URL.Path == "/api/v2/users/create_or_update" {
		w.Header().Set("Location", a.userJSON(baseURL(r), u).URL)
	}
	writeJSON(w, status, map[string]any{"user": out})
	return nil
}

// listUsers lists live users by id, filtered by role (role, role[]) and external_id,
// by offset or by cursor.
func (a *API) listUsers(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	q := r.URL.Query()
	f := store.UserFilter{ExternalID: strings.TrimSpace(q.Get("external_id"))}
	for _, s := range append(q["role"], q["role[]"]...) {
		role := fd.Role(s)
		if !role.Valid() {
			return fd.InvalidField("role", "must be end-user, agent or admin")
		}
		f.Roles = append(f.Roles, role)
	}
	conn := a.db.Read()
	if wantsCursor(r) {
		size, err := readPageSize(r)
		if err != nil {
			return err
		}
		if after := q.Get("page[after]"); after != "" {
			c, err := decodeCursor(after)
			if err != nil {
				return fd.InvalidField("page[after]", "is not a cursor this API gave out")
			}
			f.AfterID = c.ID
		}
		f.Limit = size + 1
		list, err := conn.ListUsers(r.Context(), f)
		if err != nil {
			return err
		}
		cur := ""
		if len(list) > size {
			list = list[:size]
			cur = encodeCursor(&store.Cursor{ID: list[size-1].ID})
		}
		out, err := a.usersOut(r.Context(), baseURL(r), caller, list)
		if err != nil {
			return err
		}
		meta, links := cursorMeta(r, size, cur)
		writeJSON(w, http.StatusOK, map[string]any{"users": out, "meta": meta, "links": links})
		return nil
	}
	p, err := readOffsetPage(r)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = p.PerPage, p.Offset()
	list, err := conn.ListUsers(r.Context(), f)
	if err != nil {
		return err
	}
	count, err := conn.CountUsers(r.Context(), f)
	if err != nil {
		return err
	}
	return a.writeUserPage(w, r, caller, list, p, count)
}

// writeUserPage answers one offset page of users.
func (a *API) writeUserPage(w http.ResponseWriter, r *http.Request, caller *fd.User, list []*fd.User, p offsetPage, count int64) error {
	out, err := a.usersOut(r.Context(), baseURL(r), caller, list)
	if err != nil {
		return err
	}
	next, prev := offsetLinks(r, p, count)
	writeJSON(w, http.StatusOK, map[string]any{"users": out, "next_page": next, "previous_page": prev, "count": count})
	return nil
}

func (a *API) showMe(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	return a.writeUser(w, r, http.StatusOK, caller, caller)
}

// showUser shows any user, deleted ones too (active false), to agents; end-users see
// only themselves.
func (a *API) showUser(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, err := a.pathUser(r, caller)
	if err != nil {
		return err
	}
	return a.writeUser(w, r, http.StatusOK, caller, u)
}

func (a *API) createUser(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	in, err := readUser(w, r)
	if err != nil {
		return err
	}
	nu, rest := in.newUser()
	if err := mayCreate(caller, nu.Role, rest); err != nil {
		return err
	}
	u, err := a.dir.CreateUserWith(r.Context(), nu, rest, in.Verified)
	if err != nil {
		return err
	}
	return a.writeUser(w, r, http.StatusCreated, caller, u)
}

func (a *API) updateUser(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	target, err := a.pathLiveUser(r, caller)
	if err != nil {
		return err
	}
	in, err := readUser(w, r)
	if err != nil {
		return err
	}
	ch := in.change()
	if err := mayUpdate(caller, target, ch); err != nil {
		return err
	}
	var u *fd.User
	err = a.freeAssignee(r.Context(), caller, func() (err error) {
		u, err = a.dir.UpdateUser(r.Context(), target.ID, ch)
		return err
	})
	if err != nil {
		return err
	}
	return a.writeUser(w, r, http.StatusOK, caller, u)
}

// deleteUser deletes a user as Zendesk does, answering the user, now inactive. Their
// unsolved tickets are unassigned first, each change audited as the caller's.
func (a *API) deleteUser(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	target, err := a.pathLiveUser(r, caller)
	if err != nil {
		return err
	}
	if target.ID == caller.ID {
		return fd.Errorf(fd.Forbidden, "you can't delete yourself; ask another admin")
	}
	if err := mayManage(caller, target); err != nil {
		return err
	}
	var u *fd.User
	err = a.freeAssignee(r.Context(), caller, func() (err error) {
		u, err = a.dir.DeleteUser(r.Context(), target.ID)
		return err
	})
	if err != nil {
		return err
	}
	return a.writeUser(w, r, http.StatusOK, caller, u)
}

// createOrUpdateUser updates the user named by external_id or email (200), or creates
// one (201).
func (a *API) createOrUpdateUser(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	in, err := readUser(w, r)
	if err != nil {
		return err
	}
	u, created, err := a.upsertUser(r.Context(), caller, in)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return a.writeUser(w, r, status, caller, u)
}

func (a *API) upsertUser(ctx context.Context, caller *fd.User, in *userIn) (u *fd.User, created bool, err error) {
	nu, rest := in.newUser()
	ch := in.change()
	err = a.freeAssignee(ctx, caller, func() (err error) {
		u, created, err = a.dir.CreateOrUpdateUser(ctx, in.match(), nu, ch, in.Verified, mayUpsert(caller, nu, rest, ch))
		return err
	})
	return u, created, err
}

// freeAssignee runs change, a directory change that may leave a user unable to hold
// tickets. The directory refuses it while the user is the assignee of unsolved tickets
// (directory.AssigneeError); those are then unassigned, each in a ticket change
// audited as actor's, and the change is tried again: a few times, in case a ticket is
// assigned to the user meanwhile.
func (a *API) freeAssignee(ctx context.Context, actor *fd.User, change func() error) error {
	for try := 1; ; try++ {
		err := change()
		var held *directory.AssigneeError
		if try == 3 || !errors.As(err, &held) {
			return err
		}
		if err := a.tickets.Unassign(ctx, ticket.Unassign{UserID: held.UserID, GroupID: held.GroupID, ActorID: actor.ID}); err != nil {
			return err
		}
	}
}

// match names the user a create-or-update body is about.
func (in *userIn) match() directory.UserMatch {
	return directory.UserMatch{ExternalID: in.ExternalID.V, Email: in.Email.V}
}

// mayUpsert checks a create-or-update by the caller: it gets the user to be updated, or
// nil for a creation.
func mayUpsert(caller *fd.User, nu directory.NewUser, rest, ch directory.UserChange) func(existing *fd.User) error {
	return func(existing *fd.User) error {
		if existing == nil {
			return mayCreate(caller, nu.Role, rest)
		}
		return mayUpdate(caller, existing, ch)
	}
}

// searchUsers finds live users by query (words matched as prefixes of name, email or
// notes; email:, external_id: and role: narrow it; a bare email address matches
// exactly) or by external_id, one offset page at a time, best first.
func (a *API) searchUsers(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	q := r.URL.Query()
	p, err := readOffsetPage(r)
	if err != nil {
		return err
	}
	var list []*fd.User
	conn := a.db.Read()
	if ext := strings.TrimSpace(q.Get("external_id")); ext != "" {
		if list, err = conn.UsersByExternalIDs(r.Context(), []string{ext}); err != nil {
			return err
		}
	} else if list, err = a.queryUsers(r.Context(), q.Get("query")); err != nil {
		return err
	}
	count := int64(len(list))
	from, to := min(p.Offset(), len(list)), min(p.Offset()+p.PerPage, len(list))
	return a.writeUserPage(w, r, caller, list[from:to], p, count)
}

// queryUsers runs a users/search query.
func (a *API) queryUsers(ctx context.Context, query string) ([]*fd.User, error) {
	conn := a.db.Read()
	var words []string
	var email, ext string
	var role fd.Role
	for _, term := range strings.Fields(query) {
		key, val, ok := strings.Cut(term, ":")
		val = strings.Trim(val, `"`)
		switch {
		case ok && key == "email":
			email = val
		case ok && key == "external_id":
			ext = val
		case ok && key == "role":
			if role = fd.Role(val); !role.Valid() {
				return nil, fd.InvalidField("query", "role:%s is not a role; use end-user, agent or admin", val)
			}
		case !ok && strings.Contains(term, "@"):
			email = term
		default:
			words = append(words, term)
		}
	}
	if email != "" {
		addr, err := directory.NormalizeEmail(email)
		if err != nil {
			return []*fd.User{}, nil
		}
		email = addr
	}
	var list []*fd.User
	var err error
	switch {
	case len(words) > 0:
		ids, err := conn.SearchLiveUsers(ctx, words, maxUserSearch)
		if err != nil {
			return nil, err
		}
		byID, err := conn.UsersByIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		list = byID
		rank := make(map[int64]int, len(ids))
		for i, id := range ids {
			rank[id] = i
		}
		slices.SortFunc(list, func(x, y *fd.User) int { return rank[x.ID] - rank[y.ID] })
	case email != "":
		u, err := conn.UserByIdentity(ctx, fd.IdentityEmail, email)
		if err != nil && !fd.Is(err, fd.NotFound) {
			return nil, err
		}
		if u != nil {
			list = []*fd.User{u}
		}
	case ext != "":
		list, err = conn.UsersByExternalIDs(ctx, []string{ext})
	case role != "":
		list, err = conn.ListUsers(ctx, store.UserFilter{Roles: []fd.Role{role}, Limit: maxUserSearch})
	}
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(list, func(u *fd.User) bool {
		return !u.Active() || (email != "" && u.Email != email) || (role != "" && u.Role != role) ||
			(ext != "" && !strings.EqualFold(u.ExternalID, ext))
	}), nil
}

// showManyUsers shows up to 100 users by ids= (deleted ones too) or external_ids=.
func (a *API) showManyUsers(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	q := r.URL.Query()
	conn := a.db.Read()
	var list []*fd.User
	var err error
	if s := q.Get("ids"); s != "" {
		var ids []int64
		if ids, err = parseIDList("ids", s); err != nil {
			return err
		}
		list, err = conn.UsersByIDs(r.Context(), ids)
	} else if s := q.Get("external_ids"); s != "" {
		var exts []string
		for _, e := range strings.Split(s, ",") {
			if e = strings.TrimSpace(e); e != "" {
				exts = append(exts, e)
			}
		}
		if len(exts) > maxPerPage {
			return fd.InvalidField("external_ids", "at most %d at a time", maxPerPage)
		}
		list, err = conn.UsersByExternalIDs(r.Context(), exts)
	} else {
		return fd.InvalidField("ids", "is required: ?ids=1,2,3 or ?external_ids=a,b")
	}
	if err != nil {
		return err
	}
	return a.writeUserPage(w, r, caller, list, offsetPage{Page: 1, PerPage: maxPerPage}, int64(len(list)))
}

// parseIDList reads a comma-separated list of up to 100 ids.
func parseIDList(field, s string) ([]int64, error) {
	var ids []int64
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return nil, fd.InvalidField(field, "%q is not an id", part)
		}
		ids = append(ids, id)
	}
	if len(ids) > maxPerPage {
		return nil, fd.InvalidField(field, "at most %d at a time", maxPerPage)
	}
	return ids, nil
}

// userRelated counts a user's tickets, among those the caller may see.
func (a *API) userRelated(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, err := a.pathUser(r, caller)
	if err != nil {
		return err
	}
	v, err := a.viewerOf(r.Context(), caller)
	if err != nil {
		return err
	}
	counts := map[string]any{"organization_subscriptions": 0, "topics": 0, "topic_comments": 0, "votes": 0,
		"subscriptions": 0, "entry_subscriptions": 0, "forum_subscriptions": 0}
	vis := v.visibility()
	for _, kind := range []string{"requested", "assigned", "ccd"} {
		n, err := a.countTickets(r.Context(), userTicketFilter(kind, u.ID, vis))
		if err != nil {
			return err
		}
		counts[kind+"_tickets"] = n
	}
	writeJSON(w, http.StatusOK, map[string]any{"user_related": counts})
	return nil
}

// userTickets lists the tickets a user requested, is copied on, or is assigned, among
// those the caller may see.
func (a *API) userTickets(kind string) handler {
	return func(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
		u, err := a.pathUser(r, caller)
		if err != nil {
			return err
		}
		v, err := a.viewerOf(r.Context(), caller)
		if err != nil {
			return err
		}
		return a.renderTickets(w, r, userTicketFilter(kind, u.ID, v.visibility()))
	}
}

// userTicketFilter selects the tickets, of those vis lets through, that a user requested, is
// copied on ("ccd"), or is assigned: the kinds of the paths and of user_related.
func userTicketFilter(kind string, userID int64, vis *store.Visibility) store.TicketFilter {
	f := store.TicketFilter{Visible: vis}
	switch kind {
	case "requested":
		f.RequesterID = userID
	case "ccd":
		f.CopiedID = userID
	case "assigned":
		f.AssigneeID = userID
	}
	return f
}

func (a *API) showUserTags(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, err := a.pathLiveUser(r, caller)
	if err != nil {
		return err
	}
	tags := u.Tags
	if tags == nil {
		tags = []string{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"tags": tags})
	return nil
}

// changeUserTags serves Zendesk's tag verbs on a user: POST sets the tags (201), PUT
// adds to them (200), DELETE removes some (204). Tags come in the body's "tags" or,
// for DELETE, in ?tags=a,b.
func (a *API) changeUserTags(method string) handler {
	return func(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
		u, err := a.pathLiveUser(r, caller)
		if err != nil {
			return err
		}
		if err := mayManage(caller, u); err != nil {
			return err
		}
		var body struct {
			Tags optional[[]string] `json:"tags"`
		}
		if s := r.URL.Query().Get("tags"); s != "" && method == http.MethodDelete {
			body.Tags.Set, body.Tags.V = true, strings.Split(s, ",")
		} else if err := decode(w, r, &body); err != nil {
			return err
		}
		if !body.Tags.Set {
			return fd.InvalidField("tags", "is required: send {\"tags\": [\"…\"]}")
		}
		var tags []string
		switch method {
		case http.MethodPost:
			tags, err = a.dir.ChangeUserTags(r.Context(), u.ID, &body.Tags.V, nil, nil)
		case http.MethodPut:
			tags, err = a.dir.ChangeUserTags(r.Context(), u.ID, nil, body.Tags.V, nil)
		default:
			tags, err = a.dir.ChangeUserTags(r.Context(), u.ID, nil, nil, body.Tags.V)
		}
		if err != nil {
			return err
		}
		if tags == nil {
			tags = []string{}
		}
		switch method {
		case http.MethodPost:
			writeJSON(w, http.StatusCreated, map[string]any{"tags": tags})
		case http.MethodPut:
			writeJSON(w, http.StatusOK, map[string]any{"tags": tags})
		default:
			w.WriteHeader(http.StatusNoContent)
		}
		return nil
	}
}
