package api

import (
	"net/http"
	"strconv"
	"strings"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/search"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Search, as Zendesk's: one query language over tickets, users, organizations and groups
// (internal/search parses it, the store compiles it to SQL). /search pages by offset up
// to the first 1,000 results; /search/export pages one type by cursor without limit.

func (a *API) searchRoutes() []route {
	return []route{
		{"GET /api/v2/search", staffOnly, a.search},
		{"GET /api/v2/search/count", staffOnly, a.searchCount},
		{"GET /api/v2/search/export", staffOnly, a.searchExport},
	}
}

// searchLimit is how many results /search reaches, as in Zendesk.
const searchLimit = 1000

// searchCountCap bounds the count /search reports. The count is exact up to the
// 1,000 results /search can return and reads 1,001 past that ("more than can be paged
// to"): counting further costs a read per result, which for a common word at a million
// tickets would be most of the search's time. /search/count counts exactly.
const searchCountCap = searchLimit + 1

// maxExportPage is the largest page of /search/export, as in Zendesk.
const maxExportPage = 1000

// invalidSearch answers 400 in the shape Zendesk gives search errors.
func invalidSearch(w http.ResponseWriter, description string) error {
	writeJSON(w, http.StatusBadRequest, errorBody{Error: "invalid", Description: "Invalid search: " + description})
	return errHandled
}

// parseSearch reads the query parameter; a query that does not parse is answered 400
// with the problem and its position.
func parseSearch(w http.ResponseWriter, r *http.Request) (*search.Query, error) {
	q, err := search.Parse(r.URL.Query().Get("query"))
	if err != nil {
		if msg, ok := search.ErrorDetail(err); ok {
			return nil, invalidSearch(w, msg)
		}
		return nil, err
	}
	return q, nil
}

// searchOptions are the options common to the search endpoints: the clock, "me", the
// tickets the caller may see, and sort_by/sort_order.
func (a *API) searchOptions(w http.ResponseWriter, r *http.Request, caller *fd.User) (store.SearchOptions, error) {
	o := store.SearchOptions{Now: a.now(), CallerID: caller.ID}
	q := r.URL.Query()
	if s := q.Get("sort_by"); s != "" {
		f, ok := search.ParseOrderBy(s)
		if !ok {
			return o, invalidSearch(w, "sort_by must be updated_at, created_at, priority, status or ticket_type, not "+strconv.Quote(s))
		}
		o.OrderBy = f
	}
	switch s := strings.ToLower(q.Get("sort_order")); s {
	case "", "desc":
	case "asc":
		o.Asc = true
	default:
		return o, invalidSearch(w, "sort_order must be asc or desc, not "+strconv.Quote(q.Get("sort_order")))
	}
	v, err := a.viewerOf(r.Context(), caller)
	if err != nil {
		return o, err
	}
	o.Visible = v.visibility()
	return o, nil
}

// search answers GET /api/v2/search: a page of results of every type the query asks for.
func (a *API) search(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	q, err := parseSearch(w, r)
	if err != nil {
		return err
	}
	o, err := a.searchOptions(w, r, caller)
	if err != nil {
		return err
	}
	page, err := readOffsetPage(r)
	if err != nil {
		return err
	}
	if page.Offset() >= searchLimit {
		writeJSON(w, http.StatusUnprocessableEntity, errorBody{Error: "invalid",
			Description: "Invalid search: Requested response size was greater than Search Response Limits"})
		return errHandled
	}
	o.Offset, o.Limit, o.CountCap = page.Offset(), min(page.PerPage, searchLimit-page.Offset()), searchCountCap
	found, count, err := a.db.Read().Search(r.Context(), q, o)
	if err != nil {
		return searchError(w, err)
	}
	results, err := a.searchResults(r, found)
	if err != nil {
		return err
	}
	next, prev := offsetLinks(r, page, min(count, searchLimit))
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "facets": nil, "next_page": next, "previous_page": prev, "count": count})
	return nil
}

// searchError answers a query the store could not compile (a custom field that does not
// exist, a value of the wrong type) as a bad query; other errors go on.
func searchError(w http.ResponseWriter, err error) error {
	if msg, ok := search.ErrorDetail(err); ok {
		return invalidSearch(w, msg)
	}
	return err
}

// searchCount answers GET /api/v2/search/count with the exact number of results.
func (a *API) searchCount(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	q, err := parseSearch(w, r)
	if err != nil {
		return err
	}
	o, err := a.searchOptions(w, r, caller)
	if err != nil {
		return err
	}
	n, err := a.db.Read().SearchCount(r.Context(), q, o)
	if err != nil {
		return searchError(w, err)
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": n})
	return nil
}

// searchExport answers GET /api/v2/search/export: the results of one type
// (filter[type]), newest created first, by cursor, without the 1,000-result limit.
func (a *API) searchExport(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	q, err := parseSearch(w, r)
	if err != nil {
		return err
	}
	params := r.URL.Query()
	typ, ok := search.ParseObjectType(params.Get("filter[type]"))
	if !ok {
		return invalidSearch(w, "filter[type] is required: ticket, user, organization or group")
	}
	for _, t := range q.Types {
		if t != typ {
			return invalidSearch(w, "the query asks for type "+string(t)+" but filter[type] is "+string(typ))
		}
	}
	o, err := a.searchOptions(w, r, caller)
	if err != nil {
		return err
	}
	size := maxPerPage
	if s := params.Get("page[size]"); s != "" {
		if size, err = strconv.Atoi(s); err != nil || size < 1 || size > maxExportPage {
			return fd.InvalidField("page[size]", "must be a whole number from 1 to %d", maxExportPage)
		}
	}
	var after *store.Cursor
	if s := params.Get("page[after]"); s != "" {
		if after, err = decodeCursor(s); err != nil {
			return fd.InvalidField("page[after]", "is not a cursor this API gave out")
		}
	}
	found, next, err := a.db.Read().SearchExport(r.Context(), q, typ, o, after, size)
	if err != nil {
		return searchError(w, err)
	}
	results, err := a.searchResults(r, found)
	if err != nil {
		return err
	}
	cur := ""
	if next != nil {
		cur = encodeCursor(next)
	}
	meta, links := cursorMeta(r, size, cur)
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "facets": nil, "meta": meta, "links": links})
	return nil
}

// searchResults loads the records found, in order, each with its result_type; a record
// deleted since it was found is left out.
func (a *API) searchResults(r *http.Request, found []store.SearchResult) ([]any, error) {
	ctx, conn, base := r.Context(), a.db.Read(), baseURL(r)
	byType := map[search.ObjectType][]int64{}
	for _, f := range found {
		byType[f.Type] = append(byType[f.Type], f.ID)
	}
	tickets := map[int64]*fd.Ticket{}
	if ids := byType[search.TypeTicket]; len(ids) > 0 {
		var err error
		if tickets, err = conn.TicketsByIDs(ctx, ids); err != nil {
			return nil, err
		}
	}
	userList, err := conn.UsersByIDs(ctx, byType[search.TypeUser])
	if err != nil {
		return nil, err
	}
	orgList, err := conn.OrganizationsByIDs(ctx, byType[search.TypeOrganization])
	if err != nil {
		return nil, err
	}
	users, orgs := byID(userList, func(u *fd.User) int64 { return u.ID }), byID(orgList, func(o *fd.Organization) int64 { return o.ID })
	groups, err := conn.GroupsByIDs(ctx, byType[search.TypeGroup])
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(found))
	for _, f := range found {
		switch f.Type {
		case search.TypeTicket:
			if t := tickets[f.ID]; t != nil {
				out = append(out, ticketResult{a.ticketJSON(base, t), "ticket"})
			}
		case search.TypeUser:
			if u := users[f.ID]; u != nil {
				out = append(out, userResult{a.userJSON(base, u), "user"})
			}
		case search.TypeOrganization:
			if o := orgs[f.ID]; o != nil {
				out = append(out, orgResult{organizationJSON(base, o), "organization"})
			}
		case search.TypeGroup:
			if g := groups[f.ID]; g != nil {
				out = append(out, groupResult{groupOut(base, g), "group"})
			}
		}
	}
	return out, nil
}

// ticketResult is a ticket in search results.
type ticketResult struct {
	ticketJSON
	ResultType string `json:"result_type"`
}

// userResult, orgResult and groupResult are the other records in search results.
type userResult struct {
	userJSON
	ResultType string `json:"result_type"`
}

type orgResult struct {
	orgJSON
	ResultType string `json:"result_type"`
}

type groupResult struct {
	groupJSON
	ResultType string `json:"result_type"`
}

// byID indexes records by their id.
func byID[T any](list []T, id func(T) int64) map[int64]T {
	m := make(map[int64]T, len(list))
	for _, v := range list {
		m[id(v)] = v
	}
	return m
}
