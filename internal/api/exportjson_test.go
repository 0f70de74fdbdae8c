package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// The export writes tickets by hand for speed; it must write exactly what the rest of
// the API writes through encoding/json, for every field.
func TestExportTicketJSON(t *testing.T) {
	a := &API{}
	full, deleted, zero := renderFixtures()
	for _, base := range renderBases {
		for name, tk := range map[string]*fd.Ticket{"full": full, "deleted": deleted, "zero": zero} {
			src, err := json.Marshal(tk.Via.Source)
			if err != nil {
				t.Fatal(err)
			}
			et := &store.ExportedTicket{Ticket: *tk, ViaSource: string(src)}
			et.Via.Source = fd.ViaSource{}
			t.Run(name, func(t *testing.T) { checkExportTicketJSON(t, a, base, tk, et) })
		}
	}
	for c := range 256 {
		for _, s := range []string{string(rune(c)), string([]byte{byte(c)}), "a" + string([]byte{byte(c), 'b'})} {
			want, _ := json.Marshal(s)
			if got := appendString(nil, s); string(got) != string(want) {
				t.Errorf("%q: got %s, want %s", s, got, want)
			}
		}
	}
}

// renderBases are base URLs of requests, one with characters JSON escapes.
var renderBases = []string{"http://127.0.0.1:8080", "https://help.acme.test", "http://odd<host>&"}

// renderFixtures are tickets to render: one with every field set (and text JSON must
// escape), a deleted one, and one with nothing optional.
func renderFixtures() (full, deleted, zero *fd.Ticket) {
	odd := "Printer <b>on fire</b> & \"smoking\" \\ \n\t\r\b\f\x01\x1f é ✓ \u2028\u2029 \xff\xfe end"
	at := time.Date(2026, 3, 2, 9, 30, 15, 123456000, time.UTC)
	full = &fd.Ticket{ID: 42, ExternalID: "ext-" + odd, Subject: odd, Description: odd + " body",
		Status: fd.StatusPending, Priority: fd.PriorityUrgent, Type: fd.TypeIncident, RequesterID: 7, SubmitterID: 8,
		AssigneeID: 9, GroupID: 10, OrganizationID: 11, BrandID: 12, ProblemID: 13, FollowupSourceID: 14,
		DueAt: at.Add(48 * time.Hour), Tags: []string{"billing", "vip<1>"},
		CustomFields:    map[int64]any{30: "x<y", 4: true, 17: false, 99: nil, 5: 1.5, 6: []any{"a", "b"}},
		CollaboratorIDs: []int64{3, 4}, FollowerIDs: []int64{5}, EmailCCIDs: []int64{6, 7, 8},
		Via: fd.Via{Channel: fd.ChannelEmail, Source: fd.ViaSource{From: map[string]any{"address": "a@b.test", "name": "A <b>"},
			To: map[string]any{"address": "support@acme.test"}, Rel: "follow_up"}},
		CreatedAt: at.Add(-time.Hour), UpdatedAt: at, StatusUpdatedAt: at,
		SolvedAt: at, Language: "en"}
	deleted = full.Clone()
	deleted.DeletedAt, deleted.Via = at, fd.Via{Channel: fd.ChannelAPI}
	zero = &fd.Ticket{ID: 1, Status: fd.StatusNew, RequesterID: 2, SubmitterID: 2, BrandID: 1,
		Via: fd.Via{Channel: fd.ChannelWeb, Source: fd.ViaSource{From: map[string]any{}}}, CreatedAt: at, UpdatedAt: at}
	return full, deleted, zero
}

// The show, create and update write a ticket by hand; the body must be exactly what
// writeJSON wrote for it before.
func TestWriteTicket(t *testing.T) {
	a := &API{}
	full, _, zero := renderFixtures()
	for _, base := range renderBases {
		for name, tk := range map[string]*fd.Ticket{"full": full, "zero": zero} {
			want := httptest.NewRecorder()
			writeJSON(want, http.StatusOK, map[string]any{"ticket": a.ticketJSON(base, tk)})
			got := httptest.NewRecorder()
			if err := writeTicket(got, http.StatusOK, base, tk); err != nil {
				t.Fatal(err)
			}
			if got.Code != want.Code || got.Body.String() != want.Body.String() ||
				got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
				t.Errorf("%s ticket at %s:\n got %d %s\nwant %d %s", name, base, got.Code, got.Body, want.Code, want.Body)
			}
			if got.Header().Get("Content-Length") != strconv.Itoa(got.Body.Len()) {
				t.Errorf("%s ticket: Content-Length %q for %d bytes", name, got.Header().Get("Content-Length"), got.Body.Len())
			}
		}
	}
}

// checkExportTicketJSON holds the export's rendering of et to what encoding/json writes
// for tk, the same ticket as the rest of the API reads it.
func checkExportTicketJSON(t *testing.T, a *API, base string, tk *fd.Ticket, et *store.ExportedTicket) {
	t.Helper()
	j := a.ticketJSON(base, tk)
	if !tk.DeletedAt.IsZero() {
		j.Status = "deleted"
	}
	want, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	got, err := appendExportTicket([]byte("prefix"), base, et)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimPrefix(string(got), "prefix"); got != string(want) {
		t.Errorf("ticket %d at %s:\n got %s\nwant %s", tk.ID, base, got, want)
	}
}

// The store hands the export the via's source as stored, not decoded: on both
// databases it must come out as the rest of the API writes it.
func TestExportTicketJSONFromStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		dir := directory.New(directory.Options{DB: db})
		brand, err := dir.CreateBrand(ctx, fd.Brand{Name: "Acme", Subdomain: "acme"})
		if err != nil {
			t.Fatal(err)
		}
		org, err := dir.CreateOrganization(ctx, fd.Organization{Name: "Org"})
		if err != nil {
			t.Fatal(err)
		}
		group, err := dir.CreateGroup(ctx, fd.Group{Name: "Support"})
		if err != nil {
			t.Fatal(err)
		}
		var people []int64
		for i := range 3 {
			u, err := dir.CreateUser(ctx, directory.NewUser{Name: fmt.Sprint("P", i), Email: fmt.Sprintf("p%d@x.test", i)})
			if err != nil {
				t.Fatal(err)
			}
			people = append(people, u.ID)
		}
		odd := "A <b>&</b> \"q\" \\ \n\t é ✓ \u2028 \x01"
		at := time.Date(2026, 3, 2, 9, 30, 15, 123456000, time.UTC)
		sources := []fd.ViaSource{{}, {Rel: "merge"},
			{From: map[string]any{"address": "a@b.test", "name": odd}, To: map[string]any{"address": "s@acme.test", "name": "Acme"}},
			{From: map[string]any{"username": "tg", "id": 1234567.0, "ok": true, "none": nil, "list": []any{"a", 2.5, map[string]any{"z": 1.0, "a": "b"}}}, Rel: "portal"},
			{To: map[string]any{"nested": map[string]any{"zz": "1", "a": map[string]any{}, "mm": []any{}}}}}
		fields := []map[int64]any{nil, {30: "x<y", 4: true, 17: false, 99: nil, 5: 1.5, 6: []any{"a", "b"}}, {1: "only"}}
		err = db.Write(ctx, func(tx *store.Tx) error {
			for i, src := range sources {
				tk := &fd.Ticket{Subject: odd, Description: "d " + odd, Status: fd.StatusOfRank(i%5 + 1), Type: fd.TypeTask,
					RequesterID: people[0], SubmitterID: people[i%3], BrandID: brand.ID, Via: fd.Via{Channel: fd.ChannelEmail, Source: src},
					CustomFields: fields[i%len(fields)], CreatedAt: at, UpdatedAt: at.Add(time.Duration(i) * time.Second), StatusUpdatedAt: at}
				if i%2 == 1 {
					tk.Priority, tk.AssigneeID, tk.GroupID, tk.OrganizationID = fd.PriorityHigh, people[1], group.ID, org.ID
					tk.Tags, tk.CollaboratorIDs, tk.FollowerIDs, tk.EmailCCIDs = []string{"b", "a<1>"}, people[1:], people[:1], people
					tk.ExternalID, tk.DueAt, tk.DeletedAt = fmt.Sprint("ext-", i), at.Add(time.Hour), at.Add(time.Minute)
				}
				if err := tx.InsertTicket(ctx, tk); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		err = db.Read().ExportTickets(ctx, store.ExportQuery{Before: 1 << 62}, func(et *store.ExportedTicket) error {
			n++
			tk, err := db.Read().Ticket(ctx, et.ID)
			if err != nil {
				return err
			}
			checkExportTicketJSON(t, &API{}, "http://127.0.0.1:8080", tk, et)
			return nil
		})
		if err != nil || n != len(sources) {
			t.Fatalf("%d tickets exported (%v), want %d", n, err, len(sources))
		}
	})
}
