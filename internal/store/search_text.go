package store

import (
	"strings"

	"github.com/frontdesk/frontdesk/internal/search"
)

// This file turns the full-text terms of a query into index conditions. Ticket text is
// indexed per comment (the subject on the first comment's row), stemmed: words match in
// any inflection. Users and organizations are indexed per record, unstemmed, and every
// word matches as a prefix (names and addresses). Groups are few and matched with LIKE.

// compileText adds the full-text terms of a query to the plan.
func (c *Conn) compileText(p *plan, terms []search.Term) error {
	if len(terms) == 0 {
		return nil
	}
	switch p.typ {
	case search.TypeTicket:
		c.ticketText(p, terms)
	case search.TypeUser, search.TypeOrganization:
		c.peopleText(p, terms)
	case search.TypeGroup:
		groupText(p, terms)
	}
	return nil
}

// ticketText: the words, phrases and prefixes of the query proper must all be in the
// subject or one comment (they rank the results, as the core's search does); each
// subject:, description: or comment: property is its own condition (its alternatives
// ORed), as is each negated term.
func (c *Conn) ticketText(p *plan, terms []search.Term) {
	var words []string
	var parts []textQuery
	fields := map[string][]textQuery{}
	var fieldOrder []string
	for _, t := range terms {
		col := ticketColumn(t.Field)
		if t.Negated {
			tq := c.ticketTerm(t, col)
			p.add("NOT "+c.ticketExists(tq), tq.args...)
			continue
		}
		if t.Field == "" && !t.Phrase && !t.Prefix {
			words = append(words, t.Value)
			continue
		}
		tq := c.ticketTerm(t, col)
		if t.Field == "" {
			parts = append(parts, tq)
			continue
		}
		if _, seen := fields[t.Field]; !seen {
			fieldOrder = append(fieldOrder, t.Field)
		}
		fields[t.Field] = append(fields[t.Field], tq)
	}
	if len(words) > 0 {
		parts = append([]textQuery{c.ticketWords(words)}, parts...)
		if len(words) == 1 && len(parts) == 1 && isNumber(words[0]) {
			p.pinned = parseID(words[0])
		}
	}
	var groups []textQuery
	for _, f := range fieldOrder {
		groups = append(groups, c.anyOf(fields[f], ticketColumn(f)))
	}
	switch {
	case len(parts) > 0:
		drive := c.allOf(parts)
		p.text = &drive
	case len(groups) > 0:
		p.text, groups = &groups[0], groups[1:]
	}
	for _, g := range groups {
		p.add(c.ticketExists(g), g.args...)
	}
}

// ticketColumn is the index column a text keyword searches: the subject, or the comments
// (Zendesk's description: searches the description and the comments, as comment: does).
func ticketColumn(field string) string {
	switch field {
	case "subject":
		return "subject"
	case "description", "comment":
		return "body"
	}
	return ""
}

// ticketExists is the condition that one of the ticket's index rows matches tq. On
// SQLite the matching comments are listed once per query and each candidate ticket's
// comments are looked up in that list (the + keeps SQLite from probing the list's every
// entry against the comment index).
func (c *Conn) ticketExists(tq textQuery) string {
	if c.pg {
		return "EXISTS (SELECT 1 FROM ticket_search sx WHERE sx.ticket_id = t.id AND sx.tsv @@ " + tq.pg + ")"
	}
	return "EXISTS (SELECT 1 FROM comments cx WHERE cx.ticket_id = t.id AND +cx.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?))"
}

// ticketWords is the core's query for plain words: every word, in any inflection.
func (c *Conn) ticketWords(words []string) textQuery {
	if c.pg {
		return pgTicketQuery("plainto_tsquery", strings.Join(words, " "))
	}
	expr := ftsQuery(words)
	return textQuery{fts: expr, args: []any{expr}}
}

// pgTicketConfigs are the text search configurations ticket text is indexed with
// (search.PGConfig): a detected language's, or 'simple' (unstemmed) for text of no
// detected language.
var pgTicketConfigs = [...]string{"english", "spanish", "russian", "simple"}

// pgTicketQuery is every ticket text query on PostgreSQL: fn ("plainto_tsquery" for
// plain words, "to_tsquery" for a tsquery expression) of s in each configuration
// ticket text may be indexed with, ORed, so a row matches whatever its language. An
// ORed tsquery is still answered by the GIN index of ticket_search.tsv.
func pgTicketQuery(fn, s string) textQuery {
	parts := make([]string, len(pgTicketConfigs))
	args := make([]any, len(pgTicketConfigs))
	for i, cfg := range pgTicketConfigs {
		parts[i], args[i] = fn+"('"+cfg+"', ?)", s
	}
	return textQuery{pg: "(" + strings.Join(parts, " || ") + ")", args: args}
}

// ticketTerm is one text term (a word, phrase or prefix), limited to a column if given.
func (c *Conn) ticketTerm(t search.Term, col string) textQuery {
	tokens := search.Tokens(t.Value)
	if c.pg {
		weight := map[string]string{"subject": "A", "body": "D"}[col]
		joiner := " & "
		if t.Phrase {
			joiner = " <-> "
		}
		lexemes := make([]string, len(tokens))
		for i, tok := range tokens {
			suffix := weight
			if t.Prefix && i == len(tokens)-1 {
				suffix = "*" + weight
			}
			lexemes[i] = "'" + tok + "'"
			if suffix != "" {
				lexemes[i] += ":" + suffix
			}
		}
		return pgTicketQuery("to_tsquery", strings.Join(lexemes, joiner))
	}
	var expr string
	switch {
	case t.Phrase:
		expr = phraseFTS(tokens)
	case t.Prefix:
		last := tokens[len(tokens)-1]
		expr = quoteFTS(stemPrefix(last)) + "*"
		if len(tokens) > 1 {
			expr = ftsQuery(tokens[:len(tokens)-1]) + " AND " + expr
		}
	default:
		expr = ftsQuery(tokens)
	}
	if col != "" {
		expr = col + " : (" + expr + ")"
	}
	return textQuery{fts: expr, args: []any{expr}}
}

// allOf and anyOf combine text queries with AND and OR; anyOf limits them to a column.
func (c *Conn) allOf(qs []textQuery) textQuery { return c.combineText(qs, " AND ", " && ", "") }

func (c *Conn) anyOf(qs []textQuery, col string) textQuery {
	return c.combineText(qs, " OR ", " || ", col)
}

func (c *Conn) combineText(qs []textQuery, ftsOp, pgOp, col string) textQuery {
	if len(qs) == 1 {
		return qs[0]
	}
	var out textQuery
	var parts []string
	for _, q := range qs {
		if c.pg {
			parts = append(parts, q.pg)
			out.args = append(out.args, q.args...)
		} else {
			// Strip a column filter the parts share; it is put back around the whole.
			e := q.fts
			if col != "" {
				e = strings.TrimSuffix(strings.TrimPrefix(e, col+" : ("), ")")
			}
			parts = append(parts, "("+e+")")
		}
	}
	if c.pg {
		out.pg = "(" + strings.Join(parts, pgOp) + ")"
		return out
	}
	out.fts = strings.Join(parts, ftsOp)
	if col != "" {
		out.fts = col + " : (" + out.fts + ")"
	}
	out.args = []any{out.fts}
	return out
}

// quoteFTS quotes a token as an FTS5 string.
func quoteFTS(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// phraseFTS matches the tokens in order. Each token was indexed under one stem of its
// ticket's language, so the phrase is tried with every token's first (English) and with
// every token's second (Spanish) candidate stem.
func phraseFTS(tokens []string) string {
	first := make([]string, len(tokens))
	second := make([]string, len(tokens))
	for i, tok := range tokens {
		stems := search.QueryStems(tok)
		first[i], second[i] = stems[0], stems[len(stems)-1]
	}
	a, b := quoteFTS(strings.Join(first, " ")), quoteFTS(strings.Join(second, " "))
	if a == b {
		return a
	}
	return "(" + a + " OR " + b + ")"
}

// stemPrefix is what a word typed as a prefix matches in stemmed text: the longest
// common prefix of the word and its stems, so "running*" finds "run" and "photo*"
// finds "photographi".
func stemPrefix(tok string) string {
	p := []rune(tok)
	for _, s := range search.QueryStems(tok) {
		n := 0
		for _, r := range s {
			if n >= len(p) || p[n] != r {
				break
			}
			n++
		}
		p = p[:n]
	}
	if len(p) == 0 {
		return tok
	}
	return string(p)
}

// prefixFTS matches every token as a prefix, for the unstemmed people indexes.
func prefixFTS(tokens []string) string {
	parts := make([]string, len(tokens))
	for i, t := range tokens {
		parts[i] = quoteFTS(t) + "*"
	}
	return strings.Join(parts, " AND ")
}

// prefixTSQuery is prefixFTS for PostgreSQL's 'simple' configuration.
func prefixTSQuery(tokens []string) string {
	parts := make([]string, len(tokens))
	for i, t := range tokens {
		parts[i] = "'" + t + "':*"
	}
	return strings.Join(parts, " & ")
}

// peopleText: every positive term must match the record's index row (the query's own
// words anywhere, name: and notes: in their column); negated terms must not. The
// positive terms also rank the results.
func (c *Conn) peopleText(p *plan, terms []search.Term) {
	fts := "user_fts"
	if p.typ == search.TypeOrganization {
		fts = "organization_fts"
	}
	a := p.alias
	var parts []string
	fields := map[string][]string{}
	var fieldOrder []string
	for _, t := range terms {
		expr := c.peopleTerm(t)
		if expr == "" {
			continue
		}
		switch {
		case t.Negated && c.pg && t.Field == "":
			p.add("NOT ("+a+"tsv @@ to_tsquery('simple', ?))", expr)
		case t.Negated && c.pg:
			p.add("NOT ("+a+"tsv @@ to_tsquery('simple', ?)"+c.peopleColumn(a, t.Field)+")", expr, expr)
		case t.Negated:
			if t.Field != "" {
				expr = t.Field + " : (" + expr + ")"
			}
			p.add(a+"id NOT IN (SELECT rowid FROM "+fts+" WHERE "+fts+" MATCH ?)", expr)
		case t.Field == "":
			parts = append(parts, expr)
		default:
			if _, seen := fields[t.Field]; !seen {
				fieldOrder = append(fieldOrder, t.Field)
			}
			fields[t.Field] = append(fields[t.Field], expr)
		}
	}
	join := func(list []string, op string) string {
		if len(list) == 1 {
			return list[0]
		}
		return "(" + strings.Join(list, ") "+op+" (") + ")"
	}
	if c.pg {
		for _, f := range fieldOrder {
			s := join(fields[f], "|")
			p.add(a+"tsv @@ to_tsquery('simple', ?)"+c.peopleColumn(a, f), s, s)
			parts = append(parts, s)
		}
		if len(parts) > 0 {
			s := join(parts, "&")
			p.add(a+"tsv @@ to_tsquery('simple', ?)", s)
			p.text = &textQuery{pg: "to_tsquery('simple', ?)", args: []any{s}}
		}
		return
	}
	for _, f := range fieldOrder {
		parts = append(parts, f+" : ("+join(fields[f], "OR")+")")
	}
	if len(parts) > 0 {
		e := join(parts, "AND")
		p.text = &textQuery{fts: e, args: []any{e}}
	}
}

// peopleColumn is the PostgreSQL condition that limits a match to one column: the
// generated tsv holds the name, email and notes together.
func (c *Conn) peopleColumn(a, field string) string {
	if field == "" {
		return ""
	}
	return " AND to_tsvector('simple', " + a + field + ") @@ to_tsquery('simple', ?)"
}

// peopleTerm is one term's expression in the people indexes: every token as a prefix,
// or a phrase in order; "" when the term has no tokens.
func (c *Conn) peopleTerm(t search.Term) string {
	tokens := search.Tokens(t.Value)
	if len(tokens) == 0 {
		return ""
	}
	if c.pg {
		if t.Phrase {
			parts := make([]string, len(tokens))
			for i, tok := range tokens {
				parts[i] = "'" + tok + "'"
			}
			return strings.Join(parts, " <-> ")
		}
		return prefixTSQuery(tokens)
	}
	if t.Phrase {
		return quoteFTS(strings.Join(tokens, " "))
	}
	return prefixFTS(tokens)
}

// groupText matches every word in a group's name or description.
func groupText(p *plan, terms []search.Term) {
	for _, t := range terms {
		words := search.Tokens(t.Value)
		if t.Phrase {
			words = []string{strings.Join(words, " ")}
		}
		var parts []string
		var args []any
		for _, w := range words {
			parts = append(parts, "(lower(g.name) LIKE ? ESCAPE '\\' OR lower(g.description) LIKE ? ESCAPE '\\')")
			pat := "%" + likeEscape(w) + "%"
			args = append(args, pat, pat)
		}
		if len(parts) == 0 {
			continue
		}
		cond := strings.Join(parts, " AND ")
		if t.Negated {
			cond = "NOT (" + cond + ")"
		}
		p.add(cond, args...)
	}
}
