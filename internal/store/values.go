package store

import (
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// scanner is what *sql.Row and *sql.Rows share.
type scanner interface{ Scan(dest ...any) error }

// trailing scans a row whose last columns go to extra, after those its reader asks for:
// one scan function serves a table's row with or without joined columns.
type trailing struct {
	s     scanner
	extra []any
}

func (t trailing) Scan(dest ...any) error { return t.s.Scan(append(dest, t.extra...)...) }

// micros stores a time as Unix microseconds; the zero time is NULL.
func micros(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMicro()
}

// fromMicros reads a time stored by micros, in UTC.
func fromMicros(n sql.NullInt64) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return time.UnixMicro(n.Int64).UTC()
}

// nullID stores an id of 0 ("none") as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullString stores "" as NULL, for columns that are unique when set.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func joinWords(words []string) string { return strings.Join(words, " ") }

func splitWords(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Fields(s)
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, " ")
}

func splitIDs(s string) []int64 {
	var ids []int64
	for _, f := range strings.Fields(s) {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Only values we built ourselves reach here; a failure is a programming error.
		panic(err)
	}
	return string(b)
}

// encodeFields stores custom field values as a JSON object keyed by field id.
func encodeFields(m map[int64]any) string {
	obj := make(map[string]any, len(m))
	for id, v := range m {
		obj[strconv.FormatInt(id, 10)] = v
	}
	return mustJSON(obj)
}

func decodeFields(s string) (map[int64]any, error) {
	if s == "{}" {
		return nil, nil // most tickets: no need to parse
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(s), &obj); err != nil {
		return nil, err
	}
	if len(obj) == 0 {
		return nil, nil
	}
	m := make(map[int64]any, len(obj))
	for k, v := range obj {
		id, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			return nil, err
		}
		m[id] = v
	}
	return m, nil
}

func decodeVia(channel, source string) (fd.Via, error) {
	v := fd.Via{Channel: channel}
	if source == "{}" {
		return v, nil // most changes: no need to parse
	}
	return v, json.Unmarshal([]byte(source), &v.Source)
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// collect scans every row with scan, closes the rows, and maps errors.
func collect[T any](rows *sql.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}
