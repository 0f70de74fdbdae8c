package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// idPage answers one page of a listing kept in id order, paged as the request asks: by
// offset (page, per_page; answered with count, next_page, previous_page) or by cursor
// (page[size], page[after]; answered with meta and links). fetch returns up to limit
// records with ids above afterID, past the first offset of them; count counts them all.
func idPage[T any](w http.ResponseWriter, r *http.Request, key string,
	fetch func(afterID int64, offset, limit int) ([]T, error), count func() (int64, error),
	idOf func(T) int64, render func(T) any) error {
	if wantsCursor(r) {
		size, err := readPageSize(r)
		if err != nil {
			return err
		}
		var after int64
		if s := r.URL.Query().Get("page[after]"); s != "" {
			c, err := decodeCursor(s)
			if err != nil {
				return fd.InvalidField("page[after]", "is not a cursor this API gave out")
			}
			after = c.ID
		}
		list, err := fetch(after, 0, size+1)
		if err != nil {
			return err
		}
		next := ""
		if len(list) > size {
			list = list[:size]
			next = encodeCursor(&store.Cursor{ID: idOf(list[size-1])})
		}
		meta, links := cursorMeta(r, size, next)
		writeJSON(w, http.StatusOK, map[string]any{key: renderAll(list, render), "meta": meta, "links": links})
		return nil
	}
	p, err := readOffsetPage(r)
	if err != nil {
		return err
	}
	list, err := fetch(0, p.Offset(), p.PerPage)
	if err != nil {
		return err
	}
	n, err := count()
	if err != nil {
		return err
	}
	next, prev := offsetLinks(r, p, n)
	writeJSON(w, http.StatusOK, map[string]any{key: renderAll(list, render), "next_page": next, "previous_page": prev, "count": n})
	return nil
}

// slicePage answers one page of a listing held whole in memory (brands, field options,
// autocomplete matches), paged as the request asks; a cursor is a position in the list.
func slicePage[T any](w http.ResponseWriter, r *http.Request, key string, all []T, render func(T) any) error {
	if wantsCursor(r) {
		size, err := readPageSize(r)
		if err != nil {
			return err
		}
		start := 0
		if s := r.URL.Query().Get("page[after]"); s != "" {
			c, err := decodeCursor(s)
			if err != nil || c.Key < 0 || c.Key > int64(len(all)) {
				return fd.InvalidField("page[after]", "is not a cursor this API gave out")
			}
			start = int(c.Key)
		}
		end := min(start+size, len(all))
		next := ""
		if end < len(all) {
			next = encodeCursor(&store.Cursor{Key: int64(end)})
		}
		meta, links := cursorMeta(r, size, next)
		writeJSON(w, http.StatusOK, map[string]any{key: renderAll(all[start:end], render), "meta": meta, "links": links})
		return nil
	}
	p, err := readOffsetPage(r)
	if err != nil {
		return err
	}
	start := min(p.Offset(), len(all))
	end := min(start+p.PerPage, len(all))
	next, prev := offsetLinks(r, p, int64(len(all)))
	writeJSON(w, http.StatusOK, map[string]any{key: renderAll(all[start:end], render), "next_page": next, "previous_page": prev, "count": len(all)})
	return nil
}

// countAnswer answers a /count endpoint in Zendesk's shape; our counts are exact, so
// they are as fresh as the request.
func countAnswer(w http.ResponseWriter, n int64, at time.Time) {
	writeJSON(w, http.StatusOK, map[string]any{"count": map[string]any{"value": n, "refreshed_at": zendeskTime(at)}})
}

// maxManyIDs is the most records a show_many, create_many or destroy_many takes.
const maxManyIDs = 100

// idListParam reads a comma-separated list of ids from a query parameter ("ids=1,2,3").
func idListParam(r *http.Request, name string) ([]int64, error) {
	var ids []int64
	for _, part := range strings.Split(r.URL.Query().Get(name), ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		id, err := strconv.ParseInt(part, 10, 64)
		if err != nil || id <= 0 {
			return nil, fd.InvalidField(name, "%q is not an id", part)
		}
		ids = append(ids, id)
	}
	if len(ids) > maxManyIDs {
		return nil, fd.InvalidField(name, "takes at most %d ids", maxManyIDs)
	}
	return ids, nil
}

// pathIDNamed reads a numeric path value; a malformed one is a missing record.
func pathIDNamed(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fd.ErrNotFound("record", r.PathValue(name))
	}
	return id, nil
}

// answerCreated answers 201 with the record's Location.
func answerCreated(w http.ResponseWriter, url, key string, body any) {
	w.Header().Set("Location", url)
	writeJSON(w, http.StatusCreated, map[string]any{key: body})
}

// answerNoContent answers 204.
func answerNoContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// renderAll renders each record of a page for its JSON answer.
func renderAll[T any](list []T, render func(T) any) []any {
	out := make([]any, len(list))
	for i, v := range list {
		out[i] = render(v)
	}
	return out
}
