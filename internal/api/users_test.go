package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// uEndUser gives an end-user an API token the way no API allows (tokens are for
// staff), so the tests can call as an end-user.
func (e *env) uEndUser(t *testing.T, u *fd.User) caller {
	t.Helper()
	ctx := context.Background()
	secret := fmt.Sprintf("end-user-%d-secret", u.ID)
	tok := fd.APIToken{UserID: u.ID, Name: "tests", Hash: directory.HashToken(secret), CreatedAt: time.Now()}
	if err := e.db.Write(ctx, func(tx *store.Tx) error { return tx.InsertToken(ctx, &tok) }); err != nil {
		t.Fatal(err)
	}
	return caller{user: u, token: secret}
}

// uAgent is the env's agent as a caller.
func (e *env) uAgent() caller { return caller{user: e.agent, token: e.token} }

// uRaw calls as c and returns the status and the raw body, for answers without JSON.
func (e *env) uRaw(t *testing.T, c caller, method, path, body string) (int, string) {
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
	return resp.StatusCode, string(raw)
}

// uObj returns body[key] as an object.
func uObj(body map[string]any, key string) map[string]any {
	m, _ := body[key].(map[string]any)
	return m
}

// uID returns the id of an object in a body.
func uID(body map[string]any, key string) int64 {
	id, _ := uObj(body, key)["id"].(float64)
	return int64(id)
}

// uIDs returns the ids of the objects listed under key.
func uIDs(body map[string]any, key string) []int64 {
	var out []int64
	list, _ := body[key].([]any)
	for _, v := range list {
		out = append(out, int64(v.(map[string]any)["id"].(float64)))
	}
	return out
}

func TestUserLifecycleOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		agent := e.uAgent()

		// Admins create agents, with a restriction.
		code, body, hdr := e.callAs(t, admin, "POST", "/api/v2/users.json", `{"user": {"name": "Bob Agent",
			"email": "Bob@Acme.test", "role": "agent", "ticket_restriction": "groups", "locale": "fr",
			"time_zone": "Paris", "notes": "night shift", "external_id": "EMP-7", "tags": ["Tier 2"], "verified": true}}`)
		u := uObj(body, "user")
		if code != 201 || u["email"] != "bob@acme.test" || u["role"] != "agent" || u["ticket_restriction"] != "groups" ||
			u["restricted_agent"] != true || u["active"] != true || u["verified"] != true || u["locale"] != "fr" ||
			u["external_id"] != "EMP-7" || hdr.Get("Location") != u["url"] || u["photo"] != nil ||
			fmt.Sprint(u["tags"]) != "[tier_2]" || u["user_fields"] == nil {
			t.Fatalf("create agent: %d %v (Location %q)", code, body, hdr.Get("Location"))
		}
		bob := uID(body, "user")

		// Agents create end-users only.
		code, body, _ = e.callAs(t, agent, "POST", "/api/v2/users", `{"user": {"name": "Nora", "email": "nora@customer.test"}}`)
		if code != 201 || uObj(body, "user")["role"] != "end-user" || uObj(body, "user")["ticket_restriction"] != "requested" ||
			uObj(body, "user")["verified"] != false {
			t.Fatalf("agent creates end-user: %d %v", code, body)
		}
		nora := uID(body, "user")
		for _, role := range []string{"agent", "admin"} {
			if code, body, _ := e.callAs(t, agent, "POST", "/api/v2/users", `{"user": {"name": "X", "email": "x@acme.test", "role": "`+role+`"}}`); code != 403 {
				t.Fatalf("agent creates %s: %d %v", role, code, body)
			}
		}

		// Bad input is 422 with details, a taken email or external id too.
		for _, bad := range []string{
			`{"user": {"name": "Y", "email": "nora@customer.test"}}`,
			`{"user": {"name": "Y", "email": "y@customer.test", "external_id": "emp-7"}}`,
			`{"user": {"name": "Y", "email": "not an email"}}`,
			`{"user": {"name": "Y", "email": "y@acme.test", "role": "boss"}}`,
			`{"user": {"name": "Y", "email": "y@acme.test", "role": "agent", "ticket_restriction": "everything"}}`,
			`{"user": {"name": "Y", "email": "y@acme.test", "role": "admin", "ticket_restriction": "assigned"}}`,
			`{"user": {"name": "Y", "role": "agent"}}`,
			`{"user": {"name": "Y", "email": "y@acme.test", "organization_id": 999999}}`,
			`{}`,
		} {
			code, body, _ := e.callAs(t, admin, "POST", "/api/v2/users", bad)
			if code != 422 || body["error"] != "RecordInvalid" || len(uObj(body, "details")) == 0 {
				t.Errorf("%s: %d %v", bad, code, body)
			}
		}
		if n, _ := db.Read().Count(context.Background(), "users"); n != 5 {
			t.Fatalf("bad creates left %d users, want 5", n)
		}

		// Agents update end-users, but not their role; nor other agents.
		path := "/api/v2/users/" + itoa(nora)
		code, body, _ = e.callAs(t, agent, "PUT", path+".json", `{"user": {"name": "", "notes": "VIP", "details": "Berlin", "tags": ["gold"], "suspended": true}}`)
		if u := uObj(body, "user"); code != 200 || u["name"] != "Nora" || u["notes"] != "VIP" || u["details"] != "Berlin" || u["suspended"] != true || fmt.Sprint(u["tags"]) != "[gold]" {
			t.Fatalf("agent updates end-user: %d %v", code, body)
		}
		if code, body, _ := e.callAs(t, agent, "PUT", path, `{"user": {"role": "agent"}}`); code != 403 {
			t.Fatalf("agent promotes end-user: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, agent, "PUT", path, `{"user": {"role": "end-user", "name": "Nora"}}`); code != 200 {
			t.Fatalf("agent sends the unchanged role back: %d", code)
		}
		if code, body, _ := e.callAs(t, agent, "PUT", "/api/v2/users/"+itoa(bob), `{"user": {"notes": "x"}}`); code != 403 {
			t.Fatalf("agent updates another agent: %d %v", code, body)
		}
		// Their own profile, yes; their own role or notes, no.
		if code, body, _ := e.callAs(t, agent, "PUT", "/api/v2/users/me", `{"user": {"name": "Ann A.", "time_zone": "Berlin"}}`); code != 200 || uObj(body, "user")["name"] != "Ann A." {
			t.Fatalf("agent updates own profile: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, agent, "PUT", "/api/v2/users/"+itoa(e.agent.ID), `{"user": {"role": "admin"}}`); code != 403 {
			t.Fatalf("agent promotes self: %d", code)
		}
		// Admins change roles and restrictions; not their own role.
		code, body, _ = e.callAs(t, admin, "PUT", "/api/v2/users/"+itoa(bob), `{"user": {"ticket_restriction": null}}`)
		if u := uObj(body, "user"); code != 200 || u["ticket_restriction"] != nil || u["restricted_agent"] != false {
			t.Fatalf("admin lifts restriction: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, admin, "PUT", "/api/v2/users/"+itoa(admin.user.ID), `{"user": {"role": "agent"}}`); code != 403 {
			t.Fatalf("admin demotes self: %d", code)
		}
		// Email on update adds a secondary address, as in Zendesk.
		code, body, _ = e.callAs(t, admin, "PUT", "/api/v2/users/"+itoa(bob), `{"user": {"email": "robert@acme.test"}}`)
		if code != 200 || uObj(body, "user")["email"] != "bob@acme.test" {
			t.Fatalf("email on update: %d %v", code, body)
		}
		_, body, _ = e.callAs(t, admin, "GET", "/api/v2/users/"+itoa(bob)+"/identities", "")
		if ids := body["identities"].([]any); len(ids) != 2 || ids[1].(map[string]any)["value"] != "robert@acme.test" || ids[1].(map[string]any)["primary"] != false {
			t.Fatalf("identities after email update: %v", body)
		}

		// Listing: by offset with count and a role filter, and by cursor.
		code, body, _ = e.callAs(t, agent, "GET", "/api/v2/users.json?role=agent", "")
		if code != 200 || fmt.Sprint(uIDs(body, "users")) != fmt.Sprint([]int64{e.agent.ID, bob}) || body["count"] != float64(2) {
			t.Fatalf("list agents: %d %v", code, body)
		}
		code, body, _ = e.callAs(t, agent, "GET", "/api/v2/users.json?role[]=agent&role[]=admin&per_page=2", "")
		if code != 200 || body["count"] != float64(3) || body["next_page"] == nil || len(uIDs(body, "users")) != 2 {
			t.Fatalf("list staff: %d %v", code, body)
		}
		var all []int64
		next := "/api/v2/users.json?page[size]=2"
		for pages := 0; next != ""; pages++ {
			if pages > 5 {
				t.Fatal("cursor pagination does not end")
			}
			code, body, _ := e.callAs(t, agent, "GET", strings.TrimPrefix(next, e.srv.URL), "")
			if code != 200 {
				t.Fatalf("cursor page: %d %v", code, body)
			}
			all = append(all, uIDs(body, "users")...)
			next = ""
			if uObj(body, "meta")["has_more"] == true {
				next = uObj(body, "links")["next"].(string)
			}
		}
		if len(all) != 5 || !slices.IsSorted(all) {
			t.Fatalf("cursor listing: %v", all)
		}

		// Delete: the user stays, inactive, without identities; the address is free;
		// their token stops working; they are listed nowhere.
		bobToken, _, err := e.dir.CreateToken(context.Background(), "bob@acme.test", "bob")
		if err != nil {
			t.Fatal(err)
		}
		bobCaller := caller{user: &fd.User{Email: "bob@acme.test"}, token: bobToken}
		if code, _, _ := e.callAs(t, bobCaller, "GET", "/api/v2/users/me", ""); code != 200 {
			t.Fatalf("bob before delete: %d", code)
		}
		if code, body, _ := e.callAs(t, agent, "DELETE", "/api/v2/users/"+itoa(bob), ""); code != 403 {
			t.Fatalf("agent deletes an agent: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, admin, "DELETE", "/api/v2/users/"+itoa(admin.user.ID), ""); code != 403 {
			t.Fatalf("admin deletes self: %d", code)
		}
		code, body, _ = e.callAs(t, admin, "DELETE", "/api/v2/users/"+itoa(bob)+".json", "")
		if u := uObj(body, "user"); code != 200 || u["active"] != false || u["email"] != nil || u["external_id"] != nil || u["name"] != "Bob Agent" {
			t.Fatalf("delete: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, bobCaller, "GET", "/api/v2/users/me", ""); code != 401 {
			t.Fatalf("deleted user's token: %d, want 401", code)
		}
		if code, body, _ := e.callAs(t, agent, "GET", "/api/v2/users/"+itoa(bob), ""); code != 200 || uObj(body, "user")["active"] != false {
			t.Fatalf("show deleted: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, admin, "DELETE", "/api/v2/users/"+itoa(bob), ""); code != 404 {
			t.Fatalf("delete twice: %d", code)
		}
		if code, _, _ := e.callAs(t, admin, "PUT", "/api/v2/users/"+itoa(bob), `{"user": {"notes": "x"}}`); code != 404 {
			t.Fatalf("update deleted: %d", code)
		}
		if _, body, _ := e.callAs(t, agent, "GET", "/api/v2/users?role=agent", ""); slices.Contains(uIDs(body, "users"), bob) {
			t.Fatalf("deleted user listed: %v", body)
		}
		if ids := must(e.dir.Identities(context.Background(), bob))(t); len(ids) != 0 {
			t.Fatalf("deleted user keeps identities %v", ids)
		}
		code, body, _ = e.callAs(t, admin, "POST", "/api/v2/users", `{"user": {"name": "New Bob", "email": "bob@acme.test", "external_id": "emp-7"}}`)
		if code != 201 {
			t.Fatalf("reuse a deleted user's address and external id: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, agent, "GET", "/api/v2/users/424242", ""); code != 404 {
			t.Fatalf("missing user: %d", code)
		}
	})
}

func TestUserSearchAndShowMany(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		mk := func(name, email, ext string, role fd.Role) int64 {
			return must(e.dir.CreateUser(ctx, directory.NewUser{Name: name, Email: email, ExternalID: ext, Role: role, Notes: "likes " + name}))(t).ID
		}
		maria := mk("Maria Lopez", "maria@lopez.test", "CRM-1", fd.RoleEndUser)
		mario := mk("Mario Rossi", "mario@rossi.test", "CRM-2", fd.RoleEndUser)
		marta := mk("Marta Agent", "marta@acme.test", "", fd.RoleAgent)
		gone := mk("Marius Gone", "marius@gone.test", "CRM-3", fd.RoleEndUser)
		must(e.dir.DeleteUser(ctx, gone))(t)

		search := func(q string) []int64 {
			t.Helper()
			code, body, _ := e.call(t, "GET", "/api/v2/users/search.json?"+q, "")
			if code != 200 {
				t.Fatalf("search %s: %d %v", q, code, body)
			}
			if int(body["count"].(float64)) != len(uIDs(body, "users")) {
				t.Fatalf("search %s: count %v for %v", q, body["count"], uIDs(body, "users"))
			}
			ids := uIDs(body, "users")
			slices.Sort(ids)
			return ids
		}
		cases := []struct {
			q    string
			want []int64
		}{
			{"query=mar", []int64{maria, mario, marta}},
			{"query=mari", []int64{maria, mario}},
			{"query=maria+lopez", []int64{maria}},
			{"query=rossi.test", []int64{mario}},
			{"query=maria@lopez.test", []int64{maria}},
			{"query=email:MARIO@rossi.test", []int64{mario}},
			{"query=mar+role:agent", []int64{marta}},
			{"query=role:end-user", []int64{e.customer.ID, maria, mario}},
			{"query=external_id:crm-2", []int64{mario}},
			{"external_id=crm-1", []int64{maria}},
			{"external_id=CRM-3", nil},
			{"query=marius", nil},
			{"query=nobody", nil},
		}
		for _, c := range cases {
			if got := search(c.q); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("search %s: %v, want %v", c.q, got, c.want)
			}
		}
		code, body, _ := e.call(t, "GET", "/api/v2/users/search?query=mar&per_page=2&page=2", "")
		if code != 200 || len(uIDs(body, "users")) != 1 || body["count"] != float64(3) || body["previous_page"] == nil || body["next_page"] != nil {
			t.Fatalf("search page 2: %d %v", code, body)
		}
		if code, body, _ := e.call(t, "GET", "/api/v2/users/search?query=role:boss", ""); code != 422 {
			t.Fatalf("bad role in query: %d %v", code, body)
		}

		code, body, _ = e.call(t, "GET", "/api/v2/users/show_many.json?ids="+itoa(mario)+","+itoa(gone)+",999999", "")
		if code != 200 || fmt.Sprint(uIDs(body, "users")) != fmt.Sprint([]int64{mario, gone}) {
			t.Fatalf("show_many ids: %d %v", code, body)
		}
		code, body, _ = e.call(t, "GET", "/api/v2/users/show_many?external_ids=crm-1,CRM-2,crm-3", "")
		if code != 200 || fmt.Sprint(uIDs(body, "users")) != fmt.Sprint([]int64{maria, mario}) {
			t.Fatalf("show_many external ids: %d %v", code, body)
		}
		for _, bad := range []string{"ids=1,x", "ids=" + strings.Repeat("1,", 101), ""} {
			if code, body, _ := e.call(t, "GET", "/api/v2/users/show_many?"+bad, ""); code != 422 {
				t.Errorf("show_many %s: %d %v", bad, code, body)
			}
		}
	})
}

func TestCreateOrUpdateUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		code, body, hdr := e.call(t, "POST", "/api/v2/users/create_or_update.json", `{"user": {"name": "Pat", "email": "pat@customer.test", "external_id": "Ext-9"}}`)
		pat := uID(body, "user")
		if code != 201 || hdr.Get("Location") != uObj(body, "user")["url"] {
			t.Fatalf("create_or_update new: %d %v", code, body)
		}
		// The same email: 200, the user updated.
		code, body, hdr = e.call(t, "POST", "/api/v2/users/create_or_update", `{"user": {"name": "Pat Smith", "email": "PAT@customer.test"}}`)
		if code != 200 || uID(body, "user") != pat || uObj(body, "user")["name"] != "Pat Smith" || hdr.Get("Location") == "" {
			t.Fatalf("create_or_update by email: %d %v", code, body)
		}
		// The external id matches without regard to case and takes the caller's case; the
		// new email becomes a second address.
		code, body, _ = e.call(t, "POST", "/api/v2/users/create_or_update", `{"user": {"external_id": "EXT-9", "email": "pat@home.test", "notes": "two homes"}}`)
		if u := uObj(body, "user"); code != 200 || uID(body, "user") != pat || u["external_id"] != "EXT-9" || u["email"] != "pat@customer.test" || u["notes"] != "two homes" {
			t.Fatalf("create_or_update by external id: %d %v", code, body)
		}
		if u, err := e.dir.FindUser(context.Background(), directory.UserMatch{Email: "pat@home.test"}); err != nil || u == nil || u.ID != pat {
			t.Fatalf("second address: %v %v", u, err)
		}
		// Agents may not create_or_update staff.
		if code, body, _ := e.call(t, "POST", "/api/v2/users/create_or_update", `{"user": {"email": "ada.admin@acme.test", "notes": "x"}}`); code != 403 {
			t.Fatalf("agent updates admin through create_or_update: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, admin, "POST", "/api/v2/users/create_or_update", `{"user": {"email": "ann@acme.test", "notes": "lead"}}`); code != 200 {
			t.Fatalf("admin updates agent through create_or_update: %d", code)
		}
	})
}

func TestCreateManyUsers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		admin, agent := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone), e.agentCaller()
		id := e.queue(t, admin, "POST", "/api/v2/users/create_many.json", `{"users": [
			{"name": "One", "email": "one@customer.test"},
			{"name": "Dup", "email": "cleo@customer.test"},
			{"name": "Two", "email": "two@acme.test", "role": "agent"},
			null]}`)
		js := e.wait(t, admin, id)
		if js["status"] != "completed" || js["job_type"] != "create_many_users" || js["total"] != float64(4) ||
			!strings.HasPrefix(js["message"].(string), "Completed at ") {
			t.Fatalf("create_many job %v", js)
		}
		res := results(t, js)
		one := ok(t, res[0], "create", "Created", 0)
		failed(t, res[1], "create", "RecordInvalid", "already being used")
		two := ok(t, res[2], "create", "Created", 0)
		failed(t, res[3], "create", "RecordInvalid", "null")
		if _, hasID := res[1]["id"]; hasID {
			t.Fatalf("a failed creation names a user: %v", res[1])
		}
		if code, body, _ := e.call(t, "GET", "/api/v2/users/"+itoa(two), ""); code != 200 || uObj(body, "user")["role"] != "agent" {
			t.Fatalf("created agent: %d %v", code, body)
		}
		if code, body, _ := e.call(t, "GET", "/api/v2/users/"+itoa(one), ""); code != 200 || uObj(body, "user")["email"] != "one@customer.test" {
			t.Fatalf("created user: %d %v", code, body)
		}
		// The agent's job status is theirs; the admin's is not theirs to read.
		if code, _, _ := e.callAs(t, agent, "GET", "/api/v2/job_statuses/"+id, ""); code != http.StatusNotFound {
			t.Fatalf("agent reads the admin's job: %d", code)
		}

		// Agents' entries that create or change staff fail alone, each with what it is
		// about: an update names the user it would have changed.
		id = e.queue(t, agent, "POST", "/api/v2/users/create_or_update_many", `{"users": [
			{"name": "One Again", "email": "one@customer.test"},
			{"name": "Three", "email": "three@customer.test"},
			{"name": "Boss", "email": "boss@acme.test", "role": "admin"},
			{"email": "ada.admin@acme.test", "notes": "bossy"}]}`)
		js = e.wait(t, agent, id)
		if js["status"] != "completed" || js["job_type"] != "create_or_update_many_users" {
			t.Fatalf("create_or_update_many job %v", js)
		}
		res = results(t, js)
		ok(t, res[0], "update", "Updated", one)
		three := ok(t, res[1], "create", "Created", 0)
		failed(t, res[2], "create", "Forbidden", "only admins")
		failed(t, res[3], "update", "Forbidden", "end-users")
		if res[3]["id"] != float64(admin.user.ID) {
			t.Fatalf("a refused update names %v, want %d", res[3]["id"], admin.user.ID)
		}
		if u := must(db.Read().User(ctx, one))(t); u.Name != "One Again" {
			t.Fatalf("updated user %+v", u)
		}
		if u := must(db.Read().User(ctx, three))(t); u.Email != "three@customer.test" || u.Role != fd.RoleEndUser {
			t.Fatalf("created user %+v", u)
		}
		if u, err := e.dir.FindUser(ctx, directory.UserMatch{Email: "boss@acme.test"}); err != nil || u != nil {
			t.Fatalf("the refused entry made %v %v", u, err)
		}
		if u := must(db.Read().User(ctx, admin.user.ID))(t); u.Notes != "" {
			t.Fatalf("the refused update changed %+v", u)
		}

		// What can be told from the request is answered at once.
		many := `{"users": [` + strings.TrimSuffix(strings.Repeat(`{"name": "x"},`, 101), ",") + `]}`
		for _, bad := range []struct {
			body string
			code int
		}{{many, 422}, {`{"users": []}`, 422}, {`{}`, 422}, {`{"users": [{"name": 5}]}`, 400}, {`{"users": {}}`, 400}, {`{"users": [`, 400}} {
			for _, path := range []string{"/api/v2/users/create_many", "/api/v2/users/create_or_update_many"} {
				if code, body, _ := e.callAs(t, admin, "POST", path, bad.body); code != bad.code {
					t.Fatalf("%s %.40s: %d %v, want %d", path, bad.body, code, body, bad.code)
				}
			}
		}
		if code, _, _ := e.callAs(t, e.uEndUser(t, e.customer), "POST", "/api/v2/users/create_many", `{"users": [{"name": "x"}]}`); code != 403 {
			t.Fatalf("end-user create_many: %d", code)
		}
		if _, body, _ := e.callAs(t, admin, "GET", "/api/v2/job_statuses", ""); len(body["job_statuses"].([]any)) != 2 {
			t.Fatalf("job statuses after the refused requests: %v", body)
		}
	})
}

// plantJob stores a job as a worker would have left it: queued, or, with results,
// taken by a worker that recorded those items and died, its lease run out since.
func (e *env) plantJob(t *testing.T, kind string, userID int64, total int, input string, done ...store.JobResult) string {
	t.Helper()
	ctx := context.Background()
	id := fmt.Sprintf("%032x", time.Now().UnixNano())
	at := time.Now().Add(-3 * time.Minute)
	must(0, e.db.Write(ctx, func(tx *store.Tx) error {
		j := &store.Job{ID: id, Kind: kind, UserID: userID, Total: total, Input: []byte(input), CreatedAt: at, UpdatedAt: at}
		if err := tx.InsertJob(ctx, j); err != nil {
			return err
		}
		if len(done) == 0 {
			return nil
		}
		if _, err := tx.ClaimJob(ctx, at, at.Add(time.Minute)); err != nil {
			return err
		}
		for _, r := range done {
			if err := tx.InsertJobResult(ctx, id, r); err != nil {
				return err
			}
		}
		return nil
	}))(t)
	return id
}

// A bulk user job runs as its creator is when it runs, and one left by a crashed server
// resumes without redoing the items it recorded (each with its user, in one
// transaction).
func TestBulkUserJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		users := func() int64 { return must(db.Read().Count(ctx, "users"))(t) }
		before := users()

		done := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "First", Email: "first@customer.test"}))(t)
		input := `{"users": [{"name": "First", "email": "first@customer.test"}, {"name": "Second", "email": "second@customer.test"},
			{"name": "Third", "external_id": "crm-3"}]}`
		id := e.plantJob(t, "create_many_users", admin.user.ID, 3, input,
			store.JobResult{Index: 0, ID: done.ID, Action: "create", Success: true, Status: "Created"})
		js := e.wait(t, admin, id)
		res := results(t, js)
		ok(t, res[0], "create", "Created", done.ID)
		second, third := ok(t, res[1], "create", "Created", 0), ok(t, res[2], "create", "Created", 0)
		if js["status"] != "completed" || second == third || second == done.ID {
			t.Fatalf("resumed job %v", js)
		}
		if n := users(); n != before+3 {
			t.Fatalf("%d users after the resumed job, want %d", n, before+3)
		}
		if u := must(db.Read().User(ctx, third))(t); u.ExternalID != "crm-3" {
			t.Fatalf("third item made %+v", u)
		}

		// The creator was suspended after queueing: the job fails, and changes nothing.
		bob := e.newCaller(t, "Bob Agent", fd.RoleAgent, fd.RestrictNone)
		yes := true
		must(e.dir.UpdateUser(ctx, bob.user.ID, directory.UserChange{Suspended: &yes}))(t)
		id = e.plantJob(t, "create_or_update_many_users", bob.user.ID, 1, `{"users": [{"name": "Late", "email": "late@customer.test"}]}`)
		js = e.wait(t, admin, id)
		if msg, _ := js["message"].(string); js["status"] != "failed" || !strings.Contains(msg, "suspended") || len(js["results"].([]any)) != 0 {
			t.Fatalf("job of a suspended creator %v", js)
		}
		if u, err := e.dir.FindUser(ctx, directory.UserMatch{Email: "late@customer.test"}); err != nil || u != nil {
			t.Fatalf("the suspended creator's job made %v %v", u, err)
		}
	})
}

func TestUserIdentities(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		base := "/api/v2/users/" + itoa(e.customer.ID) + "/identities"
		code, body, _ := e.call(t, "GET", base+".json", "")
		if code != 200 || len(body["identities"].([]any)) != 1 || body["identities"].([]any)[0].(map[string]any)["primary"] != true {
			t.Fatalf("list: %d %v", code, body)
		}
		primary := int64(body["identities"].([]any)[0].(map[string]any)["id"].(float64))

		code, body, hdr := e.call(t, "POST", base, `{"identity": {"type": "email", "value": " Cleo@Work.TEST "}}`)
		id := uObj(body, "identity")
		if code != 201 || id["value"] != "cleo@work.test" || id["primary"] != false || id["verified"] != false || hdr.Get("Location") != id["url"] {
			t.Fatalf("add email: %d %v", code, body)
		}
		work := uID(body, "identity")
		code, body, _ = e.call(t, "POST", base, `{"identity": {"type": "phone_number", "value": "+1 555 0100"}}`)
		if code != 201 || uObj(body, "identity")["primary"] != true {
			t.Fatalf("first phone is primary: %d %v", code, body)
		}
		for _, bad := range []string{
			`{"identity": {"type": "email", "value": "ann@acme.test"}}`,  // another user's
			`{"identity": {"type": "email", "value": "CLEO@work.test"}}`, // already theirs
			`{"identity": {"type": "twitter", "value": "cleo"}}`,         // unknown type
			`{"identity": {"type": "email", "value": "nope"}}`,           // not an address
			`{"identity": {"type": "phone_number", "value": "   "}}`,     // blank
		} {
			if code, body, _ := e.call(t, "POST", base, bad); code != 422 || len(uObj(body, "details")) == 0 {
				t.Errorf("%s: %d %v", bad, code, body)
			}
		}

		// make_primary: the user's email follows.
		code, body, _ = e.call(t, "PUT", base+"/"+itoa(work)+"/make_primary.json", "")
		if code != 200 || len(body["identities"].([]any)) != 3 {
			t.Fatalf("make_primary: %d %v", code, body)
		}
		for _, v := range body["identities"].([]any) {
			i := v.(map[string]any)
			if i["type"] == "email" && (i["primary"] == true) != (i["value"] == "cleo@work.test") {
				t.Fatalf("primaries after make_primary: %v", body)
			}
		}
		if _, body, _ := e.call(t, "GET", "/api/v2/users/"+itoa(e.customer.ID), ""); uObj(body, "user")["email"] != "cleo@work.test" {
			t.Fatalf("email after make_primary: %v", body)
		}
		// verify, then change the value (which unverifies it; a primary's new value is the email).
		code, body, _ = e.call(t, "PUT", base+"/"+itoa(work)+"/verify", "")
		if code != 200 || uObj(body, "identity")["verified"] != true || uObj(body, "identity")["verification_method"] != "low" {
			t.Fatalf("verify: %d %v", code, body)
		}
		if _, body, _ := e.call(t, "GET", "/api/v2/users/"+itoa(e.customer.ID), ""); uObj(body, "user")["verified"] != true {
			t.Fatalf("user verified: %v", body)
		}
		code, body, _ = e.call(t, "PUT", base+"/"+itoa(work), `{"identity": {"value": "cleo@office.test"}}`)
		if code != 200 || uObj(body, "identity")["value"] != "cleo@office.test" || uObj(body, "identity")["verified"] != false {
			t.Fatalf("update value: %d %v", code, body)
		}
		if code, _, _ := e.call(t, "PUT", base+"/"+itoa(work), `{"identity": {"value": "ann@acme.test"}}`); code != 422 {
			t.Fatalf("update to another's address: %d", code)
		}
		if _, body, _ := e.call(t, "GET", "/api/v2/users/"+itoa(e.customer.ID), ""); uObj(body, "user")["email"] != "cleo@office.test" {
			t.Fatalf("email after value change: %v", body)
		}
		// Deleting the primary email promotes the other one.
		if code, raw := e.uRaw(t, e.uAgent(), "DELETE", base+"/"+itoa(work), ""); code != 204 || raw != "" {
			t.Fatalf("delete identity: %d %q", code, raw)
		}
		if _, body, _ := e.call(t, "GET", "/api/v2/users/"+itoa(e.customer.ID), ""); uObj(body, "user")["email"] != "cleo@customer.test" {
			t.Fatalf("email after deleting the primary: %v", body)
		}
		if code, body, _ := e.call(t, "GET", base+"/"+itoa(primary), ""); code != 200 || uObj(body, "identity")["primary"] != true {
			t.Fatalf("promoted identity: %d %v", code, body)
		}
		if code, _, _ := e.call(t, "GET", base+"/"+itoa(work), ""); code != 404 {
			t.Fatalf("deleted identity: %d", code)
		}
		// An identity of another user is not found through this one.
		annIDs := must(e.dir.Identities(context.Background(), e.agent.ID))(t)
		if code, _, _ := e.call(t, "GET", base+"/"+itoa(annIDs[0].ID), ""); code != 404 {
			t.Fatalf("another user's identity: %d", code)
		}
		// An agent's last email stays; agents don't change other agents' identities.
		agentBase := "/api/v2/users/" + itoa(e.agent.ID) + "/identities/" + itoa(annIDs[0].ID)
		if code, body, _ := e.callAs(t, admin, "DELETE", agentBase, ""); code != 422 {
			t.Fatalf("delete an agent's last email: %d %v", code, body)
		}
		if code, _, _ := e.call(t, "POST", "/api/v2/users/"+itoa(admin.user.ID)+"/identities", `{"identity": {"type": "email", "value": "ada@home.test"}}`); code != 403 {
			t.Fatalf("agent adds an admin's identity: %d", code)
		}
		if code, _, _ := e.call(t, "POST", "/api/v2/users/me/identities", `{"identity": {"type": "email", "value": "ann@home.test"}}`); code != 201 {
			t.Fatalf("agent adds own identity: %d", code)
		}
	})
}

func TestUserTags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		path := "/api/v2/users/" + itoa(e.customer.ID) + "/tags"
		tags := func(body map[string]any) string { return fmt.Sprint(body["tags"]) }
		if code, body, _ := e.call(t, "POST", path+".json", `{"tags": ["VIP", "beta tester"]}`); code != 201 || tags(body) != "[beta_tester vip]" {
			t.Fatalf("set: %d %v", code, body)
		}
		if code, body, _ := e.call(t, "PUT", path, `{"tags": ["churn-risk", "vip"]}`); code != 200 || tags(body) != "[beta_tester churn-risk vip]" {
			t.Fatalf("add: %d %v", code, body)
		}
		if code, raw := e.uRaw(t, e.uAgent(), "DELETE", path, `{"tags": ["VIP"]}`); code != 204 || raw != "" {
			t.Fatalf("remove: %d %q", code, raw)
		}
		if code, raw := e.uRaw(t, e.uAgent(), "DELETE", path+"?tags=beta_tester", ""); code != 204 || raw != "" {
			t.Fatalf("remove by query: %d %q", code, raw)
		}
		if code, body, _ := e.call(t, "GET", path, ""); code != 200 || tags(body) != "[churn-risk]" {
			t.Fatalf("get: %d %v", code, body)
		}
		if code, body, _ := e.call(t, "GET", "/api/v2/users/"+itoa(e.customer.ID), ""); code != 200 || tags(uObj(body, "user")) != "[churn-risk]" {
			t.Fatalf("user's tags: %d %v", code, body)
		}
		if code, _, _ := e.call(t, "PUT", path, `{}`); code != 422 {
			t.Fatalf("no tags: %d", code)
		}
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		if code, _, _ := e.call(t, "PUT", "/api/v2/users/"+itoa(admin.user.ID)+"/tags", `{"tags": ["x"]}`); code != 403 {
			t.Fatalf("agent tags an admin: %d", code)
		}
	})
}

func TestUserTicketsAndRelated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		restricted := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictAssigned)
		cust := itoa(e.customer.ID)
		requested := e.mustCreate(t, `{"comment": {"body": "one"}, "requester_id": `+cust+`}`)
		mine := e.mustCreate(t, `{"comment": {"body": "two"}, "requester_id": `+cust+`, "assignee_id": `+itoa(restricted.user.ID)+`}`)
		copied := e.mustCreate(t, `{"comment": {"body": "three"}, "collaborator_ids": [`+cust+`]}`)
		assigned := e.mustCreate(t, `{"comment": {"body": "four"}, "requester_id": `+cust+`, "assignee_id": `+itoa(e.agent.ID)+`}`)

		list := func(c caller, path string) []int64 {
			t.Helper()
			code, body, _ := e.callAs(t, c, "GET", path, "")
			if code != 200 {
				t.Fatalf("%s: %d %v", path, code, body)
			}
			return uIDs(body, "tickets")
		}
		agent := e.uAgent()
		base := "/api/v2/users/" + cust + "/tickets/"
		for _, c := range []struct {
			who  caller
			path string
			want []int64
		}{
			{agent, base + "requested.json", []int64{requested, mine, assigned}},
			{agent, base + "ccd", []int64{copied}},
			{agent, "/api/v2/users/" + itoa(e.agent.ID) + "/tickets/assigned", []int64{assigned}},
			{restricted, base + "requested", []int64{mine}},
			{restricted, base + "ccd", nil},
			{restricted, "/api/v2/users/" + itoa(e.agent.ID) + "/tickets/assigned", nil},
		} {
			if got := list(c.who, c.path); fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("%s as %s: %v, want %v", c.path, c.who.user.Name, got, c.want)
			}
		}
		code, body, _ := e.call(t, "GET", base+"requested?page[size]=2", "")
		if code != 200 || len(uIDs(body, "tickets")) != 2 || uObj(body, "meta")["has_more"] != true {
			t.Fatalf("cursor: %d %v", code, body)
		}
		if code, _, _ := e.call(t, "GET", "/api/v2/users/999999/tickets/requested", ""); code != 404 {
			t.Fatalf("missing user: %d", code)
		}

		code, body, _ = e.call(t, "GET", "/api/v2/users/"+cust+"/related.json", "")
		rel := uObj(body, "user_related")
		if code != 200 || rel["requested_tickets"] != float64(3) || rel["ccd_tickets"] != float64(1) ||
			rel["assigned_tickets"] != float64(0) || rel["organization_subscriptions"] != float64(0) {
			t.Fatalf("related: %d %v", code, body)
		}
		_, body, _ = e.callAs(t, restricted, "GET", "/api/v2/users/"+cust+"/related", "")
		if rel := uObj(body, "user_related"); rel["requested_tickets"] != float64(1) || rel["ccd_tickets"] != float64(0) {
			t.Fatalf("related as restricted agent: %v", body)
		}
	})
}

func TestEndUserSeesOnlyThemselves(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		cleo := e.customer
		cleo.Notes = "difficult"
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, cleo) }); err != nil {
			t.Fatal(err)
		}
		c := e.uEndUser(t, cleo)
		code, body, _ := e.callAs(t, c, "GET", "/api/v2/users/me.json", "")
		u := uObj(body, "user")
		if _, hasNotes := u["notes"]; code != 200 || u["id"] != float64(cleo.ID) || hasNotes || u["email"] != "cleo@customer.test" {
			t.Fatalf("me: %d %v", code, body)
		}
		if code, body, _ := e.callAs(t, c, "GET", "/api/v2/users/"+itoa(cleo.ID), ""); code != 200 || uObj(body, "user")["name"] != "Cleo" {
			t.Fatalf("own record: %d %v", code, body)
		}
		if code, body, _ := e.callAs(t, c, "PUT", "/api/v2/users/"+itoa(cleo.ID), `{"user": {"name": "Cleo P.", "locale": "de", "time_zone": "Berlin", "role": "end-user"}}`); code != 200 ||
			uObj(body, "user")["name"] != "Cleo P." || uObj(body, "user")["locale"] != "de" {
			t.Fatalf("own profile: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, c, "GET", "/api/v2/users/me/identities", ""); code != 200 {
			t.Fatalf("own identities: %d", code)
		}
		for _, forbidden := range []struct{ method, path, body string }{
			{"PUT", "/api/v2/users/me", `{"user": {"notes": "lovely"}}`},
			{"PUT", "/api/v2/users/me", `{"user": {"role": "admin"}}`},
			{"PUT", "/api/v2/users/me", `{"user": {"tags": ["vip"]}}`},
			{"GET", "/api/v2/users/" + itoa(e.agent.ID), ""},
			{"GET", "/api/v2/users/999999", ""}, // not 404: end-users learn nothing of other ids
			{"PUT", "/api/v2/users/999999", `{"user": {"name": "x"}}`},
			{"PUT", "/api/v2/users/" + itoa(e.agent.ID), `{"user": {"name": "x"}}`},
			{"GET", "/api/v2/users/" + itoa(e.agent.ID) + "/identities", ""},
			{"GET", "/api/v2/users", ""},
			{"GET", "/api/v2/users/search?query=ann", ""},
			{"POST", "/api/v2/users", `{"user": {"name": "x", "email": "x@customer.test"}}`},
			{"POST", "/api/v2/users/me/identities", `{"identity": {"type": "email", "value": "c@x.test"}}`},
			{"GET", "/api/v2/users/me/related", ""},
			{"GET", "/api/v2/users/me/tickets/requested", ""},
			{"GET", "/api/v2/api_tokens", ""},
		} {
			if code, body, _ := e.callAs(t, c, forbidden.method, forbidden.path, forbidden.body); code != 403 {
				t.Errorf("end-user %s %s: %d %v", forbidden.method, forbidden.path, code, body)
			}
		}
		if u := must(db.Read().User(ctx, cleo.ID))(t); u.Notes != "difficult" || u.Role != fd.RoleEndUser || len(u.Tags) != 0 {
			t.Fatalf("end-user changed what they may not: %+v", u)
		}
	})
}

func TestAPITokens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		if code, _, _ := e.call(t, "GET", "/api/v2/api_tokens", ""); code != 403 {
			t.Fatalf("agent lists tokens: %d", code)
		}
		code, body, _ := e.callAs(t, admin, "GET", "/api/v2/api_tokens.json", "")
		if code != 200 || body["count"] != float64(2) {
			t.Fatalf("list: %d %v", code, body)
		}
		var agentToken map[string]any
		for _, v := range body["api_tokens"].([]any) {
			if tk := v.(map[string]any); tk["user_id"] == float64(e.agent.ID) {
				agentToken = tk
			}
		}
		if agentToken == nil || agentToken["description"] != "tests" || agentToken["active"] != true || agentToken["token"] != nil {
			t.Fatalf("agent's token in %v", body)
		}

		// Create one for the agent; its secret works at once, shown once.
		code, body, hdr := e.callAs(t, admin, "POST", "/api/v2/api_tokens", `{"api_token": {"description": "zapier", "user_id": `+itoa(e.agent.ID)+`}}`)
		created := uObj(body, "api_token")
		secret, _ := created["token"].(string)
		if code != 201 || secret == "" || created["user_id"] != float64(e.agent.ID) || hdr.Get("Location") != created["url"] {
			t.Fatalf("create: %d %v", code, body)
		}
		zapier := caller{user: e.agent, token: secret}
		if code, _, _ := e.callAs(t, zapier, "GET", "/api/v2/users/me", ""); code != 200 {
			t.Fatalf("new token: %d", code)
		}
		if code, body, _ := e.callAs(t, admin, "GET", "/api/v2/api_tokens/"+itoa(uID(map[string]any{"t": created}, "t")), ""); code != 200 || uObj(body, "api_token")["token"] != nil {
			t.Fatalf("show: %d %v", code, body)
		}
		// Last use is recorded (off the request path, so wait for it).
		deadline := time.Now().Add(5 * time.Second)
		for {
			tok := must(db.Read().Token(context.Background(), int64(created["id"].(float64))))(t)
			if !tok.LastUsedAt.IsZero() {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("last use not recorded")
			}
			time.Sleep(20 * time.Millisecond)
		}
		for _, bad := range []string{`{"api_token": {"user_id": ` + itoa(e.customer.ID) + `}}`, `{"api_token": {"user_id": 999999}}`, `{}`} {
			if code, body, _ := e.callAs(t, admin, "POST", "/api/v2/api_tokens", bad); code != 422 {
				t.Errorf("create %s: %d %v", bad, code, body)
			}
		}

		// Revoked: the very next request with it is refused.
		path := "/api/v2/api_tokens/" + itoa(int64(created["id"].(float64)))
		if code, raw := e.uRaw(t, admin, "DELETE", path+".json", ""); code != 204 || raw != "" {
			t.Fatalf("revoke: %d %q", code, raw)
		}
		if code, body, _ := e.callAs(t, zapier, "GET", "/api/v2/users/me", ""); code != 401 || body["error"] != "Couldn't authenticate you" {
			t.Fatalf("revoked token: %d %v", code, body)
		}
		if code, _, _ := e.call(t, "GET", "/api/v2/users/me", ""); code != 200 {
			t.Fatalf("the agent's other token: %d", code)
		}
		if code, _, _ := e.callAs(t, admin, "DELETE", path, ""); code != 404 {
			t.Fatalf("revoke twice: %d", code)
		}
		if code, body, _ := e.callAs(t, admin, "GET", "/api/v2/api_tokens", ""); code != 200 || body["count"] != float64(2) {
			t.Fatalf("list after revoke: %d %v", code, body)
		}
		// Demoting an agent to end-user revokes their tokens.
		if code, _, _ := e.callAs(t, admin, "PUT", "/api/v2/users/"+itoa(e.agent.ID), `{"user": {"role": "end-user"}}`); code != 200 {
			t.Fatalf("demote: %d", code)
		}
		if code, _, _ := e.call(t, "GET", "/api/v2/users/me", ""); code != 401 {
			t.Fatalf("demoted agent's token: %d", code)
		}
	})
}
