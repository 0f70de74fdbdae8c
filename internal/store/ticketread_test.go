package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// A ticket reads back as it was written, every field set or none of the optional ones,
// by each of the reads (one by id, lists, several by id): they share one packed select.
func TestTicketRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := time.Date(2026, 3, 2, 9, 30, 15, 123456000, time.UTC)
		var bare, full fd.Ticket
		err := db.Write(ctx, func(tx *store.Tx) error {
			u := fd.User{Name: "Ann", Email: "ann@x.test", Role: fd.RoleAgent, CreatedAt: at, UpdatedAt: at}
			v := fd.User{Name: "Vic", Email: "vic@x.test", Role: fd.RoleEndUser, CreatedAt: at, UpdatedAt: at}
			b := fd.Brand{Name: "Acme", Subdomain: "acme", Active: true, CreatedAt: at, UpdatedAt: at}
			g := fd.Group{Name: "Billing", CreatedAt: at, UpdatedAt: at}
			o := fd.Organization{Name: "Org", CreatedAt: at, UpdatedAt: at}
			for _, err := range []error{tx.InsertUser(ctx, &u), tx.InsertUser(ctx, &v), tx.InsertBrand(ctx, &b),
				tx.InsertGroup(ctx, &g), tx.InsertOrganization(ctx, &o)} {
				if err != nil {
					return err
				}
			}
			bare = fd.Ticket{Status: fd.StatusNew, RequesterID: v.ID, SubmitterID: v.ID, BrandID: b.ID,
				Via: fd.Via{Channel: fd.ChannelWeb}, CreatedAt: at, UpdatedAt: at, StatusUpdatedAt: at}
			if err := tx.InsertTicket(ctx, &bare); err != nil {
				return err
			}
			full = fd.Ticket{ExternalID: "ext-1", Subject: "Refund, please", Description: "Charged twice; 1,2,3",
				Status: fd.StatusSolved, Priority: fd.PriorityUrgent, Type: fd.TypeIncident, RequesterID: v.ID,
				SubmitterID: u.ID, AssigneeID: u.ID, GroupID: g.ID, OrganizationID: o.ID, BrandID: b.ID,
				ProblemID: bare.ID, FollowupSourceID: bare.ID, DueAt: at.Add(time.Hour), Tags: []string{"billing", "vip"},
				CustomFields: map[int64]any{7: "x", 8: true}, CollaboratorIDs: []int64{u.ID}, FollowerIDs: []int64{u.ID},
				EmailCCIDs: []int64{v.ID}, Via: fd.Via{Channel: fd.ChannelEmail, Source: fd.ViaSource{
					From: map[string]any{"address": "vic@x.test"}, Rel: "follow_up"}},
				Language: "en", Public: true, CreatedAt: at, UpdatedAt: at.Add(time.Minute),
				SolvedAt: at.Add(2 * time.Minute), StatusUpdatedAt: at.Add(3 * time.Minute), DeletedAt: at.Add(4 * time.Minute)}
			return tx.InsertTicket(ctx, &full)
		})
		if err != nil {
			t.Fatal(err)
		}
		list, _, err := db.Read().ListTickets(ctx, store.TicketFilter{IncludeDeleted: true, OrderBy: "id", Asc: true, Limit: 10})
		if err != nil || len(list) != 2 {
			t.Fatalf("list: %v %v", list, err)
		}
		byIDs, err := db.Read().TicketsByIDs(ctx, []int64{bare.ID, full.ID})
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range []*fd.Ticket{&bare, &full} {
			one, err := db.Read().Ticket(ctx, want.ID)
			if err != nil {
				t.Fatal(err)
			}
			for how, got := range map[string]*fd.Ticket{"by id": one, "listed": list[i], "by ids": byIDs[want.ID]} {
				if !reflect.DeepEqual(got, want) {
					t.Errorf("ticket %d read %s:\n got %+v\nwant %+v", want.ID, how, got, want)
				}
			}
		}
	})
}
