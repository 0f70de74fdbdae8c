package api

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// limiter counts requests per key (a token, an IP address) in one-minute windows, as
// Zendesk's per-minute limits do. Counts live in this process: with several nodes each
// enforces the limit on its own share of the traffic.
type limiter struct {
	perMinute int // 0 turns the limit off
	now       func() time.Time

	mu     sync.Mutex
	window int64 // the minute being counted, Unix minutes
	counts map[string]int
}

func newLimiter(perMinute int, now func() time.Time) *limiter {
	return &limiter{perMinute: perMinute, now: now, counts: map[string]int{}}
}

// allow counts one request for key, writes the rate-limit headers, and reports whether
// the request may go on; when it may not, it has answered 429 with Retry-After.
func (l *limiter) allow(w http.ResponseWriter, key string) bool {
	if l.perMinute <= 0 {
		return true
	}
	now := l.now()
	minute := now.Unix() / 60
	l.mu.Lock()
	if minute != l.window {
		l.window, l.counts = minute, make(map[string]int, len(l.counts))
	}
	l.counts[key]++
	n := l.counts[key]
	l.mu.Unlock()
	h := w.Header()
	h.Set("X-Rate-Limit", strconv.Itoa(l.perMinute))
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(max(0, l.perMinute-n)))
	if n <= l.perMinute {
		return true
	}
	h.Set("Retry-After", strconv.FormatInt(60-now.Unix()%60, 10))
	writeJSON(w, http.StatusTooManyRequests, errorBody{Error: "TooManyRequests", Description: "Rate limit exceeded; retry after the time in Retry-After"})
	return false
}

// clientIP is the caller's address as the server saw it; a proxy in front must be
// trusted explicitly before X-Forwarded-For may be believed, which is not done here.
func clientIP(r *http.Request) string {
	host := r.RemoteAddr
	for i := len(host) - 1; i >= 0; i-- {
		if host[i] == ':' {
			return host[:i]
		}
	}
	return host
}
