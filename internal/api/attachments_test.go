package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// newUploadEnv is newEnv whose ticket service stores attachments, up to maxUpload
// bytes each.
func newUploadEnv(t *testing.T, db *store.DB, maxUpload int64) *env {
	t.Helper()
	svc := ticket.New(ticket.Options{DB: db, AttachmentDir: t.TempDir(), MaxUpload: maxUpload})
	t.Cleanup(svc.Close)
	e := newEnv(t, db, func(o *api.Options) { o.Tickets = svc })
	e.tickets = svc
	return e
}

// pngBytes is the start of a PNG file: enough for content sniffing to call it one.
const pngBytes = "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

type uploadJSON struct {
	Upload struct {
		Token       string           `json:"token"`
		ExpiresAt   string           `json:"expires_at"`
		Attachment  map[string]any   `json:"attachment"`
		Attachments []map[string]any `json:"attachments"`
	} `json:"upload"`
}

func (e *env) upload(t *testing.T, c caller, query, contentType, body string) (int, uploadJSON, []byte) {
	t.Helper()
	resp, b := e.raw(t, c, "POST", "/api/v2/uploads.json?"+query, contentType, strings.NewReader(body))
	var u uploadJSON
	if resp.StatusCode == http.StatusCreated {
		if err := json.Unmarshal(b, &u); err != nil {
			t.Fatalf("upload answer %q: %v", b, err)
		}
	}
	return resp.StatusCode, u, b
}

func TestUploadsAttachAndDownload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newUploadEnv(t, db, 1<<20)
		agent := e.agentCaller()
		code, shot, b := e.upload(t, agent, "filename=crash.png", "application/binary", pngBytes)
		if code != 201 || shot.Upload.Token == "" || shot.Upload.ExpiresAt == "" || len(shot.Upload.Attachments) != 1 ||
			shot.Upload.Attachment["file_name"] != "crash.png" || shot.Upload.Attachment["content_type"] != "image/png" ||
			shot.Upload.Attachment["size"] != float64(len(pngBytes)) {
			t.Fatalf("upload: %d %s", code, b)
		}
		token := shot.Upload.Token
		// A second file joins the token, here as Zendesk's multipart form.
		var form bytes.Buffer
		mw := multipart.NewWriter(&form)
		part, _ := mw.CreateFormFile("uploaded_data", "notes.html")
		part.Write([]byte("<script>alert(1)</script>"))
		mw.Close()
		code, notes, b := e.upload(t, agent, "token="+token, mw.FormDataContentType(), form.String())
		if code != 201 || notes.Upload.Token != token || len(notes.Upload.Attachments) != 2 || notes.Upload.Attachment["file_name"] != "notes.html" {
			t.Fatalf("second upload: %d %s", code, b)
		}
		if code, _, _ := e.upload(t, agent, "filename=a.txt&token=nonsense", "text/plain", "x"); code != 422 {
			t.Fatalf("unknown token: %d", code)
		}
		if code, _, _ := e.upload(t, agent, "", "text/plain", "x"); code != 422 {
			t.Fatalf("no filename: %d", code)
		}

		// Before it is attached, only the uploader sees an upload.
		shotURL := strings.TrimPrefix(shot.Upload.Attachment["content_url"].(string), e.srv.URL)
		other := e.newCaller(t, "Otto Other", fd.RoleAgent, fd.RestrictNone)
		if resp, _ := e.raw(t, other, "GET", shotURL, "", nil); resp.StatusCode != 404 {
			t.Fatalf("another agent downloads an unattached upload: %d", resp.StatusCode)
		}
		if resp, body := e.raw(t, agent, "GET", shotURL, "", nil); resp.StatusCode != 200 || string(body) != pngBytes {
			t.Fatalf("uploader downloads: %d", resp.StatusCode)
		}

		customer := e.endUser(t, "Erin End")
		id := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "see files", "uploads": [%q]}, "requester_id": %d}`, token, customer.user.ID))
		_, body, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/tickets/%d/comments", id), "")
		atts := body["comments"].([]any)[0].(map[string]any)["attachments"].([]any)
		if len(atts) != 2 {
			t.Fatalf("comment attachments %v", atts)
		}
		if code, _, _ := e.call(t, "POST", "/api/v2/tickets", fmt.Sprintf(`{"ticket": {"comment": {"body": "again", "uploads": [%q]}, "requester_id": %d}}`, token, e.customer.ID)); code != 422 {
			t.Fatalf("reusing an attached token: %d", code)
		}
		html := atts[1].(map[string]any)
		htmlURL := strings.TrimPrefix(html["content_url"].(string), e.srv.URL)
		code, meta, _ := e.call(t, "GET", fmt.Sprintf("/api/v2/attachments/%d.json", int64(html["id"].(float64))), "")
		if code != 200 || meta["attachment"].(map[string]any)["file_name"] != "notes.html" {
			t.Fatalf("attachment metadata: %d %v", code, meta)
		}

		// Served: a real image inline; anything else a download the browser won't sniff.
		resp, got := e.raw(t, other, "GET", shotURL, "", nil)
		if resp.StatusCode != 200 || string(got) != pngBytes || resp.Header.Get("Content-Type") != "image/png" ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "inline") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("image download: %d %v", resp.StatusCode, resp.Header)
		}
		resp, got = e.raw(t, other, "GET", htmlURL, "", nil)
		if resp.StatusCode != 200 || string(got) != "<script>alert(1)</script>" ||
			resp.Header.Get("Content-Disposition") != `attachment; filename=notes.html` ||
			resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Fatalf("html download: %d %v", resp.StatusCode, resp.Header)
		}
		// A file that claims to be an image but is not one is not shown inline.
		_, fake, _ := e.upload(t, agent, "filename=fake.png", "image/png", "<html><body>not an image</body></html>")
		fakeURL := strings.TrimPrefix(fake.Upload.Attachment["content_url"].(string), e.srv.URL)
		if resp, _ := e.raw(t, agent, "GET", fakeURL, "", nil); !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("fake image served %v", resp.Header)
		}
		if resp, part := e.raw(t, other, "GET", shotURL, "", nil); resp.StatusCode != 200 || len(part) != len(pngBytes) {
			t.Fatalf("download again: %d", resp.StatusCode)
		}
		req, _ := http.NewRequest("GET", e.srv.URL+shotURL, nil)
		req.SetBasicAuth(other.user.Email+"/token", other.token)
		req.Header.Set("Range", "bytes=0-3")
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusPartialContent {
			t.Fatalf("range request: %v %v", resp, err)
		} else {
			resp.Body.Close()
		}

		// Attached files follow their ticket: a restricted agent who can't see it gets
		// 404; the requester sees public comments' files but not internal notes'.
		restricted := e.newCaller(t, "Rita Restricted", fd.RoleAgent, fd.RestrictAssigned)
		if resp, _ := e.raw(t, restricted, "GET", shotURL, "", nil); resp.StatusCode != 404 {
			t.Fatalf("restricted agent downloads: %d", resp.StatusCode)
		}
		if code, _, _ := e.callAs(t, restricted, "GET", strings.TrimSuffix(shotURL, "/content"), ""); code != 404 {
			t.Fatalf("restricted agent reads metadata: %d", code)
		}
		if resp, _ := e.raw(t, customer, "GET", shotURL, "", nil); resp.StatusCode != 200 {
			t.Fatalf("requester downloads from a public comment: %d", resp.StatusCode)
		}
		if code, _, _ := e.callAs(t, customer, "GET", strings.TrimSuffix(shotURL, "/content"), ""); code != 403 {
			t.Fatalf("end-user reads attachment metadata: %d", code)
		}
		_, note, _ := e.upload(t, agent, "filename=internal.txt", "text/plain", "internal only")
		e.call(t, "PUT", fmt.Sprintf("/api/v2/tickets/%d", id), fmt.Sprintf(`{"ticket": {"comment": {"body": "note", "public": false, "uploads": [%q]}}}`, note.Upload.Token))
		noteURL := strings.TrimPrefix(note.Upload.Attachment["content_url"].(string), e.srv.URL)
		if resp, _ := e.raw(t, customer, "GET", noteURL, "", nil); resp.StatusCode != 404 {
			t.Fatalf("requester downloads an internal note's file: %d", resp.StatusCode)
		}
		if resp, _ := e.raw(t, other, "GET", noteURL, "", nil); resp.StatusCode != 200 {
			t.Fatalf("agent downloads an internal note's file: %d", resp.StatusCode)
		}
		// A deleted ticket's files go with it.
		e.raw(t, agent, "DELETE", fmt.Sprintf("/api/v2/tickets/%d", id), "", nil)
		if resp, _ := e.raw(t, agent, "GET", shotURL, "", nil); resp.StatusCode != 404 {
			t.Fatalf("file of a deleted ticket: %d", resp.StatusCode)
		}
	})
}

func TestDeleteUploadAndLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newUploadEnv(t, db, 1000)
		agent := e.agentCaller()
		customer := e.endUser(t, "Erin End")
		// End-users upload too (for their requests), and own what they upload.
		code, up, b := e.upload(t, customer, "filename=receipt.pdf", "", "%PDF-1.7")
		if code != 201 || up.Upload.Attachment["content_type"] != "application/pdf" {
			t.Fatalf("end-user upload: %d %s", code, b)
		}
		path := "/api/v2/uploads/" + up.Upload.Token + ".json"
		if resp, _ := e.raw(t, agent, "DELETE", path, "", nil); resp.StatusCode != 404 {
			t.Fatalf("someone else deletes the upload: %d", resp.StatusCode)
		}
		if resp, b := e.raw(t, customer, "DELETE", path, "", nil); resp.StatusCode != 204 || len(b) != 0 {
			t.Fatalf("delete upload: %d %q", resp.StatusCode, b)
		}
		if resp, _ := e.raw(t, customer, "GET", strings.TrimPrefix(up.Upload.Attachment["content_url"].(string), e.srv.URL), "", nil); resp.StatusCode != 404 {
			t.Fatalf("deleted upload downloads: %d", resp.StatusCode)
		}
		if code, _, _ := e.call(t, "POST", "/api/v2/tickets", fmt.Sprintf(`{"ticket": {"comment": {"body": "x", "uploads": [%q]}, "requester_id": %d}}`, up.Upload.Token, e.customer.ID)); code != 422 {
			t.Fatalf("attaching a deleted upload: %d", code)
		}

		// Over the limit: 413, whether the size is announced or only found by reading.
		if code, _, b := e.upload(t, agent, "filename=big.bin", "application/binary", strings.Repeat("x", 1001)); code != 413 || !strings.Contains(string(b), "RequestEntityTooLarge") {
			t.Fatalf("oversize upload: %d %s", code, b)
		}
		req, _ := http.NewRequest("POST", e.srv.URL+"/api/v2/uploads?filename=big.bin", struct{ *strings.Reader }{strings.NewReader(strings.Repeat("x", 5000))})
		req.SetBasicAuth(e.agent.Email+"/token", e.token)
		if code, body, _ := do(t, req); code != 413 || body["error"] != "RequestEntityTooLarge" {
			t.Fatalf("oversize chunked upload: %d %v", code, body)
		}
		if code, _, b := e.upload(t, agent, "filename=exact.bin", "application/binary", strings.Repeat("x", 1000)); code != 201 {
			t.Fatalf("upload at the limit: %d %s", code, b)
		}
		if n := must(db.Read().Count(t.Context(), "attachments"))(t); n != 1 {
			t.Fatalf("%d attachments stored, want 1", n)
		}
		// Other routes keep the 10 MB JSON limit.
		id := e.mustCreate(t, fmt.Sprintf(`{"comment": {"body": "x"}, "requester_id": %d}`, e.customer.ID))
		if code, body, _ := e.call(t, "PUT", fmt.Sprintf("/api/v2/tickets/%d/tags", id), `{"tags": ["`+strings.Repeat("x", api.MaxBody)+`"]}`); code != 413 {
			t.Fatalf("oversize tags body: %d %v", code, body["error"])
		}
	})
}

func TestUploadsPassTheJSONBodyLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newUploadEnv(t, db, api.MaxBody+1<<20)
		code, up, b := e.upload(t, e.agentCaller(), "filename=video.bin", "application/binary", strings.Repeat("v", api.MaxBody+1))
		if code != 201 || up.Upload.Attachment["size"] != float64(api.MaxBody+1) {
			t.Fatalf("upload past the JSON limit: %d %.200s", code, b)
		}
	})
}
