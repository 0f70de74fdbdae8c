package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/search"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// searchTicket is what the strategy test knows of each ticket it made.
type searchTicket struct {
	id                     int64
	refund, invoice, rare  bool
	status                 fd.Status
	tagged, invoiceReply   bool
	created                time.Time
	deleted, subjectRefund bool
}

// TestSearchStrategiesAgree runs each query with the production thresholds (a few
// tickets are all "rare text" in one rank window) and again with tiny ones, which send
// it through the common-text paths: rank window exceeded, the rest found from the
// tickets. Every path must find exactly the matching tickets, each once, paged without
// gaps, sorted orders identical, counts exact or capped.
func TestSearchStrategiesAgree(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		made := makeStrategyTickets(t, db)
		anyInvoice := func(s searchTicket) bool { return s.invoice || s.invoiceReply }
		cases := []struct {
			query  string
			match  func(searchTicket) bool
			sorted bool
		}{
			{"refund", func(s searchTicket) bool { return s.refund }, false},
			{"gallery", func(s searchTicket) bool { return s.rare }, false},
			{"refund status:open", func(s searchTicket) bool { return s.refund && s.status == fd.StatusOpen }, false},
			{"refund -invoice", func(s searchTicket) bool { return s.refund && !anyInvoice(s) }, false},
			{"invoice", anyInvoice, false},
			{"invoice tags:t1", func(s searchTicket) bool { return anyInvoice(s) && s.tagged }, false},
			{"subject:refund comment:invoice", func(s searchTicket) bool { return s.subjectRefund && anyInvoice(s) }, false},
			{"refund order_by:created", func(s searchTicket) bool { return s.refund }, true},
			{"refund status<solved order_by:created sort:asc", func(s searchTicket) bool { return s.refund && s.status != fd.StatusSolved }, true},
			{"gallery order_by:created", func(s searchTicket) bool { return s.rare }, true},
		}
		for _, c := range cases {
			q, err := search.Parse("type:ticket " + c.query)
			if err != nil {
				t.Fatal(err)
			}
			var want []int64
			for _, s := range made {
				if !s.deleted && c.match(s) {
					want = append(want, s.id)
				}
			}
			if c.sorted {
				byCreated := map[int64]time.Time{}
				for _, s := range made {
					byCreated[s.id] = s.created
				}
				slices.SortFunc(want, func(a, b int64) int {
					if d := byCreated[a].Compare(byCreated[b]); d != 0 {
						return d
					}
					return int(a - b)
				})
				if q.Sort != "asc" {
					slices.Reverse(want)
				}
			}
			var runs [][]int64
			for _, th := range [][2]int{{0, 0}, {5, 4}, {1000, 4}} {
				restore := func() {}
				if th[0] > 0 {
					restore = store.SetSearchThresholds(th[0], th[1])
				}
				got := pageAll(t, db, q, 7)
				seen := map[int64]bool{}
				for _, id := range got {
					if seen[id] {
						t.Fatalf("%q thresholds %v: ticket %d twice in %v", c.query, th, id, got)
					}
					seen[id] = true
				}
				n, err := db.Read().SearchCount(ctx, q, store.SearchOptions{})
				if err != nil {
					t.Fatal(err)
				}
				_, capped, err := db.Read().Search(ctx, q, store.SearchOptions{Limit: 1, CountCap: 5})
				if err != nil {
					t.Fatal(err)
				}
				if n != int64(len(want)) || capped != min(n, 5) {
					t.Errorf("%q thresholds %v: count %d (capped %d), want %d", c.query, th, n, capped, len(want))
				}
				runs = append(runs, got)
				restore()
			}
			for i, got := range runs {
				if !c.sorted {
					got = slices.Sorted(slices.Values(got))
					want = slices.Sorted(slices.Values(want))
				}
				if !slices.Equal(got, want) {
					t.Errorf("%q run %d: found %v, want %v", c.query, i, got, want)
				}
			}
		}
	})
}

// makeStrategyTickets files 60 tickets whose words, statuses, tags, replies and dates
// follow their index, deleting a few, and says what each holds.
func makeStrategyTickets(t *testing.T, db *store.DB) []searchTicket {
	t.Helper()
	ctx := context.Background()
	dir, svc, customer := ticketDesk(t, db)
	agent, err := dir.CreateUser(ctx, directory.NewUser{Name: "Ann", Email: "ann@acme.test", Role: fd.RoleAgent})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var made []searchTicket
	for i := range 60 {
		st := searchTicket{refund: i%4 != 3, invoice: i%3 == 0, rare: i%20 == 7, status: fd.Statuses[i%4],
			tagged: i%5 == 0, subjectRefund: i%8 == 0, created: start.Add(time.Duration(i*7%60) * time.Hour)}
		subject, body := fmt.Sprintf("Case %d", i), "Hello there"
		if st.subjectRefund {
			subject = "Refund case"
			st.refund = true
		}
		if st.refund {
			body += ", I want a refund"
		}
		if st.invoice {
			body += ", and an invoice"
		}
		if st.rare {
			body += ", photos in the gallery"
		}
		var tags []string
		if st.tagged {
			tags = []string{"t1"}
		}
		in := ticket.NewTicket{Subject: subject, Comment: ticket.NewComment{Body: body}, RequesterID: customer.ID,
			Status: st.status, Tags: tags, At: st.created}
		if st.status != fd.StatusNew {
			in.AssigneeID = agent.ID
		}
		tk, err := svc.Create(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		st.id = tk.ID
		if i%6 == 1 { // a later reply carries the word "invoice"
			st.invoiceReply = true
			if _, err := svc.Update(ctx, ticket.Update{TicketID: tk.ID, ActorID: agent.ID,
				Comment: &ticket.NewComment{Body: "Your invoice is attached."}, At: st.created.Add(time.Minute)}); err != nil {
				t.Fatal(err)
			}
		}
		if i%17 == 5 {
			st.deleted = true
			if err := svc.Delete(ctx, tk.ID); err != nil {
				t.Fatal(err)
			}
		}
		made = append(made, st)
	}
	return made
}

// pageAll pages through a search size results at a time.
func pageAll(t *testing.T, db *store.DB, q *search.Query, size int) []int64 {
	t.Helper()
	var ids []int64
	for offset := 0; offset < 1000; offset += size {
		page, _, err := db.Read().Search(context.Background(), q, store.SearchOptions{Offset: offset, Limit: size, CountCap: 1001})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page {
			ids = append(ids, r.ID)
		}
		if len(page) < size {
			break
		}
	}
	return ids
}

// ticketDesk gives a test the directory and ticket service of db, with a brand and a
// customer to file tickets for.
func ticketDesk(t *testing.T, db *store.DB) (*directory.Directory, *ticket.Service, *fd.User) {
	t.Helper()
	ctx := context.Background()
	dir := directory.New(directory.Options{DB: db})
	svc := ticket.New(ticket.Options{DB: db})
	t.Cleanup(svc.Close)
	if _, err := dir.CreateBrand(ctx, fd.Brand{Name: "Acme", Subdomain: "acme"}); err != nil {
		t.Fatal(err)
	}
	customer, err := dir.CreateUser(ctx, directory.NewUser{Name: "Cleo", Email: "cleo@customer.test"})
	if err != nil {
		t.Fatal(err)
	}
	return dir, svc, customer
}
