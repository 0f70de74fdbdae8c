package ticket_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

func TestAttachmentsByContentHash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		dir := filepath.Join(t.TempDir(), "attachments")
		e := newEnv(t, db, func(o *ticket.Options) { o.AttachmentDir, o.MaxUpload = dir, 23 })
		a := must(e.svc.Upload(e.ctx, "../../etc/report.pdf", "", strings.NewReader("%PDF-1.7 monthly report")))(t)
		b := must(e.svc.Upload(e.ctx, "copy.pdf", "application/pdf", strings.NewReader("%PDF-1.7 monthly report")))(t)
		if a.FileName != "report.pdf" || a.ContentType != "application/pdf" || a.Size != 23 || a.Token == "" {
			t.Fatalf("upload %+v", a)
		}
		if a.SHA256 != b.SHA256 || a.Token == b.Token {
			t.Fatalf("same bytes: hashes %s/%s, tokens %s/%s", a.SHA256, b.SHA256, a.Token, b.Token)
		}
		got, err := os.ReadFile(ticket.AttachmentPath(dir, a.SHA256))
		if err != nil || string(got) != "%PDF-1.7 monthly report" {
			t.Fatalf("stored bytes %q, %v", got, err)
		}
		files := 0
		filepath.WalkDir(dir, func(_ string, d os.DirEntry, _ error) error {
			if d != nil && !d.IsDir() {
				files++
			}
			return nil
		})
		if files != 1 {
			t.Fatalf("%d files stored for one content, want 1", files)
		}

		before := e.counts(t)
		if _, err := e.svc.Upload(e.ctx, "big.bin", "", strings.NewReader("twenty-four bytes exactly")); !fd.Is(err, fd.Invalid) {
			t.Fatalf("oversize upload: %v", err)
		}
		if _, err := e.svc.Upload(e.ctx, "  ", "", strings.NewReader("x")); !fd.Is(err, fd.Invalid) {
			t.Fatalf("nameless upload: %v", err)
		}
		if after := e.counts(t); !maps.Equal(before, after) {
			t.Fatalf("refused uploads left rows: %v → %v", before, after)
		}

		tk := e.mustCreateTicket(t, "Report", "See attached", func(n *ticket.NewTicket) { n.Comment.Uploads = []string{a.Token} })
		comments := must(e.svc.Comments(e.ctx, tk.ID))(t)
		if len(comments[0].Attachments) != 1 || comments[0].Attachments[0].FileName != "report.pdf" {
			t.Fatalf("attachments %+v", comments[0].Attachments)
		}
		// A token attaches once.
		_, err = e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Comment: &ticket.NewComment{Body: "again", Uploads: []string{a.Token}}})
		if !fd.Is(err, fd.Invalid) {
			t.Fatalf("reused token: %v", err)
		}
		// An upload alone makes a comment.
		must(e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Comment: &ticket.NewComment{Uploads: []string{b.Token}}}))(t)
	})
}
