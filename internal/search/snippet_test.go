package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// stemSet builds the stem set a search for words would pass to Snippet.
func stemSet(words ...string) map[string]bool {
	set := map[string]bool{}
	for _, w := range words {
		for _, s := range QueryStems(w) {
			set[s] = true
		}
	}
	return set
}

func TestSnippet(t *testing.T) {
	ru := "Здравствуйте! Я уже третий день не могу сбросить пароль от личного кабинета, " +
		"письмо со ссылкой не приходит. Проверял папку «Спам» — пусто. Паролем пользуюсь старым."
	tests := []struct {
		name  string
		text  string
		query []string
		max   int
		want  string
	}{
		{"empty", "", []string{"x"}, 20, ""},
		{"escapes without match", `<script>alert("x")</script> & 'y'`, nil, 0,
			"&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;y&#39;"},
		{"escapes around match", "<script>pagos</script>", []string{"pago"}, 0,
			"&lt;script&gt;<em>pagos</em>&lt;/script&gt;"},
		{"match inside a tag name is still escaped", "<script>alert(1)</script>", []string{"script"}, 0,
			"&lt;<em>script</em>&gt;alert(1)&lt;/<em>script</em>&gt;"},
		{"highlights every form", "Refund requested; refunds are slow. REFUNDED?", []string{"refund"}, 0,
			"<em>Refund</em> requested; <em>refunds</em> are slow. <em>REFUNDED</em>?"},
		{"Spanish forms", "No veo mis pagos ni el pago de marzo", []string{"pago"}, 0,
			"No veo mis <em>pagos</em> ni el <em>pago</em> de marzo"},
		{"Russian forms, whole text", ru, []string{"пароля"}, 0,
			"Здравствуйте! Я уже третий день не могу сбросить <em>пароль</em> от личного кабинета, " +
				"письмо со ссылкой не приходит. Проверял папку «Спам» — пусто. <em>Паролем</em> пользуюсь старым."},
		{"Russian window cut at words", ru, []string{"пароля"}, 40,
			"…сбросить <em>пароль</em> от личного кабинета…"},
		{"Russian window near the end", ru, []string{"старый"}, 40,
			"…«Спам» — пусто. Паролем пользуюсь <em>старым</em>."},
		{"yo folded when matching", "Ещё раз: всё сломалось", []string{"еще"}, 0,
			"<em>Ещё</em> раз: всё сломалось"},
		{"accents kept", "¿Dónde está mi contraseña?", []string{"contraseñas"}, 0,
			"¿Dónde está mi <em>contraseña</em>?"},
		{"no match gives start cut at a word", "Nothing relevant here, really nothing at all", []string{"pago"}, 20,
			"Nothing relevant…"},
		{"no match multibyte start", "Привет, ничего интересного тут нет", []string{"pago"}, 12,
			"Привет…"},
		{"opening bracket kept", "aaaa bbbb cccc (dddd pagos) eeee", []string{"pago"}, 18,
			"…(dddd <em>pagos</em>) eeee"},
		{"short text not cut", "Hola", []string{"pago"}, 20, "Hola"},
		{"one long word is cut inside", strings.Repeat("я", 30), nil, 10,
			strings.Repeat("я", 10) + "…"},
		{"white space collapsed", "line one\n\n\tline  two", nil, 0, "line one line two"},
		{"apostrophe word kept whole", "We can't refund it", []string{"cant"}, 0,
			"We <em>can&#39;t</em> refund it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Snippet(tt.text, stemSet(tt.query...), tt.max)
			if got != tt.want {
				t.Errorf("Snippet(%q, %q, %d)\n got %q\nwant %q", tt.text, tt.query, tt.max, got, tt.want)
			}
		})
	}
}

// TestSnippetWindow checks the window on long multibyte text: it holds the
// match, is about max runes long and is cut only between words.
func TestSnippetWindow(t *testing.T) {
	filler := strings.Repeat("очень длинный текст без совпадений ", 30)
	text := filler + "забыл пароль от почты " + filler
	const max = 60
	got := Snippet(text, stemSet("паролю"), max)
	if !strings.Contains(got, "<em>пароль</em>") {
		t.Fatalf("snippet %q does not highlight the match", got)
	}
	if !strings.HasPrefix(got, ellipsis) || !strings.HasSuffix(got, ellipsis) {
		t.Errorf("snippet %q is not marked as cut on both sides", got)
	}
	if !utf8.ValidString(got) {
		t.Errorf("snippet %q is not valid UTF-8", got)
	}
	plain := strings.NewReplacer("<em>", "", "</em>", "", ellipsis, "").Replace(got)
	if n := utf8.RuneCountInString(plain); n > max || n < max/2 {
		t.Errorf("snippet %q has %d runes of text, want about %d", got, n, max)
	}
	words := strings.Fields(filler + "забыл пароль от почты")
	for _, w := range strings.Fields(plain) {
		if !containsString(words, w) {
			t.Errorf("snippet %q has cut word %q", got, w)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// FuzzSnippet checks that any text yields valid UTF-8 in which the only markup
// is the <em> tags Snippet adds, balanced.
func FuzzSnippet(f *testing.F) {
	f.Add("<script>pagos</script>", 10)
	f.Add("Не могу сбросить пароль", 5)
	f.Add("\xff<\xfe пароль", 1)
	f.Add("", 0)
	stems := stemSet("pagos", "пароль", "script")
	f.Fuzz(func(t *testing.T, text string, max int) {
		got := Snippet(text, stems, max)
		if !utf8.ValidString(got) {
			t.Fatalf("Snippet(%q, %d) = %q is not valid UTF-8", text, max, got)
		}
		opens, closes := strings.Count(got, "<em>"), strings.Count(got, "</em>")
		if opens != closes {
			t.Fatalf("Snippet(%q, %d) = %q has unbalanced <em>", text, max, got)
		}
		bare := strings.NewReplacer("<em>", "", "</em>", "").Replace(got)
		if strings.ContainsAny(bare, "<>\"'") {
			t.Fatalf("Snippet(%q, %d) = %q has unescaped markup", text, max, got)
		}
	})
}

func BenchmarkSnippet(b *testing.B) {
	stems := stemSet("pagos", "пароля", "refund")
	for _, p := range benchParagraphs {
		b.Run(p.lang+"/"+sizeLabel(p.text), func(b *testing.B) {
			b.SetBytes(int64(len(p.text)))
			for b.Loop() {
				Snippet(p.text, stems, 160)
			}
		})
	}
}
