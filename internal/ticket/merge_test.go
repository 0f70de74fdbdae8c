package ticket_test

import (
	"context"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

func TestMerge(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, func(o *ticket.Options) { o.AttachmentDir = filepath.Join(t.TempDir(), "attachments") })
		public := must(e.svc.Upload(e.ctx, ticket.NewUpload{FileName: "screenshot.png"}, strings.NewReader("png bytes")))(t)
		internal := must(e.svc.Upload(e.ctx, ticket.NewUpload{FileName: "notes.txt"}, strings.NewReader("internal")))(t)
		target := e.mustCreateTicket(t, "Card declined", "My card was declined")
		src := e.mustCreateTicket(t, "Declined again", "See screenshot", func(n *ticket.NewTicket) {
			n.RequesterID, n.Comment.Uploads = e.techAgent.ID, []string{public.Token}
		})
		must(e.svc.Update(e.ctx, ticket.Update{TicketID: src.ID, ActorID: e.agent.ID,
			Comment: &ticket.NewComment{Body: "internal", Private: true, Uploads: []string{internal.Token}}}))(t)
		for len(e.events) > 0 {
			<-e.events
		}

		got, err := e.svc.Merge(e.ctx, ticket.Merge{TargetID: target.ID, SourceIDs: []int64{src.ID, src.ID}, ActorID: e.agent.ID, TargetPublic: true})
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != target.ID || !slices.Equal(got.EmailCCIDs, []int64{e.techAgent.ID}) {
			t.Fatalf("merged target %+v", got)
		}
		comments := must(e.svc.Comments(e.ctx, target.ID))(t)
		last := comments[len(comments)-1]
		if !last.Public || len(last.Attachments) != 1 || last.Attachments[0].FileName != "screenshot.png" ||
			last.Attachments[0].SHA256 != public.SHA256 || !strings.Contains(last.Body, "Last comment in request") {
			t.Fatalf("target's merge comment %+v", last)
		}
		closed := must(e.svc.Get(e.ctx, src.ID))(t)
		if closed.Status != fd.StatusClosed {
			t.Fatalf("source is %s", closed.Status)
		}
		var published []int64
		for len(e.events) > 0 {
			published = append(published, (<-e.events).TicketID)
		}
		if !slices.Equal(published, []int64{src.ID, target.ID}) {
			t.Fatalf("events for %v, want the source then the target", published)
		}
		// The merge comments are searchable.
		if hits := must(e.svc.Search(e.ctx, "request", 10, 0))(t); len(hits) != 2 {
			t.Fatalf("search finds %d tickets by their merge comments", len(hits))
		}
	})
}

// A merge is one transaction: when any ticket's change fails, none changes.
func TestMergeIsAtomic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		var targetID int64
		refuse := errors.New("the hook refuses the target")
		e := newEnv(t, db, func(o *ticket.Options) {
			o.Hook = func(_ context.Context, _ *store.Tx, ch *ticket.Change) error {
				if ch.Before != nil && ch.Before.ID == targetID {
					return refuse
				}
				return nil
			}
		})
		target := e.mustCreateTicket(t, "Target", "one")
		targetID = target.ID
		a := e.mustCreateTicket(t, "Source A", "two")
		b := e.mustCreateTicket(t, "Source B", "three")
		before := e.counts(t)
		_, err := e.svc.Merge(e.ctx, ticket.Merge{TargetID: target.ID, SourceIDs: []int64{a.ID, b.ID}, ActorID: e.agent.ID})
		if !errors.Is(err, refuse) {
			t.Fatalf("merge: %v", err)
		}
		if after := e.counts(t); !maps.Equal(before, after) {
			t.Fatalf("a failed merge wrote rows: %v → %v", before, after)
		}
		for _, id := range []int64{a.ID, b.ID} {
			if tk := must(e.svc.Get(e.ctx, id))(t); tk.Status != fd.StatusNew {
				t.Fatalf("source %d is %s after a failed merge", id, tk.Status)
			}
		}

		cases := []struct {
			m    ticket.Merge
			code fd.Code
		}{
			{ticket.Merge{TargetID: target.ID, ActorID: e.agent.ID}, fd.Invalid},
			{ticket.Merge{TargetID: target.ID, SourceIDs: []int64{target.ID}, ActorID: e.agent.ID}, fd.Invalid},
			{ticket.Merge{TargetID: target.ID, SourceIDs: []int64{a.ID}}, fd.Invalid},
			{ticket.Merge{TargetID: target.ID, SourceIDs: []int64{999999}, ActorID: e.agent.ID}, fd.NotFound},
			{ticket.Merge{TargetID: 999999, SourceIDs: []int64{a.ID}, ActorID: e.agent.ID}, fd.NotFound},
		}
		for _, c := range cases {
			if err := e.svc.CheckMerge(e.ctx, c.m); c.m.ActorID != 0 && !fd.Is(err, c.code) {
				t.Errorf("check %+v: %v, want %s", c.m, err, c.code)
			}
			if _, err := e.svc.Merge(e.ctx, c.m); !fd.Is(err, c.code) {
				t.Errorf("merge %+v: %v, want %s", c.m, err, c.code)
			}
		}
	})
}
