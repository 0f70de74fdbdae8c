package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
	"github.com/nukosuke/go-zendesk/zendesk"
)

// exportBenchTickets is the data size of BenchmarkIncrementalExport.
const exportBenchTickets = 20000

// BenchmarkIncrementalExport measures the export as a warehouse loader drives it: one
// consumer pages through the whole cursor export over HTTP, 1,000 tickets a page,
// following after_url. One iteration is a full pass over exportBenchTickets tickets
// with tags, people and a paragraph of description; tickets/s and MB/s are reported.
// The "raw" consumer reads every byte but parses only the paging fields, so that what
// is measured is the server (it shares the machine's cores); the "decoded" one parses
// each page in full, each ticket as a json.RawMessage (validated and copied, as a
// loader that stores the JSON as it comes does), which costs it about as much CPU
// again; the "typed" one decodes each ticket into go-zendesk's Ticket, as a loader
// that maps fields to columns does.
func BenchmarkIncrementalExport(b *testing.B) {
	for _, dialect := range storetest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			db := storetest.Open(b, dialect)
			ctx := context.Background()
			dir := directory.New(directory.Options{DB: db})
			svc := ticket.New(ticket.Options{DB: db})
			b.Cleanup(svc.Close)
			admin := seedExportBench(b, db, dir)
			token, _, err := dir.CreateToken(ctx, admin.Email, "bench")
			if err != nil {
				b.Fatal(err)
			}
			// The API's clock runs two minutes ahead so every seeded ticket is exportable.
			clock := func() time.Time { return time.Now().Add(2 * time.Minute) }
			srv := httptest.NewServer(api.New(api.Options{DB: db, Tickets: svc, Directory: dir, Clock: clock}).Handler())
			b.Cleanup(srv.Close)
			for _, consumer := range []string{"raw", "decoded", "typed"} {
				b.Run(consumer, func(b *testing.B) { benchmarkExport(b, srv.URL, token, consumer) })
			}
		})
	}
}

// benchmarkExport runs full passes over the export at base as the consumer described
// above.
func benchmarkExport(b *testing.B, base, token, consumer string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	var size int64
	pass := func() int {
		n := 0
		next := base + "/api/v2/incremental/tickets/cursor.json?start_time=0"
		for {
			req, _ := http.NewRequest("GET", next, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			raw, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != 200 {
				b.Fatalf("%d %v %.200s", resp.StatusCode, err, raw)
			}
			size += int64(len(raw))
			var page struct {
				Tickets     []json.RawMessage `json:"tickets"`
				AfterURL    string            `json:"after_url"`
				EndOfStream bool              `json:"end_of_stream"`
			}
			switch consumer {
			case "decoded":
				if err := json.Unmarshal(raw, &page); err != nil {
					b.Fatal(err)
				}
				n += len(page.Tickets)
			case "typed":
				var typed struct {
					Tickets     []zendesk.Ticket `json:"tickets"`
					AfterURL    string           `json:"after_url"`
					EndOfStream bool             `json:"end_of_stream"`
				}
				if err := json.Unmarshal(raw, &typed); err != nil {
					b.Fatal(err)
				}
				n += len(typed.Tickets)
				page.AfterURL, page.EndOfStream = typed.AfterURL, typed.EndOfStream
			default:
				// The paging fields follow the list: parse only them.
				tail := raw[bytes.LastIndexByte(raw, ']')+1:]
				if err := json.Unmarshal(append([]byte("{"), tail[1:]...), &page); err != nil {
					b.Fatalf("%v in %.200s", err, tail)
				}
				n += bytes.Count(raw, []byte(`{"url":`))
			}
			if page.EndOfStream {
				return n
			}
			next = page.AfterURL
		}
	}
	if n := pass(); n != exportBenchTickets {
		b.Fatalf("exported %d tickets, want %d", n, exportBenchTickets)
	}
	size = 0
	b.ResetTimer()
	for b.Loop() {
		pass()
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N*exportBenchTickets)/secs, "tickets/s")
	b.ReportMetric(float64(size)/secs/1e6, "MB/s")
}

// seedExportBench stores exportBenchTickets tickets straight through the store, the
// way the ticket service leaves them, and returns an admin.
func seedExportBench(b *testing.B, db *store.DB, dir *directory.Directory) *fd.User {
	b.Helper()
	ctx := context.Background()
	if _, err := dir.CreateBrand(ctx, fd.Brand{Name: "Acme", Subdomain: "acme"}); err != nil {
		b.Fatal(err)
	}
	admin, err := dir.CreateUser(ctx, directory.NewUser{Name: "Ada Admin", Email: "ada@acme.test", Role: fd.RoleAdmin})
	if err != nil {
		b.Fatal(err)
	}
	var people []int64
	for i := range 20 {
		u, err := dir.CreateUser(ctx, directory.NewUser{Name: fmt.Sprintf("Customer %d", i), Email: fmt.Sprintf("c%d@customer.test", i)})
		if err != nil {
			b.Fatal(err)
		}
		people = append(people, u.ID)
	}
	brands, err := db.Read().Brands(ctx)
	if err != nil {
		b.Fatal(err)
	}
	brand := brands[0].ID
	body := strings.Repeat("I was charged twice for my subscription this month and need a refund. ", 4)
	at := time.Now().Add(-time.Hour).UTC().Truncate(time.Microsecond)
	const batch = 2000
	for done := 0; done < exportBenchTickets; done += batch {
		err := db.Write(ctx, func(tx *store.Tx) error {
			for i := done; i < done+batch; i++ {
				at = at.Add(time.Millisecond)
				t := &fd.Ticket{Subject: fmt.Sprintf("Refund for order %d", i), Description: body, Status: fd.StatusOpen,
					Priority: fd.PriorityNormal, Type: fd.TypeQuestion, RequesterID: people[i%len(people)],
					SubmitterID: people[i%len(people)], AssigneeID: admin.ID, BrandID: brand,
					Tags:            []string{"billing", "refund", fmt.Sprintf("order_%d", i%50)},
					CollaboratorIDs: []int64{people[(i+1)%len(people)]}, Via: fd.Via{Channel: fd.ChannelAPI},
					Language: "en", CreatedAt: at, UpdatedAt: at, StatusUpdatedAt: at}
				if err := tx.InsertTicket(ctx, t); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return admin
}
