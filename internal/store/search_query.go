package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/search"
)

// This file compiles a parsed search query (search.Query) into SQL for one object type:
// structured terms become WHERE conditions on the type's table (names of people, groups,
// organizations and brands resolved to ids first), full-text terms use the search index.
// search_run.go runs the compiled plans.

// SearchOptions is what a search needs besides its query.
type SearchOptions struct {
	// Now is the time relative dates ("updated<3days") count back from.
	Now time.Time
	// CallerID is who "me" is.
	CallerID int64
	// Visible keeps only the tickets the caller may see; nil shows all.
	Visible *Visibility
	// Types, when set, limits the search to these types (the export's filter[type]).
	Types []search.ObjectType
	// OrderBy and Asc are the order asked for outside the query (the API's sort_by and
	// sort_order); the query's order_by: and sort: take precedence. "" is relevance.
	OrderBy string
	Asc     bool
	// Offset and Limit select a page of the results.
	Offset, Limit int
	// CountCap bounds how far counting goes: a count of CountCap means "at least"; 0
	// counts exactly.
	CountCap int64
}

// SearchResult is one record a search found.
type SearchResult struct {
	Type search.ObjectType
	ID   int64
}

// plan is a query compiled for one object type.
type plan struct {
	typ   search.ObjectType
	table string // "tickets t", "users u", …
	alias string // "t.", "u.", …
	where []string
	args  []any
	// nothing is set when a condition can never hold (a requester nobody is): the type
	// has no results and needs no query.
	nothing bool
	// text is the full text that ranks results: on tickets, the index rows that drive
	// the search (the other text terms are conditions in where); on users and
	// organizations, their own index.
	text *textQuery
	// pinned is a ticket id the query is a number of: Zendesk finds that ticket first.
	pinned int64
	// order is the sort field ("" for relevance) and asc its direction.
	order string
	asc   bool
	// live is the tickets' "not deleted" condition (see liveTickets); queue is set when
	// it leaves the query to the agents' queue indexes.
	live  string
	queue bool
}

// textQuery is a full-text condition in the dialect's terms: an FTS5 expression on
// SQLite, a tsquery expression with its arguments on PostgreSQL.
type textQuery struct {
	fts  string // SQLite
	pg   string // PostgreSQL tsquery SQL
	args []any  // PostgreSQL
}

func (p *plan) add(cond string, args ...any) {
	p.where = append(p.where, cond)
	p.args = append(p.args, args...)
}

// cond is one compiled term: its SQL and arguments, and the key that groups equality
// terms of one property into alternatives.
type cond struct {
	key     string
	sql     string
	args    []any
	negated bool
	orable  bool
}

// compileSearch compiles q for records of type typ.
func (c *Conn) compileSearch(ctx context.Context, q *search.Query, typ search.ObjectType, o SearchOptions) (*plan, error) {
	p := &plan{typ: typ, order: o.OrderBy, asc: o.Asc}
	if q.OrderBy != "" || q.Sort != "" {
		if q.OrderBy != "" {
			p.order = q.OrderBy
		}
		if q.Sort != "" {
			p.asc = q.Sort == "asc"
		}
	}
	switch typ {
	case search.TypeTicket:
		p.table, p.alias = "tickets t", "t."
		p.live = c.liveTickets(q)
		p.queue = strings.HasPrefix(p.live, "t.deleted_at")
		if o.Visible != nil {
			w, a := o.Visible.whereOn("t.")
			p.add(w, a...)
		}
	case search.TypeUser:
		p.table, p.alias = "users u", "u."
	case search.TypeOrganization:
		p.table, p.alias = "organizations o", "o."
	case search.TypeGroup:
		p.table, p.alias = "groups g", "g."
	}
	var conds []cond
	var text []search.Term
	for _, term := range q.Terms {
		if term.Field == "" || isTextField(typ, term.Field) {
			text = append(text, term)
			continue
		}
		cd, err := c.compileTerm(ctx, p, term, o)
		if err != nil {
			return nil, err
		}
		cd.negated, cd.orable = term.Negated, !term.Negated && term.Op == search.OpEq
		conds = append(conds, cd)
	}
	if err := c.compileText(p, text); err != nil {
		return nil, err
	}
	combine(p, conds)
	return p, nil
}

// deletedTickets lists the deleted tickets by their partial index; they are few.
const deletedTickets = "SELECT id FROM tickets WHERE deleted_at IS NOT NULL"

// liveTickets is the condition that keeps deleted tickets out, written so the index that
// serves the query's filters answers it without reading ticket rows: on SQLite, by
// excluding the few deleted ids, except that the agents' queue indexes (a group's or an
// assignee's unsolved tickets) are partial on "deleted_at IS NULL" and need it said.
func (c *Conn) liveTickets(q *search.Query) string {
	if c.pg {
		return "t.deleted_at IS NULL"
	}
	unsolved, queue := false, false
	for _, t := range q.Terms {
		if t.Negated {
			continue
		}
		switch {
		case t.Field == "status" && t.Op == search.OpEq:
			unsolved = search.Rank("status", t.Value) < fd.StatusSolved.Rank()
			if !unsolved {
				return "t.id NOT IN (" + deletedTickets + ")"
			}
		case t.Field == "status" && (t.Op == search.OpLT || t.Op == search.OpLE):
			r := search.Rank("status", t.Value)
			unsolved = unsolved || r < fd.StatusSolved.Rank() || (t.Op == search.OpLT && r == fd.StatusSolved.Rank())
		case (t.Field == "group" || t.Field == "assignee") && t.Op == search.OpEq:
			queue = true
		}
	}
	if unsolved && queue {
		return fmt.Sprintf("t.deleted_at IS NULL AND t.status < %d", fd.StatusSolved.Rank())
	}
	return "t.id NOT IN (" + deletedTickets + ")"
}

// isTextField reports whether a keyword matches words of a type's indexed text.
func isTextField(typ search.ObjectType, field string) bool {
	switch typ {
	case search.TypeTicket:
		return field == "subject" || field == "description" || field == "comment"
	case search.TypeUser, search.TypeOrganization:
		return field == "name" || field == "notes"
	}
	return false
}

// combine adds the conditions to the plan: equality terms of one property are
// alternatives (tags:a tags:b is either tag), everything else must hold, and negated
// terms must not (a NULL column does not match, so -assignee:x keeps unassigned tickets).
func combine(p *plan, conds []cond) {
	groups := map[string][]cond{}
	var order []string
	for _, cd := range conds {
		if cd.orable {
			if _, seen := groups[cd.key]; !seen {
				order = append(order, cd.key)
			}
			groups[cd.key] = append(groups[cd.key], cd)
			continue
		}
		if cd.negated {
			p.add("("+cd.sql+") IS NOT TRUE", cd.args...)
		} else {
			p.add(cd.sql, cd.args...)
		}
	}
	for _, k := range order {
		g := groups[k]
		if len(g) == 1 {
			p.add(g[0].sql, g[0].args...)
			continue
		}
		var ors []string
		var args []any
		for _, cd := range g {
			ors = append(ors, "("+cd.sql+")")
			args = append(args, cd.args...)
		}
		p.add("("+strings.Join(ors, " OR ")+")", args...)
	}
}

// never and always are conditions that can't and must hold.
const (
	never  = "1 = 0"
	always = "1 = 1"
)

// compileTerm compiles one property term for the plan's type.
func (c *Conn) compileTerm(ctx context.Context, p *plan, t search.Term, o SearchOptions) (cond, error) {
	a := p.alias
	cd := cond{key: t.Field}
	set := func(sql string, args ...any) (cond, error) {
		cd.sql, cd.args = sql, args
		return cd, nil
	}
	switch t.Field {
	case "created", "updated", "solved", "due_date":
		return dateTerm(p, t, o.Now, cd)
	case "status", "priority":
		return rankTerm(p, t, cd)
	case "ticket_type":
		if t.None {
			return set(a + "type = ''")
		}
		return set(a+"type = ?", t.Value)
	case "role":
		return set(a+"role = ?", t.Value)
	case "assignee", "requester", "submitter", "cc", "commenter":
		return c.personTerm(ctx, p, t, o.CallerID, cd)
	case "group", "organization", "brand":
		return c.refTerm(ctx, p, t, cd)
	case "tags":
		return tagTerm(p, t, cd)
	case "via":
		if t.None {
			return set(a + "via_channel = ''")
		}
		return set(a+"via_channel = ?", viaChannel(t.Value))
	case "has_attachment":
		return set(boolSQL(t.Value, "EXISTS (SELECT 1 FROM comments cm JOIN attachments at ON at.comment_id = cm.id WHERE cm.ticket_id = "+a+"id)"))
	case "is_public":
		return set(a+"is_public = ?", t.Value == "true")
	case "is_suspended":
		return set(a+"suspended = ?", t.Value == "true")
	case "is_verified":
		return set(boolSQL(t.Value, "EXISTS (SELECT 1 FROM user_identities ui WHERE ui.user_id = "+a+"id AND ui.verified = ?)"), true)
	case "external_id":
		return exactTerm(a+"external_id", t, cd)
	case "email":
		if t.None {
			return set(a + "email IS NULL")
		}
		return identityTerm(a, "email", strings.ToLower(t.Value), t.Prefix, cd)
	case "phone":
		if t.None {
			return set("NOT EXISTS (SELECT 1 FROM user_identities ui WHERE ui.user_id = " + a + "id AND ui.type = 'phone_number')")
		}
		return identityTerm(a, "phone_number", t.Value, t.Prefix, cd)
	case "details", "notes", "name": // groups' names, and details everywhere: words of the text
		return likeWords(p, t, cd)
	case "custom_field", "fieldvalue":
		return c.customFieldTerm(ctx, p, t, cd)
	}
	return cd, search.ErrorAt(t.Pos, "%s can't be searched on %ss", t.Field, p.typ)
}

// dateTerm compiles a date comparison into a range of the column.
func dateTerm(p *plan, t search.Term, now time.Time, cd cond) (cond, error) {
	a := p.alias
	col := map[string]string{"created": "created_at", "updated": "updated_at", "solved": "solved_at", "due_date": "due_at"}[t.Field]
	from, before := t.Bounds(now)
	var parts []string
	if !from.IsZero() {
		parts, cd.args = append(parts, a+col+" >= ?"), append(cd.args, from.UnixMicro())
		if t.Field == "solved" && !t.Negated {
			// A ticket is updated when it is solved, so this bound on the indexed
			// updated_at finds the candidates.
			parts, cd.args = append(parts, a+"updated_at >= ?"), append(cd.args, from.UnixMicro())
		}
	}
	if !before.IsZero() {
		parts, cd.args = append(parts, a+col+" < ?"), append(cd.args, before.UnixMicro())
	}
	cd.sql = strings.Join(parts, " AND ")
	return cd, nil
}

// rankTerm compiles status and priority, kept as their ranks so comparisons are ranges.
func rankTerm(p *plan, t search.Term, cd cond) (cond, error) {
	col := p.alias + t.Field
	if t.None {
		cd.sql = col + " = 0"
		return cd, nil
	}
	// Literals, not parameters, so the partial indexes on unsolved tickets apply.
	// When the queue indexes serve the query, + keeps SQLite from preferring the
	// status index, which would read every ticket of the status.
	r := search.Rank(t.Field, t.Value)
	if p.queue && t.Field == "status" {
		col = "+" + col
	}
	cd.sql = fmt.Sprintf("%s %s %d", col, opSQL[t.Op], r)
	if t.Field == "priority" && (t.Op == search.OpLT || t.Op == search.OpLE) {
		cd.sql += " AND " + col + " > 0" // an unset priority is not a low one
	}
	return cd, nil
}

// personTerm compiles the ticket people keywords: the requester, submitter and assignee
// columns, the copied people, and the comments' authors.
func (c *Conn) personTerm(ctx context.Context, p *plan, t search.Term, callerID int64, cd cond) (cond, error) {
	a := p.alias
	if t.None {
		switch t.Field {
		case "assignee":
			cd.sql = a + "assignee_id IS NULL"
		case "cc":
			cd.sql = a + "email_cc_ids = '' AND " + a + "collaborator_ids = ''"
		case "commenter":
			cd.sql = "NOT EXISTS (SELECT 1 FROM comments cm WHERE cm.ticket_id = " + a + "id)"
		default:
			cd.sql = never // every ticket has a requester and a submitter
		}
		return cd, nil
	}
	ids, err := c.personIDs(ctx, t.Value, callerID)
	if err != nil {
		return cd, err
	}
	cd.args = anys(ids)
	switch t.Field {
	case "cc":
		cd.sql = a + "id IN (SELECT ticket_id FROM ticket_users WHERE role IN ('email_cc', 'collaborator') AND " + inIDs("user_id", ids) + ")"
	case "commenter":
		cd.sql = "EXISTS (SELECT 1 FROM comments cm WHERE cm.ticket_id = " + a + "id AND " + inIDs("cm.author_id", ids) + ")"
	default:
		cd.sql = inIDs(a+t.Field+"_id", ids)
	}
	return cd, nil
}

// boolSQL is cond for "true" and its negation for "false".
func boolSQL(value, cond string) string {
	if value == "true" {
		return cond
	}
	return "NOT " + cond
}

// inIDs is "col IN (?, …)", or a condition that never holds for no ids.
func inIDs(col string, ids []int64) string {
	if len(ids) == 0 {
		return never
	}
	if len(ids) == 1 {
		return col + " = ?"
	}
	return col + " IN (" + placeholders(len(ids)) + ")"
}

// personIDs resolves a user as the ticket people keywords take one: me, an id, an email
// address, or (part of) a name.
func (c *Conn) personIDs(ctx context.Context, value string, callerID int64) ([]int64, error) {
	v := strings.TrimSpace(value)
	switch {
	case strings.EqualFold(v, "me"):
		return []int64{callerID}, nil
	case isNumber(v):
		id, _ := strconv.ParseInt(v, 10, 64)
		return []int64{id}, nil
	case strings.Contains(v, "@"):
		return c.ids(ctx, "SELECT user_id FROM user_identities WHERE type = 'email' AND value = ?", strings.ToLower(v))
	}
	tokens := search.Tokens(v)
	if len(tokens) == 0 {
		return nil, nil
	}
	if c.pg {
		q := prefixTSQuery(tokens)
		return c.ids(ctx, `SELECT id FROM users WHERE tsv @@ to_tsquery('simple', ?)
			AND to_tsvector('simple', name) @@ to_tsquery('simple', ?) ORDER BY id LIMIT ?`, q, q, maxResolved)
	}
	return c.ids(ctx, "SELECT rowid FROM user_fts WHERE user_fts MATCH ? ORDER BY rowid LIMIT ?",
		"name : ("+prefixFTS(tokens)+")", maxResolved)
}

// maxResolved bounds the users a name resolves to.
const maxResolved = 1000

func isNumber(s string) bool {
	if s == "" || len(s) > 18 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// refTerm compiles group:, organization: and brand:, which name a record by id or name
// (case aside), or none.
func (c *Conn) refTerm(ctx context.Context, p *plan, t search.Term, cd cond) (cond, error) {
	a := p.alias
	table := map[string]string{"group": "groups", "organization": "organizations", "brand": "brands"}[t.Field]
	col := a + t.Field + "_id"
	if p.typ == search.TypeUser && t.Field == "group" {
		col = "" // a user's groups are memberships
	}
	if t.None {
		cd.sql = col + " IS NULL"
		if col == "" {
			cd.sql = "NOT EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.user_id = " + a + "id)"
		}
		return cd, nil
	}
	var ids []int64
	var err error
	if isNumber(t.Value) {
		id, _ := strconv.ParseInt(t.Value, 10, 64)
		ids = []int64{id}
	} else {
		q := "SELECT id FROM " + table + " WHERE lower(name) = lower(?)"
		args := []any{t.Value}
		if table == "brands" {
			q += " OR lower(subdomain) = lower(?)"
			args = append(args, t.Value)
		}
		if ids, err = c.ids(ctx, q+" ORDER BY id", args...); err != nil {
			return cd, err
		}
	}
	if col == "" {
		cd.sql = "EXISTS (SELECT 1 FROM group_memberships gm WHERE gm.user_id = " + a + "id AND " + inIDs("gm.group_id", ids) + ")"
	} else {
		cd.sql = inIDs(col, ids)
	}
	cd.args = anys(ids)
	return cd, nil
}

// tagTerm compiles tags: one tag, all the tags of a quoted list, tags starting with a
// prefix, or none. Ticket tags are looked up in ticket_tags; users' and organizations'
// in their space-separated column.
func tagTerm(p *plan, t search.Term, cd cond) (cond, error) {
	a := p.alias
	if t.None {
		cd.sql = a + "tags = ''"
		return cd, nil
	}
	tags := strings.Fields(t.Value)
	if !t.Phrase {
		tags = fd.NormalizeTags([]string{t.Value})
	}
	var parts []string
	for _, tag := range tags {
		switch {
		case p.typ != search.TypeTicket && t.Prefix:
			parts = append(parts, "(' ' || "+a+"tags) LIKE ? ESCAPE '\\'")
			cd.args = append(cd.args, "% "+likeEscape(tag)+"%")
		case p.typ != search.TypeTicket:
			parts = append(parts, "(' ' || "+a+"tags || ' ') LIKE ? ESCAPE '\\'")
			cd.args = append(cd.args, "% "+likeEscape(tag)+" %")
		case t.Prefix:
			parts = append(parts, a+"id IN (SELECT ticket_id FROM ticket_tags WHERE tag >= ? AND tag < ?)")
			cd.args = append(cd.args, tag, tag+"\U0010FFFF")
		default:
			parts = append(parts, a+"id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)")
			cd.args = append(cd.args, tag)
		}
	}
	if len(parts) == 0 {
		cd.sql = never
		return cd, nil
	}
	cd.sql = strings.Join(parts, " AND ")
	return cd, nil
}

// viaChannel maps Zendesk's via names to Frontdesk's channels; other names (twitter,
// voicemail, …) are compared as they are and find nothing.
func viaChannel(v string) string {
	v = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(v), " ", "_"))
	switch v {
	case "mail", "email":
		return fd.ChannelEmail
	case "web_form", "webform", "web_widget", "help_center":
		return fd.ChannelWebForm
	case "web_service", "api":
		return fd.ChannelAPI
	case "chat", "native_messaging", "messaging":
		return fd.ChannelChat
	case "rule", "trigger", "automation":
		return fd.ChannelRule
	case "closed_ticket", "system":
		return fd.ChannelSystem
	}
	return v
}

// exactTerm compares a column with the whole value (or a prefix of it), or none.
func exactTerm(col string, t search.Term, cd cond) (cond, error) {
	switch {
	case t.None:
		cd.sql = col + " IS NULL"
	case t.Prefix:
		cd.sql, cd.args = col+" LIKE ? ESCAPE '\\'", []any{likeEscape(t.Value) + "%"}
	default:
		cd.sql, cd.args = col+" = ?", []any{t.Value}
	}
	return cd, nil
}

// identityTerm finds users by one of their identities (every email address, not only the
// primary one; phone numbers).
func identityTerm(a, typ, value string, prefix bool, cd cond) (cond, error) {
	sub := "SELECT user_id FROM user_identities WHERE type = '" + typ + "' AND value = ?"
	cd.args = []any{value}
	if prefix {
		sub = "SELECT user_id FROM user_identities WHERE type = '" + typ + "' AND value >= ? AND value < ?"
		cd.args = []any{value, value + "\U0010FFFF"}
	}
	cd.sql = a + "id IN (" + sub + ")"
	return cd, nil
}

// likeWords matches every word of the value somewhere in a column (details, and the names
// of groups), case aside; a phrase must appear whole.
func likeWords(p *plan, t search.Term, cd cond) (cond, error) {
	col := "lower(" + p.alias + t.Field + ")"
	words := search.Tokens(t.Value)
	if t.Phrase {
		words = []string{strings.Join(words, " ")}
	}
	if len(words) == 0 {
		cd.sql = never
		return cd, nil
	}
	var parts []string
	for _, w := range words {
		parts = append(parts, col+" LIKE ? ESCAPE '\\'")
		cd.args = append(cd.args, "%"+likeEscape(w)+"%")
	}
	cd.sql = strings.Join(parts, " AND ")
	return cd, nil
}

// likeEscape escapes LIKE's wildcards for ESCAPE '\'.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// customFieldTerm compiles custom_field_ID:value, checked and normalized by the field's
// type, and fieldvalue:value (any custom field holds the value).
func (c *Conn) customFieldTerm(ctx context.Context, p *plan, t search.Term, cd cond) (cond, error) {
	a := p.alias
	if t.Field == "fieldvalue" {
		cd.key = "fieldvalue"
		if c.pg {
			cd.sql = "EXISTS (SELECT 1 FROM jsonb_each_text(" + a + "custom_fields) f WHERE lower(f.value) = lower(?))"
		} else {
			cd.sql = "EXISTS (SELECT 1 FROM json_each(" + a + "custom_fields) f WHERE lower(CAST(f.value AS TEXT)) = lower(?))"
		}
		cd.args = []any{t.Value}
		return cd, nil
	}
	name := "custom_field_" + strconv.FormatInt(t.FieldID, 10)
	cd.key = name
	defs, err := c.TicketFields(ctx)
	if err != nil {
		return cd, err
	}
	i := slices.IndexFunc(defs, func(d *fd.TicketField) bool { return d.ID == t.FieldID })
	if i < 0 {
		return cd, search.ErrorAt(t.Pos, "there is no custom field %d", t.FieldID)
	}
	def := defs[i]
	id := strconv.FormatInt(t.FieldID, 10)
	val := "json_extract(" + a + "custom_fields, '$.\"" + id + "\"')"
	if c.pg {
		val = "(" + a + "custom_fields->>'" + id + "')"
	}
	ordered := def.Type == fd.FieldInteger || def.Type == fd.FieldDecimal || def.Type == fd.FieldDate
	switch {
	case t.None:
		cd.sql = val + " IS NULL"
		return cd, nil
	case def.Type == fd.FieldCheckbox:
		return c.checkboxTerm(name, val, t, cd)
	case t.Op != search.OpEq && !ordered:
		return cd, search.ErrorAt(t.Pos, "%s can't be compared with %s; only numbers and dates can", name, t.Op)
	case t.Prefix && ordered:
		return cd, search.ErrorAt(t.Pos, "%s doesn't take a wildcard", name)
	case t.Prefix:
		cd.sql, cd.args = "lower("+val+") LIKE ? ESCAPE '\\'", []any{likeEscape(strings.ToLower(t.Value)) + "%"}
		return cd, nil
	}
	norm, err := def.Normalize(t.Value)
	if err != nil || norm == nil {
		msg := "can't be empty"
		if err != nil {
			msg = err.Error()
		}
		if !strings.Contains(msg, strconv.Quote(t.Value)) {
			msg += ", not " + strconv.Quote(t.Value)
		}
		return cd, search.ErrorAt(t.Pos, "%s: %s", name, msg)
	}
	switch {
	case t.Op != search.OpEq && def.Type != fd.FieldDate:
		x, _ := strconv.ParseFloat(norm.(string), 64)
		cast := "CAST(" + val + " AS REAL)"
		if c.pg {
			cast = val + "::float8"
		}
		cd.sql, cd.args = cast+" "+opSQL[t.Op]+" ?", []any{x}
	case ordered:
		cd.sql, cd.args = val+" "+opSQL[t.Op]+" ?", []any{norm}
	default:
		cd.sql, cd.args = "lower("+val+") = lower(?)", []any{norm}
	}
	return cd, nil
}

// checkboxTerm compiles a checkbox field's true (checked) or false (unchecked or never
// set).
func (c *Conn) checkboxTerm(name, val string, t search.Term, cd cond) (cond, error) {
	if t.Op != search.OpEq {
		return cd, search.ErrorAt(t.Pos, "%s is a checkbox: use %s:true or %s:false", name, name, name)
	}
	isTrue, isFalse := "1", "0" // SQLite's json_extract reads JSON booleans as 1 and 0
	if c.pg {
		isTrue, isFalse = "'true'", "'false'"
	}
	switch strings.ToLower(t.Value) {
	case "true", "checked", "yes":
		cd.sql = val + " = " + isTrue
	case "false", "unchecked", "no":
		cd.sql = "coalesce(" + val + ", " + isFalse + ") = " + isFalse
	default:
		return cd, search.ErrorAt(t.Pos, "%s is a checkbox: use true or false, not %q", name, t.Value)
	}
	return cd, nil
}

// opSQL is the SQL of each comparison.
var opSQL = map[search.Op]string{search.OpEq: "=", search.OpLT: "<", search.OpLE: "<=", search.OpGT: ">", search.OpGE: ">="}
