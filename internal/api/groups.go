package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/jobs"
	"github.com/frontdesk/frontdesk/internal/store"
)

func (a *API) groupRoutes() []route {
	return []route{
		{"GET /api/v2/groups", staffOnly, a.listGroups},
		{"POST /api/v2/groups", adminOnly, a.createGroup},
		{"GET /api/v2/groups/assignable", staffOnly, a.listAssignableGroups},
		{"GET /api/v2/groups/count", staffOnly, a.countGroups},
		{"GET /api/v2/groups/{id}", staffOnly, a.showGroup},
		{"PUT /api/v2/groups/{id}", adminOnly, a.updateGroup},
		{"DELETE /api/v2/groups/{id}", adminOnly, a.deleteGroup},
		{"GET /api/v2/groups/{id}/users", staffOnly, a.groupUsers},
		{"GET /api/v2/users/{id}/groups", staffOnly, a.userGroups},
	}
}

// groupJSON is a group in Zendesk's shape.
type groupJSON struct {
	URL         string  `json:"url"`
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Default     bool    `json:"default"`
	Deleted     bool    `json:"deleted"`
	IsPublic    bool    `json:"is_public"`
	CreatedAt   *string `json:"created_at"`
	UpdatedAt   *string `json:"updated_at"`
}

func groupOut(base string, g *fd.Group) groupJSON {
	return groupJSON{URL: base + "/api/v2/groups/" + strconv.FormatInt(g.ID, 10) + ".json", ID: g.ID, Name: g.Name,
		Description: g.Description, Default: g.Default, Deleted: !g.DeletedAt.IsZero(), IsPublic: true,
		CreatedAt: zendeskTime(g.CreatedAt), UpdatedAt: zendeskTime(g.UpdatedAt)}
}

type groupIn struct {
	Name        optional[string] `json:"name"`
	Description optional[string] `json:"description"`
}

func readGroup(w http.ResponseWriter, r *http.Request) (*groupIn, error) {
	var env struct {
		Group *groupIn `json:"group"`
	}
	if err := decode(w, r, &env); err != nil {
		return nil, err
	}
	if env.Group == nil {
		return nil, fd.InvalidField("group", "is required: send {\"group\": {…}}")
	}
	return env.Group, nil
}

// pageGroups answers a page of the groups f selects.
func (a *API) pageGroups(w http.ResponseWriter, r *http.Request, f store.GroupFilter) error {
	ctx, conn, base := r.Context(), a.db.Read(), baseURL(r)
	return idPage(w, r, "groups",
		func(after int64, offset, limit int) ([]*fd.Group, error) {
			f.AfterID, f.Offset, f.Limit = after, offset, limit
			return conn.ListGroups(ctx, f)
		},
		func() (int64, error) { return conn.CountGroups(ctx, f) },
		func(g *fd.Group) int64 { return g.ID },
		func(g *fd.Group) any { return groupOut(base, g) })
}

// groupFilter reads the listing's filters: exclude_deleted (deleted groups are listed,
// marked deleted, unless it is true) and user_id.
func groupFilter(r *http.Request) (store.GroupFilter, error) {
	q := r.URL.Query()
	f := store.GroupFilter{ExcludeDeleted: q.Get("exclude_deleted") == "true"}
	if s := q.Get("user_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return f, fd.InvalidField("user_id", "%q is not an id", s)
		}
		f.UserID = id
	}
	return f, nil
}

func (a *API) listGroups(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	f, err := groupFilter(r)
	if err != nil {
		return err
	}
	return a.pageGroups(w, r, f)
}

// listAssignableGroups lists the groups tickets can be assigned to: those not deleted.
func (a *API) listAssignableGroups(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	return a.pageGroups(w, r, store.GroupFilter{ExcludeDeleted: true})
}

func (a *API) countGroups(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	f, err := groupFilter(r)
	if err != nil {
		return err
	}
	n, err := a.db.Read().CountGroups(r.Context(), f)
	if err != nil {
		return err
	}
	countAnswer(w, n, a.now())
	return nil
}

// userGroups lists the groups a user is a member of.
func (a *API) userGroups(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, err := a.pathMember(r)
	if err != nil {
		return err
	}
	return a.pageGroups(w, r, store.GroupFilter{UserID: u.ID})
}

// pathMember reads the user of the path's {id}, for the group and membership listings
// nested under /users/{id}/.
func (a *API) pathMember(r *http.Request) (*fd.User, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return a.db.Read().User(r.Context(), id)
}

func (a *API) pathGroup(r *http.Request) (*fd.Group, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return a.db.Read().Group(r.Context(), id)
}

func (a *API) showGroup(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	g, err := a.pathGroup(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"group": groupOut(baseURL(r), g)})
	return nil
}

func (a *API) createGroup(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	in, err := readGroup(w, r)
	if err != nil {
		return err
	}
	g, err := a.dir.CreateGroup(r.Context(), fd.Group{Name: in.Name.V, Description: in.Description.V})
	if err != nil {
		return err
	}
	body := groupOut(baseURL(r), g)
	answerCreated(w, body.URL, "group", body)
	return nil
}

func (a *API) updateGroup(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	in, err := readGroup(w, r)
	if err != nil {
		return err
	}
	g, err := a.dir.UpdateGroup(r.Context(), id, func(g *fd.Group) error {
		assignIf(&g.Name, in.Name.ptr())
		assignIf(&g.Description, in.Description.ptr())
		return nil
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"group": groupOut(baseURL(r), g)})
	return nil
}

// deleteGroup deletes a group as Zendesk does: it is kept, marked deleted, for the
// tickets that name it; its memberships end. As when a member leaves it, its unsolved
// tickets are unassigned first, each change audited as the caller's; they keep the
// group, for history and for search (group:name) to find them and move them on.
func (a *API) deleteGroup(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	err = a.freeAssignee(r.Context(), caller, func() error { return a.dir.DeleteGroup(r.Context(), id) })
	if err != nil {
		return err
	}
	answerNoContent(w)
	return nil
}

// groupUsers lists a group's members.
func (a *API) groupUsers(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	g, err := a.pathGroup(r)
	if err != nil {
		return err
	}
	ctx, conn, base := r.Context(), a.db.Read(), baseURL(r)
	return idPage(w, r, "users",
		func(after int64, offset, limit int) ([]*fd.User, error) {
			return conn.GroupUsers(ctx, g.ID, after, offset, limit)
		},
		func() (int64, error) { return conn.CountGroupUsers(ctx, g.ID) },
		func(u *fd.User) int64 { return u.ID },
		func(u *fd.User) any { return a.userJSON(base, u) })
}

func (a *API) membershipRoutes() []route {
	return []route{
		{"GET /api/v2/group_memberships", staffOnly, a.listMemberships},
		{"POST /api/v2/group_memberships", adminOnly, a.createMembership},
		{"GET /api/v2/group_memberships/assignable", staffOnly, a.listAssignableMemberships},
		{"POST /api/v2/group_memberships/create_many", adminOnly, a.createManyMemberships},
		{"DELETE /api/v2/group_memberships/destroy_many", adminOnly, a.destroyManyMemberships},
		{"GET /api/v2/group_memberships/{mid}", staffOnly, a.showMembership},
		{"DELETE /api/v2/group_memberships/{mid}", adminOnly, a.deleteMembership},
		{"GET /api/v2/groups/{id}/memberships", staffOnly, a.groupMemberships},
		{"GET /api/v2/groups/{id}/memberships/assignable", staffOnly, a.groupAssignableMemberships},
		{"GET /api/v2/users/{id}/group_memberships", staffOnly, a.userMemberships},
		{"POST /api/v2/users/{id}/group_memberships", adminOnly, a.createMembership},
		{"GET /api/v2/users/{id}/group_memberships/{mid}", staffOnly, a.showMembership},
		{"DELETE /api/v2/users/{id}/group_memberships/{mid}", adminOnly, a.deleteMembership},
		{"PUT /api/v2/users/{id}/group_memberships/{mid}/make_default", staffOnly, a.makeDefaultMembership},
	}
}

// membershipJSON is a group membership in Zendesk's shape.
type membershipJSON struct {
	URL       string  `json:"url"`
	ID        int64   `json:"id"`
	UserID    int64   `json:"user_id"`
	GroupID   int64   `json:"group_id"`
	Default   bool    `json:"default"`
	CreatedAt *string `json:"created_at"`
	UpdatedAt *string `json:"updated_at"`
}

func membershipOut(base string, m *fd.GroupMembership) membershipJSON {
	return membershipJSON{URL: base + "/api/v2/group_memberships/" + strconv.FormatInt(m.ID, 10) + ".json",
		ID: m.ID, UserID: m.UserID, GroupID: m.GroupID, Default: m.Default,
		CreatedAt: zendeskTime(m.CreatedAt), UpdatedAt: zendeskTime(m.UpdatedAt)}
}

// pageMemberships answers a page of the memberships f selects.
func (a *API) pageMemberships(w http.ResponseWriter, r *http.Request, f store.MembershipFilter) error {
	ctx, conn, base := r.Context(), a.db.Read(), baseURL(r)
	return idPage(w, r, "group_memberships",
		func(after int64, offset, limit int) ([]*fd.GroupMembership, error) {
			f.AfterID, f.Offset, f.Limit = after, offset, limit
			return conn.ListMemberships(ctx, f)
		},
		func() (int64, error) { return conn.CountMemberships(ctx, f) },
		func(m *fd.GroupMembership) int64 { return m.ID },
		func(m *fd.GroupMembership) any { return membershipOut(base, m) })
}

// membershipFilter reads the user_id and group_id filters of the query.
func membershipFilter(r *http.Request) (store.MembershipFilter, error) {
	var f store.MembershipFilter
	q := r.URL.Query()
	for _, p := range []struct {
		name string
		dst  *int64
	}{{"user_id", &f.UserID}, {"group_id", &f.GroupID}} {
		if s := q.Get(p.name); s != "" {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				return f, fd.InvalidField(p.name, "%q is not an id", s)
			}
			*p.dst = id
		}
	}
	return f, nil
}

func (a *API) listMemberships(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	f, err := membershipFilter(r)
	if err != nil {
		return err
	}
	return a.pageMemberships(w, r, f)
}

// listAssignableMemberships lists the memberships tickets can be assigned through.
func (a *API) listAssignableMemberships(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	f, err := membershipFilter(r)
	if err != nil {
		return err
	}
	f.Assignable = true
	return a.pageMemberships(w, r, f)
}

func (a *API) groupMemberships(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	g, err := a.pathGroup(r)
	if err != nil {
		return err
	}
	return a.pageMemberships(w, r, store.MembershipFilter{GroupID: g.ID})
}

func (a *API) groupAssignableMemberships(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	g, err := a.pathGroup(r)
	if err != nil {
		return err
	}
	return a.pageMemberships(w, r, store.MembershipFilter{GroupID: g.ID, Assignable: true})
}

func (a *API) userMemberships(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, err := a.pathMember(r)
	if err != nil {
		return err
	}
	return a.pageMemberships(w, r, store.MembershipFilter{UserID: u.ID})
}

// pathMembership reads the membership of the path's {mid}; under /users/{id}/ it must be
// that user's.
func (a *API) pathMembership(r *http.Request) (*fd.GroupMembership, error) {
	mid, err := pathIDNamed(r, "mid")
	if err != nil {
		return nil, err
	}
	m, err := a.db.Read().Membership(r.Context(), mid)
	if err != nil {
		return nil, err
	}
	if r.PathValue("id") != "" {
		if uid, err := pathID(r); err != nil || uid != m.UserID {
			return nil, fd.ErrNotFound("group membership", mid)
		}
	}
	return m, nil
}

func (a *API) showMembership(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	m, err := a.pathMembership(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"group_membership": membershipOut(baseURL(r), m)})
	return nil
}

type membershipIn struct {
	UserID  int64 `json:"user_id"`
	GroupID int64 `json:"group_id"`
}

// createMembership puts an agent or admin in a group (422 for end-users); under
// /users/{id}/ the path names the user.
func (a *API) createMembership(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	var env struct {
		GroupMembership *membershipIn `json:"group_membership"`
	}
	if err := decode(w, r, &env); err != nil {
		return err
	}
	if env.GroupMembership == nil {
		return fd.InvalidField("group_membership", "is required: send {\"group_membership\": {…}}")
	}
	in := env.GroupMembership
	if r.PathValue("id") != "" {
		uid, err := pathID(r)
		if err != nil {
			return err
		}
		in.UserID = uid
	}
	m, err := a.dir.AddMember(r.Context(), in.UserID, in.GroupID)
	if err != nil {
		return err
	}
	body := membershipOut(baseURL(r), m)
	answerCreated(w, body.URL, "group_membership", body)
	return nil
}

func (a *API) deleteMembership(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	m, err := a.pathMembership(r)
	if err != nil {
		return err
	}
	if err := a.removeMembership(r.Context(), caller, m); err != nil {
		return err
	}
	answerNoContent(w)
	return nil
}

// removeMembership ends a membership as Zendesk does: the member's unsolved tickets in
// that group are unassigned (through the ticket service, so each change is audited).
func (a *API) removeMembership(ctx context.Context, actor *fd.User, m *fd.GroupMembership) error {
	return a.freeAssignee(ctx, actor, func() error {
		_, err := a.dir.RemoveMember(ctx, m.ID)
		return err
	})
}

// makeDefaultMembership makes a membership its user's default and answers the user's
// memberships. Admins may do it for anyone, agents for themselves.
func (a *API) makeDefaultMembership(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	m, err := a.pathMembership(r)
	if err != nil {
		return err
	}
	if caller.Role != fd.RoleAdmin && caller.ID != m.UserID {
		return fd.Errorf(fd.Forbidden, "agents may choose only their own default group")
	}
	list, err := a.dir.MakeDefaultMembership(r.Context(), m.UserID, m.ID)
	if err != nil {
		return err
	}
	base := baseURL(r)
	out := make([]membershipJSON, len(list))
	for i, x := range list {
		out[i] = membershipOut(base, x)
	}
	writeJSON(w, http.StatusOK, map[string]any{"group_memberships": out, "next_page": nil, "previous_page": nil, "count": len(out)})
	return nil
}

// The job kinds of the bulk membership endpoints, shown as job_type.
const (
	jobCreateMemberships  = "create_many_group_memberships"
	jobDestroyMemberships = "destroy_many_group_memberships"
)

// handleMembershipJobs registers the functions that run the bulk membership endpoints'
// jobs.
func (a *API) handleMembershipJobs() {
	a.jobs.Handle(jobCreateMemberships, a.runCreateMemberships)
	a.jobs.Handle(jobDestroyMemberships, a.runDestroyMemberships)
}

// membershipBulkInput is what a bulk membership job keeps of its request: the
// memberships to add, or the ids of those to end.
type membershipBulkInput struct {
	Memberships []membershipIn `json:"group_memberships,omitempty"`
	IDs         []int64        `json:"ids,omitempty"`
}

// createManyMemberships queues the adding of up to 100 memberships, answered with the
// job's status. Each is added on its own when the job runs: one that fails (an
// end-user, a missing group, a membership that exists) is reported in the results, and
// the others are made.
func (a *API) createManyMemberships(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	var env struct {
		GroupMemberships []membershipIn `json:"group_memberships"`
	}
	if err := decode(w, r, &env); err != nil {
		return err
	}
	if n := len(env.GroupMemberships); n == 0 || n > maxManyIDs {
		return fd.InvalidField("group_memberships", "give from 1 to %d memberships", maxManyIDs)
	}
	return a.enqueue(w, r, caller, jobCreateMemberships, len(env.GroupMemberships),
		membershipBulkInput{Memberships: env.GroupMemberships})
}

// destroyManyMemberships queues the ending of up to 100 memberships (ids=1,2,3), each
// as deleteMembership ends one, answered with the job's status.
func (a *API) destroyManyMemberships(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	ids, err := idListParam(r, "ids")
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return fd.InvalidField("ids", "give the ids of the memberships to delete")
	}
	return a.enqueue(w, r, caller, jobDestroyMemberships, len(ids), membershipBulkInput{IDs: ids})
}

func membershipJobInput(run *jobs.Run) (*membershipBulkInput, error) {
	var in membershipBulkInput
	if err := json.Unmarshal(run.Job.Input, &in); err != nil {
		return nil, fmt.Errorf("job %s input: %w", run.Job.ID, err)
	}
	return &in, nil
}

// runCreateMemberships adds a job's memberships as its creator, who must still be an
// admin; each membership is added in a transaction that also records its result.
func (a *API) runCreateMemberships(ctx context.Context, run *jobs.Run) error {
	in, err := membershipJobInput(run)
	if err != nil {
		return err
	}
	actor, err := a.jobCreator(ctx, run, adminOnly)
	if err != nil {
		return err
	}
	for i, m := range in.Memberships {
		err := a.runTxItem(ctx, run, actor, item{index: i, action: "create"}, func(ctx context.Context, tx *store.Tx, it *item) error {
			gm, err := a.dir.AddMemberTx(ctx, tx, m.UserID, m.GroupID)
			if err != nil {
				return err
			}
			it.id = gm.ID
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// runDestroyMemberships ends a job's memberships as its creator, who must still be an
// admin, each as removeMembership ends one: the member's tickets in the group are
// unassigned, each in a ticket change of its own (a resumed job unassigns what is
// left), then the membership ends in a transaction that also records its result.
func (a *API) runDestroyMemberships(ctx context.Context, run *jobs.Run) error {
	in, err := membershipJobInput(run)
	if err != nil {
		return err
	}
	actor, err := a.jobCreator(ctx, run, adminOnly)
	if err != nil {
		return err
	}
	for i, id := range in.IDs {
		err := a.runTxItem(ctx, run, actor, item{index: i, id: id, action: "delete"}, func(ctx context.Context, tx *store.Tx, _ *item) error {
			_, err := a.dir.RemoveMemberTx(ctx, tx, id)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
