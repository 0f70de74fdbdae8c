package api_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// assigneeFixture is an env with an admin and a group of agents to assign tickets to.
type assigneeFixture struct {
	*env
	admin caller
	group int64
}

func newAssigneeFixture(t *testing.T, db *store.DB) *assigneeFixture {
	e := newEnv(t, db)
	g := must(e.dir.CreateGroup(context.Background(), fd.Group{Name: "Support"}))(t)
	return &assigneeFixture{env: e, admin: e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone), group: g.ID}
}

// agent creates an agent in the group.
func (f *assigneeFixture) agent(t *testing.T, name string) *fd.User {
	t.Helper()
	ctx := context.Background()
	u := must(f.dir.CreateUser(ctx, directory.NewUser{Name: name, Email: strings.ToLower(name) + "@acme.test", Role: fd.RoleAgent}))(t)
	must(f.dir.AddMember(ctx, u.ID, f.group))(t)
	return u
}

// assigned files a ticket assigned to the user in the group and brings it to status.
func (f *assigneeFixture) assigned(t *testing.T, assignee int64, status fd.Status) int64 {
	t.Helper()
	id := f.mustCreate(t, fmt.Sprintf(`{"subject": "For %d", "comment": {"body": "Help"}, "requester_id": %d, "assignee_id": %d, "group_id": %d}`,
		assignee, f.customer.ID, assignee, f.group))
	steps := map[fd.Status][]fd.Status{fd.StatusPending: {fd.StatusPending}, fd.StatusSolved: {fd.StatusSolved},
		fd.StatusClosed: {fd.StatusSolved, fd.StatusClosed}}[status]
	for _, s := range steps {
		f.want(t, 200, f.admin, "PUT", "/api/v2/tickets/"+itoa(id), `{"ticket": {"status": "`+string(s)+`"}}`)
	}
	return id
}

// assigneeOf is a ticket's assignee_id (0 for none) and group_id.
func (f *assigneeFixture) assigneeOf(t *testing.T, id int64) (assignee, group int64) {
	t.Helper()
	tk := f.ticket(t, id)
	a, _ := tk["assignee_id"].(float64)
	g, _ := tk["group_id"].(float64)
	return int64(a), int64(g)
}

// checkUnassigned checks that each ticket lost its assignee to an audited change by the
// admin and kept its group.
func (f *assigneeFixture) checkUnassigned(t *testing.T, from int64, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if a, g := f.assigneeOf(t, id); a != 0 || g != f.group {
			t.Errorf("ticket %d: assignee %d, group %d; want none in group %d", id, a, g, f.group)
		}
		audits := list(f.want(t, 200, f.admin, "GET", fmt.Sprintf("/api/v2/tickets/%d/audits", id), ""), "audits")
		last := audits[len(audits)-1]
		ev, _ := last["events"].([]any)
		if last["author_id"] != float64(f.admin.user.ID) || len(ev) != 1 {
			t.Fatalf("ticket %d: last audit %v", id, last)
		}
		if e := ev[0].(map[string]any); e["field_name"] != "assignee_id" || e["value"] != nil || e["previous_value"] != float64(from) {
			t.Errorf("ticket %d: audit event %v, want assignee_id from %d to null", id, e, from)
		}
	}
}

// refusesAssignee checks that neither a new ticket nor a change may name the user as
// assignee: 422 RecordInvalid on assignee_id saying why.
func (f *assigneeFixture) refusesAssignee(t *testing.T, userID, ticketID int64, why string) {
	t.Helper()
	for _, call := range []struct{ method, path, body string }{
		{"PUT", "/api/v2/tickets/" + itoa(ticketID), fmt.Sprintf(`{"ticket": {"assignee_id": %d}}`, userID)},
		{"POST", "/api/v2/tickets", fmt.Sprintf(`{"ticket": {"comment": {"body": "x"}, "requester_id": %d, "assignee_id": %d}}`, f.customer.ID, userID)},
	} {
		body := f.want(t, 422, f.admin, call.method, call.path, call.body)
		details := fmt.Sprint(obj(body, "details")["assignee_id"])
		if body["error"] != "RecordInvalid" || !strings.Contains(details, why) {
			t.Errorf("%s %s: %v, want assignee_id %q", call.method, call.path, body, why)
		}
	}
}

func TestDeletedAgentsLoseTheirUnsolvedTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAssigneeFixture(t, db)
		bob, ann := f.agent(t, "Bob"), f.agent(t, "Ann2")
		open, pending := f.assigned(t, bob.ID, fd.StatusOpen), f.assigned(t, bob.ID, fd.StatusPending)
		solved, closed := f.assigned(t, bob.ID, fd.StatusSolved), f.assigned(t, bob.ID, fd.StatusClosed)
		anns := f.assigned(t, ann.ID, fd.StatusOpen)
		annsBefore := f.ticket(t, anns)["updated_stamp"]

		user := obj(f.want(t, 200, f.admin, "DELETE", "/api/v2/users/"+itoa(bob.ID), ""), "user")
		if user["active"] != false {
			t.Fatalf("deleted user %v", user)
		}
		f.checkUnassigned(t, bob.ID, open, pending)
		// Solved and closed tickets keep their assignee as history; others' are untouched.
		for _, id := range []int64{solved, closed} {
			if a, _ := f.assigneeOf(t, id); a != bob.ID {
				t.Errorf("ticket %d (solved or closed): assignee %d, want %d", id, a, bob.ID)
			}
		}
		if a, _ := f.assigneeOf(t, anns); a != ann.ID || f.ticket(t, anns)["updated_stamp"] != annsBefore {
			t.Errorf("another agent's ticket changed: %v", f.ticket(t, anns))
		}
		f.refusesAssignee(t, bob.ID, anns, "deleted")
	})
}

func TestDemotedAgentsLoseTheirUnsolvedTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAssigneeFixture(t, db)
		cat, dan, eve := f.agent(t, "Cat"), f.agent(t, "Dan"), f.agent(t, "Eve")
		cats, dans, eves := f.assigned(t, cat.ID, fd.StatusOpen), f.assigned(t, dan.ID, fd.StatusPending), f.assigned(t, eve.ID, fd.StatusOpen)
		catsSolved := f.assigned(t, cat.ID, fd.StatusSolved)

		// Each way an agent becomes an end-user: an update, create_or_update, and the bulk
		// create_or_update_many job.
		user := obj(f.want(t, 200, f.admin, "PUT", "/api/v2/users/"+itoa(cat.ID), `{"user": {"role": "end-user"}}`), "user")
		if user["role"] != "end-user" {
			t.Fatalf("demoted user %v", user)
		}
		f.checkUnassigned(t, cat.ID, cats)
		if a, _ := f.assigneeOf(t, catsSolved); a != cat.ID {
			t.Errorf("solved ticket: assignee %d, want %d", a, cat.ID)
		}
		f.want(t, 200, f.admin, "POST", "/api/v2/users/create_or_update", `{"user": {"email": "dan@acme.test", "role": "end-user"}}`)
		f.checkUnassigned(t, dan.ID, dans)
		job := f.wait(t, f.admin, f.queue(t, f.admin, "POST", "/api/v2/users/create_or_update_many",
			`{"users": [{"email": "eve@acme.test", "role": "end-user"}]}`))
		if r := results(t, job); r[0]["success"] != true || r[0]["action"] != "update" {
			t.Fatalf("bulk demotion: %v", job)
		}
		f.checkUnassigned(t, eve.ID, eves)
		f.refusesAssignee(t, cat.ID, eves, "not an agent")
	})
}

// TestRemovingAnAgentWhileTicketsAreAssignedToThem assigns tickets to an agent while an
// admin deletes them: each assignment either comes first (and is undone, audited) or
// is refused, so no unsolved ticket is left with a deleted assignee.
func TestRemovingAnAgentWhileTicketsAreAssignedToThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAssigneeFixture(t, db)
		bob := f.agent(t, "Bob")
		f.assignWhile(t, bob.ID, "/api/v2/users/"+itoa(bob.ID), 200)
	})
}

// TestDeletingAGroupWhileTicketsAreAssignedInIt is the same race with the deletion of
// the group the tickets are assigned in.
func TestDeletingAGroupWhileTicketsAreAssignedInIt(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAssigneeFixture(t, db)
		bob := f.agent(t, "Bob")
		f.assignWhile(t, bob.ID, "/api/v2/groups/"+itoa(f.group), 204)
	})
}

// assignWhile assigns new tickets of the group to the user from four clients while the
// admin DELETEs path (answered done), and checks that every assignment either came
// first, and was undone, or was refused: no ticket is left assigned to the user.
func (f *assigneeFixture) assignWhile(t *testing.T, userID int64, path string, done int) {
	t.Helper()
	ids := make([]int64, 24)
	for i := range ids {
		ids[i] = f.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "Ticket %d"}, "requester_id": %d, "group_id": %d}`, i, f.customer.ID, f.group))
	}
	var wg sync.WaitGroup
	codes := make([]int, len(ids))
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(ids); i += 4 {
				codes[i], _ = f.dirCall(t, f.admin, "PUT", "/api/v2/tickets/"+itoa(ids[i]), fmt.Sprintf(`{"ticket": {"assignee_id": %d}}`, userID))
			}
		})
	}
	// The deletion may be refused (409) while assignments keep coming; then it is asked again.
	for tries := 0; ; tries++ {
		code, body := f.dirCall(t, f.admin, "DELETE", path, "")
		if code == done {
			break
		}
		if code != 409 || tries == 20 {
			t.Fatalf("delete: %d %v", code, body)
		}
	}
	wg.Wait()
	for i, id := range ids {
		if codes[i] != 200 && codes[i] != 422 {
			t.Errorf("assigning ticket %d: %d", id, codes[i])
		}
		if a, _ := f.assigneeOf(t, id); a != 0 {
			t.Errorf("ticket %d is still assigned to %d", id, a)
		}
	}
}

// Deleting a group unassigns its unsolved tickets, whoever holds them, each in a change
// audited as the admin's; they keep naming the group, now deleted, and can be assigned
// again once moved to a live group. Solved and closed tickets, and the members'
// tickets in other groups, keep their assignee.
func TestDeletingAGroupUnassignsItsUnsolvedTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAssigneeFixture(t, db)
		ctx := context.Background()
		bob, cat := f.agent(t, "Bob"), f.agent(t, "Cat")
		billing := must(f.dir.CreateGroup(ctx, fd.Group{Name: "Billing"}))(t)
		must(f.dir.AddMember(ctx, bob.ID, billing.ID))(t)
		open, pending, catsOpen := f.assigned(t, bob.ID, fd.StatusOpen), f.assigned(t, bob.ID, fd.StatusPending), f.assigned(t, cat.ID, fd.StatusOpen)
		solved, closed := f.assigned(t, bob.ID, fd.StatusSolved), f.assigned(t, cat.ID, fd.StatusClosed)
		waiting := f.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "Nobody yet"}, "requester_id": %d, "group_id": %d}`, f.customer.ID, f.group))
		elsewhere := f.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "Refund"}, "requester_id": %d, "assignee_id": %d, "group_id": %d}`,
			f.customer.ID, bob.ID, billing.ID))
		stamps := map[int64]any{}
		for _, id := range []int64{solved, closed, waiting, elsewhere} {
			stamps[id] = f.ticket(t, id)["updated_stamp"]
		}

		f.want(t, 204, f.admin, "DELETE", "/api/v2/groups/"+itoa(f.group), "")
		f.checkUnassigned(t, bob.ID, open, pending)
		f.checkUnassigned(t, cat.ID, catsOpen)
		for id, stamp := range stamps {
			if tk := f.ticket(t, id); tk["updated_stamp"] != stamp {
				t.Errorf("ticket %d changed: %v", id, tk)
			}
		}
		if a, g := f.assigneeOf(t, solved); a != bob.ID || g != f.group {
			t.Errorf("solved ticket: assignee %d in group %d, want %d in %d", a, g, bob.ID, f.group)
		}
		if a, g := f.assigneeOf(t, elsewhere); a != bob.ID || g != billing.ID {
			t.Errorf("ticket in another group: assignee %d in group %d, want %d in %d", a, g, bob.ID, billing.ID)
		}
		if g := obj(f.want(t, 200, f.admin, "GET", "/api/v2/groups/"+itoa(f.group), ""), "group"); g["deleted"] != true {
			t.Errorf("deleted group %v", g)
		}
		if ms := list(f.want(t, 200, f.admin, "GET", "/api/v2/groups/"+itoa(f.group)+"/memberships", ""), "group_memberships"); len(ms) != 0 {
			t.Errorf("deleted group's memberships %v", ms)
		}
		// A ticket left in the deleted group can't be assigned there, only in a live group.
		body := f.want(t, 422, f.admin, "PUT", "/api/v2/tickets/"+itoa(open), fmt.Sprintf(`{"ticket": {"assignee_id": %d}}`, bob.ID))
		if d := fmt.Sprint(obj(body, "details")["group_id"]); !strings.Contains(d, "does not exist") {
			t.Errorf("assigning in the deleted group: %v", body)
		}
		f.want(t, 200, f.admin, "PUT", "/api/v2/tickets/"+itoa(open), fmt.Sprintf(`{"ticket": {"assignee_id": %d, "group_id": %d}}`, bob.ID, billing.ID))
		if a, g := f.assigneeOf(t, open); a != bob.ID || g != billing.ID {
			t.Errorf("moved ticket: assignee %d in group %d, want %d in %d", a, g, bob.ID, billing.ID)
		}
	})
}

// Solved (and soft-deleted) tickets keep a deleted agent as their assignee; when one
// becomes unsolved again, reopened or restored, it comes back unassigned, audited.
func TestReopenedTicketsDropAStaleAssignee(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAssigneeFixture(t, db)
		bob, ann := f.agent(t, "Bob"), f.agent(t, "Ann3")
		solved, deleted := f.assigned(t, bob.ID, fd.StatusSolved), f.assigned(t, bob.ID, fd.StatusOpen)
		annsSolved := f.assigned(t, ann.ID, fd.StatusSolved)
		if resp, b := f.raw(t, f.admin, "DELETE", "/api/v2/tickets/"+itoa(deleted), "", nil); resp.StatusCode != 204 {
			t.Fatalf("soft delete: %d %s", resp.StatusCode, b)
		}
		f.want(t, 200, f.admin, "DELETE", "/api/v2/users/"+itoa(bob.ID), "")
		if a, _ := f.assigneeOf(t, solved); a != bob.ID {
			t.Fatalf("solved ticket's assignee %d, want %d kept as history", a, bob.ID)
		}

		if resp, b := f.raw(t, f.admin, "PUT", "/api/v2/deleted_tickets/"+itoa(deleted)+"/restore", "", nil); resp.StatusCode != 200 {
			t.Fatalf("restore: %d %s", resp.StatusCode, b)
		}
		f.checkUnassigned(t, bob.ID, deleted)

		f.want(t, 200, f.admin, "PUT", "/api/v2/tickets/"+itoa(solved), `{"ticket": {"status": "open"}}`)
		if a, g := f.assigneeOf(t, solved); a != 0 || g != f.group {
			t.Fatalf("reopened ticket: assignee %d, group %d; want none in group %d", a, g, f.group)
		}
		audits := list(f.want(t, 200, f.admin, "GET", fmt.Sprintf("/api/v2/tickets/%d/audits", solved), ""), "audits")
		changed := map[string]any{}
		for _, e := range audits[len(audits)-1]["events"].([]any) {
			ev := e.(map[string]any)
			changed[ev["field_name"].(string)] = ev["previous_value"]
		}
		if changed["assignee_id"] != float64(bob.ID) || changed["status"] != "solved" {
			t.Fatalf("reopening audit changed %v, want status and assignee_id", changed)
		}

		// An active agent's solved ticket reopens with its assignee.
		f.want(t, 200, f.admin, "PUT", "/api/v2/tickets/"+itoa(annsSolved), `{"ticket": {"status": "open"}}`)
		if a, _ := f.assigneeOf(t, annsSolved); a != ann.ID {
			t.Fatalf("reopened ticket of an active agent: assignee %d, want %d", a, ann.ID)
		}
	})
}
