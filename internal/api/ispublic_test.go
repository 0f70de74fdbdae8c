package api_test

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// publicFixture is an env whose API clock runs two minutes ahead, so the incremental
// export (which leaves out its last minute) already sends what was just written. Its
// requester is an end-user in an organization, so every listing of tickets can be read.
type publicFixture struct {
	*env
	admin, requester caller
	org              int64
}

func newPublicFixture(t *testing.T, db *store.DB) *publicFixture {
	e := newEnv(t, db, func(o *api.Options) { o.Clock = func() time.Time { return time.Now().Add(2 * time.Minute) } })
	f := &publicFixture{env: e, admin: e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone), requester: e.endUser(t, "Rita")}
	f.org = idOf(obj(e.want(t, 201, f.admin, "POST", "/api/v2/organizations", `{"organization": {"name": "Initech"}}`), "organization"))
	e.want(t, 200, f.admin, "PUT", "/api/v2/users/"+itoa(f.requester.user.ID), fmt.Sprintf(`{"user": {"organization_id": %d}}`, f.org))
	return f
}

// create files a ticket for the requester as the agent, its first comment public or not.
func (f *publicFixture) create(t *testing.T, subject string, public bool) int64 {
	t.Helper()
	return f.mustCreate(t, fmt.Sprintf(`{"subject": %q, "comment": {"body": "First words", "public": %t}, "requester_id": %d}`,
		subject, public, f.requester.user.ID))
}

// comment adds a comment to a ticket as the agent and returns its id.
func (f *publicFixture) comment(t *testing.T, id int64, public bool) int64 {
	t.Helper()
	f.want(t, 200, f.agentCaller(), "PUT", "/api/v2/tickets/"+itoa(id), fmt.Sprintf(`{"ticket": {"comment": {"body": "More words", "public": %t}}}`, public))
	comments := list(f.want(t, 200, f.agentCaller(), "GET", "/api/v2/tickets/"+itoa(id)+"/comments", ""), "comments")
	return idOf(comments[len(comments)-1])
}

func (f *publicFixture) makePrivate(t *testing.T, id, comment int64) {
	t.Helper()
	f.wantEmpty(t, 200, f.agentCaller(), "PUT", fmt.Sprintf("/api/v2/tickets/%d/comments/%d/make_private", id, comment))
}

// checkPublic checks is_public of a ticket wherever the API renders it: the ticket, the
// listings (all, show_many, the requester's, the organization's), search (its results,
// and the is_public: term), the incremental export, and the requester's request.
func (f *publicFixture) checkPublic(t *testing.T, id int64, want bool) {
	t.Helper()
	agent, tid := f.agentCaller(), itoa(id)
	seen := map[string]map[string]any{
		"ticket":           obj(f.want(t, 200, agent, "GET", "/api/v2/tickets/"+tid, ""), "ticket"),
		"tickets":          byID(list(f.want(t, 200, agent, "GET", "/api/v2/tickets", ""), "tickets"), id),
		"show_many":        byID(list(f.want(t, 200, agent, "GET", "/api/v2/tickets/show_many?ids="+tid, ""), "tickets"), id),
		"user's tickets":   byID(list(f.want(t, 200, agent, "GET", "/api/v2/users/"+itoa(f.requester.user.ID)+"/tickets/requested", ""), "tickets"), id),
		"org's tickets":    byID(list(f.want(t, 200, agent, "GET", "/api/v2/organizations/"+itoa(f.org)+"/tickets", ""), "tickets"), id),
		"search":           byID(list(f.want(t, 200, agent, "GET", "/api/v2/search?query="+url.QueryEscape(fmt.Sprintf("type:ticket is_public:%t", want)), ""), "results"), id),
		"export by cursor": byID(list(f.want(t, 200, f.admin, "GET", "/api/v2/incremental/tickets/cursor?start_time=0", ""), "tickets"), id),
		"export by time":   byID(list(f.want(t, 200, f.admin, "GET", "/api/v2/incremental/tickets?start_time=0", ""), "tickets"), id),
		"request":          obj(f.want(t, 200, f.requester, "GET", "/api/v2/requests/"+tid, ""), "request"),
	}
	for where, tk := range seen {
		if tk == nil {
			t.Errorf("ticket %d is missing from %s", id, where)
		} else if tk["is_public"] != want {
			t.Errorf("ticket %d in %s: is_public %v, want %t", id, where, tk["is_public"], want)
		}
	}
	other := list(f.want(t, 200, agent, "GET", "/api/v2/search?query="+url.QueryEscape(fmt.Sprintf("type:ticket is_public:%t", !want)), ""), "results")
	if byID(other, id) != nil {
		t.Errorf("ticket %d is found by is_public:%t", id, !want)
	}
}

// A ticket is public while any of its comments is, as Zendesk's is_public: one opened
// with an internal note is not, until a public comment is added; making its only
// public comment private makes it private again; merges add their comment's privacy.
func TestTicketIsPublicFollowsItsComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newPublicFixture(t, db)
		code, body, _ := f.call(t, "POST", "/api/v2/tickets", fmt.Sprintf(`{"ticket": {"subject": "Noted", "comment": {"body": "Internal", "public": false}, "requester_id": %d}}`, f.requester.user.ID))
		if code != 201 || obj(body, "ticket")["is_public"] != false {
			t.Fatalf("create with an internal note: %d %v", code, body)
		}
		noted := idOf(obj(body, "ticket"))
		f.checkPublic(t, noted, false)
		f.comment(t, noted, false)
		f.checkPublic(t, noted, false)
		reply := f.comment(t, noted, true)
		f.checkPublic(t, noted, true)
		f.makePrivate(t, noted, reply)
		f.checkPublic(t, noted, false)

		// Another public comment keeps the ticket public while one is made private.
		asked := f.create(t, "Asked", true)
		f.checkPublic(t, asked, true)
		second := f.comment(t, asked, true)
		first := idOf(list(f.want(t, 200, f.agentCaller(), "GET", "/api/v2/tickets/"+itoa(asked)+"/comments", ""), "comments")[0])
		f.makePrivate(t, asked, first)
		f.checkPublic(t, asked, true)
		f.makePrivate(t, asked, second)
		f.checkPublic(t, asked, false)

		// A merge's comment on the target is an internal note unless asked otherwise: a
		// public source leaves a private target private, a public merge comment makes it
		// public. The sources' closing notes are private too.
		target, source := f.create(t, "Target", false), f.create(t, "Source", true)
		f.merge(t, target, source, false)
		f.checkPublic(t, target, false)
		f.checkPublic(t, source, true)
		other := f.create(t, "Other", false)
		f.merge(t, target, other, true)
		f.checkPublic(t, target, true)
		f.checkPublic(t, other, false)
	})
}

// merge merges source into target over the API and waits for the job.
func (f *publicFixture) merge(t *testing.T, target, source int64, public bool) {
	t.Helper()
	agent := f.agentCaller()
	job := f.wait(t, agent, f.queue(t, agent, "POST", fmt.Sprintf("/api/v2/tickets/%d/merge", target),
		fmt.Sprintf(`{"ids": [%d], "target_comment_is_public": %t}`, source, public)))
	if job["status"] != "completed" || results(t, job)[0]["success"] != true {
		t.Fatalf("merge of %d into %d: %v", source, target, job)
	}
}
