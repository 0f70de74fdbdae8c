package search

import "sync"

// StemCache remembers the stems of words seen recently. Stemming is most of the cost of
// indexing (the snowball stemmers rebuild their suffix tables on every call), while the
// words of a help desk repeat endlessly, so a bounded cache pays for itself at once.
// It is safe for concurrent use.
type StemCache struct {
	mu    sync.RWMutex
	stems map[stemKey]string
	max   int
}

type stemKey struct{ lang, word string }

// NewStemCache returns a cache that holds up to max words; when full it starts over,
// which keeps it bounded without bookkeeping per entry.
func NewStemCache(max int) *StemCache {
	return &StemCache{stems: make(map[stemKey]string, max), max: max}
}

// Stem is Stem through the cache.
func (c *StemCache) Stem(lang, word string) string {
	k := stemKey{lang, word}
	c.mu.RLock()
	s, ok := c.stems[k]
	c.mu.RUnlock()
	if ok {
		return s
	}
	s = Stem(lang, word)
	c.mu.Lock()
	if len(c.stems) >= c.max {
		clear(c.stems)
	}
	c.stems[k] = s
	c.mu.Unlock()
	return s
}

// StemText is StemText through the cache.
func (c *StemCache) StemText(lang, text string) string { return stemText(lang, text, c.Stem) }
