package demo

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/auth"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// testNow is the "now" of the test data sets.
func testNow() time.Time { return time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC) }

// newOptions wires a directory and a ticket service over db.
func newOptions(t testing.TB, db *store.DB) Options {
	svc := ticket.New(ticket.Options{DB: db})
	t.Cleanup(svc.Close)
	return Options{DB: db, Directory: directory.New(directory.Options{DB: db}), Tickets: svc,
		Now: testNow}
}

// tables are the tables whose counts must not change when Load finds the demo loaded.
func tables() []string {
	return []string{"tickets", "comments", "audits", "ticket_metrics", "ticket_tags", "ticket_users", "outbox",
		"users", "user_identities", "organizations", "groups", "group_memberships", "brands", "attachments",
		"api_tokens", "ticket_fields", "search_index"}
}

func counts(t *testing.T, db *store.DB) map[string]int64 {
	t.Helper()
	m := map[string]int64{}
	for _, tbl := range tables() {
		n, err := db.Read().Count(context.Background(), tbl)
		if err != nil {
			t.Fatal(err)
		}
		m[tbl] = n
	}
	return m
}

func TestDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOptions(t, db)
		var last [2]int
		o.Progress = func(done, total int) { last = [2]int{done, total} }
		start := time.Now()
		res, err := Load(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("Load: %v", time.Since(start))
		if !res.Loaded || res.Tickets != 1000 || res.Token == "" || res.AdminPassword != Password ||
			res.AdminEmail != "emma.collins@acme.example" {
			t.Fatalf("result = %+v", res)
		}
		if last != [2]int{1000, 1000} {
			t.Errorf("last progress = %v, want [1000 1000]", last)
		}
		t.Run("directory", func(t *testing.T) { checkDirectory(t, db, res) })
		t.Run("tickets", func(t *testing.T) { checkTickets(t, db) })
		t.Run("idempotent", func(t *testing.T) {
			before := counts(t, db)
			again, err := Load(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			if again.Loaded || again.Token != "" || again.Tickets != 0 {
				t.Errorf("second Load = %+v, want Loaded=false, no token, no tickets", again)
			}
			if after := counts(t, db); !reflect.DeepEqual(before, after) {
				t.Errorf("second Load changed counts:\nbefore %v\nafter  %v", before, after)
			}
		})
		t.Run("synthetic", func(t *testing.T) { checkSynthetic(t, db, o) })
	})
}

func checkDirectory(t *testing.T, db *store.DB, res *Result) {
	ctx := context.Background()
	c := counts(t, db)
	for tbl, want := range map[string]int64{"brands": 2, "groups": 4, "organizations": 20, "users": 210,
		"tickets": 1000, "ticket_fields": 5, "api_tokens": 1} {
		if c[tbl] != want {
			t.Errorf("%s: %d rows, want %d", tbl, c[tbl], want)
		}
	}
	if c["user_identities"] <= 210 {
		t.Errorf("user_identities = %d: no customer has a phone or Telegram identity", c["user_identities"])
	}
	roles := map[fd.Role]int{}
	users, err := db.Read().Users(ctx, "", 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		roles[u.Role]++
	}
	if want := map[fd.Role]int{fd.RoleAdmin: 1, fd.RoleAgent: 9, fd.RoleEndUser: 200}; !reflect.DeepEqual(roles, want) {
		t.Errorf("roles = %v, want %v", roles, want)
	}
	admin, err := db.Read().UserByIdentity(ctx, fd.IdentityEmail, res.AdminEmail)
	if err != nil {
		t.Fatal(err)
	}
	if admin.Role != fd.RoleAdmin || !auth.CheckPassword(admin.PasswordHash, res.AdminPassword) {
		t.Errorf("admin %s: role %s, demo password accepted: false", admin.Email, admin.Role)
	}
	owner, _, err := db.Read().UserByToken(ctx, directory.HashToken(res.Token))
	if err != nil || owner.ID != admin.ID {
		t.Errorf("token's owner: %+v, %v; want user %d", owner, err, admin.ID)
	}
}

// allTickets reads every ticket in id order.
func allTickets(t *testing.T, db *store.DB) []*fd.Ticket {
	t.Helper()
	var out []*fd.Ticket
	var after *store.Cursor
	for {
		page, next, err := db.Read().ListTickets(context.Background(),
			store.TicketFilter{OrderBy: "id", Asc: true, Limit: 1000, After: after})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page...)
		if next == nil {
			return out
		}
		after = next
	}
}

func checkTickets(t *testing.T, db *store.DB) {
	seen := map[string]int{}
	statuses := map[fd.Status]int{}
	for _, tk := range allTickets(t, db) {
		statuses[tk.Status]++
		seen["channel "+tk.Via.Channel]++
		seen["language "+tk.Language]++
		seen["type "+string(tk.Type)]++
		if tk.ProblemID != 0 {
			seen["linked incident"]++
		}
		if !tk.DueAt.IsZero() {
			seen["due date"]++
		}
		if len(tk.CustomFields) > 0 {
			seen["custom fields"]++
		}
		if tk.CreatedAt.Before(testNow().Add(-loadWindow)) || tk.UpdatedAt.After(testNow()) {
			t.Errorf("ticket %d: created %v, updated %v; want within the 90 days before %v", tk.ID, tk.CreatedAt, tk.UpdatedAt, testNow())
		}
		if tk.Status != fd.StatusNew && tk.AssigneeID == 0 {
			t.Errorf("ticket %d is %s but unassigned", tk.ID, tk.Status)
		}
		checkComments(t, db, tk, seen)
	}
	want := map[fd.Status]int{fd.StatusNew: 100, fd.StatusOpen: 200, fd.StatusPending: 150, fd.StatusHold: 50,
		fd.StatusSolved: 300, fd.StatusClosed: 200}
	if !reflect.DeepEqual(statuses, want) {
		t.Errorf("statuses = %v, want %v", statuses, want)
	}
	for _, k := range []string{"channel email", "channel web_form", "channel chat", "channel telegram", "channel slack",
		"channel api", "channel web", "language en", "language es", "language ru", "type question", "type incident",
		"type problem", "type task", "linked incident", "due date", "custom fields", "private note",
		"agent reply", "customer follow-up"} {
		if seen[k] == 0 {
			t.Errorf("no ticket has %s", k)
		}
	}
	t.Logf("%v", seen)
}

// checkComments checks that a ticket's comments come in time order, and notes which
// kinds it has.
func checkComments(t *testing.T, db *store.DB, tk *fd.Ticket, seen map[string]int) {
	cs, err := db.Read().Comments(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cs {
		switch {
		case i > 0 && !c.CreatedAt.After(cs[i-1].CreatedAt):
			t.Errorf("ticket %d: comment %d at %v, not after the one before", tk.ID, c.ID, c.CreatedAt)
		case !c.Public:
			seen["private note"]++
		case c.AuthorID == tk.RequesterID && i > 0:
			seen["customer follow-up"]++
		case c.AuthorID == tk.AssigneeID:
			seen["agent reply"]++
		}
	}
}

func checkSynthetic(t *testing.T, db *store.DB, o Options) {
	ctx := context.Background()
	before := counts(t, db)["tickets"]
	var last [2]int
	o.Progress = func(done, total int) { last = [2]int{done, total} }
	if err := Synthetic(ctx, o, 500); err != nil {
		t.Fatal(err)
	}
	if got := counts(t, db)["tickets"]; got != before+500 {
		t.Errorf("tickets = %d, want %d", got, before+500)
	}
	if last != [2]int{500, 500} {
		t.Errorf("last progress = %v, want [500 500]", last)
	}
	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	o.Progress = func(done, total int) { cancel() }
	err := Synthetic(cctx, o, 5000)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Synthetic after cancel = %v, want context.Canceled", err)
	}
	if got := counts(t, db)["tickets"]; got >= before+500+5000 {
		t.Errorf("cancelled Synthetic wrote all its tickets (%d)", got)
	}
}

func TestSyntheticLoadsDemoFirst(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	o := newOptions(t, db)
	if err := Synthetic(context.Background(), o, 10); err != nil {
		t.Fatal(err)
	}
	if got := counts(t, db)["tickets"]; got != 1010 {
		t.Errorf("tickets = %d, want the demo's 1000 and 10", got)
	}
}

func TestPeople(t *testing.T) {
	ps := people()
	if len(ps) != 200 {
		t.Fatalf("%d people, want 200", len(ps))
	}
	if !reflect.DeepEqual(ps, people()) {
		t.Error("people differ between calls")
	}
	emails := map[string]bool{}
	var phones, telegrams int
	for _, p := range ps {
		local, domain, _ := strings.Cut(p.Email, "@")
		if emails[p.Email] || strings.Trim(local, "abcdefghijklmnopqrstuvwxyz.-") != "" || !strings.HasSuffix(p.Email, "@"+p.Domain) {
			t.Errorf("%s <%s>: want a unique ascii first.last@%s", p.Name, p.Email, domain)
		}
		emails[p.Email] = true
		phones += min(len(p.Phone), 1)
		telegrams += min(len(p.Telegram), 1)
	}
	if phones == 0 || telegrams == 0 {
		t.Errorf("%d phones, %d telegram identities; want some of each", phones, telegrams)
	}
	if got := ascii("Артём") + "." + ascii("Щукин-Ёлкин"); got != "artem.shchukin-elkin" {
		t.Errorf("ascii = %q", got)
	}
}

// fakeDesk is a desk with made-up ids, for planning without a database.
func fakeDesk() *desk {
	d := &desk{brands: map[string]*fd.Brand{"learning": {ID: 1, Name: "Acme Learning"}, "cloud": {ID: 2}},
		groups: map[string]int64{}, members: map[string][]int64{}, fields: fieldIDs{1, 2, 3, 4, 5}}
	for i, g := range groupNames() {
		d.groups[g] = int64(i + 1)
	}
	for i, a := range agents() {
		for _, g := range a.Groups {
			d.members[g] = append(d.members[g], int64(i+1))
		}
	}
	for i, p := range people() {
		if p.Telegram != "" {
			d.telegram = append(d.telegram, i)
		}
		d.customers = append(d.customers, customer{person: p, ID: int64(100 + i)})
	}
	return d
}

func TestPlanTimes(t *testing.T) {
	plans := planTickets(fakeDesk(), testNow())
	if !reflect.DeepEqual(plans, planTickets(fakeDesk(), testNow())) {
		t.Error("plans differ between runs")
	}
	finals := map[fd.Status]int{}
	for i, p := range plans {
		prev := p.create.At
		if prev.Before(testNow().Add(-loadWindow)) || !prev.Before(testNow()) {
			t.Errorf("plan %d created at %v, outside the 90 days before %v", i, prev, testNow())
		}
		final := fd.StatusNew
		for j, u := range p.steps {
			if !u.At.After(prev) || u.At.After(testNow()) {
				t.Errorf("plan %d step %d at %v: not after %v, or after now", i, j, u.At, prev)
			}
			prev = u.At
			if u.Status != nil {
				final = *u.Status
			}
		}
		finals[final]++
	}
	if finals[fd.StatusClosed] != 200 || finals[fd.StatusNew] != 100 {
		t.Errorf("final statuses = %v", finals)
	}
}

// BenchmarkSynthetic writes 20,000 synthetic tickets per iteration on top of the demo's
// 1,000 (so 21,000+ tickets), on a fresh SQLite file and, when configured, PostgreSQL;
// it reports tickets/s. Run it with -benchtime=1x.
func BenchmarkSynthetic(b *testing.B) {
	for _, dialect := range storetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			db := storetest.Open(b, dialect)
			o := newOptions(b, db)
			if _, err := Load(context.Background(), o); err != nil {
				b.Fatal(err)
			}
			const n = 20000
			for b.Loop() {
				if err := Synthetic(context.Background(), o, n); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tickets/s")
		})
	}
}

// Synthetic tickets are made in time order across the window, as a live help desk makes
// them: search plans that walk the newest matches first depend on ids rising with time.
func TestSyntheticTimesRise(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	o := newOptions(t, db)
	if _, err := Load(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	d, err := openDesk(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1000
	g := &synth{d: d, topics: topics(), now: testNow(), n: n, salt: seed << 32}
	prev := testNow().Add(-syntheticWindow - time.Second)
	for i := range n {
		at := g.ticket(i).At
		if at.Before(prev) || !at.Before(testNow()) {
			t.Fatalf("ticket %d made at %v, after %v and before now expected", i, at, prev)
		}
		prev = at
	}
	if first, last := g.ticket(0).At, g.ticket(n-1).At; last.Sub(first) < syntheticWindow*99/100 {
		t.Errorf("tickets span %v, want most of %v", last.Sub(first), syntheticWindow)
	}
}
