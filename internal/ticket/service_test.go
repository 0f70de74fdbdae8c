package ticket_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

func TestCreateWritesEverything(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tk := must(e.svc.Create(e.ctx, ticket.NewTicket{
			Comment:   ticket.NewComment{HTMLBody: `<p>My <b>invoice</b> is wrong<script>alert(1)</script></p>`},
			Requester: &ticket.Requester{Name: "Nina New", Email: "Nina@Example.org"},
			Tags:      []string{"Billing", "billing", "VIP customer"},
			Via:       fd.Via{Channel: fd.ChannelEmail},
		}))(t)
		if tk.ID == 0 || tk.Status != fd.StatusNew || tk.Subject != "My invoice is wrong" {
			t.Fatalf("ticket: %+v", tk)
		}
		if !slices.Equal(tk.Tags, []string{"billing", "vip_customer"}) {
			t.Errorf("tags %v", tk.Tags)
		}
		requester := must(e.db.Read().User(e.ctx, tk.RequesterID))(t)
		if requester.Email != "nina@example.org" || requester.OrganizationID != e.org.ID || tk.OrganizationID != e.org.ID {
			t.Errorf("requester %+v not attached to org %d by domain (ticket org %d)", requester, e.org.ID, tk.OrganizationID)
		}
		if tk.BrandID != e.brand.ID || tk.Via.Channel != fd.ChannelEmail || tk.Language != "en" {
			t.Errorf("brand %d via %q language %q", tk.BrandID, tk.Via.Channel, tk.Language)
		}
		comments := must(e.svc.Comments(e.ctx, tk.ID))(t)
		if len(comments) != 1 || strings.Contains(comments[0].HTMLBody, "script") || !strings.Contains(comments[0].HTMLBody, "<b>invoice</b>") || !comments[0].Public {
			t.Fatalf("comments %+v", comments)
		}
		audits := must(e.svc.Audits(e.ctx, tk.ID))(t)
		if len(audits) != 1 || audits[0].ID != comments[0].AuditID {
			t.Fatalf("audits %+v", audits)
		}
		got := map[string]any{}
		for _, ev := range audits[0].Events {
			if ev.Type == fd.EventCreate {
				got[ev.FieldName] = ev.Value
			}
		}
		for _, f := range []string{"subject", "status", "requester_id", "organization_id", "brand_id", "tags"} {
			if got[f] == nil {
				t.Errorf("create audit lacks %s: %v", f, got)
			}
		}
		if last := audits[0].Events[len(audits[0].Events)-1]; last.Type != fd.EventComment || !last.Public {
			t.Errorf("last event %+v, want the public comment", last)
		}
		m := must(e.svc.Metrics(e.ctx, tk.ID))(t)
		if m.FirstReplySeconds != -1 || m.Replies != 0 || !m.CreatedAt.Equal(tk.CreatedAt) {
			t.Errorf("metrics %+v", m)
		}
		hits := must(e.svc.Search(e.ctx, "invoices", 10, 0))(t)
		if len(hits) != 1 || hits[0].Ticket.ID != tk.ID || !strings.Contains(hits[0].Snippet, "<em>invoice</em>") {
			t.Errorf("search hits %+v", hits)
		}
		select {
		case ev := <-e.events:
			if ev.Type != "ticket.created" || ev.TicketID != tk.ID {
				t.Errorf("event %+v", ev)
			}
		default:
			t.Error("no event published")
		}
	})
}

func TestStatusTransitions(t *testing.T) {
	cases := []struct {
		from, to fd.Status
		ok       bool
	}{
		{fd.StatusNew, fd.StatusOpen, true},
		{fd.StatusNew, fd.StatusSolved, true},
		{fd.StatusNew, fd.StatusClosed, false},
		{fd.StatusOpen, fd.StatusNew, false},
		{fd.StatusOpen, fd.StatusPending, true},
		{fd.StatusPending, fd.StatusHold, true},
		{fd.StatusOpen, fd.StatusClosed, false},
		{fd.StatusSolved, fd.StatusOpen, true},
		{fd.StatusSolved, fd.StatusClosed, true},
		{fd.StatusClosed, fd.StatusOpen, false},
		{fd.StatusClosed, fd.StatusClosed, false},
		{fd.StatusOpen, "finished", false},
	}
	for _, c := range cases {
		if got := c.from.CanBecome(c.to); got != c.ok {
			t.Errorf("%s → %s: got %v, want %v", c.from, c.to, got, c.ok)
		}
	}
	each(t, func(t *testing.T, e *env) {
		tk := e.mustCreateTicket(t, "Help", "Please help")
		steps := []struct {
			to fd.Status
			ok bool
		}{{fd.StatusOpen, true}, {fd.StatusNew, false}, {fd.StatusClosed, false}, {fd.StatusSolved, true}, {fd.StatusClosed, true}, {fd.StatusOpen, false}}
		for _, s := range steps {
			_, err := e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Status: ptr(s.to)})
			if (err == nil) != s.ok {
				t.Fatalf("→ %s: err %v, want ok=%v", s.to, err, s.ok)
			}
			if err != nil && !fd.Is(err, fd.Invalid) {
				t.Fatalf("→ %s: want invalid, got %v", s.to, err)
			}
		}
		// A reply to the closed ticket starts a follow-up; the closed one stays closed.
		follow := must(e.svc.Reply(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.customer.ID,
			Comment: &ticket.NewComment{Body: "It broke again"}, Via: fd.Via{Channel: fd.ChannelEmail}}))(t)
		if follow.ID == tk.ID || follow.FollowupSourceID != tk.ID || follow.Status != fd.StatusNew || follow.Subject != "Help" {
			t.Fatalf("follow-up %+v", follow)
		}
		if closed := must(e.svc.Get(e.ctx, tk.ID))(t); closed.Status != fd.StatusClosed || len(must(e.svc.Comments(e.ctx, tk.ID))(t)) != 1 {
			t.Fatalf("closed ticket changed: %+v", closed)
		}
		// A requester's reply reopens a pending ticket.
		other := e.mustCreateTicket(t, "Other", "Question")
		must(e.svc.Update(e.ctx, ticket.Update{TicketID: other.ID, ActorID: e.agent.ID, Status: ptr(fd.StatusPending),
			Comment: &ticket.NewComment{Body: "Which plan are you on?"}}))(t)
		reopened := must(e.svc.Reply(e.ctx, ticket.Update{TicketID: other.ID, ActorID: e.customer.ID,
			Comment: &ticket.NewComment{Body: "Pro"}, Via: fd.Via{Channel: fd.ChannelEmail}}))(t)
		if reopened.Status != fd.StatusOpen {
			t.Fatalf("requester reply left status %s", reopened.Status)
		}
	})
}

func TestCustomFieldValidation(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		plan := must(e.svc.CreateField(e.ctx, fd.TicketField{Type: fd.FieldDropdown, Title: "Plan", Active: true, Required: true,
			Options: []fd.FieldOption{{Name: "Free", Value: "plan_free"}, {Name: "Pro", Value: "plan_pro"}}}))(t)
		seats := must(e.svc.CreateField(e.ctx, fd.TicketField{Type: fd.FieldInteger, Title: "Seats", Active: true}))(t)
		order := must(e.svc.CreateField(e.ctx, fd.TicketField{Type: fd.FieldRegexp, Title: "Order", Active: true, Pattern: `[A-Z]{2}-\d{4}`}))(t)
		urgent := must(e.svc.CreateField(e.ctx, fd.TicketField{Type: fd.FieldCheckbox, Title: "Escalated", Active: true, Tag: "escalated"}))(t)
		amount := must(e.svc.CreateField(e.ctx, fd.TicketField{Type: fd.FieldDecimal, Title: "Amount", Active: true}))(t)
		due := must(e.svc.CreateField(e.ctx, fd.TicketField{Type: fd.FieldDate, Title: "Renewal", Active: true}))(t)
		if _, err := e.svc.CreateField(e.ctx, fd.TicketField{Type: fd.FieldRegexp, Title: "Bad", Pattern: "(["}); !fd.Is(err, fd.Invalid) {
			t.Fatalf("bad regexp field: %v", err)
		}

		bad := []struct {
			field int64
			value any
		}{
			{plan.ID, "plan_gold"}, {seats.ID, "ten"}, {seats.ID, 2.5}, {order.ID, "ab-1234"},
			{urgent.ID, "maybe"}, {amount.ID, "1,5"}, {due.ID, "31/12/2026"}, {9999, "x"},
		}
		before := e.counts(t)
		for _, b := range bad {
			_, err := e.svc.Create(e.ctx, ticket.NewTicket{Subject: "x", Comment: ticket.NewComment{Body: "x"},
				RequesterID: e.customer.ID, CustomFields: map[int64]any{b.field: b.value}})
			var fe *fd.Error
			if !fd.Is(err, fd.Invalid) || !asError(err, &fe) || len(fe.Fields) != 1 || !strings.Contains(fe.Fields[0].Field, "custom_fields.") {
				t.Errorf("field %d = %v: got %v, want one invalid custom field", b.field, b.value, err)
			}
		}
		if after := e.counts(t); !maps.Equal(before, after) {
			t.Fatalf("failed creates left rows: %v → %v", before, after)
		}

		tk := e.mustCreateTicket(t, "Upgrade", "More seats", func(n *ticket.NewTicket) {
			n.CustomFields = map[int64]any{plan.ID: "plan_free", seats.ID: float64(12), order.ID: "AB-1234",
				urgent.ID: true, amount.ID: "10.50", due.ID: "2026-12-31"}
		})
		want := map[int64]any{plan.ID: "plan_free", seats.ID: "12", order.ID: "AB-1234", urgent.ID: true, amount.ID: "10.5", due.ID: "2026-12-31"}
		if !maps.Equal(tk.CustomFields, want) {
			t.Fatalf("custom fields %v, want %v", tk.CustomFields, want)
		}
		if !slices.Equal(tk.Tags, []string{"escalated", "plan_free"}) {
			t.Fatalf("field tags %v", tk.Tags)
		}
		// Changing the drop-down swaps its tag; unchecking drops the checkbox's tag.
		tk = must(e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID,
			CustomFields: map[int64]any{plan.ID: "plan_pro", urgent.ID: false}}))(t)
		if !slices.Equal(tk.Tags, []string{"plan_pro"}) {
			t.Fatalf("tags after change %v", tk.Tags)
		}
		// A required field must be set to solve.
		_, err := e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, CustomFields: map[int64]any{plan.ID: nil}, Status: ptr(fd.StatusSolved)})
		if !fd.Is(err, fd.Invalid) || !strings.Contains(err.Error(), "Plan is required") {
			t.Fatalf("solve without required field: %v", err)
		}
		if got := must(e.svc.Get(e.ctx, tk.ID))(t); got.CustomFields[plan.ID] != "plan_pro" || got.Status == fd.StatusSolved {
			t.Fatalf("failed update changed the ticket: %+v", got)
		}
		must(e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Status: ptr(fd.StatusSolved)}))(t)
	})
}

func TestAuditsRecordEveryChangeInOrder(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tk := e.mustCreateTicket(t, "Refund", "I want a refund", func(n *ticket.NewTicket) { n.Tags = []string{"refund"} })
		updates := []ticket.Update{
			{Status: ptr(fd.StatusOpen), AssigneeID: ptr(e.agent.ID), GroupID: ptr(e.billing.ID)},
			{Priority: ptr(fd.PriorityHigh), AddTags: []string{"urgent"}, Comment: &ticket.NewComment{Body: "Checking", Private: true}},
			{Subject: ptr("Refund for order 7"), Type: ptr(fd.TypeTask), DueAt: ptr(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))},
			{GroupID: ptr(e.tech.ID), AssigneeID: ptr(e.techAgent.ID), RemoveTags: []string{"refund"}},
		}
		for i, u := range updates {
			e.clock.Advance(time.Minute)
			u.TicketID, u.ActorID = tk.ID, e.agent.ID
			if _, err := e.svc.Update(e.ctx, u); err != nil {
				t.Fatalf("update %d: %v", i, err)
			}
		}
		// An update that changes nothing records nothing.
		must(e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Priority: ptr(fd.PriorityHigh)}))(t)

		audits := must(e.svc.Audits(e.ctx, tk.ID))(t)
		if len(audits) != 5 {
			t.Fatalf("%d audits, want 5", len(audits))
		}
		type change struct {
			field      string
			prev, next any
		}
		want := [][]change{
			{{"status", "new", "open"}, {"assignee_id", nil, e.agent.ID}, {"group_id", nil, e.billing.ID}},
			{{"priority", nil, "high"}, {"tags", []any{"refund"}, []any{"refund", "urgent"}}},
			{{"subject", "Refund", "Refund for order 7"}, {"type", nil, "task"}, {"due_at", nil, "2026-04-01T00:00:00Z"}},
			{{"assignee_id", e.agent.ID, e.techAgent.ID}, {"group_id", e.billing.ID, e.tech.ID}, {"tags", []any{"refund", "urgent"}, []any{"urgent"}}},
		}
		for i, w := range want {
			a := audits[i+1]
			if i > 0 && !a.CreatedAt.After(audits[i].CreatedAt) {
				t.Errorf("audit %d not after the previous one", i+1)
			}
			var got []change
			for _, ev := range a.Events {
				if ev.Type == fd.EventChange {
					got = append(got, change{ev.FieldName, norm(ev.PreviousValue), norm(ev.Value)})
				}
			}
			if len(got) != len(w) {
				t.Fatalf("audit %d: changes %v, want %v", i+1, got, w)
			}
			for j := range w {
				if got[j].field != w[j].field || !equalValue(got[j].prev, norm(w[j].prev)) || !equalValue(got[j].next, norm(w[j].next)) {
					t.Errorf("audit %d change %d: got %v, want %v", i+1, j, got[j], w[j])
				}
			}
		}
		if ev := audits[2].Events[len(audits[2].Events)-1]; ev.Type != fd.EventComment || ev.Public {
			t.Errorf("audit 2 should end with a private comment: %+v", ev)
		}
	})
}

func TestMetricsFollowTheClock(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tk := e.mustCreateTicket(t, "Slow", "Hello?")
		upd := func(u ticket.Update) {
			t.Helper()
			u.TicketID = tk.ID
			if u.ActorID == 0 {
				u.ActorID = e.agent.ID
			}
			must(e.svc.Update(e.ctx, u))(t)
		}
		e.clock.Advance(10 * time.Minute)
		upd(ticket.Update{Comment: &ticket.NewComment{Body: "internal", Private: true}}) // a note is no reply
		e.clock.Advance(20 * time.Minute)
		upd(ticket.Update{Status: ptr(fd.StatusPending), AssigneeID: ptr(e.agent.ID), Comment: &ticket.NewComment{Body: "Which browser?"}})
		e.clock.Advance(2 * time.Hour)
		upd(ticket.Update{ActorID: e.customer.ID, Status: ptr(fd.StatusOpen), Comment: &ticket.NewComment{Body: "Firefox"}})
		e.clock.Advance(15 * time.Minute)
		upd(ticket.Update{Status: ptr(fd.StatusHold)})
		e.clock.Advance(45 * time.Minute)
		upd(ticket.Update{Status: ptr(fd.StatusSolved), Comment: &ticket.NewComment{Body: "Fixed"}})
		e.clock.Advance(24 * time.Hour)
		upd(ticket.Update{Status: ptr(fd.StatusOpen)}) // reopen
		e.clock.Advance(time.Hour)
		upd(ticket.Update{Status: ptr(fd.StatusSolved)})

		m := must(e.svc.Metrics(e.ctx, tk.ID))(t)
		min := fd.Minutes
		checks := []struct {
			name      string
			got, want int64
		}{
			{"first reply minutes", min(m.FirstReplySeconds), 30},
			{"replies", int64(m.Replies), 2},
			{"reopens", int64(m.Reopens), 1},
			{"agent wait minutes", min(m.AgentWaitSeconds), 120},
			{"on hold minutes", min(m.OnHoldSeconds), 45},
			{"requester wait minutes", min(m.RequesterWaitSeconds), 30 + 15 + 45 + 60},
			{"full resolution minutes", min(m.FullResolutionSeconds), 30 + 120 + 15 + 45 + 24*60 + 60},
			{"assignee stations", int64(m.AssigneeStations), 1},
		}
		for _, c := range checks {
			if c.got != c.want {
				t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
			}
		}
		if m.RequesterUpdatedAt.IsZero() || !m.SolvedAt.Equal(e.clock.Now()) {
			t.Errorf("timestamps %+v", m)
		}

		// A ticket an agent files for a customer: its first comment is the description,
		// not a reply.
		byAgent := e.mustCreateTicket(t, "Called in", "Customer phoned about invoices", func(n *ticket.NewTicket) { n.SubmitterID = e.agent.ID })
		if m := must(e.svc.Metrics(e.ctx, byAgent.ID))(t); m.Replies != 0 || m.FirstReplySeconds != -1 {
			t.Errorf("agent-filed ticket: %d replies, first reply %d s; want none", m.Replies, m.FirstReplySeconds)
		}
	})
}

func TestStaleStampConflictsAndWritesNothing(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tk := e.mustCreateTicket(t, "Stamp", "x")
		fresh := must(e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, UpdatedStamp: tk.UpdatedAt, Priority: ptr(fd.PriorityLow)}))(t)
		if !fresh.UpdatedAt.After(tk.UpdatedAt) {
			t.Fatalf("stamp did not move with a standing clock: %v → %v", tk.UpdatedAt, fresh.UpdatedAt)
		}
		before := e.counts(t)
		_, err := e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, UpdatedStamp: tk.UpdatedAt,
			Priority: ptr(fd.PriorityUrgent), Comment: &ticket.NewComment{Body: "lost?"}})
		if !fd.Is(err, fd.Conflict) {
			t.Fatalf("stale stamp: got %v, want conflict", err)
		}
		if after := e.counts(t); !maps.Equal(before, after) {
			t.Fatalf("conflict wrote rows: %v → %v", before, after)
		}
		if got := must(e.svc.Get(e.ctx, tk.ID))(t); got.Priority != fd.PriorityLow {
			t.Fatalf("priority %s", got.Priority)
		}
	})
}

func TestFailedWritesLeaveNoTrace(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		bad := []ticket.NewTicket{
			{Subject: "x", Comment: ticket.NewComment{Body: "x"}, RequesterID: e.customer.ID, AssigneeID: e.customer.ID},                         // not an agent
			{Subject: "x", Comment: ticket.NewComment{Body: "x"}, RequesterID: e.customer.ID, AssigneeID: e.techAgent.ID, GroupID: e.billing.ID}, // not in group
			{Subject: "x", Comment: ticket.NewComment{Body: "x"}, RequesterID: 424242},
			{Subject: "x", Comment: ticket.NewComment{Body: "x"}, Requester: &ticket.Requester{Email: "new@example.org"}, GroupID: 999},
			{Subject: "x", Comment: ticket.NewComment{Body: "x"}, RequesterID: e.customer.ID, ProblemID: 1, Type: fd.TypeQuestion},
			{Subject: "x", Comment: ticket.NewComment{Body: "x"}, RequesterID: e.customer.ID, DueAt: time.Now()},
			{Subject: "x", Comment: ticket.NewComment{Body: "x", Uploads: []string{"no-such-token"}}, RequesterID: e.customer.ID},
			{Subject: "x", Comment: ticket.NewComment{Body: "  "}, RequesterID: e.customer.ID},
			{Subject: strings.Repeat("s", 300), Comment: ticket.NewComment{Body: "x"}, RequesterID: e.customer.ID},
		}
		before := e.counts(t)
		// Submitted together, so bad changes share batches with good ones.
		type result struct {
			i   int
			err error
		}
		results := make(chan result, len(bad)*2)
		for i, in := range bad {
			go func() { _, err := e.svc.Create(e.ctx, in); results <- result{i, err} }()
			go func() {
				_, err := e.svc.Create(e.ctx, ticket.NewTicket{Subject: "good", Comment: ticket.NewComment{Body: "fine"}, RequesterID: e.customer.ID})
				results <- result{-1, err}
			}()
		}
		for range 2 * len(bad) {
			r := <-results
			if r.i < 0 && r.err != nil {
				t.Errorf("good create failed: %v", r.err)
			}
			if r.i >= 0 {
				var fe *fd.Error
				if !fd.Is(r.err, fd.Invalid) || !asError(r.err, &fe) || len(fe.Fields) == 0 {
					t.Errorf("bad create %d: got %v, want invalid naming the field", r.i, r.err)
				}
			}
		}
		after := e.counts(t)
		for _, tbl := range []string{"tickets", "comments", "audits", "ticket_metrics", "search_index"} {
			if after[tbl]-before[tbl] != int64(len(bad)) {
				t.Errorf("%s: %d new rows, want %d (only the good tickets)", tbl, after[tbl]-before[tbl], len(bad))
			}
		}
		if after["users"] != before["users"] || after["attachments"] != before["attachments"] {
			t.Errorf("a failed create left a user or attachment behind")
		}
		if err := e.db.IntegrityCheck(e.ctx); err != nil {
			t.Fatal(err)
		}
	})
}

func TestHookAmendsAndEnqueues(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db, func(o *ticket.Options) {
			o.Hook = func(_ context.Context, _ *store.Tx, ch *ticket.Change) error {
				if strings.Contains(strings.ToLower(ch.After.Subject), "outage") {
					ch.After.Priority = fd.PriorityUrgent
					ch.Outbox = append(ch.Outbox, store.OutboxMessage{Kind: "notify", Payload: map[string]any{"subject": ch.After.Subject}})
				}
				if ch.After.Subject == "veto" {
					return fd.Errorf(fd.Invalid, "vetoed by a trigger")
				}
				return nil
			}
		})
		tk := e.mustCreateTicket(t, "Outage in EU", "Everything is down")
		if tk.Priority != fd.PriorityUrgent {
			t.Fatalf("hook change not applied: %s", tk.Priority)
		}
		audits := must(e.svc.Audits(e.ctx, tk.ID))(t)
		if !slices.ContainsFunc(audits[0].Events, func(ev fd.AuditEvent) bool { return ev.FieldName == "priority" && ev.Value == "urgent" }) {
			t.Errorf("hook change not audited: %+v", audits[0].Events)
		}
		pending := must(e.db.Read().PendingOutbox(e.ctx, e.clock.Now(), 10))(t)
		if len(pending) != 1 || pending[0].TicketID != tk.ID || pending[0].Kind != "notify" {
			t.Fatalf("outbox %+v", pending)
		}
		before := e.counts(t)
		if _, err := e.svc.Create(e.ctx, ticket.NewTicket{Subject: "veto", Comment: ticket.NewComment{Body: "x"}, RequesterID: e.customer.ID}); err == nil {
			t.Fatal("vetoed create succeeded")
		}
		if after := e.counts(t); !maps.Equal(before, after) {
			t.Fatalf("vetoed create left rows: %v → %v", before, after)
		}
	})
}

func TestDeleteAndRestore(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		tk := e.mustCreateTicket(t, "Spam", "buy now")
		if err := e.svc.Delete(e.ctx, tk.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Get(e.ctx, tk.ID); !fd.Is(err, fd.NotFound) {
			t.Fatalf("deleted ticket visible: %v", err)
		}
		if hits := must(e.svc.Search(e.ctx, "buy", 10, 0))(t); len(hits) != 0 {
			t.Fatalf("deleted ticket found by search")
		}
		if _, err := e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Priority: ptr(fd.PriorityLow)}); !fd.Is(err, fd.NotFound) {
			t.Fatalf("update of deleted ticket: %v", err)
		}
		if err := e.svc.Restore(e.ctx, tk.ID, e.agent.ID); err != nil {
			t.Fatal(err)
		}
		if got := must(e.svc.Get(e.ctx, tk.ID))(t); !got.UpdatedAt.After(tk.UpdatedAt) {
			t.Fatalf("restore did not move the stamp")
		}
	})
}

func TestListUnsolvedByGroupPages(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		var want []int64
		for i := range 7 {
			e.clock.Advance(time.Minute)
			tk := e.mustCreateTicket(t, "Q", "q", func(n *ticket.NewTicket) { n.GroupID = e.billing.ID })
			if i%3 == 0 {
				must(e.svc.Update(e.ctx, ticket.Update{TicketID: tk.ID, ActorID: e.agent.ID, Status: ptr(fd.StatusSolved)}))(t)
				continue
			}
			want = append([]int64{tk.ID}, want...)
		}
		e.mustCreateTicket(t, "Other group", "q", func(n *ticket.NewTicket) { n.GroupID = e.tech.ID })
		var got []int64
		var cur *store.Cursor
		for {
			page, next, err := e.svc.List(e.ctx, store.TicketFilter{Unsolved: true, GroupIDs: []int64{e.billing.ID}, Limit: 2, After: cur})
			if err != nil {
				t.Fatal(err)
			}
			for _, tk := range page {
				got = append(got, tk.ID)
			}
			if next == nil {
				break
			}
			cur = next
		}
		if !slices.Equal(got, want) {
			t.Fatalf("pages %v, want %v", got, want)
		}
	})
}

func TestIncidentsLinkToProblems(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		problem := e.mustCreateTicket(t, "Outage", "EU region down", func(n *ticket.NewTicket) { n.Type = fd.TypeProblem })
		incident := e.mustCreateTicket(t, "Site down", "Can't reach the site", func(n *ticket.NewTicket) {
			n.Type, n.ProblemID = fd.TypeIncident, problem.ID
		})
		if incident.ProblemID != problem.ID {
			t.Fatalf("incident problem_id %d", incident.ProblemID)
		}
		// Only a problem can be linked to, and only incidents link.
		_, err := e.svc.Create(e.ctx, ticket.NewTicket{Subject: "x", Comment: ticket.NewComment{Body: "x"}, RequesterID: e.customer.ID,
			Type: fd.TypeIncident, ProblemID: incident.ID})
		if !fd.Is(err, fd.Invalid) || !strings.Contains(err.Error(), "problem_id") {
			t.Fatalf("link to a non-problem: %v", err)
		}
		_, err = e.svc.Update(e.ctx, ticket.Update{TicketID: incident.ID, ActorID: e.agent.ID, Type: ptr(fd.TypeQuestion)})
		if !fd.Is(err, fd.Invalid) || !strings.Contains(err.Error(), "problem_id") {
			t.Fatalf("question keeping a problem link: %v", err)
		}
		must(e.svc.Update(e.ctx, ticket.Update{TicketID: incident.ID, ActorID: e.agent.ID, Type: ptr(fd.TypeQuestion), ProblemID: ptr(int64(0))}))(t)
	})
}

// serve and migrate give a database its first brand; a database neither has run on has
// none, and a ticket there is refused with a reason rather than a server error.
func TestCreateWhereNoBrandExists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := ticket.New(ticket.Options{DB: db})
		defer svc.Close()
		dir := directory.New(directory.Options{DB: db})
		u := must(dir.CreateUser(ctx, directory.NewUser{Name: "Cleo", Email: "cleo@example.org"}))(t)
		in := ticket.NewTicket{Subject: "Hello", Comment: ticket.NewComment{Body: "Anyone there?"}, RequesterID: u.ID}
		_, err := svc.Create(ctx, in)
		var fe *fd.Error
		if !asError(err, &fe) || fe.Code != fd.Invalid || len(fe.Fields) != 1 || fe.Fields[0].Field != "brand_id" {
			t.Fatalf("ticket where no brand exists: %v", err)
		}
		if n := must(db.Read().Count(ctx, "tickets"))(t); n != 0 {
			t.Fatalf("%d tickets written", n)
		}
		b, created, err := dir.EnsureBrand(ctx, fd.Brand{Name: "Support", Subdomain: "support", Active: true})
		if err != nil || !created || !b.Default {
			t.Fatalf("first brand: %+v, created %v, %v", b, created, err)
		}
		if kept, again, err := dir.EnsureBrand(ctx, fd.Brand{Name: "Other", Subdomain: "other", Active: true}); err != nil || again || kept.ID != b.ID {
			t.Fatalf("EnsureBrand with a brand there: %+v, created %v, %v", kept, again, err)
		}
		if tk := must(svc.Create(ctx, in))(t); tk.BrandID != b.ID {
			t.Fatalf("ticket brand %d, want the new default %d", tk.BrandID, b.ID)
		}
	})
}
