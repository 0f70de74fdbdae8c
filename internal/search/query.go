package search

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	fd "github.com/frontdesk/frontdesk"
)

// This file parses Zendesk's search query language into a Query: a list of terms, each a
// full-text word or phrase or a property condition (field, operator, value), with the
// object types searched and the order asked for. The parser checks everything that needs
// no database: keywords, operators, enumerated values, dates, so a bad query is refused
// with a message that points at the problem. The store compiles a Query to SQL.

// ObjectType is a kind of record search returns.
type ObjectType string

// The object types, in the order results of several types are listed.
const (
	TypeGroup        ObjectType = "group"
	TypeOrganization ObjectType = "organization"
	TypeUser         ObjectType = "user"
	TypeTicket       ObjectType = "ticket"
)

// ObjectTypes lists every object type in result order.
var ObjectTypes = []ObjectType{TypeGroup, TypeOrganization, TypeUser, TypeTicket}

// ParseObjectType reads a type name as type: and filter[type] take it.
func ParseObjectType(s string) (ObjectType, bool) {
	for _, t := range ObjectTypes {
		if strings.EqualFold(s, string(t)) {
			return t, true
		}
	}
	return "", false
}

// Op is the comparison of a property term.
type Op int

// The operators: field:value, field<value, field<=value, field>value, field>=value.
const (
	OpEq Op = iota
	OpLT
	OpLE
	OpGT
	OpGE
)

// String is the operator as written in a query.
func (o Op) String() string { return [...]string{":", "<", "<=", ">", ">="}[o] }

// Term is one condition of a query. A term without a Field is full text: a word (which
// may end in * to match as a prefix) or a quoted phrase. A property term compares the
// Field with the Value; several equality terms of one field are alternatives (OR), every
// other combination must all hold (AND). Negated terms exclude what they match.
type Term struct {
	Pos     int // 1-based character position of the term in the query
	Negated bool
	Field   string // canonical keyword, "" for full text; "custom_field" for custom_field_ID
	FieldID int64  // the ID of a custom_field_ID term
	Op      Op
	Value   string // unquoted; enumerated values are canonical (status "open", role "end-user")
	Phrase  bool   // the value was quoted
	Prefix  bool   // the value ended in *, and Value is what precedes it
	None    bool   // the value is none: the property is empty
	Date    *Date  // the value of a date property
}

// Query is a parsed search query.
type Query struct {
	Terms []Term
	// Types are the object types asked for with type: (none means every type);
	// NotTypes those excluded with -type:.
	Types, NotTypes []ObjectType
	// OrderBy is order_by's field (created, updated, priority, status, ticket_type,
	// commented), "" for relevance; Sort is "asc", "desc" or "".
	OrderBy, Sort string
}

// MaxQueryLength and MaxTerms bound a query, as Zendesk does (it allows 64 words).
const (
	MaxQueryLength = 4096
	MaxTerms       = 64
)

// SyntaxError locates a problem in a query; Pos is a 1-based character position.
type SyntaxError struct {
	Pos int
	Msg string
}

// Error renders the problem with its position.
func (e *SyntaxError) Error() string { return fmt.Sprintf("%s at position %d", e.Msg, e.Pos) }

// ErrorAt returns the Invalid error of a query problem at a character position; the
// parser and the store's compiler both report problems this way.
func ErrorAt(pos int, format string, args ...any) error {
	return &fd.Error{Code: fd.Invalid, Message: "invalid search query", Err: &SyntaxError{Pos: pos, Msg: fmt.Sprintf(format, args...)}}
}

// ErrorDetail returns the problem and position of a query error for people, and false
// when err is not one.
func ErrorDetail(err error) (string, bool) {
	var se *SyntaxError
	if errors.As(err, &se) {
		return se.Error(), true
	}
	return "", false
}

// Searches reports whether the query returns records of type t: t is asked for (or no
// type is) and not excluded, and every property of the query is one t has.
func (q *Query) Searches(t ObjectType) bool {
	if len(q.Types) > 0 && !slices.Contains(q.Types, t) || slices.Contains(q.NotTypes, t) {
		return false
	}
	for _, term := range q.Terms {
		if term.Field != "" && keywords[term.Field].types&typeBit(t) == 0 {
			return false
		}
	}
	return true
}

// Parse reads a query. Problems are Invalid errors that name the position (ErrorAt).
func Parse(query string) (*Query, error) {
	if len(query) > MaxQueryLength {
		return nil, ErrorAt(utf8.RuneCountInString(query[:MaxQueryLength])+1, "the query is longer than %d characters", MaxQueryLength)
	}
	if !utf8.ValidString(query) {
		return nil, ErrorAt(utf8.RuneCountInString(query[:firstInvalid(query)])+1, "the query is not valid UTF-8")
	}
	p := &parser{s: query}
	q := &Query{}
	terms := 0
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			break
		}
		terms++
		if terms > MaxTerms {
			return nil, p.errAt(p.i, "the query has more than %d terms", MaxTerms)
		}
		if err := p.term(q); err != nil {
			return nil, err
		}
	}
	if len(q.Terms) == 0 && len(q.Types) == 0 && len(q.NotTypes) == 0 && q.OrderBy == "" && q.Sort == "" {
		return nil, ErrorAt(1, "the query has nothing to search for")
	}
	return q, nil
}

func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return len(s)
}

type parser struct {
	s string
	i int // byte offset
}

// pos is the 1-based character position of byte offset off.
func (p *parser) pos(off int) int { return utf8.RuneCountInString(p.s[:off]) + 1 }

func (p *parser) errAt(off int, format string, args ...any) error {
	return ErrorAt(p.pos(off), format, args...)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func (p *parser) skipSpace() {
	for p.i < len(p.s) && isSpace(p.s[p.i]) {
		p.i++
	}
}

// word reads up to the next white space.
func (p *parser) word() string {
	start := p.i
	for p.i < len(p.s) && !isSpace(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

// quoted reads a double-quoted string; p.i is at the opening quote.
func (p *parser) quoted() (string, error) {
	open := p.i
	end := strings.IndexByte(p.s[open+1:], '"')
	if end < 0 {
		return "", p.errAt(open, "the quote is not closed")
	}
	p.i = open + 1 + end + 1
	return p.s[open+1 : open+1+end], nil
}

// term reads one term at p.i (not white space) into q.
func (p *parser) term(q *Query) error {
	start := p.i
	negated := false
	if p.s[p.i] == '-' {
		negated = true
		p.i++
		if p.i >= len(p.s) || isSpace(p.s[p.i]) {
			return nil // a lone minus excludes nothing
		}
	}
	if p.s[p.i] == '"' {
		text, err := p.quoted()
		if err != nil {
			return err
		}
		p.word() // anything glued to the closing quote is punctuation
		if len(Tokens(text)) > 0 {
			q.Terms = append(q.Terms, Term{Pos: p.pos(start), Negated: negated, Value: text, Phrase: true})
		}
		return nil
	}
	keyStart := p.i
	for p.i < len(p.s) && isKeyByte(p.s[p.i]) {
		p.i++
	}
	key := strings.ToLower(p.s[keyStart:p.i])
	if key != "" && p.i < len(p.s) && isOpByte(p.s[p.i]) && !isDigit(key[0]) {
		return p.property(q, start, key, negated)
	}
	p.i = keyStart
	word := p.word()
	prefix := strings.HasSuffix(word, "*")
	word = strings.TrimRight(word, "*")
	if len(Tokens(word)) > 0 {
		q.Terms = append(q.Terms, Term{Pos: p.pos(start), Negated: negated, Value: word, Prefix: prefix})
	}
	return nil
}

func isKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func isOpByte(c byte) bool { return c == ':' || c == '<' || c == '>' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// op reads an operator at p.i; "field:<value" is read as "field<value".
func (p *parser) op() Op {
	if p.s[p.i] == ':' {
		p.i++
		if p.i >= len(p.s) || (p.s[p.i] != '<' && p.s[p.i] != '>') {
			return OpEq
		}
	}
	c := p.s[p.i]
	p.i++
	eq := p.i < len(p.s) && p.s[p.i] == '='
	if eq {
		p.i++
	}
	switch {
	case c == '<' && eq:
		return OpLE
	case c == '<':
		return OpLT
	case eq:
		return OpGE
	}
	return OpGT
}

// property reads the operator and value of a property term whose keyword is key.
func (p *parser) property(q *Query, start int, key string, negated bool) error {
	keyPos := p.pos(start)
	if negated {
		keyPos = p.pos(start + 1)
	}
	field, id, ok := canonicalField(key)
	if !ok {
		msg := fmt.Sprintf("unknown field %q", key)
		if s := suggest(key); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		return ErrorAt(keyPos, "%s; put text with a colon in double quotes to search for it", msg)
	}
	opAt := p.i
	op := p.op()
	valAt := p.i
	var value string
	phrase := false
	if p.i < len(p.s) && p.s[p.i] == '"' {
		v, err := p.quoted()
		if err != nil {
			return err
		}
		value, phrase = v, true
		p.word()
	} else {
		value = p.word()
	}
	prefix := false
	if !phrase && strings.HasSuffix(value, "*") {
		value, prefix = strings.TrimRight(value, "*"), true
	}
	value = strings.TrimSpace(value)
	if value == "" {
		return p.errAt(valAt, "%s%s needs a value", key, op)
	}
	t := Term{Pos: p.pos(start), Negated: negated, Field: field, FieldID: id, Op: op, Value: value, Phrase: phrase, Prefix: prefix}
	return checkTerm(q, &t, keywords[field], p.pos(opAt), p.pos(valAt))
}

// canonicalField returns the keyword a query's key names, with a custom field's id.
func canonicalField(key string) (field string, id int64, ok bool) {
	if rest, found := strings.CutPrefix(key, "custom_field_"); found {
		n, err := strconv.ParseInt(rest, 10, 64)
		return "custom_field", n, err == nil && n > 0
	}
	if a, found := aliases[key]; found {
		key = a
	}
	_, ok = keywords[key]
	return key, 0, ok && key != "custom_field"
}

// suggest returns the keyword nearest to an unknown key, "" if none is near.
func suggest(key string) string {
	best, bestD := "", 3
	for k := range keywords {
		if k == "custom_field" {
			continue
		}
		if d := editDistance(key, k); d < bestD || d == bestD && k < best {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of two short ASCII strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
