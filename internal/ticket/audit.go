package ticket

import (
	"reflect"
	"strconv"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// auditField is one ticket field an audit records, by its Zendesk name.
type auditField struct {
	name string
	get  func(*fd.Ticket) any
}

func idValue(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func stringValue(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func listValue[T any](list []T) any {
	if len(list) == 0 {
		return nil
	}
	return list
}

// auditFields lists what audits record, in the order events are written.
var auditFields = []auditField{
	{"subject", func(t *fd.Ticket) any { return stringValue(t.Subject) }},
	{"status", func(t *fd.Ticket) any { return stringValue(string(t.Status)) }},
	{"priority", func(t *fd.Ticket) any { return stringValue(string(t.Priority)) }},
	{"type", func(t *fd.Ticket) any { return stringValue(string(t.Type)) }},
	{"requester_id", func(t *fd.Ticket) any { return idValue(t.RequesterID) }},
	{"submitter_id", func(t *fd.Ticket) any { return idValue(t.SubmitterID) }},
	{"assignee_id", func(t *fd.Ticket) any { return idValue(t.AssigneeID) }},
	{"group_id", func(t *fd.Ticket) any { return idValue(t.GroupID) }},
	{"organization_id", func(t *fd.Ticket) any { return idValue(t.OrganizationID) }},
	{"brand_id", func(t *fd.Ticket) any { return idValue(t.BrandID) }},
	{"problem_id", func(t *fd.Ticket) any { return idValue(t.ProblemID) }},
	{"due_at", func(t *fd.Ticket) any {
		if t.DueAt.IsZero() {
			return nil
		}
		return t.DueAt.Format(time.RFC3339)
	}},
	{"external_id", func(t *fd.Ticket) any { return stringValue(t.ExternalID) }},
	{"tags", func(t *fd.Ticket) any { return listValue(t.Tags) }},
	{"collaborator_ids", func(t *fd.Ticket) any { return listValue(t.CollaboratorIDs) }},
	{"follower_ids", func(t *fd.Ticket) any { return listValue(t.FollowerIDs) }},
	{"email_cc_ids", func(t *fd.Ticket) any { return listValue(t.EmailCCIDs) }},
}

// auditEvents lists every field that differs between before and after: Create events
// for a new ticket (before is nil), Change events with the previous value otherwise.
// Custom fields are named by their id, as in Zendesk.
func auditEvents(before, after *fd.Ticket) []fd.AuditEvent {
	kind, prev := fd.EventChange, before
	if before == nil {
		kind, prev = fd.EventCreate, &fd.Ticket{}
	}
	var events []fd.AuditEvent
	add := func(name string, old, now any) {
		if reflect.DeepEqual(old, now) {
			return
		}
		e := fd.AuditEvent{Type: kind, FieldName: name, Value: now}
		if kind == fd.EventChange {
			e.PreviousValue = old
		}
		events = append(events, e)
	}
	for _, f := range auditFields {
		add(f.name, f.get(prev), f.get(after))
	}
	ids := make([]int64, 0, len(after.CustomFields)+len(prev.CustomFields))
	for id := range after.CustomFields {
		ids = append(ids, id)
	}
	for id := range prev.CustomFields {
		ids = append(ids, id)
	}
	for _, id := range sortedIDs(ids) {
		add(strconv.FormatInt(id, 10), prev.CustomFields[id], after.CustomFields[id])
	}
	return events
}
