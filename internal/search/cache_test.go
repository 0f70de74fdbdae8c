package search

import "testing"

func TestStemCacheMatchesStemText(t *testing.T) {
	c := NewStemCache(3)
	texts := []struct{ lang, text string }{
		{Russian, "Не могу сменить пароль, ссылка для пароля не приходит"},
		{Spanish, "Los pagos con tarjeta fallan; el pago no se procesa"},
		{English, "Refunds for refunded orders, please refund"},
	}
	for range 2 { // the second round is served (partly) from the cache, which overflowed
		for _, x := range texts {
			if got, want := c.StemText(x.lang, x.text), StemText(x.lang, x.text); got != want {
				t.Errorf("cached %q, want %q", got, want)
			}
		}
	}
	if len(c.stems) > 3 {
		t.Errorf("cache holds %d words, bound is 3", len(c.stems))
	}
}

func BenchmarkStemCache(b *testing.B) {
	c := NewStemCache(1 << 16)
	text := "I was charged twice for my subscription this month and need a refund of the second payment"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		c.StemText(English, text)
	}
}
