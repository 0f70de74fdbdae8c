package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/auth"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

const customerPassword = "correct horse battery"

// customerHash is hashed once for the test binary: every signed-in test user shares
// the password, and argon2id is slow on purpose.
var customerHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword(customerPassword)
	if err != nil {
		panic(err)
	}
	return h
})

// sessionEnv is an API test environment whose server also takes session cookies.
type sessionEnv struct {
	*env
	sessions *auth.Sessions
}

func newSessionEnv(t *testing.T, db *store.DB) *sessionEnv {
	t.Helper()
	s := auth.NewSessions(auth.SessionOptions{DB: db})
	return &sessionEnv{env: newEnv(t, db, func(o *api.Options) { o.Sessions = s }), sessions: s}
}

// member is a signed-in user: the session cookie's secret.
type member struct {
	user   *fd.User
	cookie string
}

// signIn creates a user with a password (in the organization, if not 0) and signs
// them in.
func (e *sessionEnv) signIn(t *testing.T, name string, role fd.Role, org int64) member {
	t.Helper()
	ctx := context.Background()
	email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@customer.test"
	u, err := e.dir.CreateUser(ctx, directory.NewUser{Name: name, Email: email, Role: role, OrganizationID: org, PasswordHash: customerHash()})
	if err != nil {
		t.Fatal(err)
	}
	secret, _, _, err := e.sessions.Login(ctx, email, customerPassword, "192.0.2.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	return member{user: u, cookie: secret}
}

// as calls the API with a member's session cookie and extra headers.
func (e *sessionEnv) as(t *testing.T, m member, method, path, body string, hdr ...string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: m.cookie})
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	code, out, _ := do(t, req)
	return code, out
}

// mustRequest files a request as m and returns it.
func (e *sessionEnv) mustRequest(t *testing.T, m member, body string) map[string]any {
	t.Helper()
	code, out := e.as(t, m, "POST", "/api/v2/requests.json", `{"request": `+body+`}`)
	if code != http.StatusCreated {
		t.Fatalf("create request: %d %v", code, out)
	}
	return out["request"].(map[string]any)
}

// requestIDs lists the ids of a requests listing.
func requestIDs(t *testing.T, body map[string]any) []int64 {
	t.Helper()
	list, ok := body["requests"].([]any)
	if !ok {
		t.Fatalf("no requests in %v", body)
	}
	var out []int64
	for _, r := range list {
		out = append(out, idOf(r.(map[string]any)))
	}
	return out
}

func TestSessionCookieOnTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, 0)
		if code, body := e.as(t, cleo, "GET", "/api/v2/requests.json", ""); code != 200 || len(requestIDs(t, body)) != 0 {
			t.Fatalf("GET with the cookie: %d %v", code, body)
		}
		newRequest := `{"request": {"subject": "Help", "comment": {"body": "It broke."}}}`
		for _, hdr := range [][]string{
			{"Sec-Fetch-Site", "cross-site"},
			{"Sec-Fetch-Site", "same-site"},
			{"Origin", "https://evil.test"},
		} {
			if code, body := e.as(t, cleo, "POST", "/api/v2/requests", newRequest, hdr...); code != 403 || body["error"] != "Forbidden" {
				t.Errorf("POST with %v: %d %v", hdr, code, body)
			}
		}
		if n := must(db.Read().Count(context.Background(), "tickets"))(t); n != 0 {
			t.Fatalf("refused cross-origin requests wrote %d tickets", n)
		}
		for _, hdr := range [][]string{{"Sec-Fetch-Site", "same-origin"}, {"Origin", e.srv.URL}} {
			if code, body := e.as(t, cleo, "POST", "/api/v2/requests", newRequest, hdr...); code != 201 {
				t.Errorf("POST with %v: %d %v", hdr, code, body)
			}
		}
		// An Authorization header is the credential when present, even beside a cookie.
		if code, _ := e.as(t, cleo, "GET", "/api/v2/requests", "", "Authorization", "Bearer wrong"); code != 401 {
			t.Fatalf("bad bearer beside a good cookie: %d", code)
		}
		// End-users have only the Requests API (and their profile): not the agents' tickets.
		if code, body := e.as(t, cleo, "GET", "/api/v2/tickets.json", ""); code != 403 || body["error"] != "Forbidden" {
			t.Fatalf("end-user lists tickets: %d %v", code, body)
		}
		if code, _ := e.as(t, cleo, "POST", "/api/v2/tickets.json", `{"ticket": {"comment": {"body": "x"}}}`); code != 403 {
			t.Fatalf("end-user creates a ticket: %d", code)
		}
		if code, _ := e.as(t, member{user: cleo.user, cookie: "not-a-session"}, "GET", "/api/v2/requests", ""); code != 401 {
			t.Fatalf("unknown session: %d", code)
		}

		req, _ := http.NewRequest("POST", "/access/logout", nil)
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: cleo.cookie})
		if err := e.sessions.Logout(req); err != nil {
			t.Fatal(err)
		}
		if code, body := e.as(t, cleo, "GET", "/api/v2/requests", ""); code != 401 || body["error"] != "Couldn't authenticate you" {
			t.Fatalf("after logout: %d %v", code, body)
		}
	})
}

func TestRequestLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, 0)
		group := must(e.dir.CreateGroup(context.Background(), fd.Group{Name: "Support"}))(t)
		// Agent-only fields are ignored: status, assignee, group, tags, requester.
		rq := e.mustRequest(t, cleo, `{"subject": "Printer on fire", "comment": {"body": "Smoke everywhere."},
			"priority": "high", "type": "incident", "status": "solved", "assignee_id": `+itoa(e.agent.ID)+`,
			"group_id": `+itoa(group.ID)+`, "tags": ["vip"], "requester_id": `+itoa(e.agent.ID)+`}`)
		id := idOf(rq)
		if rq["status"] != "new" || rq["assignee_id"] != nil || rq["group_id"] != nil || rq["priority"] != "high" ||
			rq["type"] != "incident" || rq["requester_id"] != float64(cleo.user.ID) || rq["description"] != "Smoke everywhere." ||
			rq["subject"] != "Printer on fire" || rq["is_public"] != true || rq["can_be_solved_by_me"] != false ||
			rq["via"].(map[string]any)["channel"] != fd.ChannelWebForm || !strings.HasSuffix(rq["url"].(string), "/api/v2/requests/"+itoa(id)+".json") {
			t.Fatalf("created request %v", rq)
		}
		if _, ok := rq["tags"]; ok {
			t.Fatalf("a request shows tags: %v", rq)
		}
		tk := must(e.tickets.Get(context.Background(), id))(t)
		if len(tk.Tags) != 0 || tk.SubmitterID != cleo.user.ID {
			t.Fatalf("ticket behind the request: %+v", tk)
		}

		// The agent answers with an internal note and a public reply, and waits.
		path := "/api/v2/tickets/" + itoa(id)
		if code, body, _ := e.call(t, "PUT", path, `{"ticket": {"comment": {"body": "Customer sounds angry; refund?", "public": false}}}`); code != 200 {
			t.Fatalf("note: %d %v", code, body)
		}
		if code, body, _ := e.call(t, "PUT", path, `{"ticket": {"status": "pending", "assignee_id": `+itoa(e.agent.ID)+`, "comment": {"body": "Unplug it, please."}}}`); code != 200 {
			t.Fatalf("reply: %d %v", code, body)
		}
		code, body := e.as(t, cleo, "GET", "/api/v2/requests/"+itoa(id)+"/comments.json", "")
		comments, _ := body["comments"].([]any)
		if code != 200 || len(comments) != 2 || body["count"] != float64(2) {
			t.Fatalf("request comments: %d %v", code, body)
		}
		var noteID float64
		_, all, _ := e.call(t, "GET", path+"/comments", "")
		for _, c := range all["comments"].([]any) {
			if c.(map[string]any)["public"] == false {
				noteID = c.(map[string]any)["id"].(float64)
			}
		}
		for _, c := range comments {
			c := c.(map[string]any)
			if c["public"] != true || c["request_id"] != float64(id) || c["type"] != "Comment" || strings.Contains(c["body"].(string), "refund") {
				t.Fatalf("request comment %v", c)
			}
		}
		if reply := comments[1].(map[string]any); reply["body"] != "Unplug it, please." || reply["author_id"] != float64(e.agent.ID) {
			t.Fatalf("reply %v", reply)
		}
		users, _ := body["users"].([]any)
		if len(users) != 2 {
			t.Fatalf("users sideload %v", body["users"])
		}
		for _, u := range users {
			u := u.(map[string]any)
			if _, leaks := u["email"]; leaks || u["agent"] != (u["id"] == float64(e.agent.ID)) {
				t.Fatalf("sideloaded user %v", u)
			}
		}
		cid := int64(comments[1].(map[string]any)["id"].(float64))
		if code, body := e.as(t, cleo, "GET", "/api/v2/requests/"+itoa(id)+"/comments/"+itoa(int64(noteID)), ""); code != 404 {
			t.Fatalf("internal note by id: %d %v", code, body)
		}
		if code, body := e.as(t, cleo, "GET", "/api/v2/requests/"+itoa(id)+"/comments/"+itoa(cid)+".json", ""); code != 200 ||
			body["comment"].(map[string]any)["body"] != "Unplug it, please." {
			t.Fatalf("one comment: %d %v", code, body)
		}
		// Cursor pages step over the note, which is not there for the requester.
		code, body = e.as(t, cleo, "GET", "/api/v2/requests/"+itoa(id)+"/comments?page[size]=1", "")
		if first := body["comments"].([]any); code != 200 || len(first) != 1 || body["meta"].(map[string]any)["has_more"] != true {
			t.Fatalf("first cursor page: %d %v", code, body)
		}
		code, body = e.as(t, cleo, "GET", strings.TrimPrefix(body["links"].(map[string]any)["next"].(string), e.srv.URL), "")
		if second := body["comments"].([]any); code != 200 || len(second) != 1 || second[0].(map[string]any)["id"] != float64(cid) ||
			body["meta"].(map[string]any)["has_more"] != false {
			t.Fatalf("second cursor page: %d %v", code, body)
		}
		if code, _ := e.as(t, cleo, "GET", "/api/v2/requests/"+itoa(id)+"/comments?page[after]=bogus", ""); code != 422 {
			t.Fatalf("bad comment cursor: %d", code)
		}
		if _, body := e.as(t, cleo, "GET", "/api/v2/requests/"+itoa(id)+"/comments?role=agent&sort_order=desc", ""); len(body["comments"].([]any)) != 1 {
			t.Fatalf("agent comments: %v", body)
		}
		// Audits (which would show the note) are not theirs to read.
		if code, _ := e.as(t, cleo, "GET", path+"/audits", ""); code != 403 {
			t.Fatalf("end-user reads audits: %d", code)
		}

		// The customer's comment reopens the pending request; anything else is ignored.
		code, body = e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(id), `{"request": {"comment": {"body": "Done, still smoking."},
			"status": "closed", "priority": "low", "assignee_id": null, "tags": ["x"], "subject": "Changed"}}`)
		if code != 200 {
			t.Fatalf("comment: %d %v", code, body)
		}
		rq = body["request"].(map[string]any)
		if rq["status"] != "open" || rq["priority"] != "high" || rq["assignee_id"] != float64(e.agent.ID) || rq["subject"] != "Printer on fire" {
			t.Fatalf("after the customer's comment: %v", rq)
		}
		all = must3(e.call(t, "GET", path+"/comments", ""))(t)
		last := all["comments"].([]any)[3].(map[string]any)
		if last["public"] != true || last["author_id"] != float64(cleo.user.ID) || last["via"].(map[string]any)["channel"] != fd.ChannelWebForm {
			t.Fatalf("the customer's comment as agents see it: %v", last)
		}

		// Now assigned, the requester may mark it solved ("true" as a string, as Zendesk's
		// own example sends it).
		if rq["can_be_solved_by_me"] != true {
			t.Fatalf("can_be_solved_by_me: %v", rq)
		}
		code, body = e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(id)+".json", `{"request": {"solved": "true", "comment": {"body": "Fixed, thanks!"}}}`)
		if code != 200 || body["request"].(map[string]any)["status"] != "solved" || body["request"].(map[string]any)["solved"] != true {
			t.Fatalf("solve: %d %v", code, body)
		}
		if code, body := e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(id), `{"request": {"solved": true}}`); code != 422 {
			t.Fatalf("solve twice: %d %v", code, body)
		}
		if code, body := e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(id), `{"request": {"comment": {"body": "Oh no, it's back."}}}`); code != 200 ||
			body["request"].(map[string]any)["status"] != "open" {
			t.Fatalf("comment on a solved request: %d %v", code, body)
		}
		m := must(e.tickets.Metrics(context.Background(), id))(t)
		if m.Reopens != 1 { // pending → open is no reopen; solved → open is
			t.Fatalf("reopens %d, want 1", m.Reopens)
		}

		// An unassigned request can't be solved by its requester.
		other := e.mustRequest(t, cleo, `{"comment": {"body": "Another thing"}}`)
		if code, body := e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(idOf(other)), `{"request": {"solved": true}}`); code != 422 || body["details"].(map[string]any)["solved"] == nil {
			t.Fatalf("solve unassigned: %d %v", code, body)
		}
		for _, bad := range []string{`{}`, `{"request": {"subject": "no comment"}}`, `{"request": {"comment": {"body": ""}}}`, `{"request": {"priority": "asap", "comment": {"body": "x"}}}`} {
			if code, body := e.as(t, cleo, "POST", "/api/v2/requests", bad); code != 422 {
				t.Errorf("create %s: %d %v", bad, code, body)
			}
		}
		if code, _ := e.as(t, cleo, "POST", "/api/v2/requests", `{"request": {"solved": "maybe", "comment": {"body": "x"}}}`); code != 400 {
			t.Errorf("solved: maybe: %d", code)
		}
	})
}

// must3 fails the test unless a call answered 200, and returns its body.
func must3(code int, body map[string]any, _ http.Header) func(*testing.T) map[string]any {
	return func(t *testing.T) map[string]any {
		t.Helper()
		if code != 200 {
			t.Fatalf("%d %v", code, body)
		}
		return body
	}
}

func TestRequestDescriptionIsNeverANote(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, 0)
		// An agent opens a ticket for the customer with an internal note first.
		id := e.mustCreate(t, `{"subject": "Callback", "requester_id": `+itoa(cleo.user.ID)+`, "comment": {"body": "VIP, handle with care", "public": false}}`)
		code, body := e.as(t, cleo, "GET", "/api/v2/requests/"+itoa(id), "")
		rq, _ := body["request"].(map[string]any)
		if code != 200 || rq["description"] != "" || rq["is_public"] != false {
			t.Fatalf("request opened by a note: %d %v", code, body)
		}
		code, body = e.as(t, cleo, "GET", "/api/v2/requests", "")
		if code != 200 || strings.Contains(must(jsonString(body))(t), "VIP") {
			t.Fatalf("listing leaks the note: %v", body)
		}
		if _, body := e.as(t, cleo, "GET", "/api/v2/requests/"+itoa(id)+"/comments", ""); len(body["comments"].([]any)) != 0 {
			t.Fatalf("comments: %v", body)
		}
		if code, body, _ := e.call(t, "PUT", "/api/v2/tickets/"+itoa(id), `{"ticket": {"comment": {"body": "We'll call you at 3."}}}`); code != 200 {
			t.Fatalf("reply: %d %v", code, body)
		}
		_, body = e.as(t, cleo, "GET", "/api/v2/requests/"+itoa(id), "")
		if rq := body["request"].(map[string]any); rq["description"] != "We'll call you at 3." || rq["is_public"] != true {
			t.Fatalf("after a public reply: %v", rq)
		}
	})
}

func TestRequestVisibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		ctx := context.Background()
		shared := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Shared Co", SharedTickets: true}))(t)
		private := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Private Co"}))(t)
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, shared.ID)
		colleague := e.signIn(t, "Colin Colleague", fd.RoleEndUser, shared.ID)
		pia := e.signIn(t, "Pia Private", fd.RoleEndUser, private.ID)
		pete := e.signIn(t, "Pete Private", fd.RoleEndUser, private.ID)
		stranger := e.signIn(t, "Stan Stranger", fd.RoleEndUser, 0)

		mine := idOf(e.mustRequest(t, cleo, `{"subject": "Mine", "comment": {"body": "cleo's own"}}`))
		// Pia copies Cleo in by email, and two people nobody knew yet.
		ccd := e.mustRequest(t, pia, `{"subject": "Copied", "comment": {"body": "pia asks"},
			"collaborators": ["`+cleo.user.Email+`", "New.Person@elsewhere.test", {"name": "Nia", "email": "nia@elsewhere.test"}]}`)
		if ccs := ccd["email_cc_ids"].([]any); len(ccs) != 3 || !slices.Contains(ccs, any(float64(cleo.user.ID))) {
			t.Fatalf("email_cc_ids %v", ccd["email_cc_ids"])
		}
		if nia, err := db.Read().UserByIdentity(ctx, fd.IdentityEmail, "nia@elsewhere.test"); err != nil || nia.Name != "Nia" || nia.Role != fd.RoleEndUser {
			t.Fatalf("copied-in stranger: %+v %v", nia, err)
		}
		piasOwn := idOf(e.mustRequest(t, pia, `{"subject": "Pia only", "comment": {"body": "private co"}}`))
		colleagues := idOf(e.mustRequest(t, colleague, `{"subject": "Colleague's", "comment": {"body": "shared co"}}`))

		sees := func(m member, id int64) int {
			code, _ := e.as(t, m, "GET", "/api/v2/requests/"+itoa(id), "")
			return code
		}
		for _, c := range []struct {
			who  member
			id   int64
			want int
		}{
			{cleo, mine, 200}, {cleo, idOf(ccd), 200}, {cleo, colleagues, 200}, {cleo, piasOwn, 404},
			{colleague, mine, 200}, {pete, piasOwn, 404}, {stranger, mine, 404}, {stranger, idOf(ccd), 404},
			{cleo, 999999, 404},
		} {
			if got := sees(c.who, c.id); got != c.want {
				t.Errorf("%s sees %d: %d, want %d", c.who.user.Name, c.id, got, c.want)
			}
		}
		for _, p := range []string{"/comments", "/comments/1"} {
			if code, _ := e.as(t, stranger, "GET", "/api/v2/requests/"+itoa(mine)+p, ""); code != 404 {
				t.Errorf("stranger GET %s: %d", p, code)
			}
		}
		if code, _ := e.as(t, stranger, "PUT", "/api/v2/requests/"+itoa(mine), `{"request": {"comment": {"body": "hi"}}}`); code != 404 {
			t.Errorf("stranger comments: %d", code)
		}
		// Copied in, Cleo may comment; seeing through the organization is not enough.
		if code, body := e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(idOf(ccd)), `{"request": {"comment": {"body": "cc here"}}}`); code != 200 {
			t.Errorf("cc comments: %d %v", code, body)
		}
		if code, body := e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(colleagues), `{"request": {"comment": {"body": "me too"}}}`); code != 403 {
			t.Errorf("organization member comments: %d %v", code, body)
		}
		// Pia takes the stranger copy off and puts Pete on.
		code, body := e.as(t, pia, "PUT", "/api/v2/requests/"+itoa(idOf(ccd)), `{"request": {"email_ccs": [
			{"user_email": "nia@elsewhere.test", "action": "delete"}, {"user_id": `+itoa(pete.user.ID)+`, "action": "put"}]}}`)
		if ccs := body["request"].(map[string]any)["email_cc_ids"].([]any); code != 200 || len(ccs) != 3 || !slices.Contains(ccs, any(float64(pete.user.ID))) {
			t.Fatalf("email_ccs change: %d %v", code, body)
		}
		if sees(pete, idOf(ccd)) != 200 {
			t.Fatal("a newly copied person can't see the request")
		}

		lists := []struct {
			who  member
			path string
			want []int64
		}{
			{cleo, "/api/v2/requests", []int64{mine}},
			{cleo, "/api/v2/requests/ccd", []int64{idOf(ccd)}},
			{pia, "/api/v2/requests.json?sort_order=desc", []int64{piasOwn, idOf(ccd)}},
			{pia, "/api/v2/requests/open", []int64{idOf(ccd), piasOwn}},
			{pia, "/api/v2/requests/solved", nil},
			{pia, "/api/v2/requests?status=solved,closed", nil},
			{pia, "/api/v2/requests/open?status=new,solved", []int64{idOf(ccd), piasOwn}},
			{pia, "/api/v2/requests/solved?status=new", nil},
			{stranger, "/api/v2/requests", nil},
		}
		for _, l := range lists {
			code, body := e.as(t, l.who, "GET", l.path, "")
			if got := requestIDs(t, body); code != 200 || !slices.Equal(got, l.want) {
				t.Errorf("%s GET %s: %d %v, want %v", l.who.user.Name, l.path, code, got, l.want)
			}
		}
		if code, body := e.as(t, pia, "GET", "/api/v2/requests?status=bogus", ""); code != 422 {
			t.Errorf("bad status: %d %v", code, body)
		}

		// An agent on the Requests API is a requester like any other.
		code, body, _ = e.call(t, "GET", "/api/v2/requests", "")
		if code != 200 || len(requestIDs(t, body)) != 0 {
			t.Fatalf("agent lists requests: %d %v", code, body)
		}
		code, body, _ = e.call(t, "POST", "/api/v2/requests", `{"request": {"comment": {"body": "my laptop"}, "status": "closed"}}`)
		if code != 201 || body["request"].(map[string]any)["requester_id"] != float64(e.agent.ID) ||
			body["request"].(map[string]any)["via"].(map[string]any)["channel"] != fd.ChannelAPI {
			t.Fatalf("agent files a request: %d %v", code, body)
		}
		if code, _, _ := e.call(t, "GET", "/api/v2/requests/"+itoa(mine), ""); code != 404 {
			t.Fatalf("an agent sees a customer's request through the Requests API: %d", code)
		}
	})
}

func TestRequestsPaging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, 0)
		var want []int64
		for range 5 {
			want = append(want, idOf(e.mustRequest(t, cleo, `{"comment": {"body": "again"}}`)))
		}
		var got []int64
		next := "/api/v2/requests.json?page[size]=2"
		for pages := 0; next != ""; pages++ {
			if pages > 3 {
				t.Fatal("cursor pages do not end")
			}
			code, body := e.as(t, cleo, "GET", strings.TrimPrefix(next, e.srv.URL), "")
			if code != 200 {
				t.Fatalf("page: %d %v", code, body)
			}
			got = append(got, requestIDs(t, body)...)
			next = ""
			if body["meta"].(map[string]any)["has_more"] == true {
				next = body["links"].(map[string]any)["next"].(string)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("cursor pages %v, want %v", got, want)
		}
		code, body := e.as(t, cleo, "GET", "/api/v2/requests?per_page=2&page=3", "")
		if code != 200 || !slices.Equal(requestIDs(t, body), want[4:]) || body["count"] != float64(5) || body["next_page"] != nil || body["previous_page"] == nil {
			t.Fatalf("offset page 3: %d %v", code, body)
		}
	})
}

func TestRequestsSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		ctx := context.Background()
		shared := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Shared Co", SharedTickets: true}))(t)
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, shared.ID)
		colleague := e.signIn(t, "Colin Colleague", fd.RoleEndUser, shared.ID)
		stranger := e.signIn(t, "Stan Stranger", fd.RoleEndUser, 0)

		printer := idOf(e.mustRequest(t, cleo, `{"subject": "Printer jams", "comment": {"body": "The printers keep jamming."}}`))
		invoice := idOf(e.mustRequest(t, cleo, `{"subject": "Invoice", "comment": {"body": "Wrong amount billed."}}`))
		// German: no language detected, indexed unstemmed on PostgreSQL.
		german := idOf(e.mustRequest(t, cleo, `{"subject": "Drucker Probleme", "comment": {"body": "Seit gestern kommen nur leere Seiten aus dem Drucker."}}`))
		strangers := idOf(e.mustRequest(t, stranger, `{"subject": "Printer", "comment": {"body": "my printer too"}}`))
		colleagues := idOf(e.mustRequest(t, colleague, `{"subject": "Printer toner", "comment": {"body": "toner empty"}}`))
		if code, body, _ := e.call(t, "PUT", "/api/v2/tickets/"+itoa(invoice), `{"ticket": {"comment": {"body": "suspected fraudster", "public": false}}}`); code != 200 {
			t.Fatalf("note: %d %v", code, body)
		}
		for _, c := range []struct {
			who   member
			query string
			want  []int64
		}{
			{cleo, "query=printer", []int64{printer}}, // stemmed: "printers", not the stranger's nor the colleague's
			{cleo, "query=billed+amount", []int64{invoice}},
			{cleo, "query=fraudster", nil}, // only in an internal note
			{cleo, "query=leere+Seiten", []int64{german}},
			{cleo, "query=printer&status=solved", nil},
			{cleo, "query=toner&organization_id=" + itoa(shared.ID), []int64{colleagues}},
			{stranger, "query=printer", []int64{strangers}},
		} {
			code, body := e.as(t, c.who, "GET", "/api/v2/requests/search.json?"+c.query, "")
			if got := requestIDs(t, body); code != 200 || !slices.Equal(got, c.want) || body["count"] != float64(len(c.want)) {
				t.Errorf("%s searches %s: %d %v, want %v", c.who.user.Name, c.query, code, body, c.want)
			}
		}
		if code, _ := e.as(t, stranger, "GET", "/api/v2/requests/search?query=toner&organization_id="+itoa(shared.ID), ""); code != 404 {
			t.Errorf("search another organization: %d", code)
		}
		if code, _ := e.as(t, cleo, "GET", "/api/v2/requests/search", ""); code != 422 {
			t.Errorf("search without a query: %d", code)
		}
		if code, _ := e.as(t, cleo, "GET", "/api/v2/requests/search?query=x&page=11", ""); code != 422 {
			t.Errorf("search past 1,000 results: %d", code)
		}
	})
}

// jsonString renders a decoded body back to text, to look for leaks anywhere in it.
func jsonString(v any) (string, error) {
	var b strings.Builder
	err := json.NewEncoder(&b).Encode(v)
	return b.String(), err
}
