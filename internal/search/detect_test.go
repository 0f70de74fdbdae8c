package search

import (
	"strconv"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", ""},
		{"numbers only", "12345", ""},
		{"punctuation only", "?!... 42 -- :)", ""},
		{"no distinguishing word", "Invoice overdue", ""},
		{"word common to both", "No", ""},
		{"Spanish", "Hola, no puedo acceder a mi cuenta", Spanish},
		{"Spanish by letters only", "¿Cuánto cuesta?", Spanish},
		{"Spanish ñ", "Contraseña olvidada", Spanish},
		{"Spanish upper case", "HOLA, NECESITO AYUDA CON MI FACTURA", Spanish},
		{"Spanish long", "Buenas tardes, quiero cancelar la suscripción porque el cobro se hizo dos veces este mes. Gracias.", Spanish},
		{"Russian", "Не могу войти в личный кабинет", Russian},
		{"Russian with product names", "Ошибка API в Jira", Russian},
		{"Russian mostly Latin names", "Outlook Exchange Server не работает", Russian},
		{"English", "I can't log in to my account", English},
		{"English thanks", "Thanks!", English},
		{"English with a Spanish name", "José asked for a refund of the order and the invoice", English},
		{"English with a Russian name", "Hi, my name is Иван and I need help with the invoice", English},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text); got != tt.want {
				t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestDetectLooksAtStartOnly checks that Detect stops after detectLimit bytes:
// Spanish text after a long English start does not change the answer.
func TestDetectLooksAtStartOnly(t *testing.T) {
	english := strings.Repeat("the ", detectLimit/4)
	spanish := strings.Repeat("¿el la de que y en los? ", 200)
	if got := Detect(english + spanish); got != English {
		t.Errorf("Detect(English start + Spanish tail) = %q, want %q", got, English)
	}
}

func TestDetectDoesNotAllocate(t *testing.T) {
	text := benchParagraphs[1].text
	if n := testing.AllocsPerRun(100, func() { Detect(text) }); n != 0 {
		t.Errorf("Detect allocates %v times per call, want 0", n)
	}
}

func BenchmarkDetect(b *testing.B) {
	for _, p := range benchParagraphs {
		b.Run(p.lang+"/"+sizeLabel(p.text), func(b *testing.B) {
			b.SetBytes(int64(len(p.text)))
			for b.Loop() {
				Detect(p.text)
			}
		})
	}
}

// benchParagraphs are realistic ticket bodies of about 1 KB in each language,
// used by the benchmarks.
var benchParagraphs = []struct{ lang, text string }{
	{English, "Hello support team, since yesterday's update I can't log in to my account. " +
		"Every time I enter my password the page reloads and shows the login form again, " +
		"without any error message. I have already tried resetting the password twice, " +
		"clearing the browser cache and cookies, and using a different browser (Firefox and " +
		"Chrome), but nothing changed. My colleagues in the same office can log in without " +
		"problems, so it does not seem to be our network. We also noticed that the refund we " +
		"requested for invoice 2024-0117 is still pending, and the billing page shows two " +
		"payments for the same month. Could you please check both issues? I need access today " +
		"because our quarterly report is due tomorrow and all the documents are stored in the " +
		"shared workspace. If it helps, my username is the same as my email address and I use " +
		"two-factor authentication with an app on my phone. Thanks in advance for your help, " +
		"and sorry for the long message. Best regards, Anna from the finance department."},
	{Spanish, "Hola, desde la actualización de ayer no puedo acceder a mi cuenta. Cada vez que " +
		"escribo la contraseña la página se recarga y vuelve a mostrar el formulario, sin ningún " +
		"mensaje de error. Ya intenté restablecer la contraseña dos veces, borrar la caché y " +
		"usar otro navegador, pero no cambió nada. Mis compañeros pueden entrar sin problemas. " +
		"Además, el reembolso que pedimos por la factura 2024-0117 sigue pendiente y en la " +
		"página de pagos aparecen dos cobros del mismo mes. ¿Podrían revisar ambos problemas? " +
		"Necesito acceso hoy porque mañana tenemos que entregar el informe trimestral. Gracias " +
		"de antemano por su ayuda. Saludos, Ana del departamento de finanzas. ¡Muchas gracias!"},
	{Russian, "Здравствуйте! После вчерашнего обновления не могу войти в личный кабинет. " +
		"Каждый раз после ввода пароля страница перезагружается и снова показывает форму " +
		"входа, без сообщения об ошибке. Уже дважды сбрасывал пароль, чистил кэш и пробовал " +
		"другой браузер, но ничего не изменилось. Коллеги входят без проблем. Кроме того, " +
		"возврат по счёту 2024-0117 всё ещё не проведён, а на странице платежей два списания " +
		"за один месяц. Проверьте, пожалуйста, оба вопроса: доступ нужен сегодня."},
}

// sizeLabel names a benchmark by the size of its input, as DESIGN.md asks.
func sizeLabel(s string) string {
	return strconv.Itoa(len(s)) + "B"
}
