package directory_test

import (
	"context"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

func TestUsersOrganizationsAndSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		d := directory.New(directory.Options{DB: db})
		org, err := d.CreateOrganization(ctx, fd.Organization{Name: "Северный Университет", DomainNames: []string{"North.Example"}, SharedTickets: true, Tags: []string{"University"}})
		if err != nil {
			t.Fatal(err)
		}
		if org.DomainNames[0] != "north.example" || org.Tags[0] != "university" {
			t.Fatalf("org not normalized: %+v", org)
		}
		if _, err := d.CreateOrganization(ctx, fd.Organization{Name: "Other", DomainNames: []string{"north.example"}}); !fd.Is(err, fd.Conflict) {
			t.Fatalf("domain claimed twice: %v", err)
		}
		if _, err := d.CreateOrganization(ctx, fd.Organization{Name: "Bad", DomainNames: []string{"not a domain"}}); !fd.Is(err, fd.Invalid) {
			t.Fatalf("bad domain: %v", err)
		}
		u, err := d.CreateUser(ctx, directory.NewUser{Name: "Ирина Петренко", Email: "Irina@North.Example", Locale: "ru",
			Identities: []fd.Identity{{Type: fd.IdentityTelegram, Value: "@irina_p"}, {Type: fd.IdentityPhone, Value: "+7 900 000-00-00"}}})
		if err != nil {
			t.Fatal(err)
		}
		if u.OrganizationID != org.ID || u.Role != fd.RoleEndUser || u.Email != "irina@north.example" {
			t.Fatalf("user %+v", u)
		}
		ids, err := db.Read().Identities(ctx, u.ID)
		if err != nil || len(ids) != 3 || !ids[0].Primary || ids[0].Type != fd.IdentityEmail {
			t.Fatalf("identities %+v %v", ids, err)
		}
		if got, err := db.Read().UserByIdentity(ctx, fd.IdentityTelegram, "@irina_p"); err != nil || got.ID != u.ID {
			t.Fatalf("by telegram: %v %v", got, err)
		}
		if _, err := d.CreateUser(ctx, directory.NewUser{Name: "Twin", Email: "irina@north.example"}); !fd.Is(err, fd.Conflict) {
			t.Fatalf("duplicate email: %v", err)
		}
		if _, err := d.CreateUser(ctx, directory.NewUser{Name: "Tg twin", Identities: []fd.Identity{{Type: fd.IdentityTelegram, Value: "@irina_p"}}}); !fd.Is(err, fd.Conflict) {
			t.Fatalf("identity of another user: %v", err)
		}
		for _, bad := range []directory.NewUser{{Email: "x@"}, {Name: "", Email: ""}, {Name: "R", Role: "root"}} {
			if _, err := d.CreateUser(ctx, bad); !fd.Is(err, fd.Invalid) {
				t.Errorf("%+v: %v, want invalid", bad, err)
			}
		}
		agent, err := d.CreateUser(ctx, directory.NewUser{Name: "Alex Agent", Email: "alex@acme.test", Role: fd.RoleAgent})
		if err != nil {
			t.Fatal(err)
		}
		g1, _ := d.CreateGroup(ctx, fd.Group{Name: "Billing"})
		g2, _ := d.CreateGroup(ctx, fd.Group{Name: "Technical"})
		m1, err := d.AddMember(ctx, agent.ID, g1.ID)
		if err != nil || !m1.Default {
			t.Fatalf("first membership %+v %v", m1, err)
		}
		if m2, err := d.AddMember(ctx, agent.ID, g2.ID); err != nil || m2.Default {
			t.Fatalf("second membership %+v %v", m2, err)
		}
		if _, err := d.AddMember(ctx, u.ID, g1.ID); !fd.Is(err, fd.Invalid) {
			t.Fatalf("end-user joined a group: %v", err)
		}
		if got, _ := db.Read().User(ctx, agent.ID); got.DefaultGroupID != g1.ID {
			t.Fatalf("default group %d", got.DefaultGroupID)
		}

		for q, want := range map[string]int64{"ирина": u.ID, "Петренко": u.ID, "irina@north": u.ID, "alex": agent.ID, "acme": agent.ID} {
			users, err := d.SearchUsers(ctx, q, 10)
			if err != nil || len(users) != 1 || users[0].ID != want {
				t.Errorf("user search %q: %v %v", q, users, err)
			}
		}
		for _, q := range []string{"северный", "north", "университет"} {
			orgs, err := d.SearchOrganizations(ctx, q, 10)
			if err != nil || len(orgs) != 1 || orgs[0].ID != org.ID {
				t.Errorf("org search %q: %v %v", q, orgs, err)
			}
		}
	})
}
