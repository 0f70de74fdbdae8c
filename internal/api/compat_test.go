package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"testing"

	"github.com/nukosuke/go-zendesk/zendesk"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// TestZendeskClientCompatibility drives Frontdesk through an unmodified third-party
// Zendesk client, github.com/nukosuke/go-zendesk v0.18.0, pointed at the test server:
// what a company's existing scripts do, unchanged. Where the client and we disagree,
// we change.
func TestZendeskClientCompatibility(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		z, err := zendesk.NewClient(nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := z.SetEndpointURL(e.srv.URL + "/api/v2"); err != nil {
			t.Fatal(err)
		}
		z.SetCredential(zendesk.NewAPITokenCredential(admin.user.Email, admin.token))

		// Groups and memberships.
		group := must(z.CreateGroup(ctx, zendesk.Group{Name: "Billing", Description: "Payments"}))(t)
		if group.ID == 0 || group.Name != "Billing" {
			t.Fatalf("created group %+v", group)
		}
		if got := must(z.GetGroup(ctx, group.ID))(t); got.Description != "Payments" {
			t.Fatalf("got group %+v", got)
		}
		group = must(z.UpdateGroup(ctx, group.ID, zendesk.Group{Name: "Billing & Refunds"}))(t)
		if group.Name != "Billing & Refunds" {
			t.Fatalf("updated group %+v", group)
		}
		groups, _ := must2(z.GetGroups(ctx, nil))(t)
		if !slices.ContainsFunc(groups, func(g zendesk.Group) bool { return g.ID == group.ID }) {
			t.Fatalf("groups %+v lack %d", groups, group.ID)
		}

		// Organizations.
		org := must(z.CreateOrganization(ctx, zendesk.Organization{Name: "Globex", ExternalID: "globex-1",
			DomainNames: []string{"globex.test"}, Tags: []string{"vip"}}))(t)
		if org.ID == 0 || !slices.Equal(org.DomainNames, []string{"globex.test"}) {
			t.Fatalf("created org %+v", org)
		}
		org = must(z.UpdateOrganization(ctx, org.ID, zendesk.Organization{Name: "Globex Corp", Notes: "Key account"}))(t)
		if org.Name != "Globex Corp" {
			t.Fatalf("updated org %+v", org)
		}
		byExt, _ := must2(z.GetOrganizationByExternalID(ctx, "globex-1"))(t)
		if len(byExt) != 1 || byExt[0].ID != org.ID {
			t.Fatalf("org by external id: %+v", byExt)
		}
		orgs, _ := must2(z.GetOrganizations(ctx, &zendesk.OrganizationListOptions{}))(t)
		if !slices.ContainsFunc(orgs, func(o zendesk.Organization) bool { return o.ID == org.ID }) {
			t.Fatalf("orgs %+v lack %d", orgs, org.ID)
		}

		// Users.
		customer := must(z.CreateUser(ctx, zendesk.User{Name: "Hank Scorpio", Email: "hank@globex.test", Role: "end-user",
			OrganizationID: org.ID, ExternalID: "cust-9"}))(t)
		if customer.ID == 0 || customer.Email != "hank@globex.test" || customer.OrganizationID != org.ID {
			t.Fatalf("created user %+v", customer)
		}
		agent := must(z.CreateUser(ctx, zendesk.User{Name: "Frank Grimes", Email: "frank@acme.test", Role: "agent"}))(t)
		if got := must(z.GetUser(ctx, customer.ID))(t); got.Name != "Hank Scorpio" || !got.Active {
			t.Fatalf("got user %+v", got)
		}
		customer = must(z.UpdateUser(ctx, customer.ID, zendesk.User{Name: "Hank S.", Notes: "Prefers phone"}))(t)
		if customer.Name != "Hank S." {
			t.Fatalf("updated user %+v", customer)
		}
		same := must(z.CreateOrUpdateUser(ctx, zendesk.User{Name: "Hank Scorpio", Email: "hank@globex.test"}))(t)
		if same.ID != customer.ID {
			t.Fatalf("create_or_update made user %d, want the existing %d", same.ID, customer.ID)
		}
		found, _ := must2(z.SearchUsers(ctx, &zendesk.SearchUsersOptions{Query: "hank"}))(t)
		if len(found) != 1 || found[0].ID != customer.ID {
			t.Fatalf("user search: %+v", found)
		}
		many, _ := must2(z.GetManyUsers(ctx, &zendesk.GetManyUsersOptions{ExternalIDs: "cust-9"}))(t)
		if len(many) != 1 || many[0].ID != customer.ID {
			t.Fatalf("show_many by external id: %+v", many)
		}
		agents, _ := must2(z.GetUsers(ctx, &zendesk.UserListOptions{Role: "agent"}))(t)
		if !slices.ContainsFunc(agents, func(u zendesk.User) bool { return u.ID == agent.ID }) ||
			slices.ContainsFunc(agents, func(u zendesk.User) bool { return u.ID == customer.ID }) {
			t.Fatalf("agents %+v", agents)
		}
		orgUsers, _ := must2(z.GetOrganizationUsers(ctx, org.ID, &zendesk.UserListOptions{}))(t)
		if len(orgUsers) != 1 || orgUsers[0].ID != customer.ID {
			t.Fatalf("org users %+v", orgUsers)
		}

		// Memberships.
		// The client has no call for creating memberships; its generic Post sends what
		// Zendesk's docs show.
		raw := must(z.Post(ctx, "/group_memberships.json", map[string]any{
			"group_membership": zendesk.GroupMembership{UserID: agent.ID, GroupID: group.ID}}))(t)
		var created struct {
			GroupMembership zendesk.GroupMembership `json:"group_membership"`
		}
		if err := json.Unmarshal(raw, &created); err != nil || created.GroupMembership.ID == 0 {
			t.Fatalf("membership %s: %v", raw, err)
		}
		m := created.GroupMembership
		ms, _ := must2(z.GetGroupMemberships(ctx, &zendesk.GroupMembershipListOptions{GroupID: group.ID}))(t)
		if len(ms) != 1 || ms[0].UserID != agent.ID {
			t.Fatalf("memberships %+v", ms)
		}

		// Tickets.
		public := true
		tk := must(z.CreateTicket(ctx, zendesk.Ticket{Subject: "Double charge", Priority: "high", Type: "problem",
			RequesterID: customer.ID, GroupID: "", Tags: []string{"billing"},
			Comment: &zendesk.TicketComment{Body: "I was charged twice.", Public: &public}}))(t)
		if tk.ID == 0 || tk.Status != "new" || tk.Priority != "high" || tk.OrganizationID != org.ID {
			t.Fatalf("created ticket %+v", tk)
		}
		got := must(z.GetTicket(ctx, tk.ID))(t)
		if got.Description != "I was charged twice." || !slices.Equal(got.Tags, []string{"billing"}) || got.CreatedAt == nil {
			t.Fatalf("got ticket %+v", got)
		}
		upd := must(z.UpdateTicket(ctx, tk.ID, zendesk.Ticket{Status: "open", AssigneeID: agent.ID,
			GroupID: jsonID(group.ID)}))(t)
		if upd.Status != "open" || upd.AssigneeID != agent.ID {
			t.Fatalf("updated ticket %+v", upd)
		}
		// Safe update with the stamp just read wins; the same stale stamp then conflicts.
		// The client reads updated_stamp (to the microsecond) into Ticket.UpdatedStamp.
		fresh := must(z.GetTicket(ctx, tk.ID))(t)
		if fresh.UpdatedStamp == nil {
			t.Fatal("no updated_stamp on the ticket read")
		}
		if _, err := z.UpdateTicket(ctx, tk.ID, zendesk.Ticket{Priority: "urgent", SafeUpdate: true, UpdatedStamp: fresh.UpdatedStamp}); err != nil {
			t.Fatalf("safe update with a fresh stamp: %v", err)
		}
		_, err = z.UpdateTicket(ctx, tk.ID, zendesk.Ticket{Priority: "low", SafeUpdate: true, UpdatedStamp: fresh.UpdatedStamp})
		var zerr zendesk.Error
		if !errors.As(err, &zerr) || zerr.Status() != http.StatusConflict {
			t.Fatalf("safe update with a stale stamp: %v", err)
		}

		// Comments.
		private := false
		if _, err := z.CreateTicketComment(ctx, tk.ID, zendesk.TicketComment{Body: "Refunded.", Public: &public}); err != nil {
			t.Fatal(err)
		}
		if _, err := z.CreateTicketComment(ctx, tk.ID, zendesk.TicketComment{Body: "Card ending 4242.", Public: &private}); err != nil {
			t.Fatal(err)
		}
		comments := must(z.ListTicketComments(ctx, tk.ID, nil))(t)
		if len(comments.TicketComments) != 3 || *comments.TicketComments[2].Public {
			t.Fatalf("comments %+v", comments.TicketComments)
		}
		if err := z.MakeCommentPrivate(ctx, tk.ID, comments.TicketComments[1].ID); err != nil {
			t.Fatalf("make private: %v", err)
		}

		// Tags.
		tags := must(z.AddTicketTags(ctx, tk.ID, []zendesk.Tag{"refund", "vip"}))(t)
		if !slices.Equal(tags, []zendesk.Tag{"billing", "refund", "vip"}) {
			t.Fatalf("tags after add: %v", tags)
		}
		if tags := must(z.GetTicketTags(ctx, tk.ID))(t); len(tags) != 3 {
			t.Fatalf("tags: %v", tags)
		}

		// Listing: offset pages (the client's default) and the cursor iterator.
		for range 3 {
			must(z.CreateTicket(ctx, zendesk.Ticket{Subject: "More", RequesterID: customer.ID,
				Comment: &zendesk.TicketComment{Body: "again"}}))(t)
		}
		list, page := must2(z.GetTickets(ctx, &zendesk.TicketListOptions{PageOptions: zendesk.PageOptions{PerPage: 2}}))(t)
		if len(list) != 2 || page.Count != 4 || !page.HasNext() {
			t.Fatalf("offset page: %d tickets, %+v", len(list), page)
		}
		opts := zendesk.NewPaginationOptions()
		opts.PageSize = 3
		it := z.GetTicketsIterator(ctx, opts)
		var all []int64
		for it.HasMore() {
			page, err := it.GetNext()
			if err != nil {
				t.Fatal(err)
			}
			for _, x := range page {
				all = append(all, x.ID)
			}
		}
		if len(all) != 4 || all[0] != tk.ID {
			t.Fatalf("iterated %v", all)
		}
		multi := must(z.GetMultipleTickets(ctx, []int64{tk.ID, all[3]}))(t)
		if len(multi) != 2 {
			t.Fatalf("show_many: %+v", multi)
		}
		orgTickets, _ := must2(z.GetOrganizationTickets(ctx, org.ID, &zendesk.TicketListOptions{}))(t)
		if len(orgTickets) != 4 {
			t.Fatalf("org tickets: %d", len(orgTickets))
		}

		// Search.
		results, _ := must2(z.Search(ctx, &zendesk.SearchOptions{Query: "type:ticket charged"}))(t)
		if l := results.List(); len(l) != 1 || l[0].(zendesk.Ticket).ID != tk.ID {
			t.Fatalf("search: %v", results.List())
		}
		results, _ = must2(z.Search(ctx, &zendesk.SearchOptions{Query: "type:user hank"}))(t)
		if l := results.List(); len(l) != 1 || l[0].(zendesk.User).ID != customer.ID {
			t.Fatalf("user search: %v", results.List())
		}
		n, err := z.SearchCount(ctx, &zendesk.CountOptions{Query: "status:new"})
		if err != nil || n != 3 {
			t.Fatalf("search count: %d %v", n, err)
		}

		// Errors reach the client as Zendesk errors.
		_, err = z.GetTicket(ctx, 999999)
		if !errors.As(err, &zerr) || zerr.Status() != http.StatusNotFound {
			t.Fatalf("missing ticket: %v", err)
		}

		if err := z.DeleteTicket(ctx, tk.ID); err != nil {
			t.Fatal(err)
		}
		if err := z.Delete(ctx, "/group_memberships/"+itoa(m.ID)+".json"); err != nil {
			t.Fatal(err)
		}
		if err := z.DeleteGroup(ctx, group.ID); err != nil {
			t.Fatal(err)
		}
	})
}

// jsonID is an id as go-zendesk's Ticket.GroupID wants it.
func jsonID(id int64) json.Number { return json.Number(itoa(id)) }

func must2[T, U any](v T, u U, err error) func(*testing.T) (T, U) {
	return func(t *testing.T) (T, U) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v, u
	}
}
