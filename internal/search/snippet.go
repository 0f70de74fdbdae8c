package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ellipsis marks where Snippet cut the text.
const ellipsis = "…"

// Snippet returns an HTML fragment of plain text for a search result: a
// window of about max runes around the first token that matches stems, cut at
// word boundaries with "…" where text was left out, with every matching token
// in the window wrapped in <em></em>. A token matches when any of the stems
// QueryStems would give it is in stems, so the set built from the query's
// QueryStems fits. Everything else is HTML-escaped and runs of white space
// become one space. When nothing matches, the snippet is the start of the text.
// A max of zero or less means no limit: the whole text, highlighted.
func Snippet(text string, stems map[string]bool, max int) string {
	text = strings.TrimSpace(text)
	start, end := 0, len(text)
	if max > 0 {
		start, end = snippetWindow(text, stems, max)
	}
	var b strings.Builder
	b.Grow(end - start + 32)
	if start > 0 {
		b.WriteString(ellipsis)
	}
	writeHighlighted(&b, text[start:end], stems)
	if end < len(text) {
		b.WriteString(ellipsis)
	}
	return b.String()
}

// snippetWindow returns the byte range of text that Snippet shows: about
// width runes around the first match, or from the start when nothing matches.
func snippetWindow(text string, stems map[string]bool, width int) (start, end int) {
	ms, me := firstMatch(text, stems)
	if ms < 0 {
		return 0, cutEnd(text, forwardRunes(text, 0, width), 0)
	}
	start = backRunes(text, ms, width/4)
	end = forwardRunes(text, start, width)
	if end == len(text) {
		start = min(ms, backRunes(text, end, width))
	}
	end = max(end, me)
	return cutStart(text, start, ms), cutEnd(text, end, me)
}

// firstMatch returns the byte range of the first token of text that matches
// stems, or -1, -1.
func firstMatch(text string, stems map[string]bool) (start, end int) {
	if len(stems) == 0 {
		return -1, -1
	}
	for pos := 0; ; {
		start, end = nextSpan(text, pos)
		if start < 0 || matches(text[start:end], stems) {
			return start, end
		}
		pos = end
	}
}

// matches reports whether any candidate stem of the raw token is in stems.
func matches(raw string, stems map[string]bool) bool {
	tok, ok := indexable(raw)
	if !ok || len(stems) == 0 {
		return false
	}
	first, second := queryStems(tok)
	return stems[first] || second != "" && stems[second]
}

// writeHighlighted writes text HTML-escaped, with the tokens that match stems
// wrapped in <em></em>.
func writeHighlighted(b *strings.Builder, text string, stems map[string]bool) {
	pos := 0
	for {
		start, end := nextSpan(text, pos)
		if start < 0 {
			break
		}
		writeEscaped(b, text[pos:start])
		if matches(text[start:end], stems) {
			b.WriteString("<em>")
			writeEscaped(b, text[start:end])
			b.WriteString("</em>")
		} else {
			writeEscaped(b, text[start:end])
		}
		pos = end
	}
	writeEscaped(b, text[pos:])
}

// writeEscaped writes s escaped for HTML text and attribute values, with runs
// of white space collapsed to one space, other control characters dropped and
// invalid UTF-8 replaced by U+FFFD.
func writeEscaped(b *strings.Builder, s string) {
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		switch {
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
}

// cutStart moves a window start that falls inside a word, or on white space
// and punctuation, forward to the start of the next word, but not past limit.
// An opening quote or bracket right before that word is kept.
func cutStart(text string, start, limit int) int {
	if start == 0 {
		return 0
	}
	for start < limit {
		r, size := utf8.DecodeRuneInString(text[start:])
		if isWordRune(r) && !isWordRune(lastRune(text[:start])) {
			break
		}
		start += size
	}
	for start > 0 && unicode.In(lastRune(text[:start]), unicode.Ps, unicode.Pi) {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	return start
}

// cutEnd moves a window end that falls inside a word back to the start of that
// word, but not before limit, and drops trailing white space and the
// punctuation that would dangle before "…". A window that is one long word is
// cut inside it.
func cutEnd(text string, end, limit int) int {
	if end >= len(text) {
		return len(text)
	}
	cut := end
	if r, _ := utf8.DecodeRuneInString(text[end:]); isWordRune(r) {
		for cut > limit && isWordRune(lastRune(text[:cut])) {
			_, size := utf8.DecodeLastRuneInString(text[:cut])
			cut -= size
		}
	}
	if cut == 0 {
		cut = end
	}
	return len(strings.TrimRightFunc(text[:cut], isDangling))
}

// isDangling reports whether r may be dropped from the end of a cut window:
// white space and separating punctuation.
func isDangling(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",;:-–—", r)
}

// isWordRune reports whether r belongs to a word for cutting purposes: token
// runes and the apostrophes that join them.
func isWordRune(r rune) bool {
	return isTokenRune(r) || isApostrophe(r)
}

// lastRune returns the last rune of s, or utf8.RuneError when s is empty.
func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// forwardRunes returns the byte offset n runes after pos, or len(text).
func forwardRunes(text string, pos, n int) int {
	for ; n > 0 && pos < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[pos:])
		pos += size
	}
	return pos
}

// backRunes returns the byte offset n runes before pos, or 0.
func backRunes(text string, pos, n int) int {
	for ; n > 0 && pos > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:pos])
		pos -= size
	}
	return pos
}
