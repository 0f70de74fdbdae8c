package api_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// queue sends a bulk request as c, expects 200 with a queued job status, and returns
// the job's id.
func (e *env) queue(t *testing.T, c caller, method, path, body string) string {
	t.Helper()
	code, resp, _ := e.callAs(t, c, method, path, body)
	js, _ := resp["job_status"].(map[string]any)
	if code != http.StatusOK || js == nil {
		t.Fatalf("%s %s: %d %v", method, path, code, resp)
	}
	id, _ := js["id"].(string)
	if len(id) != 32 || js["url"] != e.srv.URL+"/api/v2/job_statuses/"+id+".json" || js["status"] != "queued" {
		t.Fatalf("%s %s: job status %v", method, path, js)
	}
	return id
}

// wait polls a job's status as c until it has finished, and returns it.
func (e *env) wait(t *testing.T, c caller, id string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, resp, _ := e.callAs(t, c, "GET", "/api/v2/job_statuses/"+id+".json", "")
		if code != http.StatusOK {
			t.Fatalf("job %s: %d %v", id, code, resp)
		}
		js := resp["job_status"].(map[string]any)
		switch js["status"] {
		case "completed", "failed":
			return js
		case "queued", "working":
		default:
			t.Fatalf("job %s: status %v", id, js["status"])
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s did not finish: %v", id, js)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// results are a finished job's results, checked to be complete and in index order.
func results(t *testing.T, js map[string]any) []map[string]any {
	t.Helper()
	list := js["results"].([]any)
	if js["progress"] != js["total"] || len(list) != int(js["total"].(float64)) {
		t.Fatalf("job progress %v of %v with %d results", js["progress"], js["total"], len(list))
	}
	out := make([]map[string]any, len(list))
	for i, r := range list {
		out[i] = r.(map[string]any)
		if out[i]["index"] != float64(i) {
			t.Fatalf("result %d has index %v", i, out[i]["index"])
		}
	}
	return out
}

// ok checks a result is the success of action on ticket id (any id when id is 0) and
// returns the ticket id.
func ok(t *testing.T, r map[string]any, action, status string, id int64) int64 {
	t.Helper()
	got, _ := r["id"].(float64)
	if r["success"] != true || r["action"] != action || r["status"] != status || got == 0 || (id != 0 && int64(got) != id) {
		t.Fatalf("result %v, want %s %s of %d", r, action, status, id)
	}
	return int64(got)
}

// failed checks a result is a failure with the error and details containing detail.
func failed(t *testing.T, r map[string]any, action, errName, detail string) {
	t.Helper()
	d, _ := r["details"].(string)
	if r["success"] != false || r["status"] != "Failed" || r["action"] != action || r["error"] != errName || !strings.Contains(d, detail) {
		t.Fatalf("result %v, want failed %s with %s %q", r, action, errName, detail)
	}
}

func (e *env) ticket(t *testing.T, id int64) map[string]any {
	t.Helper()
	code, body, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d", id), "")
	if code != http.StatusOK {
		t.Fatalf("ticket %d: %d %v", id, code, body)
	}
	return body["ticket"].(map[string]any)
}

func TestBulkTicketJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		agent := e.agentCaller()

		id := e.queue(t, agent, "POST", "/api/v2/tickets/create_many.json", fmt.Sprintf(`{"tickets": [
			{"subject": "Printer on fire", "comment": {"body": "Smoke everywhere"}, "requester_id": %d, "tags": ["Hardware"]},
			{"subject": "No comment"},
			{"comment": {"body": "Login fails"}, "requester": {"name": "Nina", "email": "nina@customer.test"}, "priority": "high"},
			{"comment": {"body": "Bad status"}, "status": "closed"}]}`, e.customer.ID))
		js := e.wait(t, agent, id)
		if js["status"] != "completed" || js["job_type"] != "create_many_tickets" || !strings.HasPrefix(js["message"].(string), "Completed at ") {
			t.Fatalf("create_many job %v", js)
		}
		res := results(t, js)
		printer := ok(t, res[0], "create", "Created", 0)
		failed(t, res[1], "create", "RecordInvalid", "comment is required")
		login := ok(t, res[2], "create", "Created", 0)
		failed(t, res[3], "create", "RecordInvalid", "status")
		if tk := e.ticket(t, printer); tk["subject"] != "Printer on fire" || tk["requester_id"] != float64(e.customer.ID) ||
			!slices.Equal(tk["tags"].([]any), []any{"hardware"}) || tk["submitter_id"] != float64(e.agent.ID) {
			t.Fatalf("created ticket %v", tk)
		}
		if tk := e.ticket(t, login); tk["priority"] != "high" || tk["via"].(map[string]any)["channel"] != "api" {
			t.Fatalf("created ticket %v", tk)
		}
		if n := must(db.Read().Count(context.Background(), "tickets"))(t); n != 2 {
			t.Fatalf("%d tickets after create_many, want 2", n)
		}

		// One change for many tickets: ?ids= with {"ticket": …}.
		id = e.queue(t, agent, "PUT", fmt.Sprintf("/api/v2/tickets/update_many.json?ids=%d,%d,999999", printer, login),
			`{"ticket": {"status": "open", "additional_tags": ["bulk"], "comment": {"body": "On it", "public": false}}}`)
		js = e.wait(t, agent, id)
		res = results(t, js)
		ok(t, res[0], "update", "Updated", printer)
		ok(t, res[1], "update", "Updated", login)
		failed(t, res[2], "update", "RecordNotFound", "not found")
		if res[2]["id"] != float64(999999) {
			t.Fatalf("not-found result names %v", res[2]["id"])
		}
		for _, tid := range []int64{printer, login} {
			if tk := e.ticket(t, tid); tk["status"] != "open" || !slices.Contains(tk["tags"].([]any), any("bulk")) {
				t.Fatalf("updated ticket %v", tk)
			}
			_, body, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/comments", tid), "")
			if cs := body["comments"].([]any); len(cs) != 2 || cs[1].(map[string]any)["body"] != "On it" || cs[1].(map[string]any)["public"] != false {
				t.Fatalf("comments of %d: %v", tid, cs)
			}
		}

		// A change of its own for each ticket: {"tickets": [{"id": …}, …]}.
		id = e.queue(t, agent, "PUT", "/api/v2/tickets/update_many", fmt.Sprintf(`{"tickets": [
			{"id": %d, "priority": "urgent"}, {"id": %d, "status": "bogus"}, {"priority": "low"}]}`, printer, login))
		res = results(t, e.wait(t, agent, id))
		ok(t, res[0], "update", "Updated", printer)
		failed(t, res[1], "update", "RecordInvalid", "status")
		failed(t, res[2], "update", "RecordInvalid", "id is required")
		if tk := e.ticket(t, printer); tk["priority"] != "urgent" {
			t.Fatalf("priority %v", tk["priority"])
		}
		if tk := e.ticket(t, login); tk["status"] != "open" || tk["priority"] != "high" {
			t.Fatalf("a failed item changed its ticket: %v", tk)
		}

		id = e.queue(t, agent, "DELETE", fmt.Sprintf("/api/v2/tickets/destroy_many.json?ids=%d,424242", printer), "")
		res = results(t, e.wait(t, agent, id))
		ok(t, res[0], "delete", "Deleted", printer)
		failed(t, res[1], "delete", "RecordNotFound", "not found")
		if code, _, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d", printer), ""); code != http.StatusNotFound {
			t.Fatalf("deleted ticket answers %d", code)
		}
		e.ticket(t, login)
	})
}

func TestBulkLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		many := make([]string, 101)
		ids := make([]string, 101)
		for i := range many {
			many[i] = `{"comment": {"body": "x"}}`
			ids[i] = fmt.Sprint(i + 1)
		}
		cases := []struct {
			method, path, body string
			code               int
			errName            string
		}{
			{"POST", "/api/v2/tickets/create_many", `{"tickets": [` + strings.Join(many, ",") + `]}`, 422, "RecordInvalid"},
			{"POST", "/api/v2/tickets/create_many", `{"tickets": []}`, 422, "RecordInvalid"},
			{"POST", "/api/v2/tickets/create_many", `{}`, 422, "RecordInvalid"},
			{"POST", "/api/v2/tickets/create_many", `{"tickets": [{"priority": 5}]}`, 400, "InvalidJSON"},
			{"POST", "/api/v2/tickets/create_many", `{"tickets": [`, 400, "InvalidJSON"},
			{"PUT", "/api/v2/tickets/update_many?ids=" + strings.Join(ids, ","), `{"ticket": {"status": "open"}}`, 422, "RecordInvalid"},
			{"PUT", "/api/v2/tickets/update_many?ids=1,2", `{}`, 422, "RecordInvalid"},
			{"PUT", "/api/v2/tickets/update_many?ids=1,abc", `{"ticket": {}}`, 422, "RecordInvalid"},
			{"PUT", "/api/v2/tickets/update_many", `{"tickets": [` + strings.Join(many, ",") + `]}`, 422, "RecordInvalid"},
			{"DELETE", "/api/v2/tickets/destroy_many?ids=" + strings.Join(ids, ","), "", 422, "RecordInvalid"},
			{"DELETE", "/api/v2/tickets/destroy_many", "", 422, "RecordInvalid"},
			{"GET", "/api/v2/tickets/show_many?ids=" + strings.Join(ids, ","), "", 422, "RecordInvalid"},
			{"GET", "/api/v2/tickets/show_many?ids=0", "", 422, "RecordInvalid"},
			{"GET", "/api/v2/job_statuses/0123456789abcdef0123456789abcdef", "", 404, "RecordNotFound"},
			{"GET", "/api/v2/job_statuses/show_many", "", 422, "RecordInvalid"},
			{"GET", "/api/v2/job_statuses?page[size]=1000", "", 422, "RecordInvalid"},
		}
		for _, c := range cases {
			code, body, _ := e.call(t, c.method, c.path, c.body)
			if code != c.code || body["error"] != c.errName {
				t.Errorf("%s %.80s: %d %v, want %d %s", c.method, c.path, code, body, c.code, c.errName)
			}
		}
		// 100 is allowed.
		e.queue(t, e.agentCaller(), "DELETE", "/api/v2/tickets/destroy_many?ids="+strings.Join(ids[:100], ","), "")
	})
}

func TestBulkPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		billing := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Billing"}))(t)
		tech := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Tech"}))(t)
		rita := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictGroups)
		must(e.dir.AddMember(ctx, rita.user.ID, billing.ID))(t)
		other := e.newCaller(t, "Otto Other", fd.RoleAgent, fd.RestrictNone)
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)

		inBilling := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "refund"}, "requester_id": %d, "group_id": %d}`, e.customer.ID, billing.ID))
		inTech := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "crash"}, "requester_id": %d, "group_id": %d}`, e.customer.ID, tech.ID))

		id := e.queue(t, rita, "PUT", fmt.Sprintf("/api/v2/tickets/update_many?ids=%d,%d", inTech, inBilling), `{"ticket": {"priority": "high"}}`)
		js := e.wait(t, rita, id)
		res := results(t, js)
		failed(t, res[0], "update", "RecordNotFound", "not found")
		ok(t, res[1], "update", "Updated", inBilling)
		if tk := e.ticket(t, inTech); tk["priority"] != nil {
			t.Fatalf("restricted agent changed an invisible ticket: %v", tk)
		}
		del := e.queue(t, rita, "DELETE", fmt.Sprintf("/api/v2/tickets/destroy_many?ids=%d", inTech), "")
		failed(t, results(t, e.wait(t, rita, del))[0], "delete", "RecordNotFound", "not found")
		e.ticket(t, inTech)

		// A job is its creator's: others get 404, admins may read it.
		for _, c := range []caller{other, e.agentCaller()} {
			if code, body, _ := e.callAs(t, c, "GET", "/api/v2/job_statuses/"+id, ""); code != http.StatusNotFound {
				t.Fatalf("%s reads another agent's job: %d %v", c.user.Name, code, body)
			}
			_, body, _ := e.callAs(t, c, "GET", "/api/v2/job_statuses/show_many?ids="+id+","+del, "")
			if got := body["job_statuses"].([]any); len(got) != 0 {
				t.Fatalf("%s shows another agent's jobs: %v", c.user.Name, got)
			}
		}
		if code, body, _ := e.callAs(t, admin, "GET", "/api/v2/job_statuses/"+id, ""); code != http.StatusOK {
			t.Fatalf("admin reads a job: %d %v", code, body)
		}
		mine := e.queue(t, other, "DELETE", fmt.Sprintf("/api/v2/tickets/destroy_many?ids=%d", inBilling), "")
		e.wait(t, other, mine)
		jobIDs := func(c caller, path string) []string {
			var got []string
			for path != "" {
				code, body, _ := e.callAs(t, c, "GET", path, "")
				if code != http.StatusOK {
					t.Fatalf("GET %s: %d %v", path, code, body)
				}
				for _, j := range body["job_statuses"].([]any) {
					got = append(got, j.(map[string]any)["id"].(string))
				}
				path = ""
				if next, ok := body["links"].(map[string]any)["next"].(string); ok {
					path = strings.TrimPrefix(next, e.srv.URL)
				}
			}
			return got
		}
		if got := jobIDs(rita, "/api/v2/job_statuses.json"); !slices.Equal(got, []string{del, id}) {
			t.Fatalf("rita lists jobs %v, want %v", got, []string{del, id})
		}
		if got := jobIDs(other, "/api/v2/job_statuses.json"); !slices.Equal(got, []string{mine}) {
			t.Fatalf("otto lists jobs %v", got)
		}
		if got := jobIDs(admin, "/api/v2/job_statuses.json?page[size]=1"); !slices.Equal(got, []string{mine, del, id}) {
			t.Fatalf("admin lists jobs %v by pages of 1", got)
		}
		_, body, _ := e.callAs(t, rita, "GET", "/api/v2/job_statuses/show_many.json?ids="+id+","+mine+","+del, "")
		if got := body["job_statuses"].([]any); len(got) != 2 {
			t.Fatalf("rita shows %v", got)
		}

		// A job runs with its creator's permissions as they are when it runs.
		rita.user.Suspended = true
		must(0, e.db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, rita.user) }))(t)
		rn := e.runner
		j := must(rn.Enqueue(ctx, "update_many_tickets", rita.user.ID, 1, map[string]any{"ids": []int64{inBilling}, "ticket": map[string]any{"priority": "low"}}))(t)
		js = e.wait(t, admin, j.ID)
		if js["status"] != "failed" || !strings.Contains(js["message"].(string), "may no longer") {
			t.Fatalf("suspended creator's job: %v", js)
		}
	})
}

func TestShowManyAndCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var mu sync.Mutex
		now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		e := newEnv(t, db, func(o *api.Options) { o.Clock = clock })
		ctx := context.Background()
		billing := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Billing"}))(t)
		rita := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictGroups)
		must(e.dir.AddMember(ctx, rita.user.ID, billing.ID))(t)
		a := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "a"}, "requester_id": %d, "group_id": %d}`, e.customer.ID, billing.ID))
		b := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "b"}, "requester_id": %d}`, e.customer.ID))
		c := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "c"}, "requester_id": %d, "group_id": %d}`, e.customer.ID, billing.ID))
		gone := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "gone"}, "requester_id": %d, "group_id": %d}`, e.customer.ID, billing.ID))
		must(0, e.tickets.Delete(ctx, gone))(t)

		show := func(cl caller, ids string) []int64 {
			t.Helper()
			code, body, _ := e.callAs(t, cl, "GET", "/api/v2/tickets/show_many.json?ids="+ids, "")
			if code != http.StatusOK || body["count"] != float64(len(body["tickets"].([]any))) {
				t.Fatalf("show_many %s: %d %v", ids, code, body)
			}
			var got []int64
			for _, tk := range body["tickets"].([]any) {
				got = append(got, int64(tk.(map[string]any)["id"].(float64)))
			}
			return got
		}
		all := fmt.Sprintf("%d,%d,999999,%d,%d,%d", c, b, gone, a, c)
		if got := show(e.agentCaller(), all); !slices.Equal(got, []int64{c, b, a}) {
			t.Fatalf("agent show_many %v, want %v", got, []int64{c, b, a})
		}
		if got := show(rita, all); !slices.Equal(got, []int64{c, a}) {
			t.Fatalf("restricted show_many %v, want %v", got, []int64{c, a})
		}

		count := func(cl caller) (float64, any) {
			t.Helper()
			code, body, _ := e.callAs(t, cl, "GET", "/api/v2/tickets/count.json", "")
			cnt, _ := body["count"].(map[string]any)
			if code != http.StatusOK || cnt == nil {
				t.Fatalf("count: %d %v", code, body)
			}
			return cnt["value"].(float64), cnt["refreshed_at"]
		}
		if n, at := count(e.agentCaller()); n != 3 || at != "2026-05-01T10:00:00Z" {
			t.Fatalf("agent counts %v at %v", n, at)
		}
		if n, _ := count(rita); n != 2 {
			t.Fatalf("restricted agent counts %v", n)
		}
		e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "d"}, "requester_id": %d}`, e.customer.ID))
		mu.Lock()
		now = now.Add(30 * time.Second)
		mu.Unlock()
		if n, at := count(e.agentCaller()); n != 3 || at != "2026-05-01T10:00:00Z" {
			t.Fatalf("within the minute the cached count %v of %v is served", n, at)
		}
		mu.Lock()
		now = now.Add(31 * time.Second)
		mu.Unlock()
		if n, at := count(e.agentCaller()); n != 4 || at != "2026-05-01T10:01:01Z" {
			t.Fatalf("after a minute the count is %v of %v", n, at)
		}
	})
}

func TestMergeOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		agent := e.agentCaller()
		dora := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Dora", Email: "dora@customer.test"}))(t)
		carl := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Carl", Email: "carl@customer.test"}))(t)
		target := e.mustCreate(t, fmt.Sprintf(`{"subject": "Cannot log in", "comment": {"body": "Login broken"}, "requester_id": %d}`, e.customer.ID))
		src1 := e.mustCreate(t, fmt.Sprintf(`{"subject": "Login again", "comment": {"body": "Still broken"}, "requester_id": %d, "email_cc_ids": [%d]}`, dora.ID, carl.ID))
		e.call(t, "PUT", fmt.Sprintf("/api/v2/tickets/%d", src1), `{"ticket": {"comment": {"body": "Secret note", "public": false}}}`)
		src2 := e.mustCreate(t, fmt.Sprintf(`{"subject": "Same here", "comment": {"body": "Me too"}, "requester_id": %d, "status": "pending"}`, e.customer.ID))

		id := e.queue(t, agent, "POST", fmt.Sprintf("/api/v2/tickets/%d/merge.json", target), fmt.Sprintf(`{"ids": [%d, %d]}`, src1, src2))
		js := e.wait(t, agent, id)
		if js["status"] != "completed" || js["job_type"] != "merge_tickets" {
			t.Fatalf("merge job %v", js)
		}
		ok(t, results(t, js)[0], "merge", "Merged", target)

		lastComment := func(tid int64) map[string]any {
			_, body, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/comments", tid), "")
			cs := body["comments"].([]any)
			return cs[len(cs)-1].(map[string]any)
		}
		for _, src := range []int64{src1, src2} {
			if tk := e.ticket(t, src); tk["status"] != "closed" {
				t.Fatalf("source %d is %v after the merge", src, tk["status"])
			}
			c := lastComment(src)
			want := fmt.Sprintf(`This request was closed and merged into request #%d "Cannot log in".`, target)
			if c["body"] != want || c["public"] != false || c["author_id"] != float64(e.agent.ID) {
				t.Fatalf("source %d comment %v", src, c)
			}
		}
		tk := e.ticket(t, target)
		if tk["status"] != "new" || !slices.Equal(tk["email_cc_ids"].([]any), []any{float64(dora.ID), float64(carl.ID)}) ||
			!slices.Equal(tk["collaborator_ids"].([]any), []any{float64(dora.ID), float64(carl.ID)}) {
			t.Fatalf("target after merge %v", tk)
		}
		c := lastComment(target)
		want := fmt.Sprintf("Request #%d \"Login again\" was closed and merged into this request. Last comment in request #%d:\n\nStill broken\n\n"+
			"Request #%d \"Same here\" was closed and merged into this request. Last comment in request #%d:\n\nMe too", src1, src1, src2, src2)
		if c["body"] != want || c["public"] != false {
			t.Fatalf("target comment %q, want %q", c["body"], want)
		}
		_, body, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/audits", src2), "")
		audits := body["audits"].([]any)
		last := audits[len(audits)-1].(map[string]any)
		var closedEvent bool
		for _, ev := range last["events"].([]any) {
			ev := ev.(map[string]any)
			closedEvent = closedEvent || (ev["field_name"] == "status" && ev["previous_value"] == "pending" && ev["value"] == "closed")
		}
		if !closedEvent || last["via"].(map[string]any)["source"].(map[string]any)["rel"] != "merge" {
			t.Fatalf("source audit %v", last)
		}

		// Comments of one's own, public; closed sources and invisible tickets refused.
		third := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "three"}, "requester_id": %d}`, e.customer.ID))
		id = e.queue(t, agent, "POST", fmt.Sprintf("/api/v2/tickets/%d/merge", target), fmt.Sprintf(`{"ids": [%d],
			"target_comment": "Combining with #%d", "source_comment": "Closing in favor of #%d",
			"target_comment_is_public": true, "source_comment_is_public": true}`, third, third, target))
		if js := e.wait(t, agent, id); js["status"] != "completed" {
			t.Fatalf("merge job %v", js)
		}
		if c := lastComment(target); c["body"] != fmt.Sprintf("Combining with #%d", third) || c["public"] != true {
			t.Fatalf("target comment %v", c)
		}
		if c := lastComment(third); c["body"] != fmt.Sprintf("Closing in favor of #%d", target) || c["public"] != true {
			t.Fatalf("source comment %v", c)
		}
		billing := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Billing"}))(t)
		rita := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictGroups)
		must(e.dir.AddMember(ctx, rita.user.ID, billing.ID))(t)
		mine := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "mine"}, "requester_id": %d, "group_id": %d}`, e.customer.ID, billing.ID))
		open := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "open"}, "requester_id": %d}`, e.customer.ID))
		refused := []struct {
			c       caller
			path    string
			body    string
			code    int
			errName string
		}{
			{agent, fmt.Sprintf("/api/v2/tickets/%d/merge", target), fmt.Sprintf(`{"ids": [%d]}`, src1), 422, "RecordInvalid"},
			{agent, fmt.Sprintf("/api/v2/tickets/%d/merge", src1), fmt.Sprintf(`{"ids": [%d]}`, open), 422, "RecordInvalid"},
			{agent, fmt.Sprintf("/api/v2/tickets/%d/merge", target), fmt.Sprintf(`{"ids": [%d]}`, target), 422, "RecordInvalid"},
			{agent, fmt.Sprintf("/api/v2/tickets/%d/merge", target), `{"ids": []}`, 422, "RecordInvalid"},
			{agent, fmt.Sprintf("/api/v2/tickets/%d/merge", target), `{"ids": [999999]}`, 404, "RecordNotFound"},
			{rita, fmt.Sprintf("/api/v2/tickets/%d/merge", mine), fmt.Sprintf(`{"ids": [%d]}`, open), 404, "RecordNotFound"},
			{rita, fmt.Sprintf("/api/v2/tickets/%d/merge", open), fmt.Sprintf(`{"ids": [%d]}`, mine), 404, "RecordNotFound"},
		}
		for _, r := range refused {
			code, body, _ := e.callAs(t, r.c, "POST", r.path, r.body)
			if code != r.code || body["error"] != r.errName {
				t.Errorf("%s POST %s %s: %d %v, want %d", r.c.user.Name, r.path, r.body, code, body, r.code)
			}
		}
		if tk := e.ticket(t, open); tk["status"] != "new" {
			t.Fatalf("refused merges changed ticket %d: %v", open, tk)
		}
		// What changed between the request and the job fails the job, with the reason.
		j := must(e.runner.Enqueue(ctx, "merge_tickets", e.agent.ID, 1, map[string]any{"target": open, "ids": []int64{src2}}))(t)
		js = e.wait(t, agent, j.ID)
		if js["status"] != "failed" || !strings.Contains(js["message"].(string), "closed") {
			t.Fatalf("merge of a closed ticket: %v", js)
		}
		failed(t, results(t, js)[0], "merge", "RecordInvalid", "closed")
	})
}

// A bulk job left by a server that died mid-way is resumed: the items recorded before
// the crash (each with its change, in one transaction) are skipped, the rest done once.
func TestBulkJobResumesAfterCrash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		done := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "first"}, "requester_id": %d}`, e.customer.ID))
		input := fmt.Sprintf(`{"tickets": [{"comment": {"body": "first"}, "requester_id": %[1]d},
			{"comment": {"body": "second"}, "requester_id": %[1]d}, {"comment": {"body": "third"}, "requester_id": %[1]d}]}`, e.customer.ID)
		id := "00112233445566778899aabbccddeeff"
		crashed := time.Now().Add(-3 * time.Minute)
		must(0, db.Write(ctx, func(tx *store.Tx) error {
			j := &store.Job{ID: id, Kind: "create_many_tickets", UserID: e.agent.ID, Total: 3, Input: []byte(input),
				CreatedAt: crashed, UpdatedAt: crashed}
			if err := tx.InsertJob(ctx, j); err != nil {
				return err
			}
			// A worker took it, finished item 0, and died; its lease ran out since.
			if _, err := tx.ClaimJob(ctx, crashed, crashed.Add(time.Minute)); err != nil {
				return err
			}
			return tx.InsertJobResult(ctx, id, store.JobResult{Index: 0, ID: done, Action: "create", Success: true, Status: "Created"})
		}))(t)
		js := e.wait(t, e.agentCaller(), id)
		res := results(t, js)
		ok(t, res[0], "create", "Created", done)
		second, third := ok(t, res[1], "create", "Created", 0), ok(t, res[2], "create", "Created", 0)
		if js["status"] != "completed" || second == third || second == done {
			t.Fatalf("resumed job %v", js)
		}
		if n := must(db.Read().Count(ctx, "tickets"))(t); n != 3 {
			t.Fatalf("%d tickets after the resumed job, want 3", n)
		}
		if tk := e.ticket(t, third); tk["description"] != "third" {
			t.Fatalf("third item made %v", tk)
		}
	})
}
