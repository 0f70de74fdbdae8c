package api_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// fakeClock is a settable clock shared by the services and the API.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// exportEnv is an env whose services and API run on one clock, with an admin to export.
type exportEnv struct {
	*env
	clock *fakeClock
	admin caller
}

var exportEpoch = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// newExportEnv is newEnv with the clock given to every service, so stamps are known.
// A nil clock means the real one for the services and the API's clock from apiClock.
func newExportEnv(t *testing.T, db *store.DB, clock func() time.Time, apiClock func() time.Time) *exportEnv {
	t.Helper()
	ctx := context.Background()
	dir := directory.New(directory.Options{DB: db, Clock: clock})
	svc := ticket.New(ticket.Options{DB: db, Clock: clock})
	t.Cleanup(svc.Close)
	must(dir.CreateBrand(ctx, fd.Brand{Name: "Acme", Subdomain: "acme"}))(t)
	agent := must(dir.CreateUser(ctx, directory.NewUser{Name: "Ann Agent", Email: "ann@acme.test", Role: fd.RoleAgent}))(t)
	customer := must(dir.CreateUser(ctx, directory.NewUser{Name: "Cleo", Email: "cleo@customer.test"}))(t)
	token, _, err := dir.CreateToken(ctx, agent.Email, "tests")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(api.Options{DB: db, Tickets: svc, Directory: dir, Clock: apiClock}).Handler())
	t.Cleanup(srv.Close)
	e := &exportEnv{env: &env{srv: srv, db: db, dir: dir, tickets: svc, token: token, agent: agent, customer: customer}}
	e.admin = e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
	return e
}

// newFakeClockEnv runs everything on a fake clock starting at exportEpoch.
func newFakeClockEnv(t *testing.T, db *store.DB) *exportEnv {
	c := &fakeClock{t: exportEpoch}
	e := newExportEnv(t, db, c.now, c.now)
	e.clock = c
	return e
}

// get calls path (absolute URLs of this server too) as the admin and wants a 200.
func (e *exportEnv) get(t *testing.T, path string) map[string]any {
	t.Helper()
	code, body, _ := e.callAs(t, e.admin, "GET", strings.TrimPrefix(path, e.srv.URL), "")
	if code != 200 {
		t.Fatalf("GET %s: %d %v", path, code, body)
	}
	return body
}

func unix(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }

// listed returns the "id" of each record of a list.
func listed(body map[string]any, list string) []int64 {
	var out []int64
	for _, v := range body[list].([]any) {
		out = append(out, int64(v.(map[string]any)["id"].(float64)))
	}
	return out
}

func (e *exportEnv) createAt(t *testing.T, subject string) int64 {
	t.Helper()
	tk, err := e.tickets.Create(context.Background(), ticket.NewTicket{Subject: subject, RequesterID: e.customer.ID,
		Comment: ticket.NewComment{Body: "Body of " + subject}, Tags: []string{"export"}})
	if err != nil {
		t.Fatal(err)
	}
	return tk.ID
}

// createEachSecond creates n tickets, "Ticket 0" on, a second apart, and returns their
// ids.
func (e *exportEnv) createEachSecond(t *testing.T, n int) []int64 {
	t.Helper()
	var ids []int64
	for i := range n {
		ids = append(ids, e.createAt(t, fmt.Sprintf("Ticket %d", i)))
		e.clock.advance(time.Second)
	}
	return ids
}

func TestIncrementalTicketCursorExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newFakeClockEnv(t, db)
		ctx := context.Background()
		ids := e.createEachSecond(t, 7)
		// Ticket 1 changes last; ticket 3 is deleted, which also moves its stamp.
		must(e.tickets.Update(ctx, ticket.Update{TicketID: ids[1], ActorID: e.agent.ID, AddTags: []string{"later"}}))(t)
		e.clock.advance(time.Second)
		if err := e.tickets.Delete(ctx, ids[3]); err != nil {
			t.Fatal(err)
		}
		want := []int64{ids[0], ids[2], ids[4], ids[5], ids[6], ids[1], ids[3]}

		// Within the minute nothing is exported yet; the start time itself must be a
		// minute old.
		body := e.get(t, "/api/v2/incremental/tickets/cursor.json?start_time="+unix(exportEpoch.Add(-time.Hour)))
		if len(body["tickets"].([]any)) != 0 || body["end_of_stream"] != true || body["after_cursor"] == nil {
			t.Fatalf("young changes exported: %v", body)
		}
		// A change exactly a minute old is still excluded; a second later it is not.
		e.clock.advance(time.Minute)
		if n := len(e.get(t, "/api/v2/incremental/tickets/cursor.json?start_time="+unix(exportEpoch))["tickets"].([]any)); n != 6 {
			t.Fatalf("%d tickets exported, want all but the one changed a minute ago", n)
		}
		e.clock.advance(time.Second)

		var got []int64
		var statuses []string
		next := "/api/v2/incremental/tickets/cursor.json?per_page=3&start_time=" + unix(exportEpoch)
		pages := 0
		for {
			body = e.get(t, next)
			pages++
			got = append(got, listed(body, "tickets")...)
			for _, tk := range body["tickets"].([]any) {
				statuses = append(statuses, tk.(map[string]any)["status"].(string))
			}
			if body["before_cursor"] != nil || body["before_url"] != nil {
				t.Fatalf("before cursor on an export page: %v", body)
			}
			after := body["after_url"].(string)
			if u, _ := url.Parse(after); u.Query().Get("cursor") != body["after_cursor"] || u.Query().Has("start_time") ||
				u.Query().Get("per_page") != "3" || !strings.HasSuffix(u.Path, "/incremental/tickets/cursor.json") {
				t.Fatalf("after_url %q with cursor %v", after, body["after_cursor"])
			}
			if body["end_of_stream"] == true {
				break
			}
			if pages > 5 {
				t.Fatal("the export does not end")
			}
			next = after
		}
		if !slices.Equal(got, want) || pages != 3 {
			t.Fatalf("exported %v in %d pages, want %v in 3", got, pages, want)
		}
		if statuses[6] != "deleted" || statuses[5] != "new" {
			t.Fatalf("statuses %v: the deleted ticket must show status deleted", statuses)
		}

		// Resuming at the end: nothing new, the same cursor back.
		end := body["after_url"].(string)
		again := e.get(t, end)
		if len(again["tickets"].([]any)) != 0 || again["after_cursor"] != body["after_cursor"] || again["end_of_stream"] != true {
			t.Fatalf("resume with nothing new: %v", again)
		}
		// A change shows up once it is a minute old, and only it.
		must(e.tickets.Update(ctx, ticket.Update{TicketID: ids[4], ActorID: e.agent.ID, Status: ptr(fd.StatusOpen)}))(t)
		if n := len(e.get(t, end)["tickets"].([]any)); n != 0 {
			t.Fatalf("a change younger than a minute was exported")
		}
		e.clock.advance(time.Minute + time.Second)
		again = e.get(t, end)
		if got := listed(again, "tickets"); !slices.Equal(got, []int64{ids[4]}) || again["end_of_stream"] != true {
			t.Fatalf("after a change: %v", again)
		}
		if tk := again["tickets"].([]any)[0].(map[string]any); tk["status"] != "open" ||
			tk["generated_timestamp"] != float64(exportEpoch.Add(69*time.Second).Unix()) {
			t.Fatalf("changed ticket %v", tk)
		}

		// start_time is inclusive, to the second; exclude_deleted leaves the deleted out.
		body = e.get(t, "/api/v2/incremental/tickets/cursor?start_time="+unix(exportEpoch.Add(5*time.Second))+"&exclude_deleted=true")
		if got := listed(body, "tickets"); !slices.Equal(got, []int64{ids[5], ids[6], ids[1], ids[4]}) {
			t.Fatalf("from +5s without deleted: %v", got)
		}
		// The cursor keeps its place whatever else the URL says.
		body = e.get(t, end+"&start_time=0")
		if got := listed(body, "tickets"); !slices.Equal(got, []int64{ids[4]}) {
			t.Fatalf("cursor with a start_time: %v", got)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestIncrementalTicketTimeExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newFakeClockEnv(t, db)
		ids := e.createEachSecond(t, 5)
		e.clock.advance(time.Minute)
		seen := map[int64]int{}
		next := "/api/v2/incremental/tickets.json?per_page=2&start_time=" + unix(exportEpoch)
		var ends []any
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatal("the export does not end")
			}
			body := e.get(t, next)
			for _, id := range listed(body, "tickets") {
				seen[id]++
			}
			if body["count"] != float64(len(body["tickets"].([]any))) {
				t.Fatalf("count %v of %d tickets", body["count"], len(body["tickets"].([]any)))
			}
			ends = append(ends, body["end_time"])
			u, _ := url.Parse(body["next_page"].(string))
			if u.Query().Get("start_time") != strconv.FormatFloat(body["end_time"].(float64), 'f', -1, 64) || u.Query().Get("per_page") != "2" {
				t.Fatalf("next_page %v, end_time %v", body["next_page"], body["end_time"])
			}
			if body["end_of_stream"] == true {
				break
			}
			next = body["next_page"].(string)
		}
		// Pages end at the second of their last ticket and the next starts there, so a
		// boundary ticket comes twice: 0 1 | 1 2 | 2 3 | 3 4.
		for i, id := range ids {
			want := 2
			if i == 0 || i == len(ids)-1 {
				want = 1
			}
			if seen[id] != want {
				t.Fatalf("ticket %d exported %d times, want %d (%v)", i, seen[id], want, seen)
			}
		}
		s := exportEpoch.Unix()
		// The last page ends at the horizon: a minute before now.
		if want := []any{float64(s + 1), float64(s + 2), float64(s + 3), float64(e.clock.now().Add(-time.Minute).Unix())}; !slices.Equal(ends, want) {
			t.Fatalf("end times %v, want %v", ends, want)
		}

		// More tickets in one second than a page: the page takes the whole second and
		// the next starts after it, so the export moves on.
		e.clock.advance(time.Hour)
		burst := e.clock.now()
		var same []int64
		for i := range 5 {
			same = append(same, e.createAt(t, fmt.Sprintf("Burst %d", i)))
		}
		e.clock.advance(time.Second)
		late := e.createAt(t, "After the burst")
		e.clock.advance(2 * time.Minute)
		body := e.get(t, "/api/v2/incremental/tickets?per_page=2&start_time="+unix(burst))
		if got := listed(body, "tickets"); !slices.Equal(got, same) || body["end_time"] != float64(burst.Unix()+1) || body["end_of_stream"] != false {
			t.Fatalf("burst page: %v", body)
		}
		body = e.get(t, body["next_page"].(string))
		if got := listed(body, "tickets"); !slices.Equal(got, []int64{late}) || body["end_of_stream"] != true {
			t.Fatalf("after the burst: %v", body)
		}

		// The sample export is the same, at most 50.
		body = e.get(t, "/api/v2/incremental/tickets/sample.json?start_time=0")
		if n := len(body["tickets"].([]any)); n != 11 || body["end_of_stream"] != true {
			t.Fatalf("sample: %d tickets, %v", n, body)
		}
	})
}

func TestIncrementalUsersAndOrganizations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newFakeClockEnv(t, db)
		ctx := context.Background()
		e.clock.advance(time.Second)
		org := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Globex", DomainNames: []string{"globex.test"}, Tags: []string{"vip"}}))(t)
		e.clock.advance(time.Second)
		hank := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Hank", Email: "hank@globex.test", ExternalID: "h-1"}))(t)
		e.clock.advance(time.Second)
		org2 := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Initech"}))(t)
		e.clock.advance(time.Minute + time.Second)

		// Ann, Cleo and Ada came with the environment at the epoch; then Hank.
		var got []int64
		next := "/api/v2/incremental/users/cursor.json?per_page=2&start_time=" + unix(exportEpoch)
		for pages := 0; ; pages++ {
			if pages > 5 {
				t.Fatal("the export does not end")
			}
			body := e.get(t, next)
			got = append(got, listed(body, "users")...)
			if body["end_of_stream"] == true {
				break
			}
			next = body["after_url"].(string)
		}
		if want := []int64{e.agent.ID, e.customer.ID, e.admin.user.ID, hank.ID}; !slices.Equal(got, want) {
			t.Fatalf("users %v, want %v", got, want)
		}
		body := e.get(t, "/api/v2/incremental/users?start_time="+unix(exportEpoch.Add(time.Second)))
		users := body["users"].([]any)
		if len(users) != 1 || body["end_of_stream"] != true {
			t.Fatalf("users from +1s: %v", body)
		}
		u := users[0].(map[string]any)
		if u["id"] != float64(hank.ID) || u["email"] != "hank@globex.test" || u["organization_id"] != float64(org.ID) ||
			u["role"] != "end-user" || u["external_id"] != "h-1" || u["active"] != true || !strings.HasSuffix(u["url"].(string), "/api/v2/users/"+itoa(hank.ID)+".json") {
			t.Fatalf("exported user %v", u)
		}

		body = e.get(t, "/api/v2/incremental/organizations.json?start_time="+unix(exportEpoch))
		if got := listed(body, "organizations"); !slices.Equal(got, []int64{org.ID, org2.ID}) || body["end_of_stream"] != true {
			t.Fatalf("organizations: %v", body)
		}
		o := body["organizations"].([]any)[0].(map[string]any)
		if o["name"] != "Globex" || o["domain_names"].([]any)[0] != "globex.test" || o["tags"].([]any)[0] != "vip" {
			t.Fatalf("exported organization %v", o)
		}
		body = e.get(t, "/api/v2/incremental/organizations?per_page=1&start_time="+unix(exportEpoch))
		if got := listed(body, "organizations"); !slices.Equal(got, []int64{org.ID}) || body["end_of_stream"] != false {
			t.Fatalf("first organization page: %v", body)
		}
	})
}

func TestIncrementalTicketEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newFakeClockEnv(t, db)
		ctx := context.Background()
		id := e.createAt(t, "Printer on fire")
		e.clock.advance(time.Second)
		must(e.tickets.Update(ctx, ticket.Update{TicketID: id, ActorID: e.agent.ID, Status: ptr(fd.StatusPending),
			AddTags: []string{"hot"}, Comment: &ticket.NewComment{Body: "We're on it", Private: true}}))(t)
		e.clock.advance(time.Minute + time.Second)
		audits := must(e.tickets.Audits(ctx, id))(t)

		body := e.get(t, "/api/v2/incremental/ticket_events.json?start_time="+unix(exportEpoch))
		events := body["ticket_events"].([]any)
		if len(events) != 2 || body["end_of_stream"] != true || body["count"] != float64(2) {
			t.Fatalf("ticket events: %v", body)
		}
		created, changed := events[0].(map[string]any), events[1].(map[string]any)
		if created["id"] != float64(audits[0].ID) || created["ticket_id"] != float64(id) || created["event_type"] != "Audit" ||
			created["via"] != "Web service" || created["timestamp"] != float64(exportEpoch.Unix()) || created["updater_id"] != float64(e.customer.ID) {
			t.Fatalf("creation event %v", created)
		}
		child := func(ev map[string]any, match func(map[string]any) bool) map[string]any {
			for _, c := range ev["child_events"].([]any) {
				if c := c.(map[string]any); match(c) {
					return c
				}
			}
			t.Fatalf("no such child event in %v", ev)
			return nil
		}
		if c := child(created, func(c map[string]any) bool { return c["status"] != nil }); c["status"] != "new" || c["event_type"] != "Create" {
			t.Fatalf("status at creation %v", c)
		}
		if c := child(changed, func(c map[string]any) bool { return c["status"] != nil }); c["status"] != "pending" ||
			c["previous_value"] != "new" || c["event_type"] != "Change" || c["field_name"] != "status" {
			t.Fatalf("status change %v", c)
		}
		if c := child(changed, func(c map[string]any) bool { return c["tags"] != nil }); fmt.Sprint(c["added_tags"]) != "[hot]" ||
			fmt.Sprint(c["removed_tags"]) != "[]" {
			t.Fatalf("tag change %v", c)
		}
		if c := child(changed, func(c map[string]any) bool { return c["event_type"] == "Comment" }); c["comment_present"] != true ||
			c["comment_public"] != false || c["body"] != nil {
			t.Fatalf("comment without the sideload %v", c)
		}

		body = e.get(t, "/api/v2/incremental/ticket_events.json?include=comment_events&start_time="+unix(exportEpoch.Add(time.Second)))
		events = body["ticket_events"].([]any)
		if len(events) != 1 {
			t.Fatalf("events from +1s: %v", body)
		}
		comments := must(e.tickets.Comments(ctx, id))(t)
		c := child(events[0].(map[string]any), func(c map[string]any) bool { return c["event_type"] == "Comment" })
		if c["body"] != "We're on it" || c["public"] != false || c["id"] != float64(comments[1].ID) || c["author_id"] != float64(e.agent.ID) ||
			c["audit_id"] != float64(audits[1].ID) || c["type"] != "Comment" {
			t.Fatalf("sideloaded comment %v", c)
		}
	})
}

func TestIncrementalExportAccessAndParameters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newFakeClockEnv(t, db)
		e.clock.advance(2 * time.Minute)
		old := unix(exportEpoch)
		for _, path := range []string{"/api/v2/incremental/tickets/cursor?start_time=" + old, "/api/v2/incremental/tickets?start_time=" + old,
			"/api/v2/incremental/users/cursor?start_time=" + old, "/api/v2/incremental/users?start_time=" + old,
			"/api/v2/incremental/organizations?start_time=" + old, "/api/v2/incremental/ticket_events?start_time=" + old,
			"/api/v2/incremental/tickets/sample?start_time=" + old} {
			if code, body, _ := e.call(t, "GET", path, ""); code != 403 {
				t.Errorf("agent: %s: %d %v, want 403", path, code, body)
			}
			if code, body, _ := e.callAs(t, e.admin, "GET", path, ""); code != 200 {
				t.Errorf("admin: %s: %d %v", path, code, body)
			}
		}
		usersCursor := e.get(t, "/api/v2/incremental/users/cursor?start_time="+old)["after_cursor"].(string)
		recent := unix(e.clock.now().Add(-30 * time.Second))
		for _, c := range []struct{ path, field string }{
			{"/api/v2/incremental/tickets/cursor", "start_time"},
			{"/api/v2/incremental/tickets/cursor?start_time=yesterday", "start_time"},
			{"/api/v2/incremental/tickets/cursor?start_time=-5", "start_time"},
			{"/api/v2/incremental/tickets/cursor?start_time=" + recent, "start_time"},
			{"/api/v2/incremental/tickets/cursor?start_time=99999999999999999", "start_time"},
			{"/api/v2/incremental/tickets/cursor?cursor=bm9wZQ", "cursor"},
			{"/api/v2/incremental/tickets/cursor?cursor=%21%21", "cursor"},
			{"/api/v2/incremental/tickets/cursor?cursor=" + usersCursor, "cursor"},
			{"/api/v2/incremental/tickets/cursor?start_time=" + old + "&per_page=0", "per_page"},
			{"/api/v2/incremental/tickets?start_time=" + old + "&per_page=many", "per_page"},
			{"/api/v2/incremental/tickets?start_time=" + old + "&exclude_deleted=maybe", "exclude_deleted"},
			{"/api/v2/incremental/ticket_events", "start_time"},
			{"/api/v2/incremental/organizations?start_time=" + recent, "start_time"},
		} {
			code, body, _ := e.callAs(t, e.admin, "GET", c.path, "")
			details, _ := body["details"].(map[string]any)
			if code != 422 || body["error"] != "RecordInvalid" || details[c.field] == nil {
				t.Errorf("%s: %d %v, want 422 on %s", c.path, code, body, c.field)
			}
		}
		if code, body, _ := e.callAs(t, e.admin, "GET", "/api/v2/incremental/groups/sample?start_time="+old, ""); code != 404 || body["error"] != "InvalidEndpoint" {
			t.Errorf("sample of an unknown resource: %d %v", code, body)
		}
		// per_page past the largest is the largest.
		if code, _, _ := e.callAs(t, e.admin, "GET", "/api/v2/incremental/tickets/cursor?per_page=5000&start_time="+old, ""); code != 200 {
			t.Errorf("per_page=5000: %d", code)
		}
	})
}

// A warehouse consumer pages through the cursor export (and another through the
// time-based one) while writers keep changing tickets. Commits do not come in stamp
// order (on PostgreSQL four writers commit concurrently), which is what the horizon is
// for. Once the writers stop and the export catches up, the last version each consumer
// saw of every ticket must be its final state, the cursor consumer must never have
// seen a version twice or out of order, and every audit must have come through the
// ticket events export.
//
// The services use the real clock; the API's clock runs ahead by the lag less `slack`,
// so the exclusion here is `slack` rather than a minute: still far longer than any
// commit takes, and the test does not wait a minute. With many tickets each one rests
// between changes, so the consumers see intermediate versions as well as final ones.
func TestIncrementalExportIsExactUnderConcurrentWrites(t *testing.T) {
	const tickets, writers, slack = 500, 8, time.Second
	writeFor := 3 * time.Second
	if testing.Short() {
		writeFor = time.Second
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ahead := time.Minute - slack
		e := newExportEnv(t, db, nil, func() time.Time { return time.Now().Add(ahead) })
		ctx := context.Background()
		start := time.Now().Add(-slack - time.Second) // old enough to be a valid start_time
		ids := make([]int64, tickets)
		var created sync.WaitGroup
		for w := range writers {
			created.Go(func() {
				for i := w; i < tickets; i += writers {
					ids[i] = e.createAt(t, fmt.Sprintf("Busy %d", i))
				}
			})
		}
		created.Wait()

		var stop atomic.Bool
		var wg sync.WaitGroup
		var updates atomic.Int64
		for w := range writers {
			wg.Go(func() {
				r := rand.New(rand.NewPCG(uint64(w), 1))
				for i := 0; !stop.Load(); i++ {
					id := ids[r.IntN(len(ids))]
					u := ticket.Update{TicketID: id, ActorID: e.agent.ID, AddTags: []string{fmt.Sprintf("w%d_%d", w, i)}}
					if i%3 == 0 {
						u.Comment = &ticket.NewComment{Body: fmt.Sprintf("note %d from %d", i, w), Private: true}
					}
					if _, err := e.tickets.Update(ctx, u); err != nil {
						t.Error(err)
						return
					}
					updates.Add(1)
				}
			})
		}

		// The cursor consumer.
		cursorSeen := map[int64]string{}
		pairs := map[string]bool{}
		var lastKey string
		cursorNext := "/api/v2/incremental/tickets/cursor.json?per_page=50&start_time=" + unix(start)
		cursorPage := func() bool {
			body := e.get(t, cursorNext)
			for _, v := range body["tickets"].([]any) {
				tk := v.(map[string]any)
				id, stamp := int64(tk["id"].(float64)), tk["updated_stamp"].(string)
				key := stamp + "/" + fmt.Sprintf("%012d", id)
				if pairs[key] {
					t.Errorf("version %s of ticket %d exported twice", stamp, id)
				}
				if key <= lastKey {
					t.Errorf("export out of order: %s after %s", key, lastKey)
				}
				pairs[key], lastKey = true, key
				cursorSeen[id] = stamp
			}
			cursorNext = body["after_url"].(string)
			return body["end_of_stream"] == true
		}
		// The time-based consumer, which may see boundary versions twice.
		timeSeen := map[int64]string{}
		timeNext := "/api/v2/incremental/tickets.json?per_page=50&start_time=" + unix(start)
		timePage := func() bool {
			body := e.get(t, timeNext)
			for _, v := range body["tickets"].([]any) {
				tk := v.(map[string]any)
				id, stamp := int64(tk["id"].(float64)), tk["updated_stamp"].(string)
				if stamp < timeSeen[id] {
					t.Errorf("ticket %d went back from %s to %s", id, timeSeen[id], stamp)
				}
				timeSeen[id] = stamp
			}
			timeNext = body["next_page"].(string)
			return body["end_of_stream"] == true
		}
		auditsSeen := map[int64]bool{}
		eventsNext := "/api/v2/incremental/ticket_events.json?per_page=100&start_time=" + unix(start)
		eventsPage := func() bool {
			body := e.get(t, eventsNext)
			for _, id := range listed(body, "ticket_events") {
				auditsSeen[id] = true
			}
			eventsNext = body["next_page"].(string)
			return body["end_of_stream"] == true
		}

		// Write for writeFor, and on a busy machine longer, until there were enough
		// changes (but not forever).
		began := time.Now()
		pages := 0
		for time.Since(began) < writeFor || (updates.Load() < 2*tickets && time.Since(began) < 5*writeFor) {
			cursorPage()
			timePage()
			eventsPage()
			pages++
			time.Sleep(time.Millisecond) // a consumer polls; leave the writers the cores
		}
		stop.Store(true)
		wg.Wait()
		if t.Failed() {
			return
		}
		// Let the last commits age past the exclusion, then catch up.
		time.Sleep(slack + 100*time.Millisecond)
		for !cursorPage() {
		}
		for !timePage() {
		}
		for !eventsPage() {
		}

		var final []*fd.Ticket
		err := db.Read().ExportTickets(ctx, store.ExportQuery{Before: 1 << 62}, func(tk *store.ExportedTicket) error {
			final = append(final, &tk.Ticket)
			return nil
		})
		if err != nil || len(final) != tickets {
			t.Fatalf("%d tickets in the database (%v), want %d", len(final), err, tickets)
		}
		for _, tk := range final {
			want := tk.UpdatedAt.UTC().Format("2006-01-02T15:04:05.000000Z")
			if got := cursorSeen[tk.ID]; got != want {
				t.Errorf("cursor export: ticket %d last seen at %q, final version %q", tk.ID, got, want)
			}
			if got := timeSeen[tk.ID]; got != want {
				t.Errorf("time export: ticket %d last seen at %q, final version %q", tk.ID, got, want)
			}
		}
		var audits int
		for _, id := range ids {
			for _, au := range must(e.tickets.Audits(ctx, id))(t) {
				audits++
				if !auditsSeen[au.ID] {
					t.Errorf("audit %d of ticket %d never exported", au.ID, id)
				}
			}
		}
		t.Logf("%d updates by %d writers, %d audits, %d rounds of pages, %d versions exported by cursor",
			updates.Load(), writers, audits, pages, len(pairs))
		if updates.Load() < tickets || len(pairs) <= tickets {
			t.Fatalf("%d updates, %d versions exported: the test exercised too little", updates.Load(), len(pairs))
		}
	})
}

// A page read ahead (while the consumer loads the one before) can hold a version a
// writer has since replaced: the consumer sees it, and the new version on a later page.
func TestIncrementalExportReadAheadKeepsEveryVersion(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newFakeClockEnv(t, db)
		ctx := context.Background()
		ids := e.createEachSecond(t, 6)
		e.clock.advance(2 * time.Minute)
		type version struct {
			id    int64
			stamp string
		}
		var seen []version
		page := func(path string) (next string, end bool) {
			body := e.get(t, path)
			for _, v := range body["tickets"].([]any) {
				tk := v.(map[string]any)
				seen = append(seen, version{int64(tk["id"].(float64)), tk["updated_stamp"].(string)})
			}
			return body["after_url"].(string), body["end_of_stream"] == true
		}
		next, _ := page("/api/v2/incremental/tickets/cursor.json?per_page=2&start_time=" + unix(exportEpoch))
		time.Sleep(200 * time.Millisecond) // the second page is read ahead meanwhile
		must(e.tickets.Update(ctx, ticket.Update{TicketID: ids[2], ActorID: e.agent.ID, AddTags: []string{"later"}}))(t)
		for end := false; !end; {
			next, end = page(next)
		}
		e.clock.advance(time.Minute + time.Second)
		if next, end := page(next); !end {
			t.Fatalf("no end after the changed ticket: %s", next)
		}
		final := map[int64]string{}
		for i, v := range seen {
			if i > 0 && v.stamp < seen[i-1].stamp {
				t.Fatalf("out of order: %v", seen)
			}
			final[v.id] = v.stamp
		}
		for _, id := range ids {
			tk := must(e.tickets.Get(ctx, id))(t)
			if want := tk.UpdatedAt.UTC().Format("2006-01-02T15:04:05.000000Z"); final[id] != want {
				t.Errorf("ticket %d last seen at %q, final version %q (seen %v)", id, final[id], want, seen)
			}
		}
	})
}
