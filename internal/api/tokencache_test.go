package api_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// testClock is an API clock the test moves by hand.
type testClock struct{ micros atomic.Int64 }

func newTestClock() *testClock {
	c := &testClock{}
	c.micros.Store(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC).UnixMicro())
	return c
}

func (c *testClock) now() time.Time          { return time.UnixMicro(c.micros.Load()).UTC() }
func (c *testClock) advance(d time.Duration) { c.micros.Add(d.Microseconds()) }

// withClock sets the API's clock.
func withClock(c *testClock) func(*api.Options) {
	return func(o *api.Options) { o.Clock = c.now }
}

// expect calls path as c and fails unless the answer is want.
func (e *env) expect(t *testing.T, c caller, path string, want int, why string) {
	t.Helper()
	if code, body, _ := e.callAs(t, c, "GET", path, ""); code != want {
		t.Fatalf("%s: GET %s answered %d, want %d (%v)", why, path, code, want, body)
	}
}

// spareToken makes the agent another token, and checks (and so caches) it.
func (e *env) spareToken(t *testing.T) (caller, int64) {
	t.Helper()
	secret, tok, err := e.dir.CreateToken(context.Background(), e.agent.Email, "spare")
	if err != nil {
		t.Fatal(err)
	}
	c := caller{user: e.agent, token: secret}
	e.expect(t, c, "/api/v2/users/me", 200, "a new token")
	return c, tok.ID
}

// Every change to a caller made through this process takes effect on the very next
// request, however recently their token was checked.
func TestTokenCheckSeesChangesAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		e := newEnv(t, db, withClock(newTestClock()))
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		agent := caller{user: e.agent, token: e.token}

		// Revoked through the directory, as the CLI does.
		spare, tokenID := e.spareToken(t)
		if err := e.dir.RevokeToken(ctx, tokenID); err != nil {
			t.Fatal(err)
		}
		e.expect(t, spare, "/api/v2/users/me", 401, "a revoked token")

		// A role change: the admin, made an agent, may no longer list tokens.
		e.expect(t, admin, "/api/v2/api_tokens", 200, "an admin")
		agentRole := fd.RoleAgent
		if _, err := e.dir.UpdateUser(ctx, admin.user.ID, directory.UserChange{Role: &agentRole}); err != nil {
			t.Fatal(err)
		}
		e.expect(t, admin, "/api/v2/api_tokens", 403, "an admin made an agent")

		// A ticket restriction: the agent loses sight of a ticket they do not hold.
		id := e.mustCreate(t, `{"subject": "Printer", "comment": {"body": "jammed"}, "requester": {"name": "Pat", "email": "pat@customer.test"}}`)
		show := "/api/v2/tickets/" + itoa(id)
		e.expect(t, agent, show, 200, "an unrestricted agent")
		assigned := fd.RestrictAssigned
		if _, err := e.dir.UpdateUser(ctx, e.agent.ID, directory.UserChange{TicketRestriction: &assigned}); err != nil {
			t.Fatal(err)
		}
		e.expect(t, agent, show, 404, "an agent restricted to their assigned tickets")

		// Suspension answers 403; lifting it lets the token back in.
		suspended, lifted := true, false
		if _, err := e.dir.UpdateUser(ctx, e.agent.ID, directory.UserChange{Suspended: &suspended}); err != nil {
			t.Fatal(err)
		}
		e.expect(t, agent, "/api/v2/users/me", 403, "a suspended agent")
		if _, err := e.dir.UpdateUser(ctx, e.agent.ID, directory.UserChange{Suspended: &lifted}); err != nil {
			t.Fatal(err)
		}
		e.expect(t, agent, "/api/v2/users/me", 200, "an agent no longer suspended")

		// Deletion.
		if _, err := e.dir.DeleteUser(ctx, e.agent.ID); err != nil {
			t.Fatal(err)
		}
		e.expect(t, agent, "/api/v2/users/me", 401, "a deleted agent")
	})
}

// A change made by another process (another node on PostgreSQL, the CLI beside a
// server on SQLite) is seen once the cache's bound has passed.
func TestTokenCheckSeesOtherProcessesWithinABound(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			url := storetest.URL(t, dialect)
			db, other := openOn(t, url), openOn(t, url)
			clock := newTestClock()
			e := newEnv(t, db, withClock(clock))
			otherDir := directory.New(directory.Options{DB: other})
			agent := caller{user: e.agent, token: e.token}

			spare, tokenID := e.spareToken(t)
			if err := otherDir.RevokeToken(ctx, tokenID); err != nil {
				t.Fatal(err)
			}
			clock.advance(2 * time.Second)
			e.expect(t, spare, "/api/v2/users/me", 401, "a token revoked by another process, 2 s on")

			e.expect(t, agent, "/api/v2/users/me", 200, "the agent")
			suspended := true
			if _, err := otherDir.UpdateUser(ctx, e.agent.ID, directory.UserChange{Suspended: &suspended}); err != nil {
				t.Fatal(err)
			}
			clock.advance(2 * time.Second)
			e.expect(t, agent, "/api/v2/users/me", 403, "an agent suspended by another process, 2 s on")
		})
	}
}

// openOn opens and migrates a database at url, closed when the test ends.
func openOn(t *testing.T, url string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), store.Options{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

// A token's last use is still recorded while its checks come from the cache: at most
// once a minute, at the time of a request.
func TestTokenLastUseRecordedWhenCached(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		clock := newTestClock()
		e := newEnv(t, db, withClock(clock))
		agent := caller{user: e.agent, token: e.token}
		tokens, err := e.dir.Tokens(context.Background())
		if err != nil || len(tokens) != 1 {
			t.Fatalf("tokens: %v %v", tokens, err)
		}
		for range 3 {
			e.expect(t, agent, "/api/v2/users/me", 200, "the agent")
		}
		waitLastUse(t, db, tokens[0].ID, clock.now())
		clock.advance(90 * time.Second)
		for range 3 {
			e.expect(t, agent, "/api/v2/users/me", 200, "the agent")
		}
		waitLastUse(t, db, tokens[0].ID, clock.now())
	})
}

// waitLastUse waits for a token's last use to be recorded as at: it is written off the
// request's path.
func waitLastUse(t *testing.T, db *store.DB, tokenID int64, at time.Time) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		tok := must(db.Read().Token(context.Background(), tokenID))(t)
		if tok.LastUsedAt.Equal(at) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("last use %v, want %v", tok.LastUsedAt, at)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
