package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
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

// columns reads a row's values in order, as the drivers give them: string, []byte
// (PostgreSQL's JSON), or nil for NULL. database/sql passes those to *any as they are,
// where typed destinations each escaped to the heap. str takes the next column; the
// first of an unexpected type is reported by end.
type columns struct {
	v   []any
	i   int
	err error
}

// scanColumns scans a row of n columns.
func scanColumns(s scanner, n int) (columns, error) {
	buf := make([]any, 2*n)
	v, dest := buf[:n], buf[n:]
	for i := range v {
		dest[i] = &v[i]
	}
	if err := s.Scan(dest...); err != nil {
		return columns{}, mapErr(err)
	}
	return columns{v: v}, nil
}

// str reads text; NULL is "".
func (c *columns) str() string {
	v := c.v[c.i]
	c.i++
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	case nil:
		return ""
	}
	if c.err == nil {
		c.err = fmt.Errorf("column %d holds %T, not text", c.i, v)
	}
	return ""
}

// end reports a column of an unexpected type, or columns left unread.
func (c *columns) end() error {
	if c.err == nil && c.i != len(c.v) {
		c.err = fmt.Errorf("%d columns read of %d", c.i, len(c.v))
	}
	return c.err
}

// numbers reads integers written as decimal text separated by commas, in order (see
// ticketNumbers); an empty one is NULL.
type numbers struct {
	s    string
	n    int // numbers read
	err  error
	done bool
}

func (n *numbers) next() string {
	if n.done {
		n.fail("past the last number")
		return ""
	}
	f, rest, more := strings.Cut(n.s, ",")
	n.s, n.done = rest, !more
	n.n++
	return f
}

func (n *numbers) fail(msg string) {
	if n.err == nil {
		n.err = fmt.Errorf("number %d: %s", n.n, msg)
	}
}

// value reads a number; null reports NULL.
func (n *numbers) value() (v int64, null bool) {
	f := n.next()
	if f == "" {
		return 0, true
	}
	v, err := strconv.ParseInt(f, 10, 64)
	if err != nil {
		n.fail(err.Error())
	}
	return v, false
}

// int reads an integer; NULL is 0, as nullID stores it.
func (n *numbers) int() int64 {
	v, _ := n.value()
	return v
}

// time reads a time stored by micros; NULL is the zero time.
func (n *numbers) time() time.Time {
	if v, null := n.value(); !null {
		return time.UnixMicro(v).UTC()
	}
	return time.Time{}
}

// bool reads a boolean as PostgreSQL writes it (t, f) or SQLite (1, 0).
func (n *numbers) bool() bool {
	switch f := n.next(); f {
	case "t", "1":
		return true
	case "f", "0":
		return false
	default:
		n.fail(fmt.Sprintf("%q is not a boolean", f))
		return false
	}
}

// end reports a malformed number, or numbers left unread.
func (n *numbers) end() error {
	if n.err == nil && !n.done {
		n.fail("more numbers than read")
	}
	return n.err
}

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
