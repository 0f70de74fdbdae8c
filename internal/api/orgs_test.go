package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// dirCall sends a request as c and decodes the answer, if any (a 204 has none).
func (e *env) dirCall(t *testing.T, c caller, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(c.user.Email+"/token", c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusNoContent {
		if len(raw) != 0 {
			t.Fatalf("%s %s: 204 with a body %q", method, path, raw)
		}
		return resp.StatusCode, nil
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: %d answered non-JSON %q", method, path, resp.StatusCode, raw)
	}
	return resp.StatusCode, out
}

// want fails the test unless the call answered code.
func (e *env) want(t *testing.T, code int, c caller, method, path, body string) map[string]any {
	t.Helper()
	got, out := e.dirCall(t, c, method, path, body)
	if got != code {
		t.Fatalf("%s %s: %d %v, want %d", method, path, got, out, code)
	}
	return out
}

func (e *env) agentCaller() caller { return caller{user: e.agent, token: e.token} }

func obj(m map[string]any, key string) map[string]any { v, _ := m[key].(map[string]any); return v }

func list(m map[string]any, key string) []map[string]any {
	var out []map[string]any
	for _, v := range m[key].([]any) {
		out = append(out, v.(map[string]any))
	}
	return out
}

func idOf(m map[string]any) int64 { return int64(m["id"].(float64)) }

func TestOrganizationsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		admin, agent := e.newCaller(t, "Ada Admin", fd.RoleAdmin, ""), e.agentCaller()

		e.want(t, 403, agent, "POST", "/api/v2/organizations", `{"organization": {"name": "Nope"}}`)
		e.want(t, 422, admin, "POST", "/api/v2/organizations", `{"organization": {"name": " "}}`)
		req, _ := http.NewRequest("POST", e.srv.URL+"/api/v2/organizations.json", strings.NewReader(
			`{"organization": {"name": "Acme", "domain_names": ["Acme.Example"], "external_id": "ACME-1", "tags": ["VIP"], "shared_tickets": true}}`))
		req.SetBasicAuth(admin.user.Email+"/token", admin.token)
		code, body, hdr := do(t, req)
		acme := obj(body, "organization")
		if code != 201 || hdr.Get("Location") != acme["url"] || acme["name"] != "Acme" || acme["external_id"] != "ACME-1" ||
			acme["shared_tickets"] != true || acme["tags"].([]any)[0] != "vip" || acme["domain_names"].([]any)[0] != "acme.example" {
			t.Fatalf("create: %d %v (Location %q)", code, body, hdr.Get("Location"))
		}
		acmeID := idOf(acme)
		e.want(t, 409, admin, "POST", "/api/v2/organizations", `{"organization": {"name": "Acme"}}`)
		e.want(t, 409, admin, "POST", "/api/v2/organizations", `{"organization": {"name": "Other", "external_id": "acme-1"}}`)
		for _, name := range []string{"Acorn", "Beta Acme", "Gamma"} {
			e.want(t, 201, admin, "POST", "/api/v2/organizations", `{"organization": {"name": "`+name+`"}}`)
		}

		// Offset pages with count, and cursor pages to the end.
		page := e.want(t, 200, agent, "GET", "/api/v2/organizations.json?per_page=3", "")
		if page["count"] != float64(4) || len(list(page, "organizations")) != 3 || page["next_page"] == nil {
			t.Fatalf("offset page: %v", page)
		}
		var names []string
		next := "/api/v2/organizations.json?page[size]=3"
		for next != "" {
			page = e.want(t, 200, agent, "GET", strings.TrimPrefix(next, e.srv.URL), "")
			for _, o := range list(page, "organizations") {
				names = append(names, o["name"].(string))
			}
			next, _ = obj(page, "links")["next"].(string)
		}
		if strings.Join(names, ",") != "Acme,Acorn,Beta Acme,Gamma" {
			t.Fatalf("cursor pages: %v", names)
		}
		if c := e.want(t, 200, agent, "GET", "/api/v2/organizations/count.json", ""); obj(c, "count")["value"] != float64(4) {
			t.Fatalf("count: %v", c)
		}

		found := e.want(t, 200, agent, "GET", "/api/v2/organizations/search.json?external_id=acme-1", "")
		if os := list(found, "organizations"); len(os) != 1 || idOf(os[0]) != acmeID {
			t.Fatalf("search by external_id: %v", found)
		}
		found = e.want(t, 200, agent, "GET", "/api/v2/organizations/search?name=beta%20acme", "")
		if os := list(found, "organizations"); len(os) != 1 || os[0]["name"] != "Beta Acme" {
			t.Fatalf("search by name: %v", found)
		}
		e.want(t, 422, agent, "GET", "/api/v2/organizations/search", "")
		found = e.want(t, 200, agent, "GET", "/api/v2/organizations/autocomplete.json?name=ac", "")
		if os := list(found, "organizations"); len(os) != 2 || os[0]["name"] != "Acme" || os[1]["name"] != "Acorn" {
			t.Fatalf("autocomplete: %v", found)
		}
		found = e.want(t, 200, agent, "GET", "/api/v2/organizations/show_many.json?ids="+itoa(acmeID)+",999999", "")
		if os := list(found, "organizations"); len(os) != 1 || idOf(os[0]) != acmeID {
			t.Fatalf("show_many: %v", found)
		}
		found = e.want(t, 200, agent, "GET", "/api/v2/organizations/show_many.json?external_ids=Acme-1", "")
		if os := list(found, "organizations"); len(os) != 1 || idOf(os[0]) != acmeID {
			t.Fatalf("show_many by external id: %v", found)
		}

		// Agents may change the notes only; admins anything.
		path := "/api/v2/organizations/" + itoa(acmeID)
		got := e.want(t, 200, agent, "PUT", path, `{"organization": {"notes": "Key account", "name": "Acme", "tags": ["vip"]}}`)
		if obj(got, "organization")["notes"] != "Key account" {
			t.Fatalf("agent notes: %v", got)
		}
		e.want(t, 403, agent, "PUT", path, `{"organization": {"name": "Acme Inc"}}`)
		restricted := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictGroups)
		e.want(t, 403, restricted, "PUT", path, `{"organization": {"notes": "x"}}`)
		got = e.want(t, 200, admin, "PUT", path+".json", `{"organization": {"details": "HQ Berlin", "group_id": null, "domain_names": ["acme.example", "acme.test"]}}`)
		if o := obj(got, "organization"); o["details"] != "HQ Berlin" || len(o["domain_names"].([]any)) != 2 || o["notes"] != "Key account" {
			t.Fatalf("admin update: %v", got)
		}
		e.want(t, 404, agent, "GET", "/api/v2/organizations/999999", "")
		e.want(t, 404, admin, "PUT", "/api/v2/organizations/999999", `{"organization": {"notes": "x"}}`)

		// create_or_update: 201 new, 200 existing by external_id or by name.
		got = e.want(t, 201, admin, "POST", "/api/v2/organizations/create_or_update", `{"organization": {"name": "Delta", "external_id": "D-1"}}`)
		deltaID := idOf(obj(got, "organization"))
		got = e.want(t, 200, admin, "POST", "/api/v2/organizations/create_or_update.json", `{"organization": {"name": "Delta Corp", "external_id": "d-1"}}`)
		if o := obj(got, "organization"); idOf(o) != deltaID || o["name"] != "Delta Corp" {
			t.Fatalf("create_or_update by external id: %v", got)
		}
		got = e.want(t, 200, agent, "POST", "/api/v2/organizations/create_or_update", `{"organization": {"name": "Gamma", "notes": "by name"}}`)
		if o := obj(got, "organization"); o["name"] != "Gamma" || o["notes"] != "by name" {
			t.Fatalf("create_or_update by name: %v", got)
		}
		e.want(t, 403, agent, "POST", "/api/v2/organizations/create_or_update", `{"organization": {"name": "Epsilon"}}`)

		// Members, and the tickets the caller may see.
		member := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Mia", Email: "mia@acme.test"}))(t)
		if member.OrganizationID != acmeID {
			t.Fatalf("the new domain did not claim the user: %+v", member)
		}
		users := e.want(t, 200, agent, "GET", path+"/users.json", "")
		if us := list(users, "users"); len(us) != 1 || idOf(us[0]) != member.ID || us[0]["organization_id"] != float64(acmeID) || users["count"] != float64(1) {
			t.Fatalf("org users: %v", users)
		}
		ticketID := e.mustCreate(t, `{"comment": {"body": "Printer on fire"}, "requester_id": `+itoa(member.ID)+`}`)
		tickets := e.want(t, 200, agent, "GET", path+"/tickets.json", "")
		if ts := list(tickets, "tickets"); len(ts) != 1 || idOf(ts[0]) != ticketID {
			t.Fatalf("org tickets: %v", tickets)
		}
		if ts := list(e.want(t, 200, restricted, "GET", path+"/tickets.json", ""), "tickets"); len(ts) != 0 {
			t.Fatalf("a group-restricted agent outside the ticket's group sees %v", ts)
		}
		orgAgent := e.newCaller(t, "Otto Org", fd.RoleAgent, fd.RestrictOrganization)
		e.want(t, 403, orgAgent, "GET", "/api/v2/organizations", "")
		if orgAgent.user.OrganizationID != acmeID {
			t.Fatalf("the agent's email domain did not put them in the organization: %+v", orgAgent.user)
		}
		e.want(t, 200, orgAgent, "GET", path, "")
		e.want(t, 403, orgAgent, "GET", "/api/v2/organizations/"+itoa(deltaID), "")

		// Delete: users leave it, tickets keep it, the name and domains are free again.
		e.want(t, 403, agent, "DELETE", path, "")
		e.want(t, 204, admin, "DELETE", path, "")
		e.want(t, 404, agent, "GET", path, "")
		e.want(t, 404, admin, "DELETE", path, "")
		if u := must(db.Read().User(ctx, member.ID))(t); u.OrganizationID != 0 {
			t.Fatalf("the member still belongs to the deleted organization: %+v", u)
		}
		if tk := must(db.Read().Ticket(ctx, ticketID))(t); tk.OrganizationID != acmeID {
			t.Fatalf("the ticket lost its organization: %+v", tk)
		}
		if n := obj(e.want(t, 200, agent, "GET", "/api/v2/organizations/count", ""), "count")["value"]; n != float64(4) {
			t.Fatalf("count after delete: %v", n)
		}
		if found := list(e.want(t, 200, agent, "GET", "/api/v2/organizations/autocomplete?name=acm", ""), "organizations"); len(found) != 0 {
			t.Fatalf("autocomplete finds the deleted organization: %v", found)
		}
		again := e.want(t, 201, admin, "POST", "/api/v2/organizations", `{"organization": {"name": "Acme", "external_id": "ACME-1", "domain_names": ["acme.example"]}}`)
		if idOf(obj(again, "organization")) == acmeID {
			t.Fatal("a new organization got the deleted one's id")
		}
		// A ticket can move to a live organization, not back to the deleted one.
		e.want(t, 200, agent, "PUT", "/api/v2/tickets/"+itoa(ticketID), `{"ticket": {"organization_id": `+itoa(deltaID)+`}}`)
		e.want(t, 422, agent, "PUT", "/api/v2/tickets/"+itoa(ticketID), `{"ticket": {"organization_id": `+itoa(acmeID)+`}}`)
	})
}

func TestGroupsAndMembershipsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		admin, agent := e.newCaller(t, "Ada Admin", fd.RoleAdmin, ""), e.agentCaller()
		bob := e.newCaller(t, "Bob Agent", fd.RoleAgent, "")

		e.want(t, 403, agent, "POST", "/api/v2/groups", `{"group": {"name": "Nope"}}`)
		e.want(t, 422, admin, "POST", "/api/v2/groups", `{"group": {"name": ""}}`)
		billing := idOf(obj(e.want(t, 201, admin, "POST", "/api/v2/groups.json", `{"group": {"name": "Billing", "description": "Money"}}`), "group"))
		tier2 := idOf(obj(e.want(t, 201, admin, "POST", "/api/v2/groups", `{"group": {"name": "Tier 2"}}`), "group"))
		e.want(t, 409, admin, "POST", "/api/v2/groups", `{"group": {"name": "Billing"}}`)
		g := obj(e.want(t, 200, agent, "GET", "/api/v2/groups/"+itoa(billing), ""), "group")
		if g["name"] != "Billing" || g["description"] != "Money" || g["deleted"] != false || g["is_public"] != true {
			t.Fatalf("show group: %v", g)
		}
		g = obj(e.want(t, 200, admin, "PUT", "/api/v2/groups/"+itoa(billing)+".json", `{"group": {"description": "Invoices and refunds"}}`), "group")
		if g["name"] != "Billing" || g["description"] != "Invoices and refunds" {
			t.Fatalf("update group: %v", g)
		}
		e.want(t, 403, agent, "PUT", "/api/v2/groups/"+itoa(billing), `{"group": {"name": "x"}}`)
		e.want(t, 404, agent, "GET", "/api/v2/groups/999999", "")

		// Memberships: agents and admins only; the first is the default.
		m1 := obj(e.want(t, 201, admin, "POST", "/api/v2/group_memberships", `{"group_membership": {"user_id": `+itoa(e.agent.ID)+`, "group_id": `+itoa(billing)+`}}`), "group_membership")
		if m1["default"] != true || m1["user_id"] != float64(e.agent.ID) || m1["group_id"] != float64(billing) {
			t.Fatalf("first membership: %v", m1)
		}
		code, body := e.dirCall(t, admin, "POST", "/api/v2/group_memberships", `{"group_membership": {"user_id": `+itoa(e.customer.ID)+`, "group_id": `+itoa(billing)+`}}`)
		if code != 422 || obj(body, "details")["user_id"] == nil {
			t.Fatalf("end-user membership: %d %v", code, body)
		}
		e.want(t, 422, admin, "POST", "/api/v2/group_memberships", `{"group_membership": {"user_id": `+itoa(e.agent.ID)+`, "group_id": 999999}}`)
		e.want(t, 403, agent, "POST", "/api/v2/group_memberships", `{"group_membership": {"user_id": `+itoa(bob.user.ID)+`, "group_id": `+itoa(billing)+`}}`)
		e.want(t, 201, admin, "POST", "/api/v2/users/"+itoa(bob.user.ID)+"/group_memberships", `{"group_membership": {"group_id": `+itoa(billing)+`}}`)

		// Bulk memberships are queued as jobs; each item succeeds or fails alone.
		e.want(t, 403, agent, "POST", "/api/v2/group_memberships/create_many", `{"group_memberships": [{"user_id": 1, "group_id": 1}]}`)
		e.want(t, 422, admin, "POST", "/api/v2/group_memberships/create_many", `{"group_memberships": []}`)
		e.want(t, 400, admin, "POST", "/api/v2/group_memberships/create_many", `{"group_memberships": [{"user_id": "x"}]}`)
		jobID := e.queue(t, admin, "POST", "/api/v2/group_memberships/create_many", `{"group_memberships": [
			{"user_id": `+itoa(e.agent.ID)+`, "group_id": `+itoa(tier2)+`}, {"user_id": `+itoa(e.customer.ID)+`, "group_id": `+itoa(tier2)+`},
			{"user_id": `+itoa(e.agent.ID)+`, "group_id": `+itoa(tier2)+`}, {"user_id": `+itoa(e.agent.ID)+`, "group_id": 999999}]}`)
		job := e.wait(t, admin, jobID)
		if job["status"] != "completed" || job["job_type"] != "create_many_group_memberships" || job["total"] != float64(4) {
			t.Fatalf("create_many: %v", job)
		}
		res := results(t, job)
		m2 := ok(t, res[0], "create", "Created", 0)
		failed(t, res[1], "create", "RecordInvalid", "end-user")
		failed(t, res[2], "create", "Conflict", "already in group")
		failed(t, res[3], "create", "RecordInvalid", "does not exist")

		if gs := list(e.want(t, 200, agent, "GET", "/api/v2/users/"+itoa(e.agent.ID)+"/groups.json", ""), "groups"); len(gs) != 2 {
			t.Fatalf("user groups: %v", gs)
		}
		ms := list(e.want(t, 200, agent, "GET", "/api/v2/users/"+itoa(e.agent.ID)+"/group_memberships", ""), "group_memberships")
		if len(ms) != 2 || ms[0]["default"] != true || ms[1]["default"] != false {
			t.Fatalf("user memberships: %v", ms)
		}
		if ms := list(e.want(t, 200, agent, "GET", "/api/v2/groups/"+itoa(billing)+"/memberships", ""), "group_memberships"); len(ms) != 2 {
			t.Fatalf("group memberships: %v", ms)
		}
		if ms := list(e.want(t, 200, agent, "GET", "/api/v2/group_memberships.json?group_id="+itoa(tier2), ""), "group_memberships"); len(ms) != 1 || idOf(ms[0]) != m2 {
			t.Fatalf("memberships by group: %v", ms)
		}
		us := list(e.want(t, 200, agent, "GET", "/api/v2/groups/"+itoa(billing)+"/users", ""), "users")
		if len(us) != 2 || idOf(us[0]) != e.agent.ID || idOf(us[1]) != bob.user.ID {
			t.Fatalf("group users: %v", us)
		}
		if m := obj(e.want(t, 200, agent, "GET", "/api/v2/group_memberships/"+itoa(m2), ""), "group_membership"); idOf(m) != m2 {
			t.Fatalf("show membership: %v", m)
		}
		e.want(t, 404, agent, "GET", "/api/v2/users/"+itoa(bob.user.ID)+"/group_memberships/"+itoa(m2), "")

		// make_default: admins for anyone, agents for themselves.
		mdPath := "/api/v2/users/" + itoa(e.agent.ID) + "/group_memberships/" + itoa(m2) + "/make_default"
		e.want(t, 403, bob, "PUT", mdPath, "")
		ms = list(e.want(t, 200, agent, "PUT", mdPath+".json", ""), "group_memberships")
		if len(ms) != 2 || ms[0]["default"] != false || ms[1]["default"] != true {
			t.Fatalf("make_default: %v", ms)
		}
		if u := must(db.Read().User(ctx, e.agent.ID))(t); u.DefaultGroupID != tier2 {
			t.Fatalf("default group %d, want %d", u.DefaultGroupID, tier2)
		}
		// A ticket assigned without a group goes to the default group.
		tk := e.mustCreate(t, `{"comment": {"body": "help"}, "requester_id": `+itoa(e.customer.ID)+`, "assignee_id": `+itoa(e.agent.ID)+`}`)
		if got := must(db.Read().Ticket(ctx, tk))(t); got.GroupID != tier2 {
			t.Fatalf("ticket went to group %d, want %d", got.GroupID, tier2)
		}

		// Leaving a group unassigns the member's unsolved tickets there; the default moves.
		e.want(t, 204, admin, "DELETE", "/api/v2/users/"+itoa(e.agent.ID)+"/group_memberships/"+itoa(m2), "")
		if got := must(db.Read().Ticket(ctx, tk))(t); got.AssigneeID != 0 || got.GroupID != tier2 {
			t.Fatalf("after leaving the group the ticket is %+v", got)
		}
		if u := must(db.Read().User(ctx, e.agent.ID))(t); u.DefaultGroupID != billing {
			t.Fatalf("default group after leaving: %d, want %d", u.DefaultGroupID, billing)
		}
		e.want(t, 404, agent, "GET", "/api/v2/group_memberships/"+itoa(m2), "")
		// destroy_many ends each membership as a single delete does: the member's unsolved
		// tickets in the group are unassigned.
		e.want(t, 403, agent, "DELETE", "/api/v2/group_memberships/destroy_many?ids="+itoa(idOf(m1)), "")
		e.want(t, 422, admin, "DELETE", "/api/v2/group_memberships/destroy_many", "")
		e.want(t, 422, admin, "DELETE", "/api/v2/group_memberships/destroy_many?ids=x", "")
		inBilling := e.mustCreate(t, `{"comment": {"body": "invoice"}, "requester_id": `+itoa(e.customer.ID)+`, "assignee_id": `+itoa(e.agent.ID)+`, "group_id": `+itoa(billing)+`}`)
		jobID = e.queue(t, admin, "DELETE", "/api/v2/group_memberships/destroy_many?ids="+itoa(idOf(m1))+",999999", "")
		job = e.wait(t, admin, jobID)
		if job["status"] != "completed" || job["job_type"] != "destroy_many_group_memberships" {
			t.Fatalf("destroy_many: %v", job)
		}
		res = results(t, job)
		ok(t, res[0], "delete", "Deleted", idOf(m1))
		failed(t, res[1], "delete", "RecordNotFound", "")
		if res[1]["id"] != float64(999999) {
			t.Fatalf("failed delete names %v", res[1]["id"])
		}
		if u := must(db.Read().User(ctx, e.agent.ID))(t); u.DefaultGroupID != 0 {
			t.Fatalf("default group of a user in no group: %d", u.DefaultGroupID)
		}
		if got := must(db.Read().Ticket(ctx, inBilling))(t); got.AssigneeID != 0 || got.GroupID != billing {
			t.Fatalf("after destroy_many the ticket is %+v", got)
		}
		// A job runs with its creator's permissions as they are when it runs: one queued
		// by an admin who is an agent now fails, and changes nothing.
		jobID = e.plantJob(t, "create_many_group_memberships", e.agent.ID, 1,
			`{"group_memberships": [{"user_id": `+itoa(bob.user.ID)+`, "group_id": `+itoa(tier2)+`}]}`)
		if job = e.wait(t, admin, jobID); job["status"] != "failed" || !strings.Contains(job["message"].(string), "only admins") {
			t.Fatalf("job of a creator no longer admin: %v", job)
		}
		if ms := list(e.want(t, 200, agent, "GET", "/api/v2/group_memberships.json?group_id="+itoa(tier2), ""), "group_memberships"); len(ms) != 0 {
			t.Fatalf("memberships after the refused job: %v", ms)
		}

		// Deleting a group keeps it, marked deleted, for the tickets that name it.
		if c := obj(e.want(t, 200, agent, "GET", "/api/v2/groups/count", ""), "count"); c["value"] != float64(2) {
			t.Fatalf("group count: %v", c)
		}
		e.want(t, 403, agent, "DELETE", "/api/v2/groups/"+itoa(tier2), "")
		e.want(t, 204, admin, "DELETE", "/api/v2/groups/"+itoa(tier2)+".json", "")
		if g := obj(e.want(t, 200, agent, "GET", "/api/v2/groups/"+itoa(tier2), ""), "group"); g["deleted"] != true {
			t.Fatalf("deleted group: %v", g)
		}
		e.want(t, 404, admin, "DELETE", "/api/v2/groups/"+itoa(tier2), "")
		e.want(t, 422, admin, "PUT", "/api/v2/groups/"+itoa(tier2), `{"group": {"name": "Back"}}`)
		if gs := list(e.want(t, 200, agent, "GET", "/api/v2/groups", ""), "groups"); len(gs) != 2 {
			t.Fatalf("groups listed: %v", gs)
		}
		for _, p := range []string{"/api/v2/groups?exclude_deleted=true", "/api/v2/groups/assignable"} {
			if gs := list(e.want(t, 200, agent, "GET", p, ""), "groups"); len(gs) != 1 || idOf(gs[0]) != billing {
				t.Fatalf("%s: %v", p, gs)
			}
		}
		if got := must(db.Read().Ticket(ctx, tk))(t); got.GroupID != tier2 {
			t.Fatalf("the ticket lost its deleted group: %+v", got)
		}
		code, body = e.dirCall(t, agent, "POST", "/api/v2/tickets", `{"ticket": {"comment": {"body": "x"}, "group_id": `+itoa(tier2)+`}}`)
		if code != 422 || obj(body, "details")["group_id"] == nil {
			t.Fatalf("ticket in a deleted group: %d %v", code, body)
		}
	})
}

func TestBrandsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		admin, agent := e.newCaller(t, "Ada Admin", fd.RoleAdmin, ""), e.agentCaller()

		bs := list(e.want(t, 200, agent, "GET", "/api/v2/brands.json", ""), "brands")
		if len(bs) != 1 || bs[0]["default"] != true || bs[0]["subdomain"] != "acme" {
			t.Fatalf("brands: %v", bs)
		}
		acme := idOf(bs[0])
		e.want(t, 403, agent, "POST", "/api/v2/brands", `{"brand": {"name": "Cloud", "subdomain": "cloud"}}`)
		code, body := e.dirCall(t, admin, "POST", "/api/v2/brands", `{"brand": {"name": "", "subdomain": "no way"}}`)
		if code != 422 || obj(body, "details")["name"] == nil || obj(body, "details")["subdomain"] == nil {
			t.Fatalf("bad brand: %d %v", code, body)
		}
		b := obj(e.want(t, 201, admin, "POST", "/api/v2/brands", `{"brand": {"name": "Cloud", "subdomain": "Cloud", "host_mapping": "help.cloud.example"}}`), "brand")
		if b["default"] != false || b["active"] != true || b["subdomain"] != "cloud" || b["host_mapping"] != "help.cloud.example" {
			t.Fatalf("created brand: %v", b)
		}
		cloud := idOf(b)
		e.want(t, 409, admin, "POST", "/api/v2/brands", `{"brand": {"name": "Cloud 2", "subdomain": "cloud"}}`)
		if b := obj(e.want(t, 200, agent, "GET", "/api/v2/brands/"+itoa(cloud), ""), "brand"); b["host_mapping"] != nil || b["name"] != "Cloud" {
			t.Fatalf("an agent sees %v", b)
		}
		brandOf := func(id int64) int64 { return must(db.Read().Ticket(ctx, id))(t).BrandID }
		if got := brandOf(e.mustCreate(t, `{"comment": {"body": "one"}}`)); got != acme {
			t.Fatalf("ticket brand %d, want the default %d", got, acme)
		}

		// Switching the default applies to the very next ticket.
		e.want(t, 403, agent, "PUT", "/api/v2/brands/"+itoa(cloud), `{"brand": {"default": true}}`)
		if b := obj(e.want(t, 200, admin, "PUT", "/api/v2/brands/"+itoa(cloud)+".json", `{"brand": {"default": true}}`), "brand"); b["default"] != true {
			t.Fatalf("switch default: %v", b)
		}
		bs = list(e.want(t, 200, agent, "GET", "/api/v2/brands", ""), "brands")
		if len(bs) != 2 || bs[0]["name"] != "Acme" || bs[0]["default"] != false || bs[1]["default"] != true {
			t.Fatalf("brands after the switch: %v", bs)
		}
		if got := brandOf(e.mustCreate(t, `{"comment": {"body": "two"}}`)); got != cloud {
			t.Fatalf("ticket brand %d after the switch, want %d", got, cloud)
		}
		e.want(t, 422, admin, "PUT", "/api/v2/brands/"+itoa(cloud), `{"brand": {"default": false}}`)
		e.want(t, 422, admin, "PUT", "/api/v2/brands/"+itoa(cloud), `{"brand": {"active": false}}`)
		e.want(t, 422, admin, "DELETE", "/api/v2/brands/"+itoa(cloud), "")

		// Deleting a brand keeps its tickets in it and frees its subdomain.
		first := e.mustCreate(t, `{"comment": {"body": "three"}, "brand_id": `+itoa(acme)+`}`)
		e.want(t, 403, agent, "DELETE", "/api/v2/brands/"+itoa(acme), "")
		e.want(t, 204, admin, "DELETE", "/api/v2/brands/"+itoa(acme), "")
		e.want(t, 404, agent, "GET", "/api/v2/brands/"+itoa(acme), "")
		if got := brandOf(first); got != acme {
			t.Fatalf("the ticket left its deleted brand: %d", got)
		}
		e.want(t, 422, agent, "POST", "/api/v2/tickets", `{"ticket": {"comment": {"body": "x"}, "brand_id": `+itoa(acme)+`}}`)
		again := idOf(obj(e.want(t, 201, admin, "POST", "/api/v2/brands", `{"brand": {"name": "Acme", "subdomain": "acme", "active": false}}`), "brand"))
		if b := obj(e.want(t, 200, admin, "GET", "/api/v2/brands/"+itoa(again), ""), "brand"); b["active"] != false || again == acme {
			t.Fatalf("recreated brand: %v", b)
		}
	})
}

func TestTicketFieldsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		admin, agent := e.newCaller(t, "Ada Admin", fd.RoleAdmin, ""), e.agentCaller()

		e.want(t, 403, agent, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"type": "text", "title": "Nope"}}`)
		code, body := e.dirCall(t, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"type": "tagger", "title": "Plan"}}`)
		if code != 422 || obj(body, "details")["custom_field_options"] == nil {
			t.Fatalf("drop-down without options: %d %v", code, body)
		}
		e.want(t, 422, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"type": "regexp", "title": "Order", "regexp_for_validation": "("}}`)
		e.want(t, 422, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"type": "color", "title": "Hue"}}`)
		plan := obj(e.want(t, 201, admin, "POST", "/api/v2/ticket_fields.json", `{"ticket_field": {"type": "tagger", "title": "Plan",
			"custom_field_options": [{"name": "Free", "value": "plan_free"}, {"name": "Pro", "value": "plan_pro"}]}}`), "ticket_field")
		opts := plan["custom_field_options"].([]any)
		if plan["active"] != true || plan["position"] != float64(1) || len(opts) != 2 || opts[0].(map[string]any)["id"] == nil ||
			opts[0].(map[string]any)["id"] == opts[1].(map[string]any)["id"] {
			t.Fatalf("created drop-down: %v", plan)
		}
		planID, proOption := idOf(plan), idOf(opts[1].(map[string]any))
		seats := obj(e.want(t, 201, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"title": "Seats", "type": "integer"}}`), "ticket_field")
		seatsID := idOf(seats)
		if seats["position"] != float64(2) || seats["custom_field_options"] != nil {
			t.Fatalf("created integer field: %v", seats)
		}
		order := idOf(obj(e.want(t, 201, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"title": "Order", "type": "regexp", "regexp_for_validation": "[A-Z]{2}-\\d{4}"}}`), "ticket_field"))
		code, body = e.dirCall(t, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"title": "Free?", "type": "checkbox", "tag": "Plan Free"}}`)
		if code != 422 || obj(body, "details")["tag"] == nil {
			t.Fatalf("a checkbox reusing a drop-down's tag: %d %v", code, body)
		}
		esc := obj(e.want(t, 201, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"title": "Escalated", "type": "checkbox", "tag": "Escalated"}}`), "ticket_field")
		if esc["tag"] != "escalated" {
			t.Fatalf("checkbox tag: %v", esc)
		}
		fs := e.want(t, 200, agent, "GET", "/api/v2/ticket_fields", "")
		if fs["count"] != float64(4) || len(list(fs, "ticket_fields")) != 4 {
			t.Fatalf("fields: %v", fs)
		}

		// The fields are used on tickets at once, and checked.
		id := e.mustCreate(t, `{"comment": {"body": "upgrade"}, "custom_fields": [{"id": `+itoa(planID)+`, "value": "plan_pro"},
			{"id": `+itoa(seatsID)+`, "value": "12"}, {"id": `+itoa(order)+`, "value": "AB-1234"}, {"id": `+itoa(idOf(esc))+`, "value": true}]}`)
		tk := obj(e.want(t, 200, agent, "GET", "/api/v2/tickets/"+itoa(id), ""), "ticket")
		if len(tk["custom_fields"].([]any)) != 4 || !strings.Contains(strings.Join(anyStrings(tk["tags"]), ","), "plan_pro") ||
			!strings.Contains(strings.Join(anyStrings(tk["tags"]), ","), "escalated") {
			t.Fatalf("ticket with fields: %v", tk)
		}
		for _, bad := range []string{
			`{"id": ` + itoa(seatsID) + `, "value": "twelve"}`, `{"id": ` + itoa(planID) + `, "value": "plan_gold"}`,
			`{"id": ` + itoa(order) + `, "value": "1234"}`, `{"id": 999999, "value": "x"}`,
		} {
			code, body := e.dirCall(t, agent, "POST", "/api/v2/tickets", `{"ticket": {"comment": {"body": "x"}, "custom_fields": [`+bad+`]}}`)
			if code != 422 || len(obj(body, "details")) != 1 {
				t.Fatalf("custom field %s: %d %v", bad, code, body)
			}
		}

		// Options: listed, added (201), changed (200), removed.
		optPath := "/api/v2/ticket_fields/" + itoa(planID) + "/options"
		if os := list(e.want(t, 200, agent, "GET", optPath+".json", ""), "custom_field_options"); len(os) != 2 || os[1]["value"] != "plan_pro" {
			t.Fatalf("options: %v", os)
		}
		e.want(t, 403, agent, "POST", optPath, `{"custom_field_option": {"name": "Team", "value": "plan_team"}}`)
		team := obj(e.want(t, 201, admin, "POST", optPath, `{"custom_field_option": {"name": "Team", "value": "plan_team"}}`), "custom_field_option")
		renamed := obj(e.want(t, 200, admin, "POST", optPath, `{"custom_field_option": {"id": `+itoa(idOf(team))+`, "name": "Teams", "value": "plan_team"}}`), "custom_field_option")
		if idOf(renamed) != idOf(team) || renamed["name"] != "Teams" || renamed["position"] != float64(2) {
			t.Fatalf("renamed option: %v", renamed)
		}
		e.want(t, 201, agent, "POST", "/api/v2/tickets", `{"ticket": {"comment": {"body": "team"}, "custom_fields": [{"id": `+itoa(planID)+`, "value": "plan_team"}]}}`)
		e.want(t, 200, agent, "GET", optPath+"/"+itoa(idOf(team)), "")
		e.want(t, 204, admin, "DELETE", optPath+"/"+itoa(idOf(team)), "")
		e.want(t, 404, agent, "GET", optPath+"/"+itoa(idOf(team)), "")
		e.want(t, 422, agent, "POST", "/api/v2/tickets", `{"ticket": {"comment": {"body": "team"}, "custom_fields": [{"id": `+itoa(planID)+`, "value": "plan_team"}]}}`)
		e.want(t, 422, admin, "POST", "/api/v2/ticket_fields/"+itoa(seatsID)+"/options", `{"custom_field_option": {"name": "A", "value": "a"}}`)

		// Updates: options replaced keep their ids by value; the type can't change.
		f := obj(e.want(t, 200, admin, "PUT", "/api/v2/ticket_fields/"+itoa(planID), `{"ticket_field": {"title": "Subscription plan",
			"custom_field_options": [{"name": "Professional", "value": "plan_pro"}, {"name": "Enterprise", "value": "plan_ent"}]}}`), "ticket_field")
		opts = f["custom_field_options"].([]any)
		if f["title"] != "Subscription plan" || len(opts) != 2 || idOf(opts[0].(map[string]any)) != proOption || opts[0].(map[string]any)["name"] != "Professional" {
			t.Fatalf("updated drop-down: %v", f)
		}
		e.want(t, 422, admin, "PUT", "/api/v2/ticket_fields/"+itoa(planID), `{"ticket_field": {"type": "text"}}`)
		e.want(t, 403, agent, "PUT", "/api/v2/ticket_fields/"+itoa(planID), `{"ticket_field": {"title": "x"}}`)
		// Deactivating takes effect on the next ticket.
		e.want(t, 200, admin, "PUT", "/api/v2/ticket_fields/"+itoa(order), `{"ticket_field": {"active": false}}`)
		e.want(t, 422, agent, "POST", "/api/v2/tickets", `{"ticket": {"comment": {"body": "x"}, "custom_fields": [{"id": `+itoa(order)+`, "value": "AB-1234"}]}}`)

		// Deleting: gone from the API and refused on tickets; tickets keep what they hold.
		e.want(t, 403, agent, "DELETE", "/api/v2/ticket_fields/"+itoa(seatsID), "")
		e.want(t, 204, admin, "DELETE", "/api/v2/ticket_fields/"+itoa(seatsID)+".json", "")
		e.want(t, 404, agent, "GET", "/api/v2/ticket_fields/"+itoa(seatsID), "")
		e.want(t, 404, admin, "DELETE", "/api/v2/ticket_fields/"+itoa(seatsID), "")
		if c := obj(e.want(t, 200, agent, "GET", "/api/v2/ticket_fields/count", ""), "count"); c["value"] != float64(3) {
			t.Fatalf("field count: %v", c)
		}
		e.want(t, 422, agent, "POST", "/api/v2/tickets", `{"ticket": {"comment": {"body": "x"}, "custom_fields": [{"id": `+itoa(seatsID)+`, "value": "3"}]}}`)
		if v := must(db.Read().Ticket(context.Background(), id))(t).CustomFields[seatsID]; v != "12" {
			t.Fatalf("the ticket's value of the deleted field: %v", v)
		}
		next := idOf(obj(e.want(t, 201, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"title": "Seats again", "type": "integer"}}`), "ticket_field"))
		if next == seatsID {
			t.Fatal("a new field got the deleted field's id")
		}
		e.want(t, 404, agent, "GET", "/api/v2/ticket_fields/999999", "")
	})
}

func anyStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}
