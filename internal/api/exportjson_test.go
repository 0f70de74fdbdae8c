package api

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// The export writes tickets by hand for speed; it must write exactly what the rest of
// the API writes through encoding/json, for every field.
func TestExportTicketJSON(t *testing.T) {
	a := &API{}
	odd := "Printer <b>on fire</b> & \"smoking\" \\ \n\t\r\b\f\x01\x1f é ✓ \u2028\u2029 \xff\xfe end"
	at := time.Date(2026, 3, 2, 9, 30, 15, 123456000, time.UTC)
	full := &fd.Ticket{ID: 42, ExternalID: "ext-" + odd, Subject: odd, Description: odd + " body",
		Status: fd.StatusPending, Priority: fd.PriorityUrgent, Type: fd.TypeIncident, RequesterID: 7, SubmitterID: 8,
		AssigneeID: 9, GroupID: 10, OrganizationID: 11, BrandID: 12, ProblemID: 13, FollowupSourceID: 14,
		DueAt: at.Add(48 * time.Hour), Tags: []string{"billing", "vip<1>"},
		CustomFields:    map[int64]any{30: "x<y", 4: true, 17: false, 99: nil, 5: 1.5, 6: []any{"a", "b"}},
		CollaboratorIDs: []int64{3, 4}, FollowerIDs: []int64{5}, EmailCCIDs: []int64{6, 7, 8},
		Via: fd.Via{Channel: fd.ChannelEmail, Source: fd.ViaSource{From: map[string]any{"address": "a@b.test", "name": "A <b>"},
			To: map[string]any{"address": "support@acme.test"}, Rel: "follow_up"}},
		CreatedAt: at.Add(-time.Hour), UpdatedAt: at, StatusUpdatedAt: at,
		SolvedAt: at, Language: "en"}
	deleted := full.Clone()
	deleted.DeletedAt, deleted.Via = at, fd.Via{Channel: fd.ChannelAPI}
	zero := &fd.Ticket{ID: 1, Status: fd.StatusNew, RequesterID: 2, SubmitterID: 2, BrandID: 1,
		Via: fd.Via{Channel: fd.ChannelWeb, Source: fd.ViaSource{From: map[string]any{}}}, CreatedAt: at, UpdatedAt: at}
	for _, base := range []string{"http://127.0.0.1:8080", "https://help.acme.test", "http://odd<host>&"} {
		for name, tk := range map[string]*fd.Ticket{"full": full, "deleted": deleted, "zero": zero} {
			j := a.ticketJSON(base, tk)
			if !tk.DeletedAt.IsZero() {
				j.Status = "deleted"
			}
			want, err := json.Marshal(j)
			if err != nil {
				t.Fatal(err)
			}
			got, err := appendExportTicket([]byte("prefix"), base, tk)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimPrefix(string(got), "prefix"); got != string(want) {
				t.Errorf("%s ticket at %s:\n got %s\nwant %s", name, base, got, want)
			}
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
