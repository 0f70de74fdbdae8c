package search

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// kind is what values a keyword takes.
type kind int

const (
	kindText   kind = iota // words of text (subject, comment, notes, name)
	kindEnum               // one of a fixed list (status, priority, role)
	kindDate               // a date, a time, or a time relative to now
	kindPerson             // a user: none, me, id, email or name
	kindRef                // a group, organization or brand: none, id or name
	kindTag                // a tag
	kindVia                // a channel
	kindBool               // true or false
	kindExact              // a value compared whole (email, external_id, phone)
	kindCustom             // a custom field's value, checked against its type by the store
	kindMeta               // type, order_by, sort
)

type typeSet uint8

func typeBit(t ObjectType) typeSet {
	switch t {
	case TypeTicket:
		return 1
	case TypeUser:
		return 2
	case TypeOrganization:
		return 4
	case TypeGroup:
		return 8
	}
	return 0
}

const (
	onTickets = typeSet(1)
	onUsers   = typeSet(2)
	onOrgs    = typeSet(4)
	onGroups  = typeSet(8)
	onAll     = onTickets | onUsers | onOrgs | onGroups
)

// keyword describes one property keyword.
type keyword struct {
	kind    kind
	types   typeSet
	values  []string // an enum's values, in order for ordered enums
	ordered bool     // <, <=, >, >= apply
	none    bool     // "none" means the property is empty
}

var (
	statusValues   = []string{"new", "open", "pending", "hold", "solved", "closed"}
	priorityValues = []string{"low", "normal", "high", "urgent"}
	typeValues     = []string{"question", "incident", "problem", "task"}
	roleValues     = []string{"end-user", "agent", "admin"}
)

// keywords are the property keywords of Zendesk's search reference that Frontdesk
// keeps data for.
var keywords = map[string]keyword{
	"type":     {kind: kindMeta, types: onAll},
	"order_by": {kind: kindMeta, types: onAll},
	"sort":     {kind: kindMeta, types: onAll},

	"created": {kind: kindDate, types: onAll, ordered: true},
	"updated": {kind: kindDate, types: onAll, ordered: true},

	"status":         {kind: kindEnum, types: onTickets, values: statusValues, ordered: true},
	"priority":       {kind: kindEnum, types: onTickets, values: priorityValues, ordered: true, none: true},
	"ticket_type":    {kind: kindEnum, types: onTickets, values: typeValues, none: true},
	"solved":         {kind: kindDate, types: onTickets, ordered: true},
	"due_date":       {kind: kindDate, types: onTickets, ordered: true},
	"assignee":       {kind: kindPerson, types: onTickets, none: true},
	"requester":      {kind: kindPerson, types: onTickets, none: true},
	"submitter":      {kind: kindPerson, types: onTickets, none: true},
	"cc":             {kind: kindPerson, types: onTickets, none: true},
	"commenter":      {kind: kindPerson, types: onTickets, none: true},
	"brand":          {kind: kindRef, types: onTickets},
	"via":            {kind: kindVia, types: onTickets, none: true},
	"subject":        {kind: kindText, types: onTickets},
	"description":    {kind: kindText, types: onTickets},
	"comment":        {kind: kindText, types: onTickets},
	"has_attachment": {kind: kindBool, types: onTickets},
	"is_public":      {kind: kindBool, types: onTickets},
	"custom_field":   {kind: kindCustom, types: onTickets, ordered: true, none: true},
	"fieldvalue":     {kind: kindCustom, types: onTickets},

	"group":        {kind: kindRef, types: onTickets | onUsers, none: true},
	"organization": {kind: kindRef, types: onTickets | onUsers, none: true},
	"tags":         {kind: kindTag, types: onTickets | onUsers | onOrgs, none: true},
	"external_id":  {kind: kindExact, types: onTickets | onUsers | onOrgs, none: true},

	"name":         {kind: kindText, types: onUsers | onOrgs | onGroups},
	"notes":        {kind: kindText, types: onUsers | onOrgs},
	"details":      {kind: kindText, types: onUsers | onOrgs},
	"email":        {kind: kindExact, types: onUsers, none: true},
	"phone":        {kind: kindExact, types: onUsers, none: true},
	"role":         {kind: kindEnum, types: onUsers, values: roleValues},
	"is_suspended": {kind: kindBool, types: onUsers},
	"is_verified":  {kind: kindBool, types: onUsers},
}

// aliases are other spellings people and clients use for keywords.
var aliases = map[string]string{
	"created_at": "created", "updated_at": "updated", "solved_at": "solved", "due_at": "due_date",
	"tag": "tags", "assigned": "assignee", "ccs": "cc", "order": "order_by", "sort_by": "order_by",
	"sort_order": "sort", "ticket_form_type": "ticket_type",
}

// orderFields maps the sort fields of order_by: and sort_by to their canonical names.
var orderFields = map[string]string{
	"created": "created", "created_at": "created", "updated": "updated", "updated_at": "updated",
	"priority": "priority", "status": "status", "ticket_type": "ticket_type", "type": "ticket_type",
	"commented": "commented", "commented_at": "commented", "relevance": "",
}

// ParseOrderBy reads a sort field as order_by: and the API's sort_by take it; "" is
// relevance.
func ParseOrderBy(s string) (string, bool) {
	f, ok := orderFields[strings.ToLower(s)]
	return f, ok
}

// checkTerm validates a property term's operator and value for its keyword and adds it
// to q; type:, order_by: and sort: set q's fields instead.
func checkTerm(q *Query, t *Term, kw keyword, opPos, valPos int) error {
	name := t.Field
	if t.Field == "custom_field" {
		name = "custom_field_" + strconv.FormatInt(t.FieldID, 10)
	}
	if t.Op != OpEq && !kw.ordered {
		return ErrorAt(opPos, "%s can't be compared with %s; use %s:", name, t.Op, name)
	}
	if t.Prefix {
		switch kw.kind {
		case kindText, kindTag, kindExact, kindCustom:
		default:
			return ErrorAt(valPos, "%s doesn't take a wildcard", name)
		}
	}
	lower := strings.ToLower(t.Value)
	if kw.none && !t.Phrase && !t.Prefix && lower == "none" {
		if t.Op != OpEq {
			return ErrorAt(opPos, "%s:none can't be compared with %s", name, t.Op)
		}
		t.None, t.Value = true, "none"
		q.Terms = append(q.Terms, *t)
		return nil
	}
	switch kw.kind {
	case kindMeta:
		return checkMeta(q, t, valPos)
	case kindEnum:
		v := lower
		if name == "role" && (v == "enduser" || v == "end_user") {
			v = "end-user"
		}
		if !slices.Contains(kw.values, v) {
			return ErrorAt(valPos, "%q is not a %s; use one of %s", t.Value, name, strings.Join(kw.values, ", "))
		}
		t.Value = v
	case kindDate:
		d, err := ParseDate(t.Value)
		if err != nil {
			return ErrorAt(valPos, "%q is not a date: use YYYY-MM-DD, an ISO 8601 time such as 2024-05-01T12:00:00Z, or a time before now such as 4hours", t.Value)
		}
		if d.Relative() && t.Op == OpEq {
			t.Op = OpGE // "created:4hours" reads as "in the last four hours"
		}
		t.Date = &d
	case kindBool:
		switch lower {
		case "true", "yes", "1":
			t.Value = "true"
		case "false", "no", "0":
			t.Value = "false"
		default:
			return ErrorAt(valPos, "%s must be true or false, not %q", name, t.Value)
		}
	case kindTag:
		t.Value = lower
	}
	q.Terms = append(q.Terms, *t)
	return nil
}

// checkMeta handles type:, order_by: and sort:.
func checkMeta(q *Query, t *Term, valPos int) error {
	switch t.Field {
	case "type":
		ot, ok := ParseObjectType(t.Value)
		if !ok {
			return ErrorAt(valPos, "%q is not a type; use ticket, user, organization or group", t.Value)
		}
		if t.Negated {
			q.NotTypes = append(q.NotTypes, ot)
		} else {
			q.Types = append(q.Types, ot)
		}
		return nil
	case "order_by":
		if t.Negated {
			return ErrorAt(t.Pos, "order_by can't be negated")
		}
		f, ok := ParseOrderBy(t.Value)
		if !ok {
			return ErrorAt(valPos, "can't order by %q; use created, updated, priority, status, ticket_type or commented", t.Value)
		}
		q.OrderBy = f
		return nil
	}
	if t.Negated {
		return ErrorAt(t.Pos, "sort can't be negated")
	}
	switch v := strings.ToLower(t.Value); v {
	case "asc", "desc":
		q.Sort = v
		return nil
	}
	return ErrorAt(valPos, "sort must be asc or desc, not %q", t.Value)
}

// Rank is the place of an enumerated value in its keyword's order (status new=1 …
// closed=6, priority low=1 … urgent=4), as the store keeps it; 0 if unknown.
func Rank(field, value string) int {
	switch field {
	case "status":
		return fd.Status(value).Rank()
	case "priority":
		return fd.Priority(value).Rank()
	}
	return 0
}

// Date is the value of a date property: a whole day, an instant, or a time before now
// ("4hours" is four hours ago).
type Date struct {
	at     time.Time // the day's start or the instant, UTC
	day    bool
	amount int    // relative: how many units before now
	unit   string // relative: minute, hour, day, week, month or year
}

// Relative reports whether the date counts back from now.
func (d Date) Relative() bool { return d.unit != "" }

var relativeDate = regexp.MustCompile(`^(\d{1,7})\s*(minute|min|hour|hr|day|week|month|year)s?$`)

// ParseDate reads YYYY-MM-DD, MM/DD/YYYY, an ISO 8601 time (a missing zone is UTC;
// 24:00:00 is the next midnight), or a relative time such as 40minutes, 4hours, 2days,
// 1week, 3months, 1year.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	if m := relativeDate.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		unit := map[string]string{"min": "minute", "hr": "hour"}[m[2]]
		if unit == "" {
			unit = m[2]
		}
		return Date{amount: n, unit: unit}, nil
	}
	for _, layout := range []string{time.DateOnly, "01/02/2006", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{at: t, day: true}, nil
		}
	}
	upper := strings.ToUpper(s)
	nextDay := false
	if i := strings.Index(upper, "T24:00"); i > 0 && strings.Trim(strings.TrimPrefix(upper[i+6:], ":00"), "Z") == "" {
		upper, nextDay = upper[:i]+"T00:00"+upper[i+6:], true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, upper); err == nil {
			if nextDay {
				t = t.AddDate(0, 0, 1)
			}
			return Date{at: t.UTC()}, nil
		}
	}
	return Date{}, fmt.Errorf("not a date: %q", s)
}

// Range returns the instants [from, to) the date names: a whole day, a single
// microsecond (the store's resolution) for an instant, or the instant the given time
// before now.
func (d Date) Range(now time.Time) (from, to time.Time) {
	switch {
	case d.day:
		return d.at, d.at.AddDate(0, 0, 1)
	case d.Relative():
		from = now.UTC()
		n := d.amount
		switch d.unit {
		case "minute":
			from = from.Add(-time.Duration(n) * time.Minute)
		case "hour":
			from = from.Add(-time.Duration(n) * time.Hour)
		case "day":
			from = from.AddDate(0, 0, -n)
		case "week":
			from = from.AddDate(0, 0, -7*n)
		case "month":
			from = from.AddDate(0, -n, 0)
		case "year":
			from = from.AddDate(-n, 0, 0)
		}
		if from.Before(earliest) {
			from = earliest
		}
		from = from.Truncate(time.Microsecond)
	default:
		from = d.at.Truncate(time.Microsecond)
	}
	return from, from.Add(time.Microsecond)
}

// earliest is the earliest instant a relative date reaches, so microseconds since 1970
// still fit in 64 bits.
var earliest = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)

// Bounds turns a date comparison into the instants it keeps: from (inclusive) and
// before (exclusive); a zero time is no bound.
func (t Term) Bounds(now time.Time) (from, before time.Time) {
	lo, hi := t.Date.Range(now)
	switch t.Op {
	case OpLT:
		return time.Time{}, lo
	case OpLE:
		return time.Time{}, hi
	case OpGT:
		return hi, time.Time{}
	case OpGE:
		return lo, time.Time{}
	}
	return lo, hi
}
