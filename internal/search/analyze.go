// Package search holds Frontdesk's full-text search: the text analysis that
// turns ticket text into stems (this file, detect.go and snippet.go) and Zendesk's
// search query language built on top of it (query.go, keywords.go).
//
// Both storage back ends rely on the same analysis. SQLite stores the output of
// StemText in an FTS5 column (tokenizer "unicode61 remove_diacritics 0"), so
// stemming happens in Go; PostgreSQL stems with its own text search
// configurations, named by PGConfig. In both cases a query word is expanded with
// QueryStems, so "пароля" finds "пароль" and "pagos" finds "pago".
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/russian"
	"github.com/kljensen/snowball/spanish"
)

// Language codes understood by the analyzer. They are the values stored with a
// ticket's text so that it can be stemmed again the same way.
const (
	// English is the code for English; it is also the stemmer used for Latin
	// script words when the language is unknown.
	English = "en"
	// Spanish is the code for Spanish.
	Spanish = "es"
	// Russian is the code for Russian; Cyrillic words are always stemmed as
	// Russian whatever the language of the text around them.
	Russian = "ru"
)

// maxTokenBytes is the longest token, in bytes after normalization, that is
// indexed. Longer runs of letters are hashes, base64 or garbage, and nobody
// searches for them.
const maxTokenBytes = 64

// script is the writing system of a token, which decides its stemmer.
type script int

const (
	scriptOther script = iota
	scriptLatin
	scriptCyrillic
)

// Lang maps a user locale such as "es-419", "ru", "en-US" or "ru_RU.UTF-8" to
// one of English, Spanish or Russian by its primary language subtag. It returns
// "" for locales of other languages ("pt-BR") so that the caller can index the
// text without a language-specific stemmer choice.
func Lang(locale string) string {
	primary := strings.TrimSpace(locale)
	if i := strings.IndexAny(primary, "-_.@"); i >= 0 {
		primary = primary[:i]
	}
	switch strings.ToLower(primary) {
	case "en", "eng":
		return English
	case "es", "spa":
		return Spanish
	case "ru", "rus":
		return Russian
	}
	return ""
}

// PGConfig returns the PostgreSQL text search configuration for a language
// code: "english", "spanish" or "russian", and "simple" (no stemming) when the
// language is unknown.
func PGConfig(lang string) string {
	switch lang {
	case English:
		return "english"
	case Spanish:
		return "spanish"
	case Russian:
		return "russian"
	}
	return "simple"
}

// Tokens splits text into normalized word tokens: runs of Unicode letters,
// numbers and combining marks, lower-cased, with ё folded to е and apostrophes
// inside words removed ("don't" becomes "dont"). Accents are kept. Tokens
// longer than 64 bytes are skipped. The character classes agree with FTS5's
// unicode61 tokenizer, so SQLite splits stored text into the same tokens.
func Tokens(text string) []string {
	var out []string
	for pos := 0; ; {
		start, end := nextSpan(text, pos)
		if start < 0 {
			return out
		}
		pos = end
		if tok, ok := indexable(text[start:end]); ok {
			out = append(out, tok)
		}
	}
}

// Stem returns the snowball stem of one token in the language lang. Cyrillic
// words always use the Russian stemmer and Latin words never do, because a
// Russian ticket often names English products; Latin words use the Spanish
// stemmer for Spanish and the English one otherwise. Stop words are stemmed
// too, so every token yields a stem. Words in other scripts, and numbers, are
// returned unchanged. The word is normalized as Tokens would, so an
// upper-case or ё-spelled word gives the same stem as its token.
func Stem(lang, word string) string {
	word = normalize(word)
	switch scriptOf(word) {
	case scriptCyrillic:
		return russian.Stem(word, true)
	case scriptLatin:
		if lang == Spanish {
			return spanish.Stem(word, true)
		}
		return english.Stem(word, true)
	}
	return word
}

// StemText returns the tokens of text, each replaced by its stem in lang and
// joined with single spaces. It is the exact text stored in the SQLite FTS5
// column, whose tokenizer splits it back into the same stems.
func StemText(lang, text string) string { return stemText(lang, text, Stem) }

func stemText(lang, text string, stem func(lang, word string) string) string {
	var b strings.Builder
	b.Grow(len(text))
	for pos := 0; ; {
		start, end := nextSpan(text, pos)
		if start < 0 {
			return b.String()
		}
		pos = end
		tok, ok := indexable(text[start:end])
		if !ok {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(stem(lang, tok))
	}
}

// QueryStems returns the distinct stems one query word may have been indexed
// under, in a stable order: the Russian stem for a Cyrillic word; the English
// and then the Spanish stem for a Latin word, since the language of the tickets
// searched is not known; the word itself for numbers and other scripts. The
// query builder ORs them together. It returns nil for an empty word.
func QueryStems(word string) []string {
	first, second := queryStems(normalize(word))
	switch {
	case first == "":
		return nil
	case second == "" || second == first:
		return []string{first}
	}
	return []string{first, second}
}

// queryStems returns up to two candidate stems of a normalized token; second is
// "" when the token has a single candidate. It does not allocate a slice, so
// the snippet code can call it for every token it looks at.
func queryStems(tok string) (first, second string) {
	if tok == "" {
		return "", ""
	}
	switch scriptOf(tok) {
	case scriptCyrillic:
		return russian.Stem(tok, true), ""
	case scriptLatin:
		return english.Stem(tok, true), spanish.Stem(tok, true)
	}
	return tok, ""
}

// isTokenRune reports whether r belongs inside a token. The classes (letters,
// numbers, marks and private use characters) are those of FTS5's unicode61
// tokenizer.
func isTokenRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) ||
		unicode.Is(unicode.Co, r)
}

// isApostrophe reports whether r is an apostrophe that may join the two halves
// of a word such as "don't" or "l’eau".
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02bc'
}

// nextSpan finds the first token in text at or after byte offset pos and
// returns its byte range, which may contain apostrophes between token runes.
// It returns -1, -1 when there is no further token.
func nextSpan(text string, pos int) (start, end int) {
	start = -1
	for pos < len(text) {
		r, size := utf8.DecodeRuneInString(text[pos:])
		if isTokenRune(r) {
			start = pos
			break
		}
		pos += size
	}
	if start < 0 {
		return -1, -1
	}
	for pos < len(text) {
		r, size := utf8.DecodeRuneInString(text[pos:])
		if isApostrophe(r) && pos+size < len(text) {
			next, _ := utf8.DecodeRuneInString(text[pos+size:])
			if isTokenRune(next) {
				pos += size
				continue
			}
		}
		if !isTokenRune(r) {
			break
		}
		pos += size
	}
	return start, pos
}

// indexable normalizes a raw token and reports whether it is indexed: it is
// not when it is too long, or empty because it was only apostrophes ("ʼ").
func indexable(raw string) (tok string, ok bool) {
	tok = normalize(raw)
	return tok, tok != "" && len(tok) <= maxTokenBytes
}

// normalize lower-cases a token, folds ё to е and removes apostrophes. Tokens
// that are already lower-case ASCII are returned without allocating.
func normalize(tok string) string {
	if isPlainASCII(tok) {
		return tok
	}
	var b strings.Builder
	b.Grow(len(tok))
	for _, r := range tok {
		if isApostrophe(r) {
			continue
		}
		r = unicode.ToLower(r)
		if r == 'ё' {
			r = 'е'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isPlainASCII reports whether s has only ASCII characters other than upper-case
// letters and apostrophes, so that normalize has nothing to do.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' || c == '\'' {
			return false
		}
	}
	return true
}

// scriptOf reports the script that decides the stemmer for a normalized
// token: Cyrillic if it has any Cyrillic letter, else Latin if it has any Latin
// letter, else other.
func scriptOf(tok string) script {
	result := scriptOther
	for i := 0; i < len(tok); {
		c := tok[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
				result = scriptLatin
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(tok[i:])
		i += size
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			return scriptCyrillic
		case unicode.Is(unicode.Latin, r):
			result = scriptLatin
		}
	}
	return result
}

// QueryTerms splits query words into tokens and gives each token's possible stems
// (QueryStems): one slice of alternatives per token, in query order. Both the query
// builders and the snippet highlighter start from it.
func QueryTerms(words []string) [][]string {
	var terms [][]string
	for _, w := range words {
		for _, tok := range Tokens(w) {
			if stems := QueryStems(tok); len(stems) > 0 {
				terms = append(terms, stems)
			}
		}
	}
	return terms
}
