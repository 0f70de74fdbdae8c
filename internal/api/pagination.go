package api

import (
	fd "github.com/frontdesk/frontdesk"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/frontdesk/frontdesk/internal/store"
)

// Zendesk pages two ways. Offset pagination (page, per_page; the default, and what most
// clients use) answers next_page, previous_page and count. Cursor pagination (page[size],
// page[after]) answers meta.has_more and links.next and costs the same at any depth.

// maxPerPage is the largest page either way.
const maxPerPage = 100

// maxOffset is how deep offset pagination goes, as in Zendesk since 2024: past the
// first 10,000 records a listing must use cursors.
const maxOffset = 10_000

// offsetPage is a requested offset page.
type offsetPage struct {
	Page, PerPage int
}

// Offset is the number of rows before the page.
func (p offsetPage) Offset() int { return (p.Page - 1) * p.PerPage }

// wantsCursor reports whether the request asks for cursor pagination.
func wantsCursor(r *http.Request) bool {
	q := r.URL.Query()
	return q.Has("page[size]") || q.Has("page[after]") || q.Has("page[before]")
}

// readOffsetPage reads page and per_page (defaults 1 and 100).
func readOffsetPage(r *http.Request) (offsetPage, error) {
	q := r.URL.Query()
	p := offsetPage{Page: 1, PerPage: maxPerPage}
	var err error
	if s := q.Get("page"); s != "" {
		if p.Page, err = strconv.Atoi(s); err != nil || p.Page < 1 {
			return p, fd.InvalidField("page", "must be a whole number from 1")
		}
	}
	if s := q.Get("per_page"); s != "" {
		if p.PerPage, err = strconv.Atoi(s); err != nil || p.PerPage < 1 {
			return p, fd.InvalidField("per_page", "must be a whole number from 1 to 100")
		}
		p.PerPage = min(p.PerPage, maxPerPage)
	}
	if p.Offset() >= maxOffset {
		return p, errDeepOffset
	}
	return p, nil
}

// errDeepOffset is Zendesk's 400 for an offset page past the first 10,000 records.
var errDeepOffset = &fd.Error{Code: fd.BadRequest, Message: "offset pagination is limited to the first 10,000 records; use cursor pagination (page[size], page[after])"}

// readPageSize reads page[size] (default 100).
func readPageSize(r *http.Request) (int, error) {
	s := r.URL.Query().Get("page[size]")
	if s == "" {
		return maxPerPage, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxPerPage {
		return 0, fd.InvalidField("page[size]", "must be a whole number from 1 to 100")
	}
	return n, nil
}

// offsetLinks returns next_page and previous_page for a page of an offset listing of
// count rows in all.
func offsetLinks(r *http.Request, p offsetPage, count int64) (next, prev *string) {
	link := func(page int) *string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(page))
		q.Set("per_page", strconv.Itoa(p.PerPage))
		s := listURL(r, q)
		return &s
	}
	if int64(p.Page*p.PerPage) < count {
		next = link(p.Page + 1)
	}
	if p.Page > 1 {
		prev = link(p.Page - 1)
	}
	return next, prev
}

// cursorMeta returns meta and links for a page of a cursor listing; after is the next
// page's cursor, "" on the last page.
func cursorMeta(r *http.Request, size int, after string) (meta, links map[string]any) {
	meta = map[string]any{"has_more": after != "", "after_cursor": nil, "before_cursor": nil}
	links = map[string]any{"next": nil, "prev": nil}
	if after != "" {
		meta["after_cursor"] = after
		q := r.URL.Query()
		q.Set("page[after]", after)
		q.Set("page[size]", strconv.Itoa(size))
		links["next"] = listURL(r, q)
	}
	return meta, links
}

// listURL is this request's path with other query parameters, in the .json form.
func listURL(r *http.Request, q url.Values) string {
	return baseURL(r) + r.URL.Path + ".json?" + q.Encode()
}

// pageOf cuts one page out of a list already read whole because it belongs to one
// record (a ticket's comments or audits), paged as the request asks. It returns the page
// and the paging fields to answer beside it. items are in ascending id order; a sort of
// "-created_at" (or sort_order=desc) reverses them.
func pageOf[T any](r *http.Request, items []T, id func(T) int64) ([]T, map[string]any, error) {
	q := r.URL.Query()
	if q.Get("sort") == "-created_at" || q.Get("sort_order") == "desc" {
		items = slices.Clone(items)
		slices.Reverse(items)
	}
	if wantsCursor(r) {
		size, err := readPageSize(r)
		if err != nil {
			return nil, nil, err
		}
		start := 0
		if after := q.Get("page[after]"); after != "" {
			c, err := decodeCursor(after)
			if err != nil {
				return nil, nil, fd.InvalidField("page[after]", "is not a cursor this API gave out")
			}
			start = len(items)
			for i, it := range items {
				if id(it) == c.ID {
					start = i + 1
					break
				}
			}
		}
		end := min(start+size, len(items))
		page, next := items[start:end], ""
		if end < len(items) {
			next = encodeCursor(&store.Cursor{ID: id(items[end-1])})
		}
		meta, links := cursorMeta(r, size, next)
		return page, map[string]any{"meta": meta, "links": links}, nil
	}
	p, err := readOffsetPage(r)
	if err != nil {
		return nil, nil, err
	}
	start := min(p.Offset(), len(items))
	end := min(start+p.PerPage, len(items))
	next, prev := offsetLinks(r, p, int64(len(items)))
	return items[start:end], map[string]any{"count": len(items), "next_page": next, "previous_page": prev}, nil
}
