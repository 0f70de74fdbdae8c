package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"sync/atomic"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// Permanent deletion erases a soft-deleted ticket with everything of it, unlinks the
// tickets that pointed at it, and is for admins only.
func TestPurgeDeletedTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var clock atomic.Int64 // Unix microseconds: the test moves it past the files' grace
		clock.Store(time.Now().UnixMicro())
		dir := t.TempDir()
		svc := ticket.New(ticket.Options{DB: db, AttachmentDir: dir, MaxUpload: 1 << 20,
			Clock: func() time.Time { return time.UnixMicro(clock.Load()) }})
		t.Cleanup(svc.Close)
		e := newEnv(t, db, func(o *api.Options) { o.Tickets = svc })
		e.tickets = svc
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, fd.RestrictNone)
		customer := e.endUser(t, "Cleo Customer")
		_, up, raw := e.upload(t, customer, "filename=passport.png", "image/png", pngBytes)
		if up.Upload.Token == "" {
			t.Fatalf("upload: %s", raw)
		}
		attachment := int64(up.Upload.Attachment["id"].(float64))
		problem := e.mustCreate(t, fmt.Sprintf(`{"subject": "Erase me", "type": "problem", "tags": ["gdpr"], "collaborator_ids": [%d],
			"comment": {"body": "my passport zebracorn", "uploads": [%q]}, "requester_id": %d}`, e.agent.ID, up.Upload.Token, customer.user.ID))
		e.call(t, "PUT", fmt.Sprintf("/api/v2/tickets/%d", problem), `{"ticket": {"comment": {"body": "internal zebracorn note", "public": false}}}`)
		incident := e.mustCreate(t, fmt.Sprintf(`{"subject": "Same", "type": "incident", "problem_id": %d, "comment": {"body": "x"}, "requester_id": %d}`, problem, e.customer.ID))
		second := e.mustCreate(t, fmt.Sprintf(`{"subject": "Also erase", "comment": {"body": "zebracorn again"}, "requester_id": %d}`, e.customer.ID))
		live := e.mustCreate(t, fmt.Sprintf(`{"subject": "Live", "comment": {"body": "zebracorn live"}, "requester_id": %d}`, e.customer.ID))

		if resp, b := e.raw(t, customer, "GET", fmt.Sprintf("/api/v2/attachments/%d/content", attachment), "", nil); resp.StatusCode != 200 || string(b) != pngBytes {
			t.Fatalf("attachment content before the purge: %d", resp.StatusCode)
		}
		purge := fmt.Sprintf("/api/v2/deleted_tickets/%d", problem)
		if code, body, _ := e.callAs(t, admin, "DELETE", purge, ""); code != 404 {
			t.Fatalf("purging a live ticket: %d %v", code, body)
		}
		for _, id := range []int64{problem, second} {
			if resp, b := e.raw(t, e.agentCaller(), "DELETE", fmt.Sprintf("/api/v2/tickets/%d", id), "", nil); resp.StatusCode != 204 {
				t.Fatalf("soft delete %d: %d %s", id, resp.StatusCode, b)
			}
		}
		if code, body, _ := e.call(t, "DELETE", purge, ""); code != 403 {
			t.Fatalf("an agent purges: %d %v", code, body)
		}
		if code, _, _ := e.callAs(t, admin, "DELETE", "/api/v2/deleted_tickets/999999", ""); code != 404 {
			t.Fatalf("purging a missing ticket: %d", code)
		}

		js := e.wait(t, admin, e.queue(t, admin, "DELETE", purge+".json", ""))
		ok(t, results(t, js)[0], "delete", "Deleted", problem)
		if code, _, _ := e.callAs(t, admin, "GET", fmt.Sprintf("/api/v2/tickets/%d", problem), ""); code != 404 {
			t.Fatalf("purged ticket shown: %d", code)
		}
		if code, _, _ := e.callAs(t, admin, "PUT", purge+"/restore", ""); code != 404 {
			t.Fatalf("purged ticket restored: %d", code)
		}
		if code, _, _ := e.callAs(t, admin, "GET", fmt.Sprintf("/api/v2/attachments/%d", attachment), ""); code != 404 {
			t.Fatalf("purged ticket's attachment: %d", code)
		}
		if resp, _ := e.raw(t, customer, "GET", fmt.Sprintf("/api/v2/attachments/%d/content", attachment), "", nil); resp.StatusCode != 404 {
			t.Fatalf("purged ticket's attachment content: %d", resp.StatusCode)
		}
		_, body, _ := e.callAs(t, admin, "GET", "/api/v2/deleted_tickets", "")
		if list := body["deleted_tickets"].([]any); len(list) != 1 || list[0].(map[string]any)["id"] != float64(second) {
			t.Fatalf("deleted tickets after the purge: %v", list)
		}

		// The incident lost its problem, in an audit by the admin.
		inc := e.ticket(t, incident)
		if inc["problem_id"] != nil {
			t.Fatalf("incident still linked: %v", inc["problem_id"])
		}
		_, body, _ = e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/audits", incident), "")
		audits := body["audits"].([]any)
		last := audits[len(audits)-1].(map[string]any)
		ev := last["events"].([]any)[0].(map[string]any)
		if last["author_id"] != float64(admin.user.ID) || ev["field_name"] != "problem_id" || fmt.Sprint(ev["previous_value"]) != fmt.Sprint(problem) || ev["value"] != nil {
			t.Fatalf("unlink audit: %v", last)
		}

		// destroy_many erases what is soft-deleted; a live ticket fails alone.
		js = e.wait(t, admin, e.queue(t, admin, "DELETE", fmt.Sprintf("/api/v2/deleted_tickets/destroy_many?ids=%d,%d", second, live), ""))
		res := results(t, js)
		ok(t, res[0], "delete", "Deleted", second)
		failed(t, res[1], "delete", "RecordNotFound", "deleted ticket")
		e.ticket(t, live)

		// Nothing of the erased tickets is left: not in search, no index row without its
		// comment, no row without its ticket (the integrity check).
		_, body, _ = e.callAs(t, admin, "GET", "/api/v2/search.json?query=zebracorn", "")
		if got := body["results"].([]any); len(got) != 1 || got[0].(map[string]any)["id"] != float64(live) {
			t.Fatalf("search after the purge: %v", got)
		}
		ctx := context.Background()
		comments, err1 := db.Read().Count(ctx, "comments")
		indexed, err2 := db.Read().Count(ctx, "search_index")
		if err1 != nil || err2 != nil || indexed != comments {
			t.Fatalf("%d search index rows for %d comments (%v %v)", indexed, comments, err1, err2)
		}
		if err := db.IntegrityCheck(ctx); err != nil {
			t.Fatal(err)
		}

		// The passport scan's file goes too, once past the grace every stored file has.
		sum := sha256.Sum256([]byte(pngBytes))
		file := ticket.AttachmentPath(dir, hex.EncodeToString(sum[:]))
		if _, err := os.Stat(file); err != nil {
			t.Fatalf("the file before collection: %v", err)
		}
		clock.Add((ticket.FileGrace + time.Minute).Microseconds())
		if n, err := svc.CollectFiles(ctx); err != nil || n != 1 {
			t.Fatalf("collected %d files (%v), want the purged attachment's", n, err)
		}
		if _, err := os.Stat(file); !os.IsNotExist(err) {
			t.Fatalf("the purged attachment's file is still there: %v", err)
		}
	})
}
