package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/search"
)

// This file runs compiled search plans. Records of several types are listed type after
// type (groups, organizations, users, tickets), each type in the order asked for. Every
// query is index-driven: structured searches walk an index in the order asked for, and
// full-text searches start from the search index when the text is rare, or from the
// tickets (checking each against the index's matches) when it is common.

// ftsSparse divides rare text from common on SQLite, in matching index rows (comments).
// Results in relevance order are the best of the newest RankWindow matches, then the
// other matching tickets newest first: for rare text read from the matches, for common
// text from the tickets, each checked against the matches. Sorted results likewise.
// searchWindow is RankWindow. They are variables so that tests can walk every strategy
// with a few tickets.
var (
	ftsSparse    = 5_000
	searchWindow = RankWindow
)

// searchTypes are the types a search returns, in result order.
func searchTypes(q *search.Query, o SearchOptions) []search.ObjectType {
	var out []search.ObjectType
	for _, t := range search.ObjectTypes {
		if q.Searches(t) && (len(o.Types) == 0 || slices.Contains(o.Types, t)) {
			out = append(out, t)
		}
	}
	return out
}

// Search returns a page of the records q finds (o.Offset, o.Limit) and how many there
// are, counted up to o.CountCap.
func (c *Conn) Search(ctx context.Context, q *search.Query, o SearchOptions) ([]SearchResult, int64, error) {
	var out []SearchResult
	var total int64
	offset, limit := int64(o.Offset), o.Limit
	for _, typ := range searchTypes(q, o) {
		p, err := c.compileSearch(ctx, q, typ, o)
		if err != nil {
			return nil, 0, err
		}
		n, err := c.countPlan(ctx, p, o.CountCap)
		if err != nil {
			return nil, 0, err
		}
		total += n
		if limit > 0 && offset < n {
			ids, err := c.pagePlan(ctx, p, int(offset), int(min(int64(limit), n-offset)))
			if err != nil {
				return nil, 0, err
			}
			for _, id := range ids {
				out = append(out, SearchResult{Type: typ, ID: id})
			}
			limit -= len(ids)
		}
		offset = max(0, offset-n)
	}
	if o.CountCap > 0 {
		total = min(total, o.CountCap)
	}
	return out, total, nil
}

// SearchCount counts the records q finds, exactly.
func (c *Conn) SearchCount(ctx context.Context, q *search.Query, o SearchOptions) (int64, error) {
	var total int64
	for _, typ := range searchTypes(q, o) {
		p, err := c.compileSearch(ctx, q, typ, o)
		if err != nil {
			return 0, err
		}
		n, err := c.countPlan(ctx, p, 0)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// SearchExport returns up to limit records of one type that q finds, newest created
// first, after the cursor (nil for the first page), and the next page's cursor (nil on
// the last). Pages are cut by keyset, so paging to the end neither skips nor repeats.
func (c *Conn) SearchExport(ctx context.Context, q *search.Query, typ search.ObjectType, o SearchOptions, after *Cursor, limit int) ([]SearchResult, *Cursor, error) {
	o.Types = []search.ObjectType{typ}
	if len(searchTypes(q, o)) == 0 {
		return nil, nil, nil
	}
	p, err := c.compileSearch(ctx, q, typ, o)
	if err != nil {
		return nil, nil, err
	}
	p.order, p.asc, p.pinned = "created", false, 0
	if after != nil {
		a := p.alias
		p.add("("+a+"created_at < ? OR ("+a+"created_at = ? AND "+a+"id < ?))", after.Key, after.Key, after.ID)
	}
	ids, err := c.pagePlan(ctx, p, 0, limit+1)
	if err != nil || len(ids) <= limit {
		return results(typ, ids), nil, err
	}
	ids = ids[:limit]
	last := ids[len(ids)-1]
	var created int64
	table := strings.Fields(p.table)[0]
	if err := mapErr(c.queryRow(ctx, "SELECT created_at FROM "+table+" WHERE id = ?", last).Scan(&created)); err != nil {
		return nil, nil, err
	}
	return results(typ, ids), &Cursor{Key: created, ID: last}, nil
}

func results(typ search.ObjectType, ids []int64) []SearchResult {
	out := make([]SearchResult, len(ids))
	for i, id := range ids {
		out[i] = SearchResult{Type: typ, ID: id}
	}
	return out
}

// sortColumn is the SQL a plan's results are ordered by, before the id.
func (p *plan) sortColumn() string {
	a := p.alias
	switch p.order {
	case "created":
		return a + "created_at"
	case "updated":
		return a + "updated_at"
	}
	if p.typ == search.TypeTicket {
		switch p.order {
		case "priority", "status":
			return a + p.order
		case "ticket_type":
			return a + "type"
		case "commented":
			return "coalesce((SELECT tm.latest_comment_added_at FROM ticket_metrics tm WHERE tm.ticket_id = t.id), 0)"
		}
	}
	return a + "updated_at"
}

// orderBy is the ORDER BY clause of a plan's sorted (not relevance-ranked) results.
func (p *plan) orderBy() string {
	dir := " DESC"
	if p.asc {
		dir = " ASC"
	}
	return " ORDER BY " + p.sortColumn() + dir + ", " + p.alias + "id" + dir
}

func (p *plan) whereSQL() string {
	conds := p.where
	if p.live != "" {
		conds = append([]string{p.live}, conds...)
	}
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// ftsTickets is the FROM and WHERE that take the index rows of src (aliased f, its row
// id f.id) to the tickets that pass the plan's conditions. Without conditions beyond
// "not deleted" the tickets' rows are not read at all.
func (p *plan) ftsTickets(src string) (string, []any) {
	from := src + " CROSS JOIN comments c ON c.id = f.id"
	if len(p.where) == 0 {
		return from + " WHERE c.ticket_id NOT IN (" + deletedTickets + ")", nil
	}
	return from + " CROSS JOIN tickets t ON t.id = c.ticket_id" + p.whereSQL(), slices.Clone(p.args)
}

// ranked reports whether results are ordered by relevance: there is text and no order.
func (p *plan) ranked() bool { return p.text != nil && p.order == "" }

// countPlan counts a plan's results, up to limit when limit > 0.
func (c *Conn) countPlan(ctx context.Context, p *plan, limit int64) (int64, error) {
	if p.nothing {
		return 0, nil
	}
	if p.typ == search.TypeTicket && p.text != nil {
		return c.countTicketText(ctx, p, limit)
	}
	from, args := p.fromText()
	return c.countQuery(ctx, "SELECT 1 FROM "+from+p.whereSQL(), append(args, p.args...), limit)
}

// countQuery counts the rows of a query, up to limit when limit > 0.
func (c *Conn) countQuery(ctx context.Context, q string, args []any, limit int64) (int64, error) {
	if limit > 0 {
		q += " LIMIT " + strconv.FormatInt(limit, 10)
	}
	var n int64
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM ("+q+") n", args...).Scan(&n))
	return n, err
}

// fromText is the FROM clause of a plan, joined with its text index on SQLite for the
// people types (PostgreSQL's text conditions are in the plan's WHERE).
func (p *plan) fromText() (string, []any) {
	if p.text == nil || p.typ == search.TypeTicket || p.text.fts == "" {
		return p.table, nil
	}
	fts := "user_fts"
	if p.typ == search.TypeOrganization {
		fts = "organization_fts"
	}
	return "(SELECT rowid AS id, rank AS r FROM " + fts + " WHERE " + fts + " MATCH ?) f CROSS JOIN " + p.table +
		" ON " + p.alias + "id = f.id", []any{p.text.fts}
}

// pagePlan returns the ids of a page of a plan's results.
func (c *Conn) pagePlan(ctx context.Context, p *plan, offset, limit int) ([]int64, error) {
	if p.nothing || limit <= 0 {
		return nil, nil
	}
	if p.typ == search.TypeTicket && p.text != nil {
		return c.pageTicketText(ctx, p, offset, limit)
	}
	from, args := p.fromText()
	args = append(args, p.args...)
	order := p.orderBy()
	if p.ranked() {
		if c.pg {
			order = " ORDER BY ts_rank(" + p.alias + "tsv, " + p.text.pg + ") DESC, " + p.alias + "id"
			args = append(args, p.text.args...)
		} else {
			order = " ORDER BY f.r, " + p.alias + "id"
		}
	}
	return c.ids(ctx, "SELECT "+p.alias+"id FROM "+from+p.whereSQL()+order+" LIMIT ? OFFSET ?", append(args, limit, offset)...)
}

// pinnedTicket reports whether the ticket a numeric query names exists and passes the
// plan's other conditions; it is then the first result, and the text matches exclude it.
func (c *Conn) pinnedTicket(ctx context.Context, p *plan) (bool, error) {
	if p.pinned == 0 || !p.ranked() {
		return false, nil
	}
	ids, err := c.ids(ctx, "SELECT t.id FROM tickets t"+p.whereSQL()+" AND t.id = ?", append(slices.Clone(p.args), p.pinned)...)
	return len(ids) > 0, err
}

// withoutPinned is the plan with the pinned ticket excluded.
func withoutPinned(p *plan) *plan {
	q := *p
	q.where = append(slices.Clone(p.where), "t.id <> ?")
	q.args = append(slices.Clone(p.args), p.pinned)
	q.pinned = 0
	return &q
}

// textCond is the ticket plan's driving text as a condition on each ticket.
func (c *Conn) textCond(p *plan) *plan {
	q := *p
	q.where = append(slices.Clone(p.where), c.ticketExists(*p.text))
	q.args = append(slices.Clone(p.args), p.text.args...)
	q.text = nil
	return &q
}

// countTicketText counts the tickets a plan with full text finds: from the matching
// index rows, newest first, until limit tickets are found.
func (c *Conn) countTicketText(ctx context.Context, p *plan, limit int64) (int64, error) {
	pinned, err := c.pinnedTicket(ctx, p)
	if err != nil {
		return 0, err
	}
	extra := int64(0)
	if pinned {
		if limit == 1 {
			return 1, nil
		}
		p, extra = withoutPinned(p), 1
		if limit > 0 {
			limit--
		}
	}
	if c.pg {
		// The matches first, by the text index: PostgreSQL overestimates a word's rows
		// and would otherwise walk every ticket hoping the limit stops it early.
		q := "WITH m AS MATERIALIZED (SELECT DISTINCT ticket_id FROM ticket_search WHERE tsv @@ " + p.text.pg +
			") SELECT 1 FROM " + p.passingPG("m")
		n, err := c.countQuery(ctx, q, append(slices.Clone(p.text.args), p.args...), limit)
		return n + extra, err
	}
	// LIMIT -1 keeps SQLite from flattening the matches into the join, which would drop
	// their order: unflattened they come newest first, and counting stops at limit
	// after the recent matches instead of walking up from the oldest.
	from, args := p.ftsTickets("(SELECT rowid AS id FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid DESC LIMIT -1) f")
	n, err := c.countQuery(ctx, "SELECT DISTINCT c.ticket_id FROM "+from, append([]any{p.text.fts}, args...), limit)
	return n + extra, err
}

// ftsMatches counts the index rows matching an FTS5 expression, up to limit.
func (c *Conn) ftsMatches(ctx context.Context, expr string, limit int) (int, error) {
	var n int
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM (SELECT 1 FROM ticket_fts WHERE ticket_fts MATCH ? LIMIT ?) m", expr, limit).Scan(&n))
	return n, err
}

// pageTicketText returns a page of the tickets a plan with full text finds.
func (c *Conn) pageTicketText(ctx context.Context, p *plan, offset, limit int) ([]int64, error) {
	if limit <= 0 {
		return nil, nil
	}
	pinned, err := c.pinnedTicket(ctx, p)
	if err != nil {
		return nil, err
	}
	if pinned {
		rest, err := c.pageTicketText(ctx, withoutPinned(p), max(0, offset-1), limit-max(0, 1-offset))
		if offset > 0 {
			return rest, err
		}
		return append([]int64{p.pinned}, rest...), err
	}
	if c.pg {
		if p.ranked() {
			return c.rankedTicketsPG(ctx, p, offset, limit)
		}
		return c.pagePlan(ctx, c.textCond(p), offset, limit)
	}
	matches, err := c.ftsMatches(ctx, p.text.fts, ftsSparse)
	if err != nil {
		return nil, err
	}
	if !p.ranked() {
		if matches < ftsSparse {
			// Rare text: read every match, then sort.
			return c.ids(ctx, "SELECT t.id FROM "+rareTickets+" CROSS JOIN tickets t ON t.id = m.id"+p.whereSQL()+p.orderBy()+" LIMIT ? OFFSET ?",
				append(append([]any{p.text.fts}, p.args...), limit, offset)...)
		}
		return c.pagePlan(ctx, c.textCond(p), offset, limit)
	}
	// Rank the newest matches; past them, list the other matching tickets newest
	// first.
	ranked, err := c.rankWindow(ctx, p, offset+limit)
	if err != nil || len(ranked) >= offset+limit || matches <= searchWindow {
		return window(ranked, offset, limit), err
	}
	rest := c.textCond(p)
	from := "tickets t"
	if matches < ftsSparse {
		rest = p
		from = rareTickets + " CROSS JOIN tickets t ON t.id = m.id"
	}
	args := slices.Clone(rest.args)
	if from != "tickets t" {
		args = append([]any{p.text.fts}, args...)
	}
	not := ""
	if len(ranked) > 0 {
		not = " AND t.id NOT IN (" + placeholders(len(ranked)) + ")"
		args = append(args, anys(ranked)...)
	}
	skip := max(0, offset-len(ranked))
	tail, err := c.ids(ctx, "SELECT t.id FROM "+from+rest.whereSQL()+not+" ORDER BY t.id DESC LIMIT ? OFFSET ?",
		append(args, offset+limit-len(ranked)-skip, skip)...)
	return append(window(ranked, offset, limit), tail...), err
}

// rareTickets lists the distinct tickets (m.id) of the index rows matching the text.
const rareTickets = "(SELECT DISTINCT c.ticket_id AS id FROM ticket_fts f CROSS JOIN comments c ON c.id = f.rowid WHERE ticket_fts MATCH ?) m"

// window is the part of list from offset, at most limit long.
func window(list []int64, offset, limit int) []int64 {
	if offset >= len(list) {
		return nil
	}
	return list[offset:min(len(list), offset+limit)]
}

// rankWindow ranks the tickets among the newest RankWindow matching comments that pass
// the plan's conditions, best first (SearchTickets' ranking). Without conditions beyond
// "not deleted" only the best few rows are joined to their tickets; they are picked by
// SQLite's sorter, which is cheaper than FTS5's own ORDER BY rank.
func (c *Conn) rankWindow(ctx context.Context, p *plan, need int) ([]int64, error) {
	best := ""
	args := []any{p.text.fts, p.text.fts, searchWindow}
	if len(p.where) == 0 {
		best = " ORDER BY r DESC LIMIT ?"
		args = append(args, 4*need+16)
	}
	from, fargs := p.ftsTickets("m f")
	q := `WITH m AS MATERIALIZED (SELECT rowid AS id, -rank AS r FROM ticket_fts
			WHERE ticket_fts MATCH ? AND rowid >= (SELECT coalesce(min(rowid), 0) FROM
				(SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid DESC LIMIT ?))` + best + `)
		SELECT c.ticket_id FROM ` + from + ` GROUP BY c.ticket_id ORDER BY max(f.r) DESC, c.ticket_id DESC`
	return c.ids(ctx, q, append(args, fargs...)...)
}

// passingPG is the rows of m (a CTE with ticket_id) whose tickets pass the plan's
// conditions (see pgPassing).
func (p *plan) passingPG(m string) string {
	return pgPassing(m, strings.TrimPrefix(p.whereSQL(), " WHERE "))
}

// pgPassing is the rows of m (a CTE with ticket_id) whose tickets meet conds (SQL on
// tickets t; "" for none), each checked by one probe of the tickets' primary key.
// PostgreSQL can't estimate how few rows m holds and would otherwise hash the whole
// tickets table (a second at a million tickets); OFFSET 0 keeps the lateral probe from
// being merged into such a join.
func pgPassing(m, conds string) string {
	where := " WHERE t.id = " + m + ".ticket_id"
	if conds != "" {
		where += " AND " + conds
	}
	return m + " CROSS JOIN LATERAL (SELECT 1 FROM tickets t" + where + " OFFSET 0) passing"
}

// rankedTicketsPG ranks matching tickets on PostgreSQL among the newest comments,
// widening the window when it holds too few results (searchTicketsPG's approach). The
// window's matches are read first (MATERIALIZED): joined to filtered tickets, the
// planner would otherwise probe the window once per candidate ticket.
func (c *Conn) rankedTicketsPG(ctx context.Context, p *plan, offset, limit int) ([]int64, error) {
	q := `WITH q AS (SELECT ` + p.text.pg + ` AS q),
		m AS MATERIALIZED (SELECT s.ticket_id, s.comment_id, ts_rank(s.tsv, q.q) AS r FROM ticket_search s, q
			WHERE s.tsv @@ q.q AND s.comment_id > (SELECT coalesce(max(comment_id), 0) FROM ticket_search) - ?)
		SELECT ticket_id FROM (
			SELECT DISTINCT ON (m.ticket_id) m.ticket_id, m.r FROM ` + p.passingPG("m") + `
			ORDER BY m.ticket_id, m.r DESC) best
		ORDER BY r DESC, ticket_id DESC LIMIT ? OFFSET ?`
	for _, span := range pgSpans {
		args := append(slices.Clone(p.text.args), span)
		args = append(append(args, p.args...), limit, offset)
		ids, err := c.ids(ctx, q, args...)
		if err != nil || len(ids) == limit || span == pgSpans[len(pgSpans)-1] {
			return ids, err
		}
	}
	return nil, nil
}

func parseID(s string) int64 {
	id, _ := strconv.ParseInt(s, 10, 64)
	return id
}

// GroupsByIDs returns the groups with these ids, keyed by id.
func (c *Conn) GroupsByIDs(ctx context.Context, ids []int64) (map[int64]*fd.Group, error) {
	out := map[int64]*fd.Group{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := c.query(ctx, "SELECT id, name, description, is_default, created_at, updated_at FROM groups WHERE id IN ("+placeholders(len(ids))+")", anys(ids)...)
	list, err := collect(rows, err, func(s scanner) (*fd.Group, error) {
		var g fd.Group
		var created, updated int64
		err := s.Scan(&g.ID, &g.Name, &g.Description, &g.Default, &created, &updated)
		g.CreatedAt, g.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
		return &g, err
	})
	for _, g := range list {
		out[g.ID] = g
	}
	return out, err
}
