package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// endUser is a caller whose role is end-user. Tokens are made for staff only, so the
// user is made an agent, given a token, and then turned into an end-user: the token
// shows what the API lets an end-user do.
func (e *env) endUser(t *testing.T, name string) caller {
	t.Helper()
	c := e.newCaller(t, name, fd.RoleAgent, fd.RestrictNone)
	c.user.Role = fd.RoleEndUser
	ctx := context.Background()
	if err := e.db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, c.user) }); err != nil {
		t.Fatal(err)
	}
	return c
}

// raw sends a request as c and returns the response with its whole body, for answers
// that are not JSON.
func (e *env) raw(t *testing.T, c caller, method, path, contentType string, body io.Reader) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(c.user.Email+"/token", c.token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

func tagsOf(t *testing.T, body map[string]any) []string {
	t.Helper()
	list, ok := body["tags"].([]any)
	if !ok {
		t.Fatalf("no tags in %v", body)
	}
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = v.(string)
	}
	return out
}

func TestTicketTagsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		id := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "hi"}, "requester_id": %d, "tags": ["billing"]}`, e.customer.ID))
		path := fmt.Sprintf("/api/v2/tickets/%d/tags", id)

		if code, body, _ := e.call(t, "GET", path+".json", ""); code != 200 || !slices.Equal(tagsOf(t, body), []string{"billing"}) {
			t.Fatalf("list: %d %v", code, body)
		}
		if code, body, _ := e.call(t, "POST", path, `{"tags": ["VIP", "refund"]}`); code != 201 || !slices.Equal(tagsOf(t, body), []string{"refund", "vip"}) {
			t.Fatalf("set: %d %v", code, body)
		}
		if code, body, _ := e.call(t, "PUT", path, `{"tags": "urgent, printer"}`); code != 200 || !slices.Equal(tagsOf(t, body), []string{"printer", "refund", "urgent", "vip"}) {
			t.Fatalf("add: %d %v", code, body)
		}
		resp, b := e.raw(t, e.agentCaller(), "DELETE", path+".json", "application/json", strings.NewReader(`{"tags": ["printer"]}`))
		if resp.StatusCode != http.StatusNoContent || len(b) != 0 {
			t.Fatalf("remove by body: %d %q", resp.StatusCode, b)
		}
		if resp, b := e.raw(t, e.agentCaller(), "DELETE", path+"?tags=vip,refund", "", nil); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("remove by query: %d %q", resp.StatusCode, b)
		}
		code, body, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d", id), "")
		tk := body["ticket"].(map[string]any)
		if code != 200 || !slices.Equal(tagsOf(t, tk), []string{"urgent"}) {
			t.Fatalf("ticket after tag changes: %d %v", code, tk)
		}
		// Every change went through the ticket service: four audits of tags besides the
		// creation.
		_, body, _ = e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/audits", id), "")
		changes := 0
		for _, au := range body["audits"].([]any) {
			for _, ev := range au.(map[string]any)["events"].([]any) {
				if ev := ev.(map[string]any); ev["type"] == "Change" && ev["field_name"] == "tags" {
					changes++
				}
			}
		}
		if changes != 4 {
			t.Fatalf("%d tag changes audited, want 4", changes)
		}

		// safe_update: the stamp read must still be current, else 409 and nothing written.
		stamp := tk["updated_stamp"].(string)
		e.call(t, "PUT", fmt.Sprintf("/api/v2/tickets/%d", id), `{"ticket": {"priority": "high"}}`)
		code, body, _ = e.call(t, "PUT", path, `{"tags": ["stale"], "safe_update": "true", "updated_stamp": "`+stamp+`"}`)
		if code != http.StatusConflict || body["error"] != "UpdateConflict" {
			t.Fatalf("stale safe update: %d %v", code, body)
		}
		_, body, _ = e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d", id), "")
		tk = body["ticket"].(map[string]any)
		if slices.Contains(tagsOf(t, tk), "stale") {
			t.Fatal("a refused safe update wrote its tag")
		}
		for _, fresh := range []string{tk["updated_stamp"].(string), tk["updated_at"].(string)} {
			if code, body, _ := e.call(t, "PUT", path, `{"tags": ["fresh"], "safe_update": true, "updated_stamp": "`+fresh+`"}`); code != 200 {
				t.Fatalf("safe update with current stamp %s: %d %v", fresh, code, body)
			}
			_, body, _ = e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d", id), "")
			tk = body["ticket"].(map[string]any)
		}

		for _, bad := range []struct{ method, body string }{{"PUT", `{}`}, {"PUT", `{"tags": []}`}, {"POST", `{"nope": 1}`}} {
			if code, body, _ := e.call(t, bad.method, path, bad.body); code != 422 {
				t.Fatalf("%s %s: %d %v", bad.method, bad.body, code, body)
			}
		}
		if code, _, _ := e.call(t, "PUT", path, `{"tags": 5}`); code != 400 {
			t.Fatalf("tags of the wrong type: %d", code)
		}

		restricted := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictAssigned)
		customer := e.endUser(t, "Erin End")
		for _, m := range []string{"GET", "POST", "PUT", "DELETE"} {
			if code, body, _ := e.callAs(t, restricted, m, path, `{"tags": ["x"]}`); code != 404 || body["error"] != "RecordNotFound" {
				t.Fatalf("restricted agent %s tags: %d %v", m, code, body)
			}
			if code, _, _ := e.callAs(t, customer, m, path, `{"tags": ["x"]}`); code != 403 {
				t.Fatalf("end-user %s tags: %d", m, code)
			}
		}
	})
}

func TestCollaboratorsAndIncidents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		billing := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Billing"}))(t)
		restricted := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictGroups)
		must(e.dir.AddMember(ctx, restricted.user.ID, billing.ID))(t)
		other := e.newCaller(t, "Otto Other", fd.RoleAgent, fd.RestrictNone)

		problem := e.mustCreate(t, fmt.Sprintf(`{"subject": "Printer on fire", "type": "problem", "comment": {"body": "fire"},
			"requester_id": %d, "group_id": %d, "collaborator_ids": [%d], "follower_ids": [%d], "email_cc_ids": [%d, %d]}`,
			e.customer.ID, billing.ID, other.user.ID, e.agent.ID, e.customer.ID, other.user.ID))
		code, body, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/collaborators.json", problem), "")
		users, _ := body["users"].([]any)
		if code != 200 || len(users) != 3 || body["count"] != float64(3) {
			t.Fatalf("collaborators: %d %v", code, body)
		}
		var names []string
		for _, u := range users {
			u := u.(map[string]any)
			names = append(names, u["name"].(string))
			if u["url"] == nil || u["role"] == nil || u["user_fields"] == nil {
				t.Fatalf("user not in Zendesk's shape: %v", u)
			}
		}
		if !slices.Equal(names, []string{"Ann Agent", "Cleo", "Otto Other"}) {
			t.Fatalf("collaborators %v", names)
		}

		var incidents []int64
		for i := range 3 {
			group := ""
			if i < 2 {
				group = fmt.Sprintf(`, "group_id": %d`, billing.ID)
			}
			incidents = append(incidents, e.mustCreate(t, fmt.Sprintf(`{"type": "incident", "problem_id": %d, "comment": {"body": "also burning"}, "requester_id": %d%s}`,
				problem, e.customer.ID, group)))
		}
		e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "unrelated"}, "requester_id": %d}`, e.customer.ID))
		agent := e.agentCaller()
		if got := listIDs(t, e, agent, fmt.Sprintf("/api/v2/tickets/%d/incidents.json?per_page=2", problem)); !slices.Equal(got, incidents) {
			t.Fatalf("incidents %v, want %v", got, incidents)
		}
		if got := listIDs(t, e, restricted, fmt.Sprintf("/api/v2/tickets/%d/incidents", problem)); !slices.Equal(got, incidents[:2]) {
			t.Fatalf("restricted agent sees incidents %v, want %v", got, incidents[:2])
		}
		code, body, _ = e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/incidents?page[size]=2", problem), "")
		if code != 200 || len(body["tickets"].([]any)) != 2 || body["meta"].(map[string]any)["has_more"] != true {
			t.Fatalf("incidents by cursor: %d %v", code, body)
		}
		if got := listIDs(t, e, agent, fmt.Sprintf("/api/v2/tickets/%d/incidents", incidents[0])); len(got) != 0 {
			t.Fatalf("an incident has incidents: %v", got)
		}

		hidden := e.mustCreate(t, fmt.Sprintf(`{"type": "problem", "comment": {"body": "secret"}, "requester_id": %d, "collaborator_ids": [%d]}`, e.customer.ID, other.user.ID))
		customer := e.endUser(t, "Erin End")
		for _, p := range []string{"collaborators", "incidents"} {
			path := fmt.Sprintf("/api/v2/tickets/%d/%s", hidden, p)
			if code, _, _ := e.callAs(t, restricted, "GET", path, ""); code != 404 {
				t.Fatalf("restricted agent %s: %d", p, code)
			}
			if code, _, _ := e.callAs(t, customer, "GET", path, ""); code != 403 {
				t.Fatalf("end-user %s: %d", p, code)
			}
		}
	})
}

func TestMakePrivateOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		id := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "my card is 4111 1111 1111 1111"}, "requester_id": %d}`, e.customer.ID))
		_, body, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/comments", id), "")
		comment := int64(body["comments"].([]any)[0].(map[string]any)["id"].(float64))
		path := fmt.Sprintf("/api/v2/tickets/%d/comments/%d/make_private", id, comment)

		restricted := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictAssigned)
		if code, _, _ := e.callAs(t, restricted, "PUT", path, ""); code != 404 {
			t.Fatalf("restricted agent: %d", code)
		}
		if code, _, _ := e.callAs(t, e.endUser(t, "Erin End"), "PUT", path, ""); code != 403 {
			t.Fatalf("end-user: %d", code)
		}
		other := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "other"}, "requester_id": %d}`, e.customer.ID))
		for _, bad := range []string{fmt.Sprintf("/api/v2/tickets/%d/comments/%d/make_private", other, comment),
			fmt.Sprintf("/api/v2/tickets/%d/comments/abc/make_private", id)} {
			if code, body, _ := e.call(t, "PUT", bad, ""); code != 404 || body["error"] != "RecordNotFound" {
				t.Fatalf("%s: %d %v", bad, code, body)
			}
		}

		resp, b := e.raw(t, e.agentCaller(), "PUT", path+".json", "", nil)
		if resp.StatusCode != 200 || len(b) != 0 {
			t.Fatalf("make private: %d %q", resp.StatusCode, b)
		}
		_, body, _ = e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/comments", id), "")
		if body["comments"].([]any)[0].(map[string]any)["public"] != false {
			t.Fatalf("comment still public: %v", body)
		}
		_, body, _ = e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/audits", id), "")
		audits := body["audits"].([]any)
		last := audits[len(audits)-1].(map[string]any)
		ev := last["events"].([]any)[0].(map[string]any)
		if len(audits) != 2 || last["author_id"] != float64(e.agent.ID) || ev["type"] != "CommentPrivacyChange" ||
			ev["comment_id"] != float64(comment) || ev["public"] != false {
			t.Fatalf("audit of the change: %v", last)
		}
	})
}

func TestDeletedTicketsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		restricted := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictAssigned)
		var ids []int64
		for i := range 3 {
			ids = append(ids, e.mustCreate(t, fmt.Sprintf(`{"subject": "Spam %d", "comment": {"body": "buy"}, "requester_id": %d, "status": "open"}`, i, e.customer.ID)))
		}
		mine := e.mustCreate(t, fmt.Sprintf(`{"subject": "Mine", "comment": {"body": "x"}, "requester_id": %d, "assignee_id": %d}`, e.customer.ID, restricted.user.ID))
		kept := e.mustCreate(t, fmt.Sprintf(`{"subject": "Kept", "comment": {"body": "x"}, "requester_id": %d}`, e.customer.ID))
		for _, id := range append(slices.Clone(ids), mine) {
			if resp, b := e.raw(t, e.agentCaller(), "DELETE", fmt.Sprintf("/api/v2/tickets/%d", id), "", nil); resp.StatusCode != 204 {
				t.Fatalf("delete %d: %d %s", id, resp.StatusCode, b)
			}
		}
		all := append(slices.Clone(ids), mine)

		code, body, _ := e.call(t, "GET", "/api/v2/deleted_tickets.json", "")
		list, _ := body["deleted_tickets"].([]any)
		if code != 200 || len(list) != 4 || body["count"] != float64(4) {
			t.Fatalf("deleted tickets: %d %v", code, body)
		}
		first := list[0].(map[string]any)
		if first["id"] != float64(ids[0]) || first["subject"] != "Spam 0" || first["previous_state"] != "open" ||
			first["deleted_at"] == nil || first["actor"].(map[string]any)["name"] != "Ann Agent" {
			t.Fatalf("deleted ticket %v", first)
		}
		agent := e.agentCaller()
		deletedIDs := func(c caller, path string) []int64 {
			var got []int64
			for path != "" {
				code, body, _ := e.callAs(t, c, "GET", path, "")
				if code != 200 {
					t.Fatalf("%s: %d %v", path, code, body)
				}
				for _, d := range body["deleted_tickets"].([]any) {
					got = append(got, int64(d.(map[string]any)["id"].(float64)))
				}
				path = ""
				if next, ok := body["next_page"].(string); ok {
					path = strings.TrimPrefix(next, e.srv.URL)
				}
				if meta, ok := body["meta"].(map[string]any); ok && meta["has_more"] == true {
					path = strings.TrimPrefix(body["links"].(map[string]any)["next"].(string), e.srv.URL)
				}
			}
			return got
		}
		if got := deletedIDs(agent, "/api/v2/deleted_tickets?per_page=3"); !slices.Equal(got, all) {
			t.Fatalf("offset pages %v, want %v", got, all)
		}
		if got := deletedIDs(agent, "/api/v2/deleted_tickets?page[size]=3"); !slices.Equal(got, all) {
			t.Fatalf("cursor pages %v, want %v", got, all)
		}
		reversed := slices.Clone(all)
		slices.Reverse(reversed)
		if got := deletedIDs(agent, "/api/v2/deleted_tickets?sort_by=deleted_at&sort_order=desc&page[size]=2"); !slices.Equal(got, reversed) {
			t.Fatalf("newest deletion first %v, want %v", got, reversed)
		}
		if got := deletedIDs(restricted, "/api/v2/deleted_tickets"); !slices.Equal(got, []int64{mine}) {
			t.Fatalf("restricted agent sees deleted %v", got)
		}
		if code, _, _ := e.callAs(t, e.endUser(t, "Erin End"), "GET", "/api/v2/deleted_tickets", ""); code != 403 {
			t.Fatalf("end-user lists deleted tickets: %d", code)
		}

		// Restoring is for admins.
		restore := fmt.Sprintf("/api/v2/deleted_tickets/%d/restore", ids[0])
		if code, body, _ := e.call(t, "PUT", restore, ""); code != 403 {
			t.Fatalf("agent restores: %d %v", code, body)
		}
		if resp, b := e.raw(t, admin, "PUT", restore+".json", "", nil); resp.StatusCode != 200 || len(b) != 0 {
			t.Fatalf("admin restores: %d %q", resp.StatusCode, b)
		}
		if code, _, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d", ids[0]), ""); code != 200 {
			t.Fatalf("restored ticket: %d", code)
		}
		if code, body, _ := e.callAs(t, admin, "PUT", restore, ""); code != 404 {
			t.Fatalf("restoring a live ticket: %d %v", code, body)
		}
		// restore_many restores all or, when one id is not a deleted ticket, none.
		many := fmt.Sprintf("/api/v2/deleted_tickets/restore_many?ids=%d,%d,%d", ids[1], ids[2], kept)
		if code, body, _ := e.callAs(t, admin, "PUT", many, ""); code != 404 {
			t.Fatalf("restore_many with a live ticket: %d %v", code, body)
		}
		if got := deletedIDs(agent, "/api/v2/deleted_tickets"); len(got) != 3 {
			t.Fatalf("a refused restore_many restored some: %v", got)
		}
		var tooMany []string
		for i := range 101 {
			tooMany = append(tooMany, fmt.Sprint(i+1))
		}
		for _, bad := range []string{"", "?ids=", "?ids=1,x", "?ids=" + strings.Join(tooMany, ",")} {
			if code, _, _ := e.callAs(t, admin, "PUT", "/api/v2/deleted_tickets/restore_many"+bad, ""); code != 422 {
				t.Fatalf("restore_many%s: %d", bad, code)
			}
		}
		if code, _, _ := e.call(t, "PUT", fmt.Sprintf("/api/v2/deleted_tickets/restore_many?ids=%d", ids[1]), ""); code != 403 {
			t.Fatalf("agent restore_many: %d", code)
		}
		resp, b := e.raw(t, admin, "PUT", fmt.Sprintf("/api/v2/deleted_tickets/restore_many.json?ids=%d,%d", ids[1], ids[2]), "", nil)
		if resp.StatusCode != 200 || len(b) != 0 {
			t.Fatalf("restore_many: %d %q", resp.StatusCode, b)
		}
		if got := deletedIDs(agent, "/api/v2/deleted_tickets"); !slices.Equal(got, []int64{mine}) {
			t.Fatalf("after restore_many, deleted: %v", got)
		}
	})
}

func TestIdempotencyKeyOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		post := func(c caller, key, body string) (int, map[string]any, http.Header) {
			t.Helper()
			req, _ := http.NewRequest("POST", e.srv.URL+"/api/v2/tickets.json", strings.NewReader(body))
			req.SetBasicAuth(c.user.Email+"/token", c.token)
			req.Header.Set("Content-Type", "application/json")
			if key != "" {
				req.Header.Set("Idempotency-Key", key)
			}
			return do(t, req)
		}
		body := fmt.Sprintf(`{"ticket": {"subject": "Feedback", "comment": {"body": "love it"}, "requester_id": %d}}`, e.customer.ID)
		agent := e.agentCaller()
		code, first, h := post(agent, "fb-1", body)
		if code != 201 || h.Get("X-Idempotency-Lookup") != "miss" {
			t.Fatalf("first: %d %v, lookup %q", code, first, h.Get("X-Idempotency-Lookup"))
		}
		id := first["ticket"].(map[string]any)["id"]
		// The same request again (whitespace aside): the original ticket, nothing new.
		code, again, h := post(agent, "fb-1", strings.ReplaceAll(body, ": ", ":"))
		if code != 201 || h.Get("X-Idempotency-Lookup") != "hit" || again["ticket"].(map[string]any)["id"] != id || h.Get("Location") == "" {
			t.Fatalf("retry: %d %v, lookup %q", code, again, h.Get("X-Idempotency-Lookup"))
		}
		code, errBody, h := post(agent, "fb-1", strings.Replace(body, "love it", "hate it", 1))
		if code != 400 || errBody["error"] != "IdempotentRequestError" || h.Get("X-Idempotency-Lookup") != "hit" {
			t.Fatalf("same key, other body: %d %v", code, errBody)
		}
		if code, _, _ := post(agent, strings.Repeat("k", 256), body); code != 400 {
			t.Fatalf("overlong key: %d", code)
		}
		// Keys are per user.
		other := e.newCaller(t, "Otto Other", fd.RoleAgent, fd.RestrictNone)
		if code, b, h := post(other, "fb-1", body); code != 201 || h.Get("X-Idempotency-Lookup") != "miss" || b["ticket"].(map[string]any)["id"] == id {
			t.Fatalf("another user's key: %d %v", code, b)
		}
		// Without a key every request is new.
		if code, b, h := post(agent, "", body); code != 201 || h.Get("X-Idempotency-Lookup") != "" || b["ticket"].(map[string]any)["id"] == id {
			t.Fatalf("no key: %d %v", code, b)
		}
		// A request that failed validation recorded nothing: fixed, the key creates.
		if code, _, _ := post(agent, "fb-2", `{"ticket": {"subject": "x"}}`); code != 422 {
			t.Fatalf("invalid with key: %d", code)
		}
		if code, _, h := post(agent, "fb-2", body); code != 201 || h.Get("X-Idempotency-Lookup") != "miss" {
			t.Fatalf("key after a failed request: %d", code)
		}

		// Concurrent requests with one key create one ticket; all answer it.
		var wg sync.WaitGroup
		got := make([]any, 12)
		for i := range got {
			wg.Go(func() {
				code, b, _ := post(agent, "burst", body)
				if code == 201 {
					got[i] = b["ticket"].(map[string]any)["id"]
				}
			})
		}
		wg.Wait()
		for i := range got {
			if got[i] == nil || got[i] != got[0] {
				t.Fatalf("burst answers %v", got)
			}
		}
		if n := must(db.Read().Count(context.Background(), "tickets"))(t); n != 5 {
			t.Fatalf("%d tickets stored, want 5", n)
		}
	})
}
