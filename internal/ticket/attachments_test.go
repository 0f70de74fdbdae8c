package ticket_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

func TestAttachmentsByContentHash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		dir := filepath.Join(t.TempDir(), "attachments")
		e := newEnv(t, db, func(o *ticket.Options) { o.AttachmentDir, o.MaxUpload = dir, 23 })
		a := must(e.svc.Upload(e.ctx, ticket.NewUpload{FileName: "../../etc/report.pdf", UploaderID: e.customer.ID}, strings.NewReader("%PDF-1.7 monthly report")))(t)
		b := must(e.svc.Upload(e.ctx, ticket.NewUpload{FileName: "copy.pdf", ContentType: "application/pdf", UploaderID: e.agent.ID}, strings.NewReader("%PDF-1.7 monthly report")))(t)
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
		if _, err := e.svc.Upload(e.ctx, ticket.NewUpload{FileName: "big.bin"}, strings.NewReader("twenty-four bytes exactly")); !fd.Is(err, fd.Invalid) {
			t.Fatalf("oversize upload: %v", err)
		}
		if _, err := e.svc.Upload(e.ctx, ticket.NewUpload{FileName: "  "}, strings.NewReader("x")); !fd.Is(err, fd.Invalid) {
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

func TestUploadTokensCarrySeveralFilesAndExpire(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		// each's env has no attachment directory; give this one its own.
		svc := ticket.New(ticket.Options{DB: e.db, Clock: e.clock.Now, AttachmentDir: t.TempDir()})
		defer svc.Close()
		up := func(in ticket.NewUpload, body string) (*fd.Attachment, error) {
			return svc.Upload(e.ctx, in, strings.NewReader(body))
		}
		first := must(up(ticket.NewUpload{FileName: "shot.png", ContentType: "application/binary", UploaderID: e.customer.ID}, "\x89PNG\r\n\x1a\n"))(t)
		if first.ContentType != "image/png" || first.UploaderID != e.customer.ID {
			t.Fatalf("first upload %+v", first)
		}
		second := must(up(ticket.NewUpload{FileName: "log.txt", Token: first.Token, UploaderID: e.customer.ID}, "line 1\n"))(t)
		if second.Token != first.Token {
			t.Fatalf("second file got token %q, want %q", second.Token, first.Token)
		}
		if files := must(svc.Uploads(e.ctx, first.Token))(t); len(files) != 2 {
			t.Fatalf("token holds %d files, want 2", len(files))
		}
		// Someone else's token is not theirs to add to, nor to delete.
		if _, err := up(ticket.NewUpload{FileName: "x.txt", Token: first.Token, UploaderID: e.agent.ID}, "x"); !fd.Is(err, fd.Invalid) {
			t.Fatalf("adding to another's token: %v", err)
		}
		if err := svc.DeleteUpload(e.ctx, first.Token, e.agent.ID); !fd.Is(err, fd.NotFound) {
			t.Fatalf("deleting another's upload: %v", err)
		}

		// One token attaches every file under it.
		tk := must(svc.Create(e.ctx, ticket.NewTicket{Subject: "Crash", RequesterID: e.customer.ID,
			Comment: ticket.NewComment{Body: "see files", Uploads: []string{first.Token}}}))(t)
		comments := must(svc.Comments(e.ctx, tk.ID))(t)
		if len(comments[0].Attachments) != 2 || comments[0].Attachments[1].FileName != "log.txt" {
			t.Fatalf("attachments %+v", comments[0].Attachments)
		}
		if _, err := up(ticket.NewUpload{FileName: "late.txt", Token: first.Token, UploaderID: e.customer.ID}, "late"); !fd.Is(err, fd.Invalid) {
			t.Fatalf("adding to an attached token: %v", err)
		}
		if err := svc.DeleteUpload(e.ctx, first.Token, e.customer.ID); !fd.Is(err, fd.NotFound) {
			t.Fatalf("deleting an attached upload: %v", err)
		}

		// A deleted upload can't be attached.
		gone := must(up(ticket.NewUpload{FileName: "gone.txt", UploaderID: e.customer.ID}, "gone"))(t)
		must(0, svc.DeleteUpload(e.ctx, gone.Token, e.customer.ID))(t)
		_, err := svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Comment: &ticket.NewComment{Uploads: []string{gone.Token}}})
		if !fd.Is(err, fd.Invalid) {
			t.Fatalf("attaching a deleted upload: %v", err)
		}

		// Past its lifetime a token neither takes files nor attaches, and is swept away.
		old := must(up(ticket.NewUpload{FileName: "old.txt", UploaderID: e.customer.ID}, "old"))(t)
		e.clock.Advance(ticket.UploadLifetime + time.Minute)
		if _, err := up(ticket.NewUpload{FileName: "more.txt", Token: old.Token, UploaderID: e.customer.ID}, "more"); !fd.Is(err, fd.Invalid) {
			t.Fatalf("adding to an expired token: %v", err)
		}
		_, err = svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Comment: &ticket.NewComment{Uploads: []string{old.Token}}})
		if !fd.Is(err, fd.Invalid) {
			t.Fatalf("attaching an expired upload: %v", err)
		}
		must(svc.Upload(e.ctx, ticket.NewUpload{FileName: "new.txt", UploaderID: e.customer.ID}, strings.NewReader("new")))(t)
		if files := must(svc.Uploads(e.ctx, old.Token))(t); len(files) != 0 {
			t.Fatalf("expired upload not swept: %+v", files)
		}
		if got := must(svc.Attachment(e.ctx, comments[0].Attachments[0].ID))(t); got.CommentID != comments[0].ID {
			t.Fatalf("attached file swept or detached: %+v", got)
		}
	})
}
