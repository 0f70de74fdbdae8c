package api

// Incremental exports are how a data warehouse keeps its copy of the help desk: a
// consumer starts at a start_time, pages until end_of_stream, and later resumes where
// it stopped (after_cursor, or next_page's start_time). It must see every change.
//
// # Why the last minute is left out
//
// Rows are exported in (stamp, id) order, the stamp being updated_at (created_at for
// audits, which never change), and a position is the (stamp, id) of the last row
// returned. Writers take stamps inside, or just before, the transactions that store
// them (the ticket service's group commit, the directory's writes), but transactions
// do not commit in stamp order. On PostgreSQL four group-commit writers run at once: a
// batch stamped t can commit after another stamped t' > t has committed and been
// exported, and a cursor past t' never returns to t. On SQLite the single writer
// stamps under the write lock, so commits follow stamps only as long as the clock never
// steps back (stampAfter keeps each ticket's own stamps increasing, not everyone's).
//
// So an export only returns rows stamped before the horizon h = now − 1 minute, which
// is Zendesk's documented one-minute exclusion. If every change commits less than a
// minute after its stamp was taken (a batch commits in milliseconds), no row stamped
// below a position can commit after the page that moved past it. Proof: a page read
// at time r, with h = r − 1 minute taken before the query's snapshot, moves the
// position to a row stamped k < h. A change stamped t < k missing from that snapshot
// commits at some c > r, so c − t > r − k > r − h = 1 minute, against the premise. So
// each page holds every row between its position and h, and the next page starts where
// it ended. The argument needs stamps and horizon read from one clock (one process; on
// several nodes, clocks in step to well under a minute) and survives the clock
// stepping back by less than the margin. Stamps written in the past on purpose (demo
// and synthetic data, loaded with explicit times) are, like Zendesk's ticket imports,
// loaded before consumers start.
//
// The cursor exports (tickets, users) resume after the exact (stamp, id) of the last
// row: no change is skipped or repeated (a ticket changed again appears again, once per
// version seen). The time-based exports resume at a whole second (end_time): as in
// Zendesk, the rows of that boundary second are sent again and consumers drop
// duplicates by id and updated_at. A full page whose rows all fall in its start second
// is extended to the whole second, so next_page always moves forward.
//
// TestIncrementalExportIsExactUnderConcurrentWrites pages through the exports while
// writers stream changes, on both databases; with the exclusion taken out it fails on
// PostgreSQL, changes committed behind the cursor never reaching the consumer.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

const (
	// exportLag is the one-minute exclusion: rows younger than this are left for later.
	exportLag = time.Minute
	// exportPerPage is the default and largest page of an export; samples are smaller.
	exportPerPage = 1000
	samplePerPage = 50
)

func (a *API) exportRoutes() []route {
	return []route{
		{"GET /api/v2/incremental/tickets/cursor", adminOnly, a.exportTicketsByCursor},
		{"GET /api/v2/incremental/tickets", adminOnly, a.exportTicketsByTime},
		{"GET /api/v2/incremental/users/cursor", adminOnly, a.exportUsersByCursor},
		{"GET /api/v2/incremental/users", adminOnly, a.exportUsersByTime},
		{"GET /api/v2/incremental/organizations", adminOnly, a.exportOrganizations},
		{"GET /api/v2/incremental/ticket_events", adminOnly, a.exportTicketEvents},
		{"GET /api/v2/incremental/{resource}/sample", adminOnly, a.exportSample},
	}
}

// exporter is one kind of record an export pages through.
type exporter[T any] struct {
	list string // the key of the list in the answer: "tickets", "users", …
	tag  byte   // marks this kind's cursors, so one kind's cursor can't page another
	// fetch calls each with the rows of a page, in order, as they are read.
	fetch func(ctx context.Context, q store.ExportQuery, each func(T) error) error
	pos   func(T) store.Cursor // the row's stamp (Unix µs) and id
	// json appends the record's JSON.
	json func(b []byte, base string, v T) ([]byte, error)
}

// appendJSON appends v as encoding/json writes it, for records off the hot path.
func appendJSON[T any](render func(base string, v T) any) func(b []byte, base string, v T) ([]byte, error) {
	return func(b []byte, base string, v T) ([]byte, error) {
		raw, err := json.Marshal(render(base, v))
		return append(b, raw...), err
	}
}

// eachOf turns a fetch of a page's slice into an exporter's fetch.
func eachOf[T any](fetch func(ctx context.Context, q store.ExportQuery) ([]T, error)) func(context.Context, store.ExportQuery, func(T) error) error {
	return func(ctx context.Context, q store.ExportQuery, each func(T) error) error {
		list, err := fetch(ctx, q)
		for _, v := range list {
			if err != nil {
				break
			}
			err = each(v)
		}
		return err
	}
}

// fetchAll returns the rows of a page.
func (x exporter[T]) fetchAll(ctx context.Context, q store.ExportQuery) ([]T, error) {
	var rows []T
	err := x.fetch(ctx, q, func(v T) error { rows = append(rows, v); return nil })
	return rows, err
}

// exportRequest is what an export request asks for.
type exportRequest struct {
	start   int64        // start_time, Unix seconds
	after   store.Cursor // where the page starts
	perPage int
}

// horizon is the exclusive upper bound of what an export returns now, Unix µs.
func (a *API) horizon() int64 { return a.now().Add(-exportLag).UnixMicro() }

// readExport reads start_time (or, for cursor exports, cursor) and per_page. A
// start_time must be at least a minute old, as in Zendesk: what is younger is not
// exported yet.
func readExport(r *http.Request, tag byte, maxPerPage int, horizon int64) (exportRequest, error) {
	q := r.URL.Query()
	x := exportRequest{perPage: maxPerPage}
	var p fd.Problems
	if s := q.Get("per_page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			p.Add("per_page", "must be a whole number from 1 to %d", maxPerPage)
		}
		x.perPage = min(n, maxPerPage)
	}
	switch cur := q.Get("cursor"); {
	case tag != 0 && cur != "":
		c, err := decodeExportCursor(tag, cur)
		if err != nil {
			p.Add("cursor", "is not a cursor this export gave out")
		}
		x.after = c
	case q.Get("start_time") == "":
		p.Add("start_time", "is required: the Unix time, in seconds, to export changes from")
	default:
		start, err := strconv.ParseInt(q.Get("start_time"), 10, 64)
		switch {
		case err != nil || start < 0:
			p.Add("start_time", "must be a Unix time in seconds")
		case start > horizon/1e6 || start*1e6 > horizon:
			p.Add("start_time", "must be at least one minute in the past: the last minute is not exported yet")
		}
		x.start, x.after = start, store.Cursor{Key: start * 1e6}
	}
	return x, p.Err()
}

func encodeExportCursor(tag byte, c store.Cursor) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%c%d.%d", tag, c.Key, c.ID))
}

func decodeExportCursor(tag byte, s string) (store.Cursor, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) < 2 || raw[0] != tag {
		return store.Cursor{}, fmt.Errorf("not an export cursor")
	}
	key, id, ok := strings.Cut(string(raw[1:]), ".")
	var c store.Cursor
	if c.Key, err = strconv.ParseInt(key, 10, 64); err != nil || !ok {
		return c, fmt.Errorf("not an export cursor")
	}
	if c.ID, err = strconv.ParseInt(id, 10, 64); err != nil || c.ID < 0 {
		return c, fmt.Errorf("not an export cursor")
	}
	return c, nil
}

// exportPaged answers a page of an export, which page reads and renders: from the
// pages read ahead when it is there, and then it reads the page after it ahead
// (readahead.go).
func (a *API) exportPaged(w http.ResponseWriter, r *http.Request, page func(*http.Request) (exportAnswer, error)) error {
	ans := a.ahead.take(r.Context(), listURL(r, r.URL.Query()), a.now())
	if ans == nil {
		p, err := page(r)
		if err != nil {
			return err
		}
		ans = &p
	}
	if ans.next != "" {
		next := r.Clone(r.Context())
		next.URL.RawQuery = ans.next[strings.IndexByte(ans.next, '?')+1:]
		a.ahead.start(ans.next, a.now(), func(ctx context.Context) (exportAnswer, error) {
			return page(next.WithContext(ctx))
		})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(ans.body) // a client that went away is past answering
	if cap(ans.body) <= maxPooledPage {
		pageBuffers.Put(&ans.body)
	}
	return nil
}

// exportByCursor answers a page of a cursor export, made by newX's exporter.
func exportByCursor[T any](a *API, w http.ResponseWriter, r *http.Request, newX func(*http.Request) (exporter[T], error)) error {
	return a.exportPaged(w, r, func(r *http.Request) (exportAnswer, error) { return cursorPage(a, r, newX) })
}

// exportByTime answers a page of a time-based export, made by newX's exporter.
func exportByTime[T any](a *API, w http.ResponseWriter, r *http.Request, newX func(*http.Request) (exporter[T], error), maxPerPage int) error {
	return a.exportPaged(w, r, func(r *http.Request) (exportAnswer, error) { return timePage(a, r, newX, maxPerPage) })
}

// pageBuffers recycles the buffers export pages are rendered into: a page of
// 1,000 tickets is a megabyte or more, grown step by step otherwise.
var pageBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 96<<10); return &b }}

// maxPooledPage is the largest buffer kept for another page.
const maxPooledPage = 8 << 20

// cursorPage reads and renders a page of a cursor export: the rows after the cursor
// (or from start_time) up to the horizon, and the cursor after the last of them, which
// the consumer keeps to resume from, at end_of_stream too.
func cursorPage[T any](a *API, r *http.Request, newX func(*http.Request) (exporter[T], error)) (exportAnswer, error) {
	x, err := newX(r)
	if err != nil {
		return exportAnswer{}, err
	}
	h := a.horizon()
	req, err := readExport(r, x.tag, exportPerPage, h)
	if err != nil {
		return exportAnswer{}, err
	}
	out := newExportWriter(r, x)
	n, end, after := 0, true, req.after
	err = x.fetch(r.Context(), store.ExportQuery{After: req.after, Before: h, Limit: req.perPage + 1}, func(v T) error {
		if n == req.perPage {
			end = false // the row past the page only tells that there is more
			return nil
		}
		n++
		after = x.pos(v)
		return out.add(v)
	})
	if err != nil {
		return exportAnswer{}, err
	}
	cur := encodeExportCursor(x.tag, after)
	q := r.URL.Query()
	q.Del("start_time")
	q.Set("cursor", cur)
	next := listURL(r, q)
	return out.answer(next, end, []exportField{
		{"after_url", next}, {"after_cursor", cur}, {"before_url", nil}, {"before_cursor", nil},
		{"end_of_stream", end},
	}), nil
}

// timePage reads and renders a page of a time-based export: the rows from start_time up to
// the horizon, at most a page of them, and end_time, the second the next page starts
// at (next_page). See the top of the file for the boundary second.
func timePage[T any](a *API, r *http.Request, newX func(*http.Request) (exporter[T], error), maxPerPage int) (exportAnswer, error) {
	x, err := newX(r)
	if err != nil {
		return exportAnswer{}, err
	}
	h := a.horizon()
	req, err := readExport(r, 0, maxPerPage, h)
	if err != nil {
		return exportAnswer{}, err
	}
	ctx := r.Context()
	rows, err := x.fetchAll(ctx, store.ExportQuery{After: req.after, Before: h, Limit: req.perPage + 1})
	if err != nil {
		return exportAnswer{}, err
	}
	var endTime int64
	end := len(rows) <= req.perPage
	switch {
	case end:
		// Everything stamped before the horizon is out, so the next page may start at
		// the horizon's second.
		endTime = h / 1e6
	case x.pos(rows[req.perPage-1]).Key/1e6 > req.start:
		rows = rows[:req.perPage]
		endTime = x.pos(rows[req.perPage-1]).Key / 1e6
	default:
		// A full page within the start second: take the whole second, or next_page
		// would ask for this page again.
		sec := req.start
		before := min((sec+1)*1e6, h)
		if rows, err = x.fetchAll(ctx, store.ExportQuery{After: store.Cursor{Key: sec * 1e6}, Before: before}); err != nil {
			return exportAnswer{}, err
		}
		endTime, end = sec+1, false
		if before == h {
			endTime, end = h/1e6, true
		}
	}
	q := r.URL.Query()
	q.Set("start_time", strconv.FormatInt(endTime, 10))
	out := newExportWriter(r, x)
	for _, v := range rows {
		if err := out.add(v); err != nil {
			return exportAnswer{}, err
		}
	}
	next := listURL(r, q)
	return out.answer(next, end, []exportField{
		{"next_page", next}, {"count", len(rows)}, {"end_time", endTime}, {"end_of_stream", end},
	}), nil
}

type exportField struct {
	key   string
	value any
}

// exportWriter renders an export page's answer into one buffer: the list, each
// record appended, then the paging fields.
type exportWriter[T any] struct {
	base   string
	render func(b []byte, base string, v T) ([]byte, error)
	buf    []byte
	n      int // records in the list so far
}

func newExportWriter[T any](r *http.Request, x exporter[T]) *exportWriter[T] {
	buf := (*pageBuffers.Get().(*[]byte))[:0]
	buf = append(buf, `{"`+x.list+`":[`...)
	return &exportWriter[T]{base: baseURL(r), render: x.json, buf: buf}
}

// add renders a record.
func (e *exportWriter[T]) add(v T) error {
	if e.n > 0 {
		e.buf = append(e.buf, ',')
	}
	e.n++
	var err error
	e.buf, err = e.render(e.buf, e.base, v)
	return err
}

// answer closes the list and writes the paging fields (strings, numbers, booleans and
// null). next is the URL of the next page, which is kept unless this page ends the
// stream.
func (e *exportWriter[T]) answer(next string, end bool, fields []exportField) exportAnswer {
	e.buf = append(e.buf, ']')
	for _, f := range fields {
		e.buf = append(e.buf, `,"`+f.key+`":`...)
		e.buf, _ = appendValue(e.buf, f.value)
	}
	ans := exportAnswer{body: append(e.buf, "}\n"...)}
	if !end {
		ans.next = next
	}
	return ans
}

// ticketExporter exports tickets, soft-deleted ones with status "deleted" (as Zendesk
// shows them) unless exclude_deleted is set.
func (a *API) ticketExporter(r *http.Request) (exporter[*store.ExportedTicket], error) {
	exclude := false
	if s := r.URL.Query().Get("exclude_deleted"); s != "" {
		var err error
		if exclude, err = strconv.ParseBool(s); err != nil {
			return exporter[*store.ExportedTicket]{}, fd.InvalidField("exclude_deleted", "must be true or false")
		}
	}
	conn := a.db.Read()
	return exporter[*store.ExportedTicket]{
		list: "tickets", tag: 't',
		fetch: func(ctx context.Context, q store.ExportQuery, each func(*store.ExportedTicket) error) error {
			q.ExcludeDeleted = exclude
			return conn.ExportTickets(ctx, q, each)
		},
		pos: func(t *store.ExportedTicket) store.Cursor {
			return store.Cursor{Key: t.UpdatedAt.UnixMicro(), ID: t.ID}
		},
		json: appendExportTicket,
	}, nil
}

func (a *API) exportTicketsByCursor(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	return exportByCursor(a, w, r, a.ticketExporter)
}

func (a *API) exportTicketsByTime(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	return exportByTime(a, w, r, a.ticketExporter, exportPerPage)
}

// userExporter exports users as agents see them, verified flag included (an identity
// change moves the user's updated_at, so the export sends the user again).
func (a *API) userExporter(*http.Request) (exporter[*fd.User], error) {
	conn := a.db.Read()
	var verified map[int64]bool // of the page being written
	return exporter[*fd.User]{
		list: "users", tag: 'u',
		fetch: eachOf(func(ctx context.Context, q store.ExportQuery) ([]*fd.User, error) {
			list, err := conn.ExportUsers(ctx, q)
			if err != nil {
				return nil, err
			}
			verified, err = verifiedUsers(ctx, conn, list)
			return list, err
		}),
		pos: func(u *fd.User) store.Cursor { return store.Cursor{Key: u.UpdatedAt.UnixMicro(), ID: u.ID} },
		json: appendJSON(func(base string, u *fd.User) any {
			j := a.userJSON(base, u)
			j.Verified = verified[u.ID]
			return j
		}),
	}, nil
}

func (a *API) exportUsersByCursor(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	return exportByCursor(a, w, r, a.userExporter)
}

func (a *API) exportUsersByTime(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	return exportByTime(a, w, r, a.userExporter, exportPerPage)
}

func (a *API) orgExporter(*http.Request) (exporter[*fd.Organization], error) {
	conn := a.db.Read()
	return exporter[*fd.Organization]{
		list: "organizations", fetch: eachOf(conn.ExportOrganizations),
		pos:  func(o *fd.Organization) store.Cursor { return store.Cursor{Key: o.UpdatedAt.UnixMicro(), ID: o.ID} },
		json: appendJSON(func(base string, o *fd.Organization) any { return organizationJSON(base, o) }),
	}, nil
}

func (a *API) exportOrganizations(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	return exportByTime(a, w, r, a.orgExporter, exportPerPage)
}

// ticketEvent is an audit with, when comment_events were asked for, the comment it
// added.
type ticketEvent struct {
	audit   *fd.Audit
	comment *fd.Comment
}

// ticketEventJSON is one ticket update as Zendesk's ticket event export shows it: the
// audit, with its field changes and comment as child events.
type ticketEventJSON struct {
	ID          int64            `json:"id"`
	TicketID    int64            `json:"ticket_id"`
	Timestamp   int64            `json:"timestamp"`
	CreatedAt   *string          `json:"created_at"`
	UpdaterID   int64            `json:"updater_id"`
	Via         string           `json:"via"`
	System      map[string]any   `json:"system"`
	Metadata    map[string]any   `json:"metadata"`
	EventType   string           `json:"event_type"`
	ChildEvents []map[string]any `json:"child_events"`
}

// viaNames are the channel names of Zendesk's ticket events.
var viaNames = map[string]string{
	fd.ChannelWeb: "Web form", fd.ChannelWebForm: "Web form", fd.ChannelEmail: "Mail", fd.ChannelChat: "Chat",
	fd.ChannelTelegram: "Telegram", fd.ChannelSlack: "Slack", fd.ChannelAPI: "Web service", fd.ChannelRule: "Rule",
	fd.ChannelSystem: "System",
}

func viaName(channel string) string {
	if n, ok := viaNames[channel]; ok {
		return n
	}
	return channel
}

// ticketEventOut renders an audit as a ticket event. Field events carry the field as
// Zendesk does (the field's name as the key, custom fields under
// custom_ticket_fields), and also field_name and value; tag changes list the tags
// added and removed. Without the comment_events sideload a comment is only
// comment_present and comment_public; with it, the whole comment.
func ticketEventOut(base string, ev ticketEvent) *ticketEventJSON {
	au := ev.audit
	via := viaName(au.Via.Channel)
	j := &ticketEventJSON{ID: au.ID, TicketID: au.TicketID, Timestamp: au.CreatedAt.Unix(), CreatedAt: zendeskTime(au.CreatedAt),
		UpdaterID: au.AuthorID, Via: via, System: map[string]any{}, Metadata: map[string]any{}, EventType: "Audit",
		ChildEvents: make([]map[string]any, 0, len(au.Events))}
	for k, e := range au.Events {
		child := map[string]any{"id": au.ID*1000 + int64(k), "via": via, "via_reference_id": nil, "event_type": e.Type}
		switch {
		case e.Type == fd.EventComment && ev.comment != nil:
			c := commentOut(base, ev.comment)
			child["id"], child["type"], child["author_id"], child["body"] = c.ID, c.Type, c.AuthorID, c.Body
			child["html_body"], child["plain_body"], child["public"], child["attachments"] = c.HTMLBody, c.PlainBody, c.Public, c.Attachments
			child["audit_id"], child["created_at"], child["via"] = c.AuditID, c.CreatedAt, c.Via
		case e.Type == fd.EventComment:
			child["comment_present"], child["comment_public"] = true, e.Public
		default:
			child["field_name"], child["value"] = e.FieldName, e.Value
			if _, err := strconv.ParseInt(e.FieldName, 10, 64); err == nil {
				child["custom_ticket_fields"] = map[string]any{e.FieldName: e.Value}
			} else {
				child[e.FieldName] = e.Value
			}
			if e.Type == fd.EventChange {
				child["previous_value"] = e.PreviousValue
			}
			if e.FieldName == "tags" {
				added, removed := tagDiff(e.Value, e.PreviousValue)
				child["added_tags"], child["removed_tags"] = added, removed
			}
		}
		j.ChildEvents = append(j.ChildEvents, child)
	}
	return j
}

// tagDiff lists the tags in now but not in then, and the other way round; audits keep
// tag lists as JSON arrays (or null for none).
func tagDiff(now, then any) (added, removed []string) {
	strs := func(v any) []string {
		list, _ := v.([]any)
		out := make([]string, 0, len(list))
		for _, x := range list {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	n, t := strs(now), strs(then)
	added, removed = []string{}, []string{}
	for _, s := range n {
		if !slices.Contains(t, s) {
			added = append(added, s)
		}
	}
	for _, s := range t {
		if !slices.Contains(n, s) {
			removed = append(removed, s)
		}
	}
	return added, removed
}

func (a *API) eventExporter(r *http.Request) (exporter[ticketEvent], error) {
	withComments := slices.Contains(strings.Split(r.URL.Query().Get("include"), ","), "comment_events")
	conn := a.db.Read()
	return exporter[ticketEvent]{
		list: "ticket_events",
		fetch: eachOf(func(ctx context.Context, q store.ExportQuery) ([]ticketEvent, error) {
			audits, err := conn.ExportAudits(ctx, q)
			if err != nil {
				return nil, err
			}
			var comments map[int64]*fd.Comment
			if withComments {
				ids := make([]int64, 0, len(audits))
				for _, au := range audits {
					if slices.ContainsFunc(au.Events, func(e fd.AuditEvent) bool { return e.Type == fd.EventComment }) {
						ids = append(ids, au.ID)
					}
				}
				if comments, err = conn.CommentsOfAudits(ctx, ids); err != nil {
					return nil, err
				}
			}
			out := make([]ticketEvent, len(audits))
			for i, au := range audits {
				out[i] = ticketEvent{audit: au, comment: comments[au.ID]}
			}
			return out, nil
		}),
		pos: func(e ticketEvent) store.Cursor {
			return store.Cursor{Key: e.audit.CreatedAt.UnixMicro(), ID: e.audit.ID}
		},
		json: appendJSON(func(base string, e ticketEvent) any { return ticketEventOut(base, e) }),
	}, nil
}

func (a *API) exportTicketEvents(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	return exportByTime(a, w, r, a.eventExporter, exportPerPage)
}

// exportSample is Zendesk's sample export: a time-based export of up to 50 records, to
// try the format.
func (a *API) exportSample(w http.ResponseWriter, r *http.Request, _ *fd.User) error {
	switch r.PathValue("resource") {
	case "tickets":
		return exportByTime(a, w, r, a.ticketExporter, samplePerPage)
	case "users":
		return exportByTime(a, w, r, a.userExporter, samplePerPage)
	case "organizations":
		return exportByTime(a, w, r, a.orgExporter, samplePerPage)
	case "ticket_events":
		return exportByTime(a, w, r, a.eventExporter, samplePerPage)
	}
	writeJSON(w, http.StatusNotFound, errorBody{Error: "InvalidEndpoint", Description: "Not found"})
	return errHandled
}
