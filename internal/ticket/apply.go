package ticket

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// MaxSubject is the longest subject kept, in characters.
const MaxSubject = 255

// MaxBody is the longest comment body accepted, in bytes.
const MaxBody = 1 << 20

var (
	// The policies are built once and safe for concurrent use.
	htmlPolicy  = bluemonday.UGCPolicy()
	plainPolicy = bluemonday.StrictPolicy()
)

// prepareComment checks a new comment and sanitizes its HTML, before any writer work.
func prepareComment(c NewComment, p *fd.Problems, field string) *fd.Comment {
	cm := &fd.Comment{AuthorID: c.AuthorID, Public: !c.Private, Body: strings.TrimSpace(c.Body)}
	if c.HTMLBody != "" {
		cm.HTMLBody = htmlPolicy.Sanitize(c.HTMLBody)
		if cm.Body == "" {
			cm.Body = strings.TrimSpace(html.UnescapeString(plainPolicy.Sanitize(c.HTMLBody)))
		}
	}
	switch {
	case cm.Body == "" && len(c.Uploads) == 0:
		p.Add(field, "can't be blank")
	case len(cm.Body) > MaxBody || len(cm.HTMLBody) > 2*MaxBody:
		p.Add(field, "is longer than %d bytes", MaxBody)
	case !utf8.ValidString(cm.Body):
		p.Add(field, "is not valid UTF-8 text")
	}
	for _, tok := range c.Uploads {
		cm.Attachments = append(cm.Attachments, fd.Attachment{Token: tok})
	}
	return cm
}

// subjectFrom makes a subject from a comment when none was given, as Zendesk does.
func subjectFrom(body string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
	return truncate(strings.TrimSpace(line), 80)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// applyFields sets custom field values on t, keeping the tags that drop-downs and
// checkboxes put on a ticket in step with their values. For an end-user's own change
// (portal), only fields editable in the portal may be set, a field required there can't
// be emptied, and fields are named as the portal names them.
func applyFields(t *fd.Ticket, values map[int64]any, defs map[int64]*fd.TicketField, portal bool, p *fd.Problems) {
	for id, raw := range values {
		f := defs[id]
		key := fmt.Sprintf("custom_fields.%d", id)
		switch {
		case portal && (f == nil || !f.EditableByEndUsers()):
			// Said alike of internal, inactive and unknown fields: nothing leaks.
			p.Add(key, "is not a field you can set")
			continue
		case f == nil || !f.Active:
			p.Add(key, "is not an active ticket field")
			continue
		}
		title := f.Title
		if portal {
			title = f.PortalTitle()
		}
		v, err := f.Normalize(raw)
		if err != nil {
			p.Add(key, "%s: %v", title, err)
			continue
		}
		if portal && v == nil && f.RequiredInPortal {
			p.Add(key, "%s is required", title)
			continue
		}
		old := t.CustomFields[id]
		t.Tags = slices.DeleteFunc(t.Tags, func(tag string) bool { return slices.Contains(f.Tags(old), tag) })
		t.Tags = fd.NormalizeTags(append(t.Tags, f.Tags(v)...))
		if t.CustomFields == nil {
			t.CustomFields = map[int64]any{}
		}
		if v == nil {
			delete(t.CustomFields, id)
		} else {
			t.CustomFields[id] = v
		}
	}
}

// requirePortalFields checks that an end-user filing a request gives every field
// required in the portal; one given empty is reported by applyFields.
func requirePortalFields(values map[int64]any, defs map[int64]*fd.TicketField, p *fd.Problems) {
	for _, f := range defs {
		if _, given := values[f.ID]; !given && f.EditableByEndUsers() && f.RequiredInPortal {
			p.Add(fmt.Sprintf("custom_fields.%d", f.ID), "%s is required", f.PortalTitle())
		}
	}
}

// validate checks the state a change leads to, after the hook ran: every reference
// resolves, the status move is legal, type rules and required fields hold (those agents
// must fill to solve, unless an end-user solves their own request: see Update.Portal).
// Only what changed is looked up again.
func validate(ctx context.Context, tx *store.Tx, before, after *fd.Ticket, defs map[int64]*fd.TicketField, portal bool) error {
	var p fd.Problems
	if !before.Status.CanBecome(after.Status) {
		p.Add("status", "can't change from %s to %s", before.Status, after.Status)
	}
	if !after.Priority.Valid() {
		p.Add("priority", "%q is not a priority", after.Priority)
	}
	if !after.Type.Valid() {
		p.Add("type", "%q is not a ticket type", after.Type)
	}
	if strings.TrimSpace(after.Subject) == "" {
		p.Add("subject", "can't be blank")
	} else if utf8.RuneCountInString(after.Subject) > MaxSubject {
		p.Add("subject", "is longer than %d characters", MaxSubject)
	}
	if after.ProblemID != 0 && after.Type != fd.TypeIncident {
		p.Add("problem_id", "only incidents link to a problem")
	}
	if !after.DueAt.IsZero() && after.Type != fd.TypeTask {
		p.Add("due_at", "only tasks have a due date")
	}
	if after.Status == fd.StatusSolved && before.Status != fd.StatusSolved && !portal {
		for _, f := range defs {
			if f.Active && f.Required && after.CustomFields[f.ID] == nil {
				p.Add(fmt.Sprintf("custom_fields.%d", f.ID), "%s is required to solve the ticket", f.Title)
			}
		}
	}
	if err := checkRefs(ctx, tx, before, after, &p); err != nil {
		return err
	}
	return p.Err()
}

// checkRefs checks that the ids a change sets point at records of the right kind.
func checkRefs(ctx context.Context, tx *store.Tx, before, after *fd.Ticket, p *fd.Problems) error {
	// user checks that id is a user; for staff fields, an active agent or admin. The
	// assignee is read with a share lock, so a directory change that would leave them
	// unable to hold tickets (deletion, demotion, leaving the group) either waits for
	// this change and then sees the ticket it assigned, or goes first and is seen here.
	user := func(field string, id int64, staff bool) error {
		get := tx.User
		if field == "assignee_id" {
			get = tx.UserForShare
		}
		u, err := get(ctx, id)
		switch {
		case fd.Is(err, fd.NotFound):
			p.Add(field, "user %d does not exist", id)
		case err != nil:
			return err
		case staff && !u.Active():
			p.Add(field, "user %d is deleted", id)
		case staff && !u.Role.IsStaff():
			p.Add(field, "user %d is not an agent", id)
		}
		return nil
	}
	exists := func(field, table string, id int64) error {
		ok, err := tx.Exists(ctx, table, id)
		if err == nil && !ok {
			p.Add(field, "%d does not exist", id)
		}
		return err
	}
	if after.RequesterID != before.RequesterID {
		if err := user("requester_id", after.RequesterID, false); err != nil {
			return err
		}
	}
	if after.AssigneeID != 0 && (after.AssigneeID != before.AssigneeID || after.GroupID != before.GroupID) {
		if err := user("assignee_id", after.AssigneeID, true); err != nil {
			return err
		}
		if after.GroupID != 0 {
			in, err := tx.IsMember(ctx, after.AssigneeID, after.GroupID)
			if err != nil {
				return err
			}
			if !in {
				p.Add("assignee_id", "user %d is not in group %d", after.AssigneeID, after.GroupID)
				if after.GroupID == before.GroupID {
					// A deleted group has no members: say so, as a changed group is told below.
					if err := exists("group_id", "groups", after.GroupID); err != nil {
						return err
					}
				}
			}
		}
	}
	for _, ref := range []struct {
		field, table string
		now, then    int64
	}{
		{"group_id", "groups", after.GroupID, before.GroupID},
		{"organization_id", "organizations", after.OrganizationID, before.OrganizationID},
		{"brand_id", "brands", after.BrandID, before.BrandID},
	} {
		if ref.now != 0 && ref.now != ref.then {
			if err := exists(ref.field, ref.table, ref.now); err != nil {
				return err
			}
		}
	}
	if after.ProblemID != 0 && after.ProblemID != before.ProblemID {
		prob, err := tx.Ticket(ctx, after.ProblemID)
		switch {
		case fd.Is(err, fd.NotFound) || (err == nil && prob.Type != fd.TypeProblem) || after.ProblemID == after.ID:
			p.Add("problem_id", "ticket %d is not a problem", after.ProblemID)
		case err != nil:
			return err
		}
	}
	for _, list := range []struct {
		field     string
		now, then []int64
	}{
		{"collaborator_ids", after.CollaboratorIDs, before.CollaboratorIDs},
		{"follower_ids", after.FollowerIDs, before.FollowerIDs},
		{"email_cc_ids", after.EmailCCIDs, before.EmailCCIDs},
	} {
		for _, id := range list.now {
			if slices.Contains(list.then, id) {
				continue
			}
			if err := user(list.field, id, list.field == "follower_ids"); err != nil {
				return err
			}
		}
	}
	return nil
}

// stampAfter returns the time a change is recorded at: now, but always after the
// ticket's previous stamp, so UpdatedAt strictly increases and can serve as the
// optimistic-concurrency stamp even when the clock stands still.
func stampAfter(now, prev time.Time) time.Time {
	if !now.After(prev) {
		return prev.Add(time.Microsecond)
	}
	return now
}

func sortedIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
