package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	fd "github.com/frontdesk/frontdesk"
)

const ticketColumns = `id, external_id, subject, description, status, priority, type,
	requester_id, submitter_id, assignee_id, group_id, organization_id, brand_id, problem_id,
	followup_source_id, due_at, tags, custom_fields, collaborator_ids, follower_ids,
	email_cc_ids, via_channel, via_source, language, created_at, updated_at, solved_at,
	status_updated_at, deleted_at, is_public`

// A ticket is read as its numbers packed into one text column, then its texts:
// SQLite's driver spends more on each column of a result (its name and type, read
// anew for every query) than on the row itself, and half the columns are numbers.
// format(), in both dialects, writes a NULL as "" (ticketNumbers reads it as 0 or the
// zero time). ticketNumbers and ticketTexts together are ticketColumns.
const (
	ticketNumbers = `id, status, priority, requester_id, submitter_id, assignee_id, group_id,
	organization_id, brand_id, problem_id, followup_source_id, due_at, created_at, updated_at,
	solved_at, status_updated_at, deleted_at, is_public`
	ticketTexts = `external_id, subject, description, type, tags, custom_fields, collaborator_ids,
	follower_ids, email_cc_ids, via_channel, via_source, language`
)

// ticketSelect is the select list of a ticket read, for scanTicket.
var ticketSelect = "format('" + strings.Repeat("%s,", strings.Count(ticketNumbers, ",")) + "%s', " +
	ticketNumbers + "), " + ticketTexts

// ticketTextCount is how many columns ticketTexts names.
var ticketTextCount = strings.Count(ticketTexts, ",") + 1

// scanTicket reads a row of ticketSelect. It is on the path of every ticket read, so
// it takes the columns as the drivers give them (see columns and numbers).
func scanTicket(s scanner) (*fd.Ticket, error) {
	t, viaSrc, err := scanTicketRow(s)
	if err != nil {
		return nil, err
	}
	if t.Via, err = decodeVia(t.Via.Channel, viaSrc); err != nil {
		return nil, fmt.Errorf("ticket %d via: %w", t.ID, err)
	}
	return t, nil
}

// scanTicketRow reads a row of ticketSelect into a ticket, all but its via's source,
// whose stored JSON it returns.
func scanTicketRow(s scanner) (*fd.Ticket, string, error) {
	c, err := scanColumns(s, 1+ticketTextCount)
	if err != nil {
		return nil, "", err
	}
	n := numbers{s: c.str()}
	t := &fd.Ticket{ID: n.int(), Status: fd.StatusOfRank(int(n.int()))}
	if priority := n.int(); priority > 0 {
		t.Priority = fd.Priorities[priority-1]
	}
	t.RequesterID, t.SubmitterID, t.AssigneeID, t.GroupID = n.int(), n.int(), n.int(), n.int()
	t.OrganizationID, t.BrandID, t.ProblemID, t.FollowupSourceID = n.int(), n.int(), n.int(), n.int()
	t.DueAt, t.CreatedAt, t.UpdatedAt, t.SolvedAt = n.time(), n.time(), n.time(), n.time()
	t.StatusUpdatedAt, t.DeletedAt, t.Public = n.time(), n.time(), n.bool()
	t.ExternalID, t.Subject, t.Description, t.Type = c.str(), c.str(), c.str(), fd.TicketType(c.str())
	tags, fields := c.str(), c.str()
	t.Tags = splitWords(tags)
	t.CollaboratorIDs, t.FollowerIDs, t.EmailCCIDs = splitIDs(c.str()), splitIDs(c.str()), splitIDs(c.str())
	t.Via.Channel = c.str()
	viaSrc := c.str()
	t.Language = c.str()
	if err := errors.Join(n.end(), c.end()); err != nil {
		return nil, "", fmt.Errorf("ticket %d: %w", t.ID, err)
	}
	if t.CustomFields, err = decodeFields(fields); err != nil {
		return nil, "", fmt.Errorf("ticket %d custom fields: %w", t.ID, err)
	}
	return t, viaSrc, nil
}

// ticketValues are the column values of t in ticketColumns order, less the id.
func ticketValues(t *fd.Ticket) []any {
	return []any{nullString(t.ExternalID), t.Subject, t.Description, t.Status.Rank(),
		t.Priority.Rank(), string(t.Type), t.RequesterID, t.SubmitterID, nullID(t.AssigneeID),
		nullID(t.GroupID), nullID(t.OrganizationID), t.BrandID, nullID(t.ProblemID),
		nullID(t.FollowupSourceID), micros(t.DueAt), joinWords(t.Tags),
		encodeFields(t.CustomFields), joinIDs(t.CollaboratorIDs), joinIDs(t.FollowerIDs),
		joinIDs(t.EmailCCIDs), t.Via.Channel, mustJSON(t.Via.Source), t.Language,
		t.CreatedAt.UnixMicro(), t.UpdatedAt.UnixMicro(), micros(t.SolvedAt),
		t.StatusUpdatedAt.UnixMicro(), micros(t.DeletedAt), t.Public}
}

// InsertTicket stores a new ticket with its tags and people, and sets t.ID.
func (c *Conn) InsertTicket(ctx context.Context, t *fd.Ticket) error {
	cols, vals := strings.TrimPrefix(ticketColumns, "id, "), ticketValues(t)
	id, err := c.insert(ctx, "INSERT INTO tickets ("+cols+") VALUES ("+placeholders(len(vals))+")", vals...)
	if err != nil {
		return err
	}
	t.ID = id
	return c.syncTicketIndexes(ctx, t, &fd.Ticket{})
}

// UpdateTicket stores t over its previous version prev, only if the stored row still
// carries prev's stamp (updated_at); otherwise it writes nothing and returns Conflict.
func (c *Conn) UpdateTicket(ctx context.Context, t, prev *fd.Ticket) error {
	sets := setList(strings.TrimPrefix(ticketColumns, "id, "))
	args := append(ticketValues(t), t.ID, prev.UpdatedAt.UnixMicro())
	res, err := c.exec(ctx, "UPDATE tickets SET "+sets+" WHERE id = ? AND updated_at = ?", args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fd.Errorf(fd.Conflict, "ticket %d was changed by someone else; reload it and try again", t.ID)
	}
	return c.syncTicketIndexes(ctx, t, prev)
}

// syncTicketIndexes brings ticket_tags and ticket_users in line with t, writing only
// what differs from prev.
func (c *Conn) syncTicketIndexes(ctx context.Context, t, prev *fd.Ticket) error {
	added, removed := diff(t.Tags, prev.Tags)
	// One statement for the tags added together (most tickets are created with some):
	// running a statement costs the writer more than the rows it adds.
	for chunk := range slices.Chunk(added, 50) {
		args := make([]any, 0, 2*len(chunk))
		for _, tag := range chunk {
			args = append(args, tag, t.ID)
		}
		values := strings.TrimSuffix(strings.Repeat("(?, ?), ", len(chunk)), ", ")
		if _, err := c.exec(ctx, "INSERT INTO ticket_tags (tag, ticket_id) VALUES "+values, args...); err != nil {
			return err
		}
	}
	for _, tag := range removed {
		if _, err := c.exec(ctx, "DELETE FROM ticket_tags WHERE tag = ? AND ticket_id = ?", tag, t.ID); err != nil {
			return err
		}
	}
	for _, r := range []struct {
		role      string
		now, then []int64
	}{
		{"collaborator", t.CollaboratorIDs, prev.CollaboratorIDs},
		{"follower", t.FollowerIDs, prev.FollowerIDs},
		{"email_cc", t.EmailCCIDs, prev.EmailCCIDs},
	} {
		added, removed := diff(r.now, r.then)
		for _, id := range added {
			if _, err := c.exec(ctx, "INSERT INTO ticket_users (user_id, role, ticket_id) VALUES (?, ?, ?)", id, r.role, t.ID); err != nil {
				return err
			}
		}
		for _, id := range removed {
			if _, err := c.exec(ctx, "DELETE FROM ticket_users WHERE user_id = ? AND role = ? AND ticket_id = ?", id, r.role, t.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// diff returns what is in now but not in then, and what is in then but not in now.
func diff[T comparable](now, then []T) (added, removed []T) {
	in := func(x T, list []T) bool {
		for _, y := range list {
			if x == y {
				return true
			}
		}
		return false
	}
	for _, x := range now {
		if !in(x, then) {
			added = append(added, x)
		}
	}
	for _, x := range then {
		if !in(x, now) {
			removed = append(removed, x)
		}
	}
	return added, removed
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// setList is the SET list that gives each of a comma-separated list of columns a
// placeholder: "a, b" → "a = ?, b = ?".
func setList(columns string) string {
	return strings.ReplaceAll(columns, ",", " = ?,") + " = ?"
}

// Ticket returns one ticket, deleted or not.
func (c *Conn) Ticket(ctx context.Context, id int64) (*fd.Ticket, error) {
	t, err := scanTicket(c.queryRow(c.keyRead(ctx), "SELECT "+ticketSelect+" FROM tickets WHERE id = ?", id))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("ticket", id)
	}
	return t, err
}

// TicketsByExternalID returns the tickets carrying an external id, oldest first.
func (c *Conn) TicketsByExternalID(ctx context.Context, externalID string) ([]*fd.Ticket, error) {
	return c.tickets(ctx, "SELECT "+ticketSelect+" FROM tickets WHERE external_id = ? ORDER BY id", externalID)
}

func (c *Conn) tickets(ctx context.Context, query string, args ...any) ([]*fd.Ticket, error) {
	rows, err := c.query(ctx, query, args...)
	return collect(rows, err, scanTicket)
}

// TicketFilter selects and orders a page of tickets. Pages are cut by keyset (After), so
// every page costs the same however deep the listing goes.
type TicketFilter struct {
	Unsolved       bool // status below solved
	Assigned       bool // with an assignee
	Statuses       []fd.Status
	GroupIDs       []int64
	AssigneeID     int64
	RequesterID    int64
	OrganizationID int64
	BrandID        int64
	Tag            string
	// CopiedID keeps the tickets this user is a collaborator, follower or CC of.
	CopiedID       int64
	ProblemID      int64 // incidents of this problem
	IncludeDeleted bool
	// Deleted keeps only soft-deleted tickets (the deleted-tickets listing).
	Deleted bool
	// Visible, when set, keeps only the tickets a restricted agent or an end-user may see.
	Visible *Visibility
	// Offset skips rows, for offset pagination (After is the cheaper way to page).
	Offset int
	// OrderBy is "updated_at" (default), "created_at" or "id"; Asc flips the default
	// newest-first order.
	OrderBy string
	Asc     bool
	After   *Cursor
	Limit   int
}

// AssignedUnsolved selects the unsolved tickets a user is the assignee of (in one group,
// when groupID is not 0), in id order: those to unassign when the user can no longer
// hold them. A userID of 0 selects those of every assignee: a group's, when it is
// deleted.
func AssignedUnsolved(userID, groupID int64) TicketFilter {
	f := TicketFilter{Unsolved: true, Assigned: userID == 0, AssigneeID: userID, OrderBy: "id", Asc: true}
	if groupID != 0 {
		f.GroupIDs = []int64{groupID}
	}
	return f
}

// Visibility is who may see a ticket, as alternatives: a ticket matching any one of the
// set conditions is visible. A Visibility with nothing set shows nothing.
type Visibility struct {
	GroupIDs       []int64 // in one of these groups
	AssigneeID     int64   // assigned to this user
	RequesterID    int64   // requested by this user
	OrganizationID int64   // of this organization
	CopiedID       int64   // this user is a collaborator, follower or CC
}

// where returns v as one SQL condition with its arguments.
func (v *Visibility) where() (string, []any) { return v.whereOn("") }

// whereOn is where with the ticket columns qualified by a table alias ("t."), for
// queries that join tickets with other tables.
func (v *Visibility) whereOn(t string) (string, []any) {
	var or []string
	var args []any
	if len(v.GroupIDs) > 0 {
		or = append(or, t+"group_id IN ("+placeholders(len(v.GroupIDs))+")")
		args = append(args, anys(v.GroupIDs)...)
	}
	for _, eq := range []struct {
		col string
		v   int64
	}{{"assignee_id", v.AssigneeID}, {"requester_id", v.RequesterID}, {"organization_id", v.OrganizationID}} {
		if eq.v != 0 {
			or = append(or, t+eq.col+" = ?")
			args = append(args, eq.v)
		}
	}
	if v.CopiedID != 0 {
		or = append(or, t+"id IN (SELECT ticket_id FROM ticket_users WHERE user_id = ?)")
		args = append(args, v.CopiedID)
	}
	if len(or) == 0 {
		return "1 = 0", nil
	}
	return "(" + strings.Join(or, " OR ") + ")", args
}

// Cursor is the position after which the next page starts: the last row's sort key.
type Cursor struct {
	Key int64
	ID  int64
}

// where returns the filter's conditions (without the page position) and arguments.
func (f *TicketFilter) where() ([]string, []any) {
	var where []string
	var args []any
	if f.Unsolved {
		// A literal, not a parameter, so the partial indexes on unsolved tickets apply.
		where = append(where, fmt.Sprintf("status < %d", fd.StatusSolved.Rank()))
	}
	if f.Assigned {
		where = append(where, "assignee_id IS NOT NULL")
	}
	switch {
	case f.Deleted:
		where = append(where, "deleted_at IS NOT NULL")
	case !f.IncludeDeleted:
		where = append(where, "deleted_at IS NULL")
	}
	if len(f.Statuses) > 0 {
		ranks := make([]any, len(f.Statuses))
		for i, s := range f.Statuses {
			ranks[i] = s.Rank()
		}
		where = append(where, "status IN ("+placeholders(len(ranks))+")")
		args = append(args, ranks...)
	}
	if len(f.GroupIDs) > 0 {
		where = append(where, "group_id IN ("+placeholders(len(f.GroupIDs))+")")
		for _, g := range f.GroupIDs {
			args = append(args, g)
		}
	}
	for _, eq := range []struct {
		col string
		v   int64
	}{{"assignee_id", f.AssigneeID}, {"requester_id", f.RequesterID}, {"organization_id", f.OrganizationID}, {"brand_id", f.BrandID}, {"problem_id", f.ProblemID}} {
		if eq.v != 0 {
			where = append(where, eq.col+" = ?")
			args = append(args, eq.v)
		}
	}
	if f.Tag != "" {
		where = append(where, "id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)")
		args = append(args, f.Tag)
	}
	if f.CopiedID != 0 {
		where = append(where, "id IN (SELECT ticket_id FROM ticket_users WHERE user_id = ?)")
		args = append(args, f.CopiedID)
	}
	if f.Visible != nil {
		w, a := f.Visible.where()
		where = append(where, w)
		args = append(args, a...)
	}
	return where, args
}

// CountTickets counts the tickets matching f (its page position, order and limit
// aside), stopping at upTo when it is above 0 so the cost stays bounded.
func (c *Conn) CountTickets(ctx context.Context, f TicketFilter, upTo int) (int64, error) {
	where, args := f.where()
	q := "SELECT id FROM tickets"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	if upTo > 0 {
		q += fmt.Sprintf(" LIMIT %d", upTo)
	}
	q = "SELECT count(*) FROM (" + q + ") AS matching"
	var n int64
	err := mapErr(c.queryRow(ctx, q, args...).Scan(&n))
	return n, err
}

// ListTickets returns up to Limit tickets matching f, and the cursor of the next page
// (nil on the last page).
func (c *Conn) ListTickets(ctx context.Context, f TicketFilter) ([]*fd.Ticket, *Cursor, error) {
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	where, args := f.where()
	key := "updated_at"
	switch f.OrderBy {
	case "created_at", "id":
		key = f.OrderBy
	}
	dir, cmp := "DESC", "<"
	if f.Asc {
		dir, cmp = "ASC", ">"
	}
	if f.After != nil {
		if key == "id" {
			where = append(where, "id "+cmp+" ?")
			args = append(args, f.After.ID)
		} else {
			where = append(where, fmt.Sprintf("(%s %s ? OR (%s = ? AND id %s ?))", key, cmp, key, cmp))
			args = append(args, f.After.Key, f.After.Key, f.After.ID)
		}
	}
	q := "SELECT " + ticketSelect + " FROM tickets"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	order := key + " " + dir
	if key != "id" {
		order += ", id " + dir
	}
	q += fmt.Sprintf(" ORDER BY %s LIMIT %d", order, limit+1)
	if f.Offset > 0 {
		q += fmt.Sprintf(" OFFSET %d", f.Offset)
	}
	list, err := c.tickets(ctx, q, args...)
	if err != nil || len(list) <= limit {
		return list, nil, err
	}
	list = list[:limit]
	last := list[limit-1]
	next := &Cursor{ID: last.ID}
	switch key {
	case "updated_at":
		next.Key = last.UpdatedAt.UnixMicro()
	case "created_at":
		next.Key = last.CreatedAt.UnixMicro()
	}
	return list, next, nil
}

// Exists reports whether a row with this id is in table, one of a fixed set of names;
// deleted groups, organizations and brands do not count.
func (c *Conn) Exists(ctx context.Context, table string, id int64) (bool, error) {
	live := ""
	switch table {
	case "groups", "organizations", "brands":
		live = " AND deleted_at IS NULL"
	case "users", "tickets":
	default:
		return false, fmt.Errorf("exists: unknown table %q", table)
	}
	ids, err := c.ids(ctx, "SELECT id FROM "+table+" WHERE id = ?"+live, id)
	return len(ids) == 1, err
}

// TicketForUpdate reads a ticket inside a write transaction, locking its row on
// PostgreSQL so concurrent writers wait rather than conflict.
func (c *Conn) TicketForUpdate(ctx context.Context, id int64) (*fd.Ticket, error) {
	q := "SELECT " + ticketSelect + " FROM tickets WHERE id = ?"
	if c.pg {
		q += " FOR UPDATE"
	}
	t, err := scanTicket(c.queryRow(ctx, q, id))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("ticket", id)
	}
	return t, err
}

// FirstComment returns a ticket's first comment (its description).
func (c *Conn) FirstComment(ctx context.Context, ticketID int64) (id int64, body string, err error) {
	err = mapErr(c.queryRow(ctx, "SELECT id, body FROM comments WHERE ticket_id = ? ORDER BY id LIMIT 1", ticketID).Scan(&id, &body))
	return id, body, err
}

// Count returns the number of rows in one of the store's tables; for statistics and
// consistency checks.
func (c *Conn) Count(ctx context.Context, table string) (int64, error) {
	switch table {
	case "tickets", "comments", "audits", "ticket_metrics", "ticket_tags", "ticket_users", "outbox",
		"users", "user_identities", "organizations", "groups", "group_memberships", "brands",
		"attachments", "attachment_gc", "api_tokens", "ticket_fields", "idempotency_keys", "ticket_deletions":
	case "search_index":
		table = "ticket_fts"
		if c.pg {
			table = "ticket_search"
		}
	default:
		return 0, fmt.Errorf("count: unknown table %q", table)
	}
	var n int64
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM "+table).Scan(&n))
	return n, err
}

// TicketsByIDs returns the tickets with these ids, keyed by id; missing ids are absent.
func (c *Conn) TicketsByIDs(ctx context.Context, ids []int64) (map[int64]*fd.Ticket, error) {
	ids = padded(ids)
	list, err := c.tickets(ctx, "SELECT "+ticketSelect+" FROM tickets WHERE id IN ("+placeholders(len(ids))+")", anys(ids)...)
	out := make(map[int64]*fd.Ticket, len(list))
	for _, t := range list {
		out[t.ID] = t
	}
	return out, err
}

func anys(ids []int64) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
