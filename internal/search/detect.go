package search

import (
	"unicode"
	"unicode/utf8"
)

// detectLimit is how many bytes of a text Detect looks at. The start of a
// ticket is enough to tell its language, and Detect runs on every write.
const detectLimit = 2000

// detectWordBytes is the longest word, in bytes, that Detect scores; every
// stopword it knows is shorter.
const detectWordBytes = 16

// Detect guesses the language of text and returns English, Spanish, Russian,
// or "" when there is too little evidence (no letters, or Latin text without a
// distinguishing word), so that the caller can fall back to the requester's
// locale. Text is Russian when Cyrillic letters are at least as many as Latin
// ones, or when it has Cyrillic and the Latin words are not recognizably
// English or Spanish (product names). Latin text is scored by common English
// and Spanish words and by letters only Spanish uses (ñ, á, é, í, ó, ú, ¿, ¡).
// Detect makes one pass over at most the first 2,000 bytes and does not
// allocate.
func Detect(text string) string {
	var d detector
	for i := 0; i < len(text) && i < detectLimit; {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		d.add(r)
	}
	d.endWord()
	return d.verdict()
}

// detector accumulates the evidence Detect weighs. The current word is kept,
// lower-cased, in a fixed buffer so that scoring it does not allocate.
type detector struct {
	cyrillic, latin int // letters seen in each script
	en, es          int // English and Spanish scores
	word            [detectWordBytes]byte
	n               int  // bytes used in word
	long            bool // the current word did not fit in word
}

// add takes the next rune of the text into account.
func (d *detector) add(r rune) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' {
			d.latin++
			d.push(r | 0x20)
			return
		}
		d.endWord()
		return
	}
	switch {
	case unicode.Is(unicode.Cyrillic, r):
		d.cyrillic++
		d.endWord()
	case unicode.Is(unicode.Latin, r):
		d.latin++
		r = unicode.ToLower(r)
		d.es += spanishLetterScore(r)
		d.push(r)
	default:
		d.es += spanishLetterScore(r)
		d.endWord()
	}
}

// push appends a lower-case letter to the current word.
func (d *detector) push(r rune) {
	if d.long || d.n+utf8.RuneLen(r) > len(d.word) {
		d.long = true
		return
	}
	d.n += utf8.EncodeRune(d.word[d.n:], r)
}

// endWord scores the current word, if any, and starts a new one.
func (d *detector) endWord() {
	if d.n > 0 && !d.long {
		en, es := stopwordScore(string(d.word[:d.n]))
		d.en += en
		d.es += es
	}
	d.n, d.long = 0, false
}

// verdict turns the evidence into a language code, or "" without enough.
func (d *detector) verdict() string {
	switch {
	case d.cyrillic == 0 && d.latin == 0:
		return ""
	case d.cyrillic >= d.latin:
		return Russian
	case d.es > d.en:
		return Spanish
	case d.en > d.es:
		return English
	case d.cyrillic > 0:
		return Russian
	}
	return ""
}

// spanishLetterScore scores a lower-case rune that Spanish uses and English
// does not: the inverted marks and ñ count double, accented vowels once.
func spanishLetterScore(r rune) int {
	switch r {
	case '¿', '¡', 'ñ':
		return 2
	case 'á', 'é', 'í', 'ó', 'ú', 'ü':
		return 1
	}
	return 0
}

// stopwordScore scores a lower-case word as evidence for English or Spanish.
// Words common in both, such as "no", "me" and "a", score nothing.
func stopwordScore(w string) (en, es int) {
	switch w {
	case "the", "and", "to", "is", "of", "my", "i", "you", "it", "for", "with",
		"please", "thanks", "thank", "hi", "hello", "can", "cannot", "this",
		"that", "have", "has", "not", "are", "was", "be", "on", "in", "at",
		"from", "we", "your", "our", "but", "or", "if", "do", "does", "how",
		"what", "when", "why", "an", "will", "would", "there", "any", "am",
		"get", "been", "dear", "regards", "t", "s", "m":
		return 1, 0
	case "el", "la", "de", "que", "y", "en", "los", "las", "por", "para",
		"con", "una", "un", "mi", "es", "pero", "hola", "gracias", "del", "al",
		"lo", "le", "se", "su", "sus", "como", "muy", "hay", "ya", "si", "o",
		"este", "esta", "esto", "eso", "puedo", "tengo", "quiero", "estoy",
		"favor", "buenos", "buenas", "saludos", "cuando", "donde", "porque",
		"sin", "pueden", "usted", "ustedes", "nos":
		return 0, 1
	}
	return 0, 0
}
