package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/jobs"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

type env struct {
	srv      *httptest.Server
	db       *store.DB
	dir      *directory.Directory
	tickets  *ticket.Service
	runner   *jobs.Runner
	token    string
	agent    *fd.User
	customer *fd.User
}

func newEnv(t testing.TB, db *store.DB, opts ...func(*api.Options)) *env {
	t.Helper()
	ctx := context.Background()
	dir := directory.New(directory.Options{DB: db})
	svc := ticket.New(ticket.Options{DB: db})
	t.Cleanup(svc.Close)
	if _, err := dir.CreateBrand(ctx, fd.Brand{Name: "Acme", Subdomain: "acme"}); err != nil {
		t.Fatal(err)
	}
	agent, err := dir.CreateUser(ctx, directory.NewUser{Name: "Ann Agent", Email: "ann@acme.test", Role: fd.RoleAgent})
	if err != nil {
		t.Fatal(err)
	}
	customer, err := dir.CreateUser(ctx, directory.NewUser{Name: "Cleo", Email: "cleo@customer.test"})
	if err != nil {
		t.Fatal(err)
	}
	token, _, err := dir.CreateToken(ctx, agent.Email, "tests")
	if err != nil {
		t.Fatal(err)
	}
	runner := jobs.New(jobs.Options{DB: db})
	o := api.Options{DB: db, Tickets: svc, Directory: dir, Jobs: runner}
	for _, f := range opts {
		f(&o)
	}
	h := api.New(o).Handler()
	runner.Start()
	t.Cleanup(func() { runner.Close(context.Background()) })
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return &env{srv: srv, db: db, dir: dir, tickets: svc, runner: runner, token: token, agent: agent, customer: customer}
}

// caller is a user with an API token, for calls as someone other than the agent.
type caller struct {
	user  *fd.User
	token string
}

// newCaller creates a user (with the restriction given, for agents) and a token.
func (e *env) newCaller(t *testing.T, name string, role fd.Role, restrict fd.TicketRestriction) caller {
	t.Helper()
	ctx := context.Background()
	u, err := e.dir.CreateUser(ctx, directory.NewUser{Name: name, Email: strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@acme.test", Role: role})
	if err != nil {
		t.Fatal(err)
	}
	if restrict != fd.RestrictNone {
		u.TicketRestriction = restrict
		if err := e.db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, u) }); err != nil {
			t.Fatal(err)
		}
	}
	token, _, err := e.dir.CreateToken(ctx, u.Email, "tests")
	if err != nil {
		t.Fatal(err)
	}
	return caller{user: u, token: token}
}

// callAs is call with another user's token.
func (e *env) callAs(t *testing.T, c caller, method, path, body string) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(c.user.Email+"/token", c.token)
	req.Header.Set("Content-Type", "application/json")
	return do(t, req)
}

// mustCreate files a ticket through the API as the agent and returns its id.
func (e *env) mustCreate(t testing.TB, ticketJSON string) int64 {
	t.Helper()
	code, body, _ := e.call(t, "POST", "/api/v2/tickets", `{"ticket": `+ticketJSON+`}`)
	if code != http.StatusCreated {
		t.Fatalf("create: %d %v", code, body)
	}
	return int64(body["ticket"].(map[string]any)["id"].(float64))
}

// call sends a request with the agent's token (HTTP Basic email/token) and decodes
// the JSON answer.
func (e *env) call(t testing.TB, method, path, body string) (int, map[string]any, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(e.agent.Email+"/token", e.token)
	req.Header.Set("Content-Type", "application/json")
	return do(t, req)
}

func do(t testing.TB, req *http.Request) (int, map[string]any, http.Header) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: %d answered non-JSON %q", req.Method, req.URL.Path, resp.StatusCode, raw)
	}
	return resp.StatusCode, out, resp.Header
}

func TestAuthentication(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		try := func(name string, set func(*http.Request), want int) {
			t.Helper()
			req, _ := http.NewRequest("GET", e.srv.URL+"/api/v2/tickets.json", nil)
			set(req)
			code, body, _ := do(t, req)
			if code != want {
				t.Errorf("%s: %d, want %d (%v)", name, code, want, body)
			}
			if want == 401 && body["error"] != "Couldn't authenticate you" {
				t.Errorf("%s: body %v", name, body)
			}
		}
		try("no credentials", func(*http.Request) {}, 401)
		try("wrong token", func(r *http.Request) { r.SetBasicAuth(e.agent.Email+"/token", "nope") }, 401)
		try("token of another user", func(r *http.Request) { r.SetBasicAuth(e.customer.Email+"/token", e.token) }, 401)
		try("password instead of token", func(r *http.Request) { r.SetBasicAuth(e.agent.Email, e.token) }, 401)
		try("basic with token", func(r *http.Request) { r.SetBasicAuth("ANN@acme.test/token", e.token) }, 200)
		try("bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+e.token) }, 200)
	})
}

func TestTicketLifecycleOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		code, body, hdr := e.call(t, "POST", "/api/v2/tickets.json", `{"ticket": {"subject": "Refund please",
			"comment": {"body": "I was charged twice."}, "requester": {"name": "Nora", "email": "nora@customer.test"},
			"priority": "high", "tags": ["Billing"]}}`)
		if code != 201 {
			t.Fatalf("create: %d %v", code, body)
		}
		tk := body["ticket"].(map[string]any)
		id := int64(tk["id"].(float64))
		if tk["status"] != "new" || tk["priority"] != "high" || tk["description"] != "I was charged twice." ||
			tk["assignee_id"] != nil || hdr.Get("Location") != tk["url"] || !strings.HasSuffix(tk["url"].(string), ".json") {
			t.Fatalf("created ticket %v (Location %q)", tk, hdr.Get("Location"))
		}
		if tags := tk["tags"].([]any); len(tags) != 1 || tags[0] != "billing" {
			t.Fatalf("tags %v", tags)
		}
		path := "/api/v2/tickets/" + itoa(id)
		for _, p := range []string{path, path + ".json"} {
			if code, got, _ := e.call(t, "GET", p, ""); code != 200 || got["ticket"].(map[string]any)["id"] != tk["id"] {
				t.Fatalf("show %s: %d %v", p, code, got)
			}
		}
		stamp := tk["updated_stamp"].(string)
		code, body, _ = e.call(t, "PUT", path, `{"ticket": {"status": "open", "assignee_id": `+itoa(e.agent.ID)+`,
			"comment": {"body": "Looking into it", "public": false}, "safe_update": true, "updated_stamp": "`+stamp+`"}}`)
		if code != 200 || body["ticket"].(map[string]any)["assignee_id"] != float64(e.agent.ID) {
			t.Fatalf("safe update: %d %v", code, body)
		}
		// The stamp is now stale: Zendesk's 409 UpdateConflict, nothing written.
		code, body, _ = e.call(t, "PUT", path, `{"ticket": {"status": "pending", "safe_update": true, "updated_stamp": "`+stamp+`"}}`)
		if code != 409 || body["error"] != "UpdateConflict" {
			t.Fatalf("stale safe update: %d %v", code, body)
		}
		// null unassigns.
		code, body, _ = e.call(t, "PUT", path+".json", `{"ticket": {"assignee_id": null}}`)
		if code != 200 || body["ticket"].(map[string]any)["assignee_id"] != nil || body["ticket"].(map[string]any)["status"] != "open" {
			t.Fatalf("unassign: %d %v", code, body)
		}

		code, body, _ = e.call(t, "GET", path+"/comments.json", "")
		comments, _ := body["comments"].([]any)
		if code != 200 || len(comments) != 2 {
			t.Fatalf("comments: %d %v", code, body)
		}
		note := comments[1].(map[string]any)
		if comments[0].(map[string]any)["public"] != true || note["public"] != false || note["body"] != "Looking into it" ||
			note["author_id"] != float64(e.agent.ID) || note["html_body"] != "<p>Looking into it</p>" {
			t.Fatalf("comments %v", comments)
		}
		code, body, _ = e.call(t, "GET", path+"/audits.json", "")
		audits, _ := body["audits"].([]any)
		if code != 200 || len(audits) != 3 {
			t.Fatalf("audits: %d %v", code, body)
		}
		var sawNote, sawUnassign bool
		for _, au := range audits {
			for _, ev := range au.(map[string]any)["events"].([]any) {
				ev := ev.(map[string]any)
				sawNote = sawNote || (ev["type"] == "Comment" && ev["body"] == "Looking into it" && ev["id"] == note["id"])
				sawUnassign = sawUnassign || (ev["type"] == "Change" && ev["field_name"] == "assignee_id" && ev["previous_value"] == float64(e.agent.ID) && ev["value"] == nil)
			}
		}
		if !sawNote || !sawUnassign {
			t.Fatalf("audit events lack the note or the unassignment: %v", audits)
		}
		code, body, _ = e.call(t, "GET", path+"/metrics.json", "")
		m, _ := body["ticket_metric"].(map[string]any)
		if code != 200 || m["assignee_stations"] != float64(1) || m["replies"] != float64(0) ||
			m["reply_time_in_minutes"].(map[string]any)["calendar"] != nil {
			t.Fatalf("metrics: %d %v", code, body)
		}

		req, _ := http.NewRequest("DELETE", e.srv.URL+path+".json", nil)
		req.SetBasicAuth(e.agent.Email+"/token", e.token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusNoContent {
			t.Fatalf("delete: %v %v", resp, err)
		}
		resp.Body.Close()
		for _, p := range []string{path, path + "/comments", path + "/audits"} {
			if code, body, _ := e.call(t, "GET", p, ""); code != 404 || body["error"] != "RecordNotFound" {
				t.Fatalf("%s after delete: %d %v", p, code, body)
			}
		}
	})
}

func TestErrorsInZendeskShapes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		cases := []struct {
			method, path, body string
			code               int
			errName            string
		}{
			{"GET", "/api/v2/tickets/999999.json", "", 404, "RecordNotFound"},
			{"GET", "/api/v2/tickets/abc", "", 404, "RecordNotFound"},
			{"GET", "/api/v2/no/such/thing.json", "", 404, "InvalidEndpoint"},
			{"POST", "/api/v2/tickets.json", `{"ticket": {"subject": "x", `, 400, "InvalidJSON"},
			{"POST", "/api/v2/tickets.json", `{"ticket": {}} {}`, 400, "InvalidJSON"},
			{"POST", "/api/v2/tickets.json", `{"ticket": {"priority": 5}}`, 400, "InvalidJSON"},
			{"POST", "/api/v2/tickets.json", `{}`, 422, "RecordInvalid"},
			{"POST", "/api/v2/tickets.json", `{"ticket": {"subject": "x"}}`, 422, "RecordInvalid"},
			{"POST", "/api/v2/tickets.json", `{"ticket": {"comment": {"body": "x"}, "status": "closed", "assignee_id": ` + itoa(e.customer.ID) + `}}`, 422, "RecordInvalid"},
			{"POST", "/api/v2/tickets.json", `{"ticket": {"comment": {"body": "` + strings.Repeat("x", api.MaxBody) + `"}}}`, 413, "RequestEntityTooLarge"},
			{"GET", "/api/v2/tickets.json?page[size]=1000", "", 422, "RecordInvalid"},
			{"GET", "/api/v2/tickets.json?page[after]=!!", "", 422, "RecordInvalid"},
		}
		for _, c := range cases {
			code, body, _ := e.call(t, c.method, c.path, c.body)
			if code != c.code || body["error"] != c.errName {
				t.Errorf("%s %s: %d %v, want %d %s", c.method, c.path, code, body["error"], c.code, c.errName)
			}
			if c.code == 422 {
				if details, ok := body["details"].(map[string]any); !ok || len(details) == 0 {
					t.Errorf("%s %s: 422 without details: %v", c.method, c.path, body)
				}
			}
		}
		n, _ := db.Read().Count(context.Background(), "tickets")
		if n != 0 {
			t.Fatalf("bad requests left %d tickets", n)
		}
	})
}

func TestListByCursor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		var want []any
		for range 7 {
			_, body, _ := e.call(t, "POST", "/api/v2/tickets", `{"ticket": {"comment": {"body": "hello"}, "requester_id": `+itoa(e.customer.ID)+`}}`)
			want = append(want, body["ticket"].(map[string]any)["id"])
		}
		var got []any
		next := "/api/v2/tickets.json?page[size]=3"
		for pages := 0; next != ""; pages++ {
			if pages > 5 {
				t.Fatal("pagination does not end")
			}
			code, body, _ := e.call(t, "GET", strings.TrimPrefix(next, e.srv.URL), "")
			if code != 200 {
				t.Fatalf("list: %d %v", code, body)
			}
			for _, tk := range body["tickets"].([]any) {
				got = append(got, tk.(map[string]any)["id"])
			}
			next = ""
			if body["meta"].(map[string]any)["has_more"] == true {
				next = body["links"].(map[string]any)["next"].(string)
			}
		}
		if len(got) != len(want) {
			t.Fatalf("listed %v, want %v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("listed %v, want %v", got, want)
			}
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestRateLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var mu sync.Mutex
		now := time.Date(2026, 5, 1, 10, 0, 15, 0, time.UTC)
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		e := newEnv(t, db, func(o *api.Options) { o.Clock, o.TokenRateLimit, o.IPRateLimit = clock, 3, 5 })
		for i := 1; i <= 3; i++ {
			code, _, h := e.call(t, "GET", "/api/v2/tickets.json", "")
			if code != 200 || h.Get("X-Rate-Limit") != "3" || h.Get("X-Rate-Limit-Remaining") != itoa(int64(3-i)) {
				t.Fatalf("request %d: %d, limit %q remaining %q", i, code, h.Get("X-Rate-Limit"), h.Get("X-Rate-Limit-Remaining"))
			}
		}
		code, body, h := e.call(t, "GET", "/api/v2/tickets.json", "")
		if code != 429 || body["error"] != "TooManyRequests" || h.Get("Retry-After") != "45" {
			t.Fatalf("over the token limit: %d %v, Retry-After %q", code, body, h.Get("Retry-After"))
		}
		// Unauthenticated calls count against the address: this is its 5th and 6th.
		req, _ := http.NewRequest("GET", e.srv.URL+"/api/v2/tickets.json", nil)
		if code, _, h := do(t, req); code != 401 || h.Get("X-Rate-Limit-Remaining") != "0" {
			t.Fatalf("5th from the address: %d, remaining %q", code, h.Get("X-Rate-Limit-Remaining"))
		}
		req, _ = http.NewRequest("GET", e.srv.URL+"/api/v2/tickets.json", nil)
		if code, _, _ := do(t, req); code != 429 {
			t.Fatalf("6th from the address: %d, want 429", code)
		}
		mu.Lock()
		now = now.Add(time.Minute)
		mu.Unlock()
		if code, _, h := e.call(t, "GET", "/api/v2/tickets.json", ""); code != 200 || h.Get("X-Rate-Limit-Remaining") != "2" {
			t.Fatalf("next minute: %d, remaining %q", code, h.Get("X-Rate-Limit-Remaining"))
		}
	})
}

// must fails the test on err and returns v.
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
