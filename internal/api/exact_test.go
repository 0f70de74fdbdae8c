package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// exportFeed follows one incremental export as a warehouse loader does: each read pages
// to the end of the stream, and the next read resumes where the last page ended.
type exportFeed struct {
	list string // the records' key in the answer
	next string
}

// read pages the feed to its end and returns the records it got.
func (e *exportEnv) read(t *testing.T, f *exportFeed) []map[string]any {
	t.Helper()
	var out []map[string]any
	for pages := 0; ; pages++ {
		if pages > 20 {
			t.Fatalf("%s: the export does not end", f.next)
		}
		body := e.get(t, f.next)
		for _, v := range body[f.list].([]any) {
			out = append(out, v.(map[string]any))
		}
		next, ok := body["after_url"].(string) // cursor exports
		if !ok {
			next = body["next_page"].(string)
		}
		f.next = next
		if body["end_of_stream"] == true {
			return out
		}
	}
}

// TestEveryChangeReachesTheExports makes each kind of change to tickets, users and
// organizations through the API, and checks that it moved updated_at of every record
// whose exported form it changed, so that the incremental exports, resumed where their
// last page ended, send that record again (and the ticket events export the audit).
func TestEveryChangeReachesTheExports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newFakeClockEnv(t, db)
		ctx := context.Background()
		admin := e.admin
		// Two groups, each with an agent whose default it is; an organization routing to
		// the second; an end-user of another organization; tickets, one assigned.
		support := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Support"}))(t)
		billing := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Billing"}))(t)
		bob := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Bob", Email: "bob@acme.test", Role: fd.RoleAgent}))(t)
		dee := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Dee", Email: "dee@acme.test", Role: fd.RoleAgent}))(t)
		bobInSupport := must(e.dir.AddMember(ctx, bob.ID, support.ID))(t)
		must(e.dir.AddMember(ctx, dee.ID, billing.ID))(t)
		globex := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Globex", DomainNames: []string{"globex.test"}}))(t)
		initech := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Initech", GroupID: billing.ID}))(t)
		hank := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Hank", Email: "hank@globex.test"}))(t)
		gil := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Gil", Email: "gil@customer.test"}))(t)
		first, second, third := e.createAt(t, "First"), e.createAt(t, "Second"), e.createAt(t, "Third")
		assigned := must(e.tickets.Create(ctx, ticket.NewTicket{Subject: "Bob's", RequesterID: e.customer.ID,
			AssigneeID: bob.ID, GroupID: support.ID, Comment: ticket.NewComment{Body: "Help"}}))(t).ID
		must(e.tickets.Update(ctx, ticket.Update{TicketID: first, ActorID: e.agent.ID, Comment: &ticket.NewComment{Body: "Public reply"}}))(t)
		reply := must(e.tickets.Comments(ctx, first))(t)[1].ID
		hankPath := "/api/v2/users/" + itoa(hank.ID)
		var work, phone int64 // Hank's identities, added below

		e.clock.advance(time.Minute + time.Second)
		feeds := map[string]*exportFeed{
			"tickets":       {list: "tickets", next: "/api/v2/incremental/tickets/cursor?start_time=" + unix(exportEpoch)},
			"ticket times":  {list: "tickets", next: "/api/v2/incremental/tickets?start_time=" + unix(exportEpoch)},
			"users":         {list: "users", next: "/api/v2/incremental/users/cursor?start_time=" + unix(exportEpoch)},
			"user times":    {list: "users", next: "/api/v2/incremental/users?start_time=" + unix(exportEpoch)},
			"organizations": {list: "organizations", next: "/api/v2/incremental/organizations?start_time=" + unix(exportEpoch)},
			"events":        {list: "ticket_events", next: "/api/v2/incremental/ticket_events?start_time=" + unix(exportEpoch)},
		}
		for _, f := range feeds {
			e.read(t, f)
		}

		// The records the change must send again; audited, the tickets whose audit the
		// ticket events export must send (a soft delete or restore writes none).
		type changed struct{ tickets, audited, users, orgs []int64 }
		cases := []struct {
			name   string
			change func(t *testing.T) changed
		}{
			{"make_private", func(t *testing.T) changed {
				e.wantEmpty(t, 200, admin, "PUT", fmt.Sprintf("/api/v2/tickets/%d/comments/%d/make_private", first, reply))
				return changed{tickets: []int64{first}, audited: []int64{first}}
			}},
			{"ticket tags", func(t *testing.T) changed {
				e.want(t, 201, admin, "POST", fmt.Sprintf("/api/v2/tickets/%d/tags", first), `{"tags": ["urgent"]}`)
				return changed{tickets: []int64{first}, audited: []int64{first}}
			}},
			{"merge", func(t *testing.T) changed {
				must(e.tickets.Merge(ctx, ticket.Merge{TargetID: second, SourceIDs: []int64{third}, ActorID: admin.user.ID}))(t)
				return changed{tickets: []int64{second, third}, audited: []int64{second, third}}
			}},
			{"soft delete", func(t *testing.T) changed {
				e.want(t, 204, admin, "DELETE", "/api/v2/tickets/"+itoa(second), "")
				return changed{tickets: []int64{second}}
			}},
			{"restore", func(t *testing.T) changed {
				e.wantEmpty(t, 200, admin, "PUT", "/api/v2/deleted_tickets/"+itoa(second)+"/restore")
				return changed{tickets: []int64{second}}
			}},
			{"membership removal", func(t *testing.T) changed {
				// Bob's ticket in the group is unassigned, and he has no default group left.
				e.want(t, 204, admin, "DELETE", "/api/v2/group_memberships/"+itoa(bobInSupport.ID), "")
				return changed{tickets: []int64{assigned}, audited: []int64{assigned}, users: []int64{bob.ID}}
			}},
			{"default membership", func(t *testing.T) changed {
				e.want(t, 201, admin, "POST", "/api/v2/group_memberships", fmt.Sprintf(`{"group_membership": {"user_id": %d, "group_id": %d}}`, bob.ID, billing.ID))
				return changed{users: []int64{bob.ID}}
			}},
			{"user update", func(t *testing.T) changed {
				e.want(t, 200, admin, "PUT", hankPath, `{"user": {"notes": "Prefers email"}}`)
				return changed{users: []int64{hank.ID}}
			}},
			{"user tags", func(t *testing.T) changed {
				e.want(t, 200, admin, "PUT", hankPath+"/tags", `{"tags": ["vip"]}`)
				return changed{users: []int64{hank.ID}}
			}},
			{"identity added", func(t *testing.T) changed {
				work = idOf(obj(e.want(t, 201, admin, "POST", hankPath+"/identities", `{"identity": {"type": "email", "value": "hank@work.test"}}`), "identity"))
				phone = idOf(obj(e.want(t, 201, admin, "POST", hankPath+"/identities", `{"identity": {"type": "phone_number", "value": "+1 555 0100"}}`), "identity"))
				return changed{users: []int64{hank.ID}}
			}},
			{"identity updated", func(t *testing.T) changed {
				e.want(t, 200, admin, "PUT", hankPath+"/identities/"+itoa(phone), `{"identity": {"value": "+1 555 0199"}}`)
				return changed{users: []int64{hank.ID}}
			}},
			{"identity verified", func(t *testing.T) changed {
				e.want(t, 200, admin, "PUT", hankPath+"/identities/"+itoa(work)+"/verify", "")
				return changed{users: []int64{hank.ID}}
			}},
			{"identity made primary", func(t *testing.T) changed {
				e.want(t, 200, admin, "PUT", hankPath+"/identities/"+itoa(work)+"/make_primary", "")
				return changed{users: []int64{hank.ID}}
			}},
			{"identity deleted", func(t *testing.T) changed {
				e.want(t, 204, admin, "DELETE", hankPath+"/identities/"+itoa(phone), "")
				return changed{users: []int64{hank.ID}}
			}},
			{"organization update", func(t *testing.T) changed {
				e.want(t, 200, admin, "PUT", "/api/v2/organizations/"+itoa(globex.ID), `{"organization": {"notes": "Key account"}}`)
				return changed{orgs: []int64{globex.ID}}
			}},
			{"user joins an organization", func(t *testing.T) changed {
				e.want(t, 200, admin, "PUT", "/api/v2/users/"+itoa(gil.ID), fmt.Sprintf(`{"user": {"organization_id": %d}}`, globex.ID))
				return changed{users: []int64{gil.ID}}
			}},
			{"organization deleted", func(t *testing.T) changed {
				// Its users leave it.
				e.want(t, 204, admin, "DELETE", "/api/v2/organizations/"+itoa(globex.ID), "")
				return changed{orgs: []int64{globex.ID}, users: []int64{hank.ID, gil.ID}}
			}},
			{"group deleted", func(t *testing.T) changed {
				// The organization stops routing to it; its members get another default.
				e.want(t, 204, admin, "DELETE", "/api/v2/groups/"+itoa(billing.ID), "")
				return changed{orgs: []int64{initech.ID}, users: []int64{bob.ID, dee.ID}}
			}},
			{"user deleted", func(t *testing.T) changed {
				e.want(t, 200, admin, "DELETE", "/api/v2/users/"+itoa(dee.ID), "")
				return changed{users: []int64{dee.ID}}
			}},
		}
		for _, c := range cases {
			e.clock.advance(time.Second)
			at := e.clock.now().Format(time.RFC3339)
			want := c.change(t)
			e.clock.advance(time.Minute + time.Second)
			got := map[string][]map[string]any{}
			for name, f := range feeds {
				got[name] = e.read(t, f)
			}
			for _, w := range []struct {
				feeds []string
				ids   []int64
			}{{[]string{"tickets", "ticket times"}, want.tickets}, {[]string{"users", "user times"}, want.users}, {[]string{"organizations"}, want.orgs}} {
				for _, feed := range w.feeds {
					for _, id := range w.ids {
						r := byID(got[feed], id)
						if r == nil {
							t.Errorf("%s: the %s export resumed after its last page does not send %d again", c.name, feed, id)
						} else if r["updated_at"] != at {
							t.Errorf("%s: %s %d exported with updated_at %v, want %s", c.name, feed, id, r["updated_at"], at)
						}
					}
				}
			}
			for _, id := range want.audited {
				if !hasEvent(got["events"], id) {
					t.Errorf("%s: no ticket event of ticket %d after the last page", c.name, id)
				}
			}
			if c.name == "identity verified" {
				if u := byID(got["users"], hank.ID); u == nil || u["verified"] != true {
					t.Errorf("user exported after verification: %v", u)
				}
			}
		}
	})
}

// wantEmpty fails the test unless the call answered code, for the calls Zendesk answers
// with no body (make_private, restore).
func (e *env) wantEmpty(t *testing.T, code int, c caller, method, path string) {
	t.Helper()
	if resp, body := e.raw(t, c, method, path, "", nil); resp.StatusCode != code {
		t.Fatalf("%s %s: %d %s, want %d", method, path, resp.StatusCode, body, code)
	}
}

// byID finds the record with this id, the last one when a time export sent it twice.
func byID(list []map[string]any, id int64) map[string]any {
	var out map[string]any
	for _, r := range list {
		if r["id"] == float64(id) {
			out = r
		}
	}
	return out
}

func hasEvent(events []map[string]any, ticketID int64) bool {
	for _, ev := range events {
		if ev["ticket_id"] == float64(ticketID) {
			return true
		}
	}
	return false
}
