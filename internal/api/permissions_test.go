package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// listIDs pages through a ticket listing and returns every id in it.
func listIDs(t *testing.T, e *env, c caller, path string) []int64 {
	t.Helper()
	var got []int64
	for pages := 0; path != ""; pages++ {
		if pages > 20 {
			t.Fatal("pagination does not end")
		}
		code, body, _ := e.callAs(t, c, "GET", path, "")
		if code != http.StatusOK {
			t.Fatalf("GET %s: %d %v", path, code, body)
		}
		for _, tk := range body["tickets"].([]any) {
			got = append(got, int64(tk.(map[string]any)["id"].(float64)))
		}
		path = ""
		if next, ok := body["next_page"].(string); ok {
			path = next[len(e.srv.URL):]
		}
	}
	return got
}

func TestGroupRestrictedAgents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		billing := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Billing"}))(t)
		tech := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Tech"}))(t)
		restricted := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictGroups)
		must(e.dir.AddMember(ctx, restricted.user.ID, billing.ID))(t)
		must(e.dir.AddMember(ctx, e.agent.ID, tech.ID))(t)

		inBilling := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "refund"}, "requester_id": %d, "group_id": %d}`, e.customer.ID, billing.ID))
		inTech := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "crash"}, "requester_id": %d, "group_id": %d}`, e.customer.ID, tech.ID))
		assigned := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "mine"}, "requester_id": %d, "group_id": %d, "assignee_id": %d}`,
			e.customer.ID, billing.ID, restricted.user.ID))
		ungrouped := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "lost"}, "requester_id": %d}`, e.customer.ID))

		if got := listIDs(t, e, restricted, "/api/v2/tickets.json"); !slices.Equal(got, []int64{inBilling, assigned}) {
			t.Fatalf("restricted agent lists %v, want %v", got, []int64{inBilling, assigned})
		}
		agent := caller{user: e.agent, token: e.token}
		if got := listIDs(t, e, agent, "/api/v2/tickets.json?per_page=2"); !slices.Equal(got, []int64{inBilling, inTech, assigned, ungrouped}) {
			t.Fatalf("unrestricted agent lists %v", got)
		}
		// An invisible ticket is not found, exactly like a missing one: its id does not leak.
		for _, path := range []string{"", "/comments", "/audits", "/metrics"} {
			code, body, _ := e.callAs(t, restricted, "GET", fmt.Sprintf("/api/v2/tickets/%d%s", inTech, path), "")
			if code != http.StatusNotFound || body["error"] != "RecordNotFound" {
				t.Fatalf("restricted agent reads tech ticket%s: %d %v", path, code, body)
			}
		}
		if code, _, _ := e.callAs(t, restricted, "PUT", fmt.Sprintf("/api/v2/tickets/%d", inTech), `{"ticket": {"status": "open"}}`); code != http.StatusNotFound {
			t.Fatalf("restricted agent updates tech ticket: %d", code)
		}
		if code, _, _ := e.callAs(t, restricted, "DELETE", fmt.Sprintf("/api/v2/tickets/%d", inTech), ""); code != http.StatusNotFound {
			t.Fatalf("restricted agent deletes tech ticket: %d", code)
		}
		if code, _, _ := e.callAs(t, restricted, "PUT", fmt.Sprintf("/api/v2/tickets/%d", inBilling), `{"ticket": {"status": "open"}}`); code != http.StatusOK {
			t.Fatalf("restricted agent updates billing ticket: %d", code)
		}

		assignedOnly := e.newCaller(t, "Avery Assigned", fd.RoleAgent, fd.RestrictAssigned)
		e.call(t, "PUT", fmt.Sprintf("/api/v2/tickets/%d", inTech), fmt.Sprintf(`{"ticket": {"assignee_id": %d, "group_id": null}}`, assignedOnly.user.ID))
		if got := listIDs(t, e, assignedOnly, "/api/v2/tickets"); !slices.Equal(got, []int64{inTech}) {
			t.Fatalf("assigned-only agent lists %v", got)
		}
	})
}

func TestListByOffset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		var want []int64
		for range 5 {
			want = append(want, e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "hi"}, "requester_id": %d}`, e.customer.ID)))
		}
		code, body, _ := e.call(t, "GET", "/api/v2/tickets.json?per_page=2&page=2", "")
		if code != 200 || body["count"] != float64(5) {
			t.Fatalf("page 2: %d %v", code, body)
		}
		if body["previous_page"] != e.srv.URL+"/api/v2/tickets.json?page=1&per_page=2" {
			t.Fatalf("previous_page = %v", body["previous_page"])
		}
		agent := caller{user: e.agent, token: e.token}
		if got := listIDs(t, e, agent, "/api/v2/tickets.json?per_page=2"); !slices.Equal(got, want) {
			t.Fatalf("offset pages list %v, want %v", got, want)
		}
		slices.Reverse(want)
		if got := listIDs(t, e, agent, "/api/v2/tickets.json?per_page=2&sort_order=desc"); !slices.Equal(got, want) {
			t.Fatalf("newest first lists %v, want %v", got, want)
		}
		if got := listIDs(t, e, agent, "/api/v2/tickets.json?per_page=3&sort_by=created_at&sort_order=desc"); !slices.Equal(got, want) {
			t.Fatalf("newest created first lists %v, want %v", got, want)
		}
		if code, body, _ := e.call(t, "GET", "/api/v2/tickets.json?page=0", ""); code != http.StatusUnprocessableEntity {
			t.Fatalf("page=0: %d %v", code, body)
		}
		// Past the first 10,000 records offset pages end, as in Zendesk: cursors go on.
		if code, body, _ := e.call(t, "GET", "/api/v2/tickets.json?page=101&per_page=100", ""); code != http.StatusBadRequest {
			t.Fatalf("page 101: %d %v", code, body)
		}
	})
}

func TestCommentAndAuditPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		id := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "first"}, "requester_id": %d}`, e.customer.ID))
		for _, b := range []string{"second", "third", "fourth"} {
			if code, body, _ := e.call(t, "PUT", fmt.Sprintf("/api/v2/tickets/%d", id), `{"ticket": {"comment": {"body": "`+b+`"}}}`); code != 200 {
				t.Fatalf("comment: %d %v", code, body)
			}
		}
		var bodies []string
		next := fmt.Sprintf("/api/v2/tickets/%d/comments.json?page[size]=3", id)
		for pages := 0; next != ""; pages++ {
			if pages > 3 {
				t.Fatal("pagination does not end")
			}
			_, body, _ := e.call(t, "GET", next, "")
			for _, c := range body["comments"].([]any) {
				bodies = append(bodies, c.(map[string]any)["body"].(string))
			}
			next = ""
			if l, ok := body["links"].(map[string]any)["next"].(string); ok {
				next = l[len(e.srv.URL):]
			}
		}
		if !slices.Equal(bodies, []string{"first", "second", "third", "fourth"}) {
			t.Fatalf("comments by cursor: %v", bodies)
		}
		_, body, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/comments.json?per_page=1&page=2&sort_order=desc", id), "")
		if cs := body["comments"].([]any); len(cs) != 1 || cs[0].(map[string]any)["body"] != "third" || body["count"] != float64(4) {
			t.Fatalf("comments page 2, newest first: %v", body)
		}
		_, body, _ = e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/audits.json?per_page=2", id), "")
		if as := body["audits"].([]any); len(as) != 2 || body["next_page"] == nil || body["count"] != float64(4) {
			t.Fatalf("audits page: %v", body)
		}
	})
}
