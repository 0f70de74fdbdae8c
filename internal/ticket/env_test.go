package ticket_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// clock is the injected time source: it stands still until a test moves it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a help desk with one brand, two groups, an agent in each, an admin, and a
// customer of an organization that claims example.org addresses.
type env struct {
	ctx        context.Context
	db         *store.DB
	svc        *ticket.Service
	dir        *directory.Directory
	clock      *clock
	brand      *fd.Brand
	billing    *fd.Group
	tech       *fd.Group
	agent      *fd.User // in billing
	techAgent  *fd.User // in tech
	admin      *fd.User
	customer   *fd.User
	org        *fd.Organization
	events     chan fd.Event
	hookOutbox bool
}

func newEnv(t *testing.T, db *store.DB, opts ...func(*ticket.Options)) *env {
	return newEnvTB(t, db, opts...)
}

func newEnvTB(t testing.TB, db *store.DB, opts ...func(*ticket.Options)) *env {
	t.Helper()
	e := &env{ctx: context.Background(), db: db, events: make(chan fd.Event, 1000),
		clock: &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
	e.dir = directory.New(directory.Options{DB: db, Clock: e.clock.Now})
	o := ticket.Options{DB: db, Clock: e.clock.Now, Publish: func(ev fd.Event) {
		select { // like the bus: never hold up the writer
		case e.events <- ev:
		default:
		}
	}}
	for _, f := range opts {
		f(&o)
	}
	e.svc = ticket.New(o)
	t.Cleanup(e.svc.Close)
	e.brand = must(e.dir.CreateBrand(e.ctx, fd.Brand{Name: "Acme", Subdomain: "acme"}))(t)
	e.billing = must(e.dir.CreateGroup(e.ctx, fd.Group{Name: "Billing"}))(t)
	e.tech = must(e.dir.CreateGroup(e.ctx, fd.Group{Name: "Technical"}))(t)
	e.org = must(e.dir.CreateOrganization(e.ctx, fd.Organization{Name: "Example Org", DomainNames: []string{"example.org"}}))(t)
	e.agent = e.staff(t, "Bea Agent", "bea@acme.test", fd.RoleAgent, e.billing)
	e.techAgent = e.staff(t, "Tom Tech", "tom@acme.test", fd.RoleAgent, e.tech)
	e.admin = e.staff(t, "Ada Admin", "ada@acme.test", fd.RoleAdmin, e.billing)
	e.customer = must(e.dir.CreateUser(e.ctx, directory.NewUser{Name: "Carla Customer", Email: "carla@example.org", Locale: "es"}))(t)
	return e
}

func (e *env) staff(t testing.TB, name, email string, role fd.Role, g *fd.Group) *fd.User {
	t.Helper()
	u := must(e.dir.CreateUser(e.ctx, directory.NewUser{Name: name, Email: email, Role: role}))(t)
	must(e.dir.AddMember(e.ctx, u.ID, g.ID))(t)
	return u
}

// must unwraps a value, failing the test on error.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// mustCreateTicket files a ticket from the customer with the given subject and body.
func (e *env) mustCreateTicket(t *testing.T, subject, body string, mod ...func(*ticket.NewTicket)) *fd.Ticket {
	t.Helper()
	in := ticket.NewTicket{Subject: subject, Comment: ticket.NewComment{Body: body}, RequesterID: e.customer.ID}
	for _, m := range mod {
		m(&in)
	}
	return must(e.svc.Create(e.ctx, in))(t)
}

func (e *env) count(t *testing.T, table string) int64 {
	t.Helper()
	return must(e.db.Read().Count(e.ctx, table))(t)
}

// counts snapshots the tables a ticket write touches.
func (e *env) counts(t *testing.T) map[string]int64 {
	t.Helper()
	m := map[string]int64{}
	for _, tbl := range []string{"tickets", "comments", "audits", "ticket_metrics", "ticket_tags", "outbox", "users", "search_index", "attachments"} {
		m[tbl] = e.count(t, tbl)
	}
	return m
}

func ptr[T any](v T) *T { return &v }

// each runs a service test on both databases.
func each(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, newEnv(t, db)) })
}

func asError(err error, target **fd.Error) bool { return errors.As(err, target) }

// norm gives values the shape they have after a JSON round trip, so expected values
// compare with audit events read back from the database.
func norm(v any) any {
	switch x := v.(type) {
	case int64:
		return float64(x)
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	}
	return v
}

func equalValue(a, b any) bool { return reflect.DeepEqual(a, b) }
