package search

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTokens(t *testing.T) {
	long := strings.Repeat("x", maxTokenBytes+1)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"empty", "", nil},
		{"punctuation only", " ,.!? — ", nil},
		{"lower-cases", "Hello, World!", []string{"hello", "world"}},
		{"letters and digits", "Error 404 on v2.1", []string{"error", "404", "on", "v2", "1"}},
		{"underscore splits like FTS5", "user_id", []string{"user", "id"}},
		{"apostrophe inside word dropped", "I don't know", []string{"i", "dont", "know"}},
		{"typographic apostrophe dropped", "can’t", []string{"cant"}},
		{"edge apostrophes are separators", "'quoted' dogs'", []string{"quoted", "dogs"}},
		{"lone modifier apostrophe is no token", "a ʼ b", []string{"a", "b"}},
		{"yo folded", "Ещё ЁЛКА", []string{"еще", "елка"}},
		{"Spanish accents kept", "Contraseña olvidé ÁRBOL", []string{"contraseña", "olvidé", "árbol"}},
		{"combining mark stays in word", "и\u0306од e\u0301", []string{"и\u0306од", "e\u0301"}},
		{"mixed scripts", "Не работает Outlook 365", []string{"не", "работает", "outlook", "365"}},
		{"64 bytes kept", strings.Repeat("y", maxTokenBytes), []string{strings.Repeat("y", maxTokenBytes)}},
		{"over 64 bytes skipped", "a " + long + " b", []string{"a", "b"}},
		{"over 64 bytes Cyrillic skipped", strings.Repeat("я", 33) + " я", []string{"я"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Tokens(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestStemSharesStem(t *testing.T) {
	tests := []struct {
		lang, a, b string
	}{
		{Russian, "пароля", "пароль"},
		{Russian, "паролем", "пароль"},
		{Russian, "Пароля", "пароль"},
		{Russian, "ещё", "еще"},
		{Russian, "Всё", "все"},
		{Spanish, "pagos", "pago"},
		{Spanish, "cuentas", "cuenta"},
		{Spanish, "contraseñas", "contraseña"},
		{English, "refunds", "refund"},
		{English, "refunded", "refund"},
		{English, "Passwords", "password"},
		{"", "refunds", "refund"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.a, func(t *testing.T) {
			a, b := Stem(tt.lang, tt.a), Stem(tt.lang, tt.b)
			if a != b {
				t.Errorf("Stem(%q, %q) = %q, Stem(%q, %q) = %q, want equal", tt.lang, tt.a, a, tt.lang, tt.b, b)
			}
			if a == "" {
				t.Errorf("Stem(%q, %q) is empty", tt.lang, tt.a)
			}
		})
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		name, lang, word, want string
	}{
		{"Russian", Russian, "пароля", "парол"},
		{"Cyrillic in English text is Russian", English, "пароля", "парол"},
		{"Cyrillic with unknown language is Russian", "", "кабинета", "кабинет"},
		{"Latin in Russian text is English", Russian, "refunds", "refund"},
		{"Latin with unknown language is English", "pt", "refunds", "refund"},
		{"Spanish", Spanish, "pagos", "pag"},
		{"English stemmer on a Spanish word", English, "pagos", "pago"},
		{"English stop word is stemmed", English, "having", "have"},
		{"Russian stop word is stemmed", Russian, "было", "был"},
		{"Spanish stop word is stemmed", Spanish, "estamos", "estam"},
		{"number unchanged", Russian, "2024", "2024"},
		{"other script unchanged", English, "パスワード", "パスワード"},
		{"short word", English, "is", "is"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Stem(tt.lang, tt.word); got != tt.want {
				t.Errorf("Stem(%q, %q) = %q, want %q", tt.lang, tt.word, got, tt.want)
			}
		})
	}
}

func TestStemText(t *testing.T) {
	tests := []struct {
		name, lang, text, want string
	}{
		{"empty", Russian, "", ""},
		{"Russian", Russian, "Не могу сбросить пароль!", "не мог сброс парол"},
		{"Russian with English product", Russian, "Outlook не принимает пароли", "outlook не принима парол"},
		{"Spanish", Spanish, "¿Dónde están mis pagos?", "dond estan mis pag"},
		{"English", English, "Refunds weren't processed", "refund werent process"},
		{"yo folded", Russian, "Ещё раз", "ещ раз"},
		{"single spaces", English, "  a\n\n\tb  ", "a b"},
		{"long token skipped", English, "x " + strings.Repeat("z", 65) + " y", "x y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StemText(tt.lang, tt.text); got != tt.want {
				t.Errorf("StemText(%q, %q) = %q, want %q", tt.lang, tt.text, got, tt.want)
			}
		})
	}
}

func TestQueryStems(t *testing.T) {
	tests := []struct {
		word string
		want []string
	}{
		{"", nil},
		{"пароля", []string{"парол"}},
		{"Ещё", []string{"ещ"}},
		{"pagos", []string{"pago", "pag"}},
		{"Refund", []string{"refund"}},
		{"cuentas", []string{"cuenta", "cuent"}},
		{"404", []string{"404"}},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := QueryStems(tt.word); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("QueryStems(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}

// TestQueryStemsFindIndexed checks the contract between indexing and querying:
// a query word finds a document containing another form of it, whatever
// language the document was indexed in.
func TestQueryStemsFindIndexed(t *testing.T) {
	tests := []struct {
		lang, doc, query string
	}{
		{Russian, "Забыл пароль от кабинета", "пароля"},
		{English, "Забыл пароль от кабинета", "пароля"},
		{Spanish, "No veo el pago de marzo", "pagos"},
		{"", "No veo el pago de marzo", "pagos"},
		{English, "Where is my refund?", "refunds"},
		{Russian, "Ошибка в Refunds", "refund"},
		{Russian, "Ещё одна ошибка", "еще"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.query, func(t *testing.T) {
			indexed := strings.Fields(StemText(tt.lang, tt.doc))
			for _, stem := range QueryStems(tt.query) {
				for _, term := range indexed {
					if term == stem {
						return
					}
				}
			}
			t.Errorf("query %q (stems %q) does not find %q indexed as %q", tt.query, QueryStems(tt.query), tt.doc, indexed)
		})
	}
}

func TestLang(t *testing.T) {
	tests := []struct{ locale, want string }{
		{"en", English},
		{"en-US", English},
		{"EN_gb", English},
		{"es", Spanish},
		{"es-419", Spanish},
		{"es_MX.UTF-8", Spanish},
		{"ru", Russian},
		{"ru-RU", Russian},
		{" rus ", Russian},
		{"pt-BR", ""},
		{"de", ""},
		{"", ""},
		{"C", ""},
		{"english", ""},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			if got := Lang(tt.locale); got != tt.want {
				t.Errorf("Lang(%q) = %q, want %q", tt.locale, got, tt.want)
			}
		})
	}
}

func TestPGConfig(t *testing.T) {
	tests := []struct{ lang, want string }{
		{English, "english"},
		{Spanish, "spanish"},
		{Russian, "russian"},
		{"", "simple"},
		{"pt", "simple"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			if got := PGConfig(tt.lang); got != tt.want {
				t.Errorf("PGConfig(%q) = %q, want %q", tt.lang, got, tt.want)
			}
		})
	}
}

// FuzzStemText checks that any input yields FTS5-safe output: single spaces
// between non-empty stems made only of token runes, each at most as long as
// the longest indexed token allows.
func FuzzStemText(f *testing.F) {
	for _, seed := range []string{
		"", "Не могу войти", "¿Dónde están mis pagos?", "don't ''x'' 'y",
		"и\u0306 e\u0301", "\xff\xfe broken", strings.Repeat("a", 100),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, lang := range []string{English, Spanish, Russian, ""} {
			out := StemText(lang, text)
			if out == "" {
				continue
			}
			for _, term := range strings.Split(out, " ") {
				if term == "" {
					t.Fatalf("StemText(%q, %q) = %q has an empty term", lang, text, out)
				}
				for _, r := range term {
					if !isTokenRune(r) {
						t.Fatalf("StemText(%q, %q) term %q has non-token rune %q", lang, text, term, r)
					}
				}
			}
			if !utf8.ValidString(out) {
				t.Fatalf("StemText(%q, %q) = %q is not valid UTF-8", lang, text, out)
			}
		}
	})
}

func BenchmarkStemText(b *testing.B) {
	for _, p := range benchParagraphs {
		b.Run(p.lang+"/"+sizeLabel(p.text), func(b *testing.B) {
			b.SetBytes(int64(len(p.text)))
			for b.Loop() {
				StemText(p.lang, p.text)
			}
		})
	}
}

func TestQueryTerms(t *testing.T) {
	got := QueryTerms([]string{"Refunds,", "пароля", "", "!!"})
	want := [][]string{QueryStems("refunds"), QueryStems("пароля")}
	if len(got) != len(want) {
		t.Fatalf("QueryTerms = %v, want %v", got, want)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("term %d = %v, want %v", i, got[i], want[i])
		}
	}
}
