package api_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// searchNow is the API's clock in the search tests; the fixture's tickets are dated
// relative to it.
var searchNow = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

// searchFixture is a small help desk to search: five live tickets and a deleted one,
// people, organizations, groups, brands and custom fields, with names for each.
type searchFixture struct {
	*env
	ids               map[string]int64 // name → id of every record, as "ticket:refund", "user:nora", …
	plan, escalated   int64            // custom field ids
	rita              caller           // an agent restricted to the Billing group
	endUser           caller           // an end-user with a token (made an agent to get one, then demoted)
	billing, technics int64
}

func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }

func newSearchFixture(t *testing.T, db *store.DB) *searchFixture {
	t.Helper()
	ctx := context.Background()
	e := newEnv(t, db, func(o *api.Options) { o.Clock = func() time.Time { return searchNow } })
	f := &searchFixture{env: e, ids: map[string]int64{}}
	acme := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Acme Corp", DomainNames: []string{"acme-corp.test"},
		Tags: []string{"enterprise"}, Notes: "Key account", Details: "London office", ExternalID: "org-acme"}))(t)
	globex := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Globex", Tags: []string{"smb"}}))(t)
	billing := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Billing", Description: "Payments and invoices"}))(t)
	technical := must(e.dir.CreateGroup(ctx, fd.Group{Name: "Technical", Description: "Deep technical issues"}))(t)
	brand := must(e.dir.CreateBrand(ctx, fd.Brand{Name: "Globex Help", Subdomain: "globex"}))(t)
	bob := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Bob Builder", Email: "bob@acme.test", Role: fd.RoleAgent}))(t)
	nora := must(e.dir.CreateUser(ctx, directory.NewUser{Name: "Nora Nightingale", Email: "nora@acme-corp.test",
		Tags: []string{"vip"}, Notes: "Prefers email", ExternalID: "ext-nora"}))(t)
	nora.Details = "Lives in London"
	must(0, db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, nora) }))(t)
	must(e.dir.AddMember(ctx, bob.ID, technical.ID))(t)
	must(e.dir.AddMember(ctx, e.agent.ID, billing.ID))(t)
	must(e.dir.AddMember(ctx, e.agent.ID, technical.ID))(t)
	must(e.dir.AddMember(ctx, bob.ID, billing.ID))(t)
	f.rita = e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictGroups)
	must(e.dir.AddMember(ctx, f.rita.user.ID, billing.ID))(t)
	f.endUser = e.newCaller(t, "Eve Enduser", fd.RoleAgent, fd.RestrictNone)
	f.endUser.user.Role = fd.RoleEndUser
	must(0, db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, f.endUser.user) }))(t)
	f.billing, f.technics = billing.ID, technical.ID
	plan := must(e.tickets.CreateField(ctx, fd.TicketField{Type: fd.FieldDropdown, Title: "Plan", Active: true,
		Options: []fd.FieldOption{{Name: "Pro", Value: "pro"}, {Name: "Basic", Value: "basic"}}}))(t)
	escalated := must(e.tickets.CreateField(ctx, fd.TicketField{Type: fd.FieldCheckbox, Title: "Escalated", Active: true}))(t)
	f.plan, f.escalated = plan.ID, escalated.ID
	for name, id := range map[string]int64{"org:acme": acme.ID, "org:globex": globex.ID, "group:billing": billing.ID,
		"group:technical": technical.ID, "user:ann": e.agent.ID, "user:bob": bob.ID, "user:nora": nora.ID,
		"user:cleo": e.customer.ID, "user:rita": f.rita.user.ID, "user:eve": f.endUser.user.ID} {
		f.ids[name] = id
	}

	create := func(name string, in ticket.NewTicket) int64 {
		t.Helper()
		tk := must(e.tickets.Create(ctx, in))(t)
		f.ids["ticket:"+name] = tk.ID
		return tk.ID
	}
	update := func(in ticket.Update) {
		t.Helper()
		in.ActorID = e.agent.ID
		must(e.tickets.Update(ctx, in))(t)
	}
	refund := create("refund", ticket.NewTicket{Subject: "Refund for a double charge",
		Comment:     ticket.NewComment{Body: "I was charged twice for my subscription this month."},
		RequesterID: nora.ID, AssigneeID: e.agent.ID, GroupID: billing.ID, Status: fd.StatusOpen, Priority: fd.PriorityHigh,
		Type: fd.TypeIncident, Tags: []string{"billing", "vip"}, Via: fd.Via{Channel: fd.ChannelEmail},
		EmailCCIDs: []int64{e.customer.ID}, CustomFields: map[int64]any{plan.ID: "pro", escalated.ID: true},
		At: searchNow.Add(-days(10))})
	update(ticket.Update{TicketID: refund, Comment: &ticket.NewComment{Body: "We have issued the refund; the banks take a few days."},
		At: searchNow.Add(-days(9))})
	create("login", ticket.NewTicket{Subject: "Cannot log in", Comment: ticket.NewComment{Body: "The password reset email never arrives."},
		RequesterID: e.customer.ID, Status: fd.StatusNew, Priority: fd.PriorityNormal, Type: fd.TypeQuestion,
		Tags: []string{"account"}, Via: fd.Via{Channel: fd.ChannelWebForm}, At: searchNow.Add(-2 * time.Hour)})
	invoice := create("invoice", ticket.NewTicket{Subject: "Invoice address change",
		Comment:     ticket.NewComment{Body: "Please upgrade my account to the annual plan and send the invoice to our new address."},
		RequesterID: nora.ID, AssigneeID: bob.ID, GroupID: billing.ID, Status: fd.StatusOpen, Priority: fd.PriorityLow,
		Tags: []string{"billing", "invoice"}, CustomFields: map[int64]any{plan.ID: "basic"}, At: searchNow.Add(-days(30))})
	solved := fd.StatusSolved
	update(ticket.Update{TicketID: invoice, Status: &solved, At: searchNow.Add(-days(4))})
	create("photo", ticket.NewTicket{Subject: "Photography uploads fail",
		Comment:     ticket.NewComment{Body: "Uploading photographs to the gallery fails with an error."},
		RequesterID: e.customer.ID, AssigneeID: bob.ID, GroupID: technical.ID, Status: fd.StatusPending,
		Priority: fd.PriorityUrgent, Type: fd.TypeTask, Tags: []string{"upload"}, BrandID: brand.ID, ExternalID: "EXT-4",
		DueAt: time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC), At: searchNow.Add(-days(400))})
	create("russian", ticket.NewTicket{Subject: "Не приходит письмо",
		Comment:     ticket.NewComment{Body: "Здравствуйте! Письмо для сброса пароля не приходит.", Private: true},
		RequesterID: nora.ID, AssigneeID: e.agent.ID, GroupID: technical.ID, Status: fd.StatusHold, At: searchNow.Add(-days(1))})
	deleted := create("deleted", ticket.NewTicket{Subject: "Refund twice", Comment: ticket.NewComment{Body: "refund refund"},
		RequesterID: e.customer.ID, At: searchNow.Add(-days(5))})
	must(0, e.tickets.Delete(ctx, deleted))(t)

	// An attachment on the invoice ticket's first comment.
	must(0, db.Write(ctx, func(tx *store.Tx) error {
		first, _, err := tx.FirstComment(ctx, invoice)
		if err != nil {
			return err
		}
		return tx.InsertAttachment(ctx, &fd.Attachment{CommentID: first, Token: "tok-invoice", FileName: "invoice.pdf",
			ContentType: "application/pdf", Size: 3, SHA256: "abc", CreatedAt: searchNow})
	}))(t)
	return f
}

// found is one search result: "ticket:refund", "user:nora", … (by the fixture's names).
func (f *searchFixture) names(t *testing.T, results []any) []string {
	t.Helper()
	byID := map[string]string{}
	for name, id := range f.ids {
		typ, _, _ := strings.Cut(name, ":")
		if typ == "org" {
			typ = "organization"
		}
		byID[typ+":"+strconv.FormatInt(id, 10)] = name
	}
	var out []string
	for _, r := range results {
		m := r.(map[string]any)
		key := fmt.Sprintf("%s:%d", m["result_type"], int64(m["id"].(float64)))
		if n, ok := byID[key]; ok {
			out = append(out, n)
		} else {
			out = append(out, key)
		}
	}
	return out
}

// search runs a query as the agent (or as c) and returns the result names and body.
func (f *searchFixture) search(t *testing.T, params string, as ...caller) (int, []string, map[string]any) {
	t.Helper()
	var code int
	var body map[string]any
	if len(as) > 0 {
		code, body, _ = f.callAs(t, as[0], "GET", "/api/v2/search.json?"+params, "")
	} else {
		code, body, _ = f.call(t, "GET", "/api/v2/search.json?"+params, "")
	}
	if code != http.StatusOK {
		return code, nil, body
	}
	return code, f.names(t, body["results"].([]any)), body
}

func q(query string) string { return "query=" + url.QueryEscape(query) }

func TestSearchKeywords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newSearchFixture(t, db)
		id := func(name string) string { return strconv.FormatInt(f.ids[name], 10) }
		cases := []struct {
			query string
			want  []string // tickets, in any order
		}{
			{"refund", []string{"refund"}},
			{"refunds", []string{"refund"}},
			{"charged twice", []string{"refund"}},
			{`"double charge"`, []string{"refund"}},
			{`"charge double"`, nil},
			{"photo*", []string{"photo"}},
			{"письма", []string{"russian"}},
			{"-refund", []string{"login", "invoice", "photo", "russian"}},
			{`-"reset email"`, []string{"refund", "invoice", "photo", "russian"}},
			{"status:open", []string{"refund"}},
			{"status:new status:pending", []string{"login", "photo"}},
			{"status<solved", []string{"refund", "login", "photo", "russian"}},
			{"status>=pending", []string{"invoice", "photo", "russian"}},
			{"-status:open", []string{"login", "invoice", "photo", "russian"}},
			{"priority>normal", []string{"refund", "photo"}},
			{"priority<normal", []string{"invoice"}},
			{"priority:none", []string{"russian"}},
			{"ticket_type:incident", []string{"refund"}},
			{"ticket_type:task ticket_type:question", []string{"photo", "login"}},
			{"tags:billing", []string{"refund", "invoice"}},
			{"tags:billing tags:upload", []string{"refund", "invoice", "photo"}},
			{`tags:"billing vip"`, []string{"refund"}},
			{"-tags:billing", []string{"login", "photo", "russian"}},
			{"tags:none", []string{"russian"}},
			{"tags:inv*", []string{"invoice"}},
			{"requester:nora@acme-corp.test", []string{"refund", "invoice", "russian"}},
			{`requester:"Nora"`, []string{"refund", "invoice", "russian"}},
			{"requester:" + id("user:cleo"), []string{"login", "photo"}},
			{"requester:me", nil},
			{"requester:nobody@nowhere.test", nil},
			{"submitter:cleo@customer.test", []string{"login", "photo"}},
			{"assignee:none", []string{"login"}},
			{"assignee:me", []string{"refund", "russian"}},
			{"assignee:bob", []string{"invoice", "photo"}},
			{`assignee:"Bob Builder"`, []string{"invoice", "photo"}},
			{"-assignee:ann@acme.test", []string{"login", "invoice", "photo"}},
			{"cc:cleo@customer.test", []string{"refund"}},
			{"commenter:ann@acme.test", []string{"refund"}},
			{"group:billing", []string{"refund", "invoice"}},
			{`group:"Technical"`, []string{"photo", "russian"}},
			{"group:" + id("group:technical"), []string{"photo", "russian"}},
			{"group:none", []string{"login"}},
			{`organization:"Acme Corp"`, []string{"refund", "invoice", "russian"}},
			{"organization:none", []string{"login", "photo"}},
			{"brand:globex", []string{"photo"}},
			{"via:mail", []string{"refund"}},
			{`via:"web form"`, []string{"login"}},
			{"via:api", []string{"invoice", "photo", "russian"}},
			{"subject:refund", []string{"refund"}},
			{"subject:photo*", []string{"photo"}},
			{"subject:password", nil},
			{"description:gallery", []string{"photo"}},
			{"comment:banks", []string{"refund"}},
			{`comment:"issued the refund"`, []string{"refund"}},
			{"subject:invoice comment:annual", []string{"invoice"}},
			{"created>2026-04-01", []string{"refund", "login", "russian"}},
			{"created:2026-04-01", []string{"invoice"}},
			{"created>=2026-04-01 created<2026-04-22", []string{"refund", "invoice"}},
			{"created>2026-04-30T12:00:00Z", []string{"login"}},
			{"created>4hours", []string{"login"}},
			{"created<1year", []string{"photo"}},
			{"updated<3days", []string{"refund", "invoice", "photo"}},
			{"updated>36hours", []string{"login", "russian"}},
			{"solved>1week", []string{"invoice"}},
			{"solved<1week", nil},
			{"due_date:2026-05-10", []string{"photo"}},
			{"due_date>2026-05-01", []string{"photo"}},
			{"custom_field_" + strconv.FormatInt(f.plan, 10) + ":pro", []string{"refund"}},
			{"custom_field_" + strconv.FormatInt(f.escalated, 10) + ":true", []string{"refund"}},
			{"custom_field_" + strconv.FormatInt(f.escalated, 10) + ":false", []string{"login", "invoice", "photo", "russian"}},
			{"fieldvalue:basic", []string{"invoice"}},
			{"has_attachment:true", []string{"invoice"}},
			{"has_attachment:false", []string{"refund", "login", "photo", "russian"}},
			{"is_public:false", []string{"russian"}},
			{"external_id:EXT-4", []string{"photo"}},
			{"refund status:open assignee:me", []string{"refund"}},
			{"status<solved -tags:vip priority>=normal", []string{"login", "photo"}},
		}
		for _, c := range cases {
			code, got, body := f.search(t, q("type:ticket "+c.query))
			if code != 200 {
				t.Errorf("%q: %d %v", c.query, code, body)
				continue
			}
			var want []string
			for _, w := range c.want {
				want = append(want, "ticket:"+w)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%q: found %v, want %v", c.query, got, want)
			}
			if body["count"] != float64(len(want)) {
				t.Errorf("%q: count %v, want %d", c.query, body["count"], len(want))
			}
		}
	})
}

func TestSearchOtherTypes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newSearchFixture(t, db)
		cases := []struct {
			query string
			want  []string // in order
		}{
			{"type:user nora", []string{"user:nora"}},
			{"type:user nigh*", []string{"user:nora"}},
			{`type:user "Nora Nightingale"`, []string{"user:nora"}},
			{"type:user role:agent order_by:created sort:asc", []string{"user:ann", "user:bob", "user:rita"}},
			{"type:user role:end-user -nora order_by:created sort:asc", []string{"user:cleo", "user:eve"}},
			{`type:user organization:"Acme Corp"`, []string{"user:nora"}},
			{"type:user organization:none role:end-user order_by:created sort:asc", []string{"user:cleo", "user:eve"}},
			{"type:user tags:vip", []string{"user:nora"}},
			{"type:user email:NORA@acme-corp.test", []string{"user:nora"}},
			{"type:user email:nora*", []string{"user:nora"}},
			{"type:user external_id:ext-nora", []string{"user:nora"}},
			{"type:user name:nora", []string{"user:nora"}},
			{"type:user notes:email", []string{"user:nora"}},
			{"type:user details:london", []string{"user:nora"}},
			{"type:user group:technical order_by:created sort:asc", []string{"user:ann", "user:bob"}},
			{"type:user -group:technical role:agent", []string{"user:rita"}},
			{"type:user is_suspended:true", nil},
			{"type:organization acme", []string{"org:acme"}},
			{"type:organization tags:enterprise", []string{"org:acme"}},
			{"type:organization details:london", []string{"org:acme"}},
			{"type:organization notes:key", []string{"org:acme"}},
			{"type:organization name:globex", []string{"org:globex"}},
			{"type:organization external_id:org-acme", []string{"org:acme"}},
			{"type:organization -tags:enterprise", []string{"org:globex"}},
			{"type:group name:billing", []string{"group:billing"}},
			{"type:group technical", []string{"group:technical"}},
			{"type:group created>2026-01-01 order_by:created sort:asc", []string{"group:billing", "group:technical"}},
			// No type: every type that has the properties asked for, groups first.
			{"invoice", []string{"group:billing", "ticket:invoice"}},
			{"nightingale", []string{"user:nora"}},
			{"tags:enterprise", []string{"org:acme"}},
			{"tags:vip", []string{"user:nora", "ticket:refund"}},
			{"type:user type:organization acme", []string{"org:acme", "user:ann", "user:bob", "user:rita", "user:eve", "user:nora"}},
		}
		for _, c := range cases {
			code, got, body := f.search(t, q(c.query))
			if code != 200 {
				t.Errorf("%q: %d %v", c.query, code, body)
				continue
			}
			if strings.Contains(c.query, "type:user type:organization") {
				// Users all match "acme" (their addresses); their order is relevance.
				slices.Sort(got[1:])
				want := slices.Clone(c.want)
				slices.Sort(want[1:])
				c.want = want
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("%q: found %v, want %v", c.query, got, c.want)
			}
		}
		// Each result has its type's fields.
		_, _, body := f.search(t, q("tags:vip"))
		user := body["results"].([]any)[0].(map[string]any)
		tk := body["results"].([]any)[1].(map[string]any)
		if user["email"] != "nora@acme-corp.test" || user["role"] != "end-user" || user["organization_id"] != float64(f.ids["org:acme"]) ||
			!strings.HasSuffix(user["url"].(string), "/api/v2/users/"+strconv.FormatInt(f.ids["user:nora"], 10)+".json") {
			t.Errorf("user result %v", user)
		}
		if tk["subject"] != "Refund for a double charge" || tk["status"] != "open" || tk["priority"] != "high" || body["facets"] != nil {
			t.Errorf("ticket result %v (facets %v)", tk, body["facets"])
		}
	})
}

func TestSearchOrderPagingAndCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newSearchFixture(t, db)
		orders := []struct {
			params string
			want   []string
		}{
			{q("type:ticket order_by:created sort:asc"), []string{"photo", "invoice", "refund", "russian", "login"}},
			{q("type:ticket") + "&sort_by=created_at&sort_order=asc", []string{"photo", "invoice", "refund", "russian", "login"}},
			{q("type:ticket order_by:created"), []string{"login", "russian", "refund", "invoice", "photo"}},
			{q("type:ticket") + "&sort_by=priority", []string{"photo", "refund", "login", "invoice", "russian"}},
			{q("type:ticket") + "&sort_by=status&sort_order=asc", []string{"login", "refund", "photo", "russian", "invoice"}},
			{q("type:ticket") + "&sort_by=updated_at", []string{"login", "russian", "invoice", "refund", "photo"}},
			{q("type:ticket order_by:updated sort:asc") + "&sort_by=created_at&sort_order=desc", []string{"photo", "refund", "invoice", "russian", "login"}},
			{q("type:ticket ticket_type:incident ticket_type:question ticket_type:task order_by:ticket_type sort:asc"), []string{"refund", "login", "photo"}},
			{q("type:ticket order_by:commented"), []string{"login", "russian", "refund", "invoice", "photo"}},
		}
		for _, o := range orders {
			code, got, body := f.search(t, o.params)
			var want []string
			for _, w := range o.want {
				want = append(want, "ticket:"+w)
			}
			if code != 200 || !slices.Equal(got, want) {
				t.Errorf("%s: %d %v, want %v (%v)", o.params, code, got, want, body)
			}
		}
		// Offset pages walk the same order, with Zendesk's links.
		var walked []string
		next := "/api/v2/search.json?" + q("type:ticket order_by:created") + "&per_page=2"
		for pages := 0; next != ""; pages++ {
			if pages > 3 {
				t.Fatal("paging does not end")
			}
			code, body, _ := f.call(t, "GET", strings.TrimPrefix(next, f.srv.URL), "")
			if code != 200 || body["count"] != float64(5) {
				t.Fatalf("page %d: %d %v", pages, code, body)
			}
			if prev := body["previous_page"]; (pages == 0) != (prev == nil) {
				t.Errorf("page %d: previous_page %v", pages, prev)
			}
			walked = append(walked, f.names(t, body["results"].([]any))...)
			next, _ = body["next_page"].(string)
		}
		if want := []string{"ticket:login", "ticket:russian", "ticket:refund", "ticket:invoice", "ticket:photo"}; !slices.Equal(walked, want) {
			t.Errorf("paged %v, want %v", walked, want)
		}
		// The bare number of a ticket finds it first.
		refund := strconv.FormatInt(f.ids["ticket:refund"], 10)
		if _, got, _ := f.search(t, q(refund)); len(got) == 0 || got[0] != "ticket:refund" {
			t.Errorf("query %s found %v", refund, got)
		}
		// /search/count counts every type.
		for query, want := range map[string]float64{"type:ticket status<solved": 4, "acme": 6, "tags:vip": 2, "type:ticket": 5, "-type:ticket -type:user": 4} {
			code, body, _ := f.call(t, "GET", "/api/v2/search/count.json?"+q(query), "")
			if code != 200 || body["count"] != want {
				t.Errorf("count %q: %d %v, want %v", query, code, body, want)
			}
		}
	})
}

func TestSearchExportPagesToTheEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newSearchFixture(t, db)
		ctx := context.Background()
		// More tickets, some created in the same microsecond, so the cursor's tie-break
		// on id matters.
		same := searchNow.Add(-days(3))
		for i := range 9 {
			at := searchNow.Add(-time.Duration(i) * time.Hour)
			if i%3 == 0 {
				at = same
			}
			must(f.tickets.Create(ctx, ticket.NewTicket{Subject: fmt.Sprintf("Export me %d", i), Comment: ticket.NewComment{Body: "bulk export body"},
				RequesterID: f.customer.ID, Tags: []string{"bulk"}, At: at}))(t)
		}
		for _, c := range []struct {
			query, typ string
			want       int
		}{{"", "ticket", 14}, {"bulk", "ticket", 9}, {"tags:bulk status:new", "ticket", 9}, {"role:agent", "user", 3}} {
			query := c.query
			if query == "" {
				query = "type:ticket"
			}
			var got []float64
			seen := map[float64]bool{}
			next := "/api/v2/search/export.json?" + q(query) + "&filter[type]=" + c.typ + "&page[size]=4"
			for pages := 0; next != ""; pages++ {
				if pages > 5 {
					t.Fatalf("%q: export does not end", c.query)
				}
				code, body, _ := f.call(t, "GET", strings.TrimPrefix(next, f.srv.URL), "")
				if code != 200 {
					t.Fatalf("%q page %d: %d %v", c.query, pages, code, body)
				}
				if _, has := body["count"]; has {
					t.Errorf("export answers a count: %v", body)
				}
				var created []string
				for _, r := range body["results"].([]any) {
					m := r.(map[string]any)
					id := m["id"].(float64)
					if seen[id] || m["result_type"] != c.typ {
						t.Fatalf("%q: %v repeated or of the wrong type", c.query, m)
					}
					seen[id] = true
					got = append(got, id)
					created = append(created, m["created_at"].(string))
				}
				if !slices.IsSortedFunc(created, func(a, b string) int { return strings.Compare(b, a) }) {
					t.Errorf("%q: page not newest first: %v", c.query, created)
				}
				meta, links := body["meta"].(map[string]any), body["links"].(map[string]any)
				next = ""
				if meta["has_more"] == true {
					next = links["next"].(string)
					if meta["after_cursor"] == nil || !strings.Contains(next, "page%5Bafter%5D=") {
						t.Fatalf("%q: meta %v links %v", c.query, meta, links)
					}
				}
			}
			if len(got) != c.want {
				t.Errorf("%q: exported %d %ss, want %d", c.query, len(got), c.typ, c.want)
			}
		}
		// filter[type] is required, and must agree with the query's type.
		for _, params := range []string{q("refund"), q("type:user refund") + "&filter[type]=ticket", q("refund") + "&filter[type]=article"} {
			code, body, _ := f.call(t, "GET", "/api/v2/search/export.json?"+params, "")
			if code != 400 || body["error"] != "invalid" {
				t.Errorf("export %s: %d %v", params, code, body)
			}
		}
	})
}

func TestSearchVisibilityAndAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newSearchFixture(t, db)
		// Rita sees only the tickets of her group, Billing.
		for query, want := range map[string][]string{
			"type:ticket":                        {"ticket:invoice", "ticket:refund"},
			"type:ticket password":               nil,
			"type:ticket status<closed":          {"ticket:invoice", "ticket:refund"},
			"type:ticket refund status:open":     {"ticket:refund"},
			"type:ticket order_by:created":       {"ticket:refund", "ticket:invoice"},
			"type:ticket tags:upload":            nil,
			"type:ticket group:technical":        nil,
			"type:ticket assignee:bob@acme.test": {"ticket:invoice"},
		} {
			code, got, body := f.search(t, q(query), f.rita)
			if !strings.Contains(query, "order_by") {
				slices.Sort(got)
			}
			if code != 200 || !slices.Equal(got, want) || body["count"] != float64(len(want)) {
				t.Errorf("rita %q: %d %v (count %v), want %v", query, code, got, body["count"], want)
			}
		}
		code, body, _ := f.callAs(t, f.rita, "GET", "/api/v2/search/count.json?"+q("type:ticket"), "")
		if code != 200 || body["count"] != float64(2) {
			t.Errorf("rita's count: %d %v", code, body)
		}
		code, body, _ = f.callAs(t, f.rita, "GET", "/api/v2/search/export.json?"+q("type:ticket")+"&filter[type]=ticket", "")
		if code != 200 || len(body["results"].([]any)) != 2 {
			t.Errorf("rita's export: %d %v", code, body)
		}
		// End-users use the Requests API, not search.
		for _, path := range []string{"/api/v2/search.json?" + q("refund"), "/api/v2/search/count?" + q("refund"),
			"/api/v2/search/export?" + q("refund") + "&filter[type]=ticket"} {
			if code, body, _ := f.callAs(t, f.endUser, "GET", path, ""); code != 403 {
				t.Errorf("end-user %s: %d %v", path, code, body)
			}
		}
	})
}

func TestSearchLimitsAndBadQueries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newSearchFixture(t, db)
		if code, body, _ := f.call(t, "GET", "/api/v2/search.json?"+q("type:ticket")+"&page=10&per_page=100", ""); code != 200 || len(body["results"].([]any)) != 0 {
			t.Errorf("page 10: %d %v", code, body)
		}
		code, body, _ := f.call(t, "GET", "/api/v2/search.json?"+q("type:ticket")+"&page=11&per_page=100", "")
		if code != 422 || body["error"] != "invalid" || body["description"] != "Invalid search: Requested response size was greater than Search Response Limits" {
			t.Errorf("page 11: %d %v", code, body)
		}
		if code, _, _ := f.call(t, "GET", "/api/v2/search.json?"+q("type:ticket")+"&page=101&per_page=10", ""); code != 422 {
			t.Errorf("offset 1000: %d", code)
		}
		for query, want := range map[string]string{
			"status:open stauts:open": `Invalid search: unknown field "stauts" (did you mean "status"?); put text with a colon in double quotes to search for it at position 13`,
			`subject:"never closed`:   "Invalid search: the quote is not closed at position 9",
			"":                        "Invalid search: the query has nothing to search for at position 1",
			"priority:extreme":        `Invalid search: "extreme" is not a priority; use one of low, normal, high, urgent at position 10`,
			"custom_field_999999:x":   "Invalid search: there is no custom field 999999 at position 1",
			"custom_field_" + strconv.FormatInt(f.plan, 10) + ":gold": `Invalid search: custom_field_` + strconv.FormatInt(f.plan, 10) +
				`: "gold" is not one of the options at position 1`,
		} {
			for _, path := range []string{"/api/v2/search.json", "/api/v2/search/count.json"} {
				code, body, _ := f.call(t, "GET", path+"?"+q(query), "")
				if code != 400 || body["error"] != "invalid" || body["description"] != want {
					t.Errorf("%s %q: %d %v\nwant %s", path, query, code, body, want)
				}
			}
		}
		for _, params := range []string{q("refund") + "&sort_by=size", q("refund") + "&sort_order=up"} {
			if code, body, _ := f.call(t, "GET", "/api/v2/search.json?"+params, ""); code != 400 {
				t.Errorf("%s: %d %v", params, code, body)
			}
		}
	})
}

// TestSearchNeverFails throws odd and random queries at every endpoint: each is answered
// 200 or 400, never a server error.
func TestSearchNeverFails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newSearchFixture(t, db)
		plan := "custom_field_" + strconv.FormatInt(f.plan, 10)
		queries := []string{
			`"`, `""`, `-`, `--`, `*`, `**`, `-*`, `:`, `a:`, `:a`, `a:b:c`, `status:<`, `status<<open`, `"a" "b`,
			`'`, `''`, `%`, `_`, `\`, `\"`, `%_%`, `tags:%`, `tags:_*`, `email:%`, `name:'`, `notes:"`,
			`subject:"" description:""`, `"the"`, `the`, `a*`, `-a*`, `OR`, `AND NOT`, `NEAR(a b)`, `"a" OR "b"`,
			`created>99999999years`, `created<0minutes`, `created:1/1/0001`, `created>9999-12-31T24:00:00Z`,
			`updated>1000000weeks`, `due_date<1month`, `solved:2026-02-30`, `0`, `-0`, `99999999999999999999`,
			plan + `>1`, plan + `:basic*`, `fieldvalue:"" `, `requester:"" `, `assignee:"@"`, `group:"  "`,
			`organization:-1`, `brand:0`, `cc:me -cc:me`, `commenter:none`, `via:none`, `via:twitter`,
			`order_by:commented sort:asc refund`, `type:group -type:group`, `type:user tags:"" `,
			"пароль ü ß 中文 😀", "\u0000", "\t\n", strings.Repeat("refund ", 64), strings.Repeat("x", 4096),
			`has_attachment:true is_public:true is_suspended:false is_verified:true`,
		}
		r := rand.New(rand.NewPCG(1, 2))
		atoms := []string{"refund", "-refund", `"double charge"`, "photo*", "status<solved", "-status:open", "priority>=high",
			"tags:billing", "-tags:vip", "tags:inv*", "assignee:me", "assignee:none", "requester:nora", "group:billing",
			"organization:none", "created>4hours", "updated<3days", "solved>1week", "subject:refund", "comment:banks",
			"description:gallery*", "type:ticket", "type:user", "-type:group", "name:nora", "role:agent", "email:nora*",
			"order_by:priority", "sort:asc", "via:mail", "has_attachment:false", "fieldvalue:pro", plan + ":pro", "пароль", "12"}
		for range 120 {
			var parts []string
			for range 1 + r.IntN(5) {
				parts = append(parts, atoms[r.IntN(len(atoms))])
			}
			queries = append(queries, strings.Join(parts, " "))
		}
		for _, query := range queries {
			for _, path := range []string{"/api/v2/search.json?", "/api/v2/search/count.json?", "/api/v2/search/export.json?filter[type]=ticket&"} {
				code, body, _ := f.call(t, "GET", path+q(query), "")
				if code != 200 && code != 400 {
					t.Errorf("%s%q: %d %v", path, query, code, body)
				}
			}
		}
	})
}

// A ticket whose language is not detected (German, from a requester of no locale) is
// indexed unstemmed on PostgreSQL; every kind of text term must still find it.
func TestSearchFindsTextOfNoDetectedLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		de := e.mustCreate(t, `{"subject": "Drucker Probleme", "requester_id": `+itoa(e.customer.ID)+`,
			"comment": {"body": "Seit gestern kommen nur leere Seiten aus dem Drucker."}}`)
		other := e.mustCreate(t, `{"subject": "Unrelated", "comment": {"body": "The video player stutters on Safari."}}`)
		for _, c := range []struct {
			query string
			want  int64
		}{
			{"Probleme", de}, {"leere Seiten", de}, {`"leere Seiten"`, de}, {"Druck*", de},
			{"subject:Probleme", de}, {"comment:Seiten", de}, {"description:leere", de},
			{"-Probleme", other}, {"Safari -Seiten", other},
		} {
			code, body, _ := e.call(t, "GET", "/api/v2/search.json?"+q("type:ticket "+c.query), "")
			results, _ := body["results"].([]any)
			if code != 200 || len(results) != 1 || results[0].(map[string]any)["id"] != float64(c.want) || body["count"] != float64(1) {
				t.Errorf("%q: %d %v, want ticket %d alone", c.query, code, body, c.want)
			}
		}
	})
}
