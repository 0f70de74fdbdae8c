package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Sessions are the signed-in browsers of the agents' UI and the customers' portal,
// kept server-side in the sessions table so any node can check a cookie and a sign-out
// ends the session everywhere at once.
//
// The store is our own rather than alexedwards/scs: scs keeps the cookie's token in
// plain text as the table's key (ours keeps only its SHA-256), writes through a
// *sql.DB of its own outside our single SQLite writer, stores times the way each
// dialect's store module chooses rather than as our Unix microseconds, needs a
// separate store module per dialect, and saves the session on every request that
// extends it. A session here is one row written at sign-in, touched at most once a
// minute, and deleted at sign-out.
type Sessions struct {
	db       *store.DB
	log      *slog.Logger
	now      func() time.Time
	idle     time.Duration
	lifetime time.Duration
	byEmail  *failures
	byAddr   *failures
	hashing  chan struct{} // bounds concurrent password checks: each takes 64 MiB
	dummy    func() string // a hash to check unknown emails against, so they take as long
	origins  http.CrossOriginProtection

	mu    sync.Mutex
	swept time.Time
}

// SessionOptions configure NewSessions; zero values take the defaults.
type SessionOptions struct {
	DB *store.DB
	// Logger receives errors that are not the caller's; nil discards them.
	Logger *slog.Logger
	// Clock is the time source; nil means time.Now.
	Clock func() time.Time
	// IdleTimeout ends a session not used for this long.
	IdleTimeout time.Duration
	// Lifetime ends a session this long after sign-in, however active.
	Lifetime time.Duration
	// FailuresPerEmail and FailuresPerAddress are the failed sign-ins allowed per
	// account and per client address within FailureWindow; past them, sign-ins are
	// refused until the window ends. Negative turns a limit off.
	FailuresPerEmail   int
	FailuresPerAddress int
	FailureWindow      time.Duration
}

// The defaults of SessionOptions. Eight idle hours is Zendesk's default session
// expiry: a working day without signing in again.
const (
	DefaultIdleTimeout        = 8 * time.Hour
	DefaultLifetime           = 7 * 24 * time.Hour
	DefaultFailuresPerEmail   = 5
	DefaultFailuresPerAddress = 50 // offices sign in from behind one address
	DefaultFailureWindow      = 15 * time.Minute
)

// CookieName is the session cookie.
const CookieName = "frontdesk_session"

// touchEvery is how stale a session's last use may be before a request records it: the
// idle timeout is kept to the minute without a write per request.
const touchEvery = time.Minute

// sweepEvery is how often sign-ins clear out expired sessions.
const sweepEvery = 10 * time.Minute

// NewSessions returns the session keeper over the database.
func NewSessions(o SessionOptions) *Sessions {
	s := &Sessions{db: o.DB, log: o.Logger, now: o.Clock, idle: o.IdleTimeout, lifetime: o.Lifetime,
		hashing: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.idle <= 0 {
		s.idle = DefaultIdleTimeout
	}
	if s.lifetime <= 0 {
		s.lifetime = DefaultLifetime
	}
	window := cmpOr(o.FailureWindow, DefaultFailureWindow)
	s.byEmail = newFailures(cmpOr(o.FailuresPerEmail, DefaultFailuresPerEmail), window)
	s.byAddr = newFailures(cmpOr(o.FailuresPerAddress, DefaultFailuresPerAddress), window)
	s.origins.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusForbidden, errorBody{Error: "Forbidden", Description: "cross-origin request refused"})
	}))
	s.dummy = sync.OnceValue(func() string {
		h, _ := HashPassword("no account has this password")
		return h
	})
	return s
}

func cmpOr[T int | time.Duration](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// TooManyAttempts is the cause of a RateLimited sign-in error: how long until the next
// attempt may be made.
type TooManyAttempts struct{ RetryAfter time.Duration }

func (e *TooManyAttempts) Error() string {
	return "retry after " + e.RetryAfter.Round(time.Second).String()
}

// errCredentials answers every wrong email or password alike, so the answer does not
// tell which part was wrong or whether the account exists.
var errCredentials = fd.Errorf(fd.Unauthorized, "wrong email or password")

// Login checks an email and password and starts a session for the user. It returns the
// secret for the cookie, which is not stored. Failed attempts count against the email
// and the client address; past either limit, Login refuses with RateLimited (its cause
// a *TooManyAttempts) without checking the password.
func (s *Sessions) Login(ctx context.Context, email, password, address, userAgent string) (string, *fd.Session, *fd.User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := s.now()
	wait := s.byEmail.add(email, now)
	if wait == 0 {
		if wait = s.byAddr.add(address, now); wait > 0 {
			s.byEmail.undo(email)
		}
	}
	if wait > 0 {
		return "", nil, nil, &fd.Error{Code: fd.RateLimited, Message: "too many failed sign-in attempts; try again later",
			Err: &TooManyAttempts{RetryAfter: wait}}
	}
	u, err := s.db.Read().UserByIdentity(ctx, fd.IdentityEmail, email)
	if err != nil && !fd.Is(err, fd.NotFound) {
		return "", nil, nil, err
	}
	hash := s.dummy
	if u != nil && u.PasswordHash != "" {
		hash = func() string { return u.PasswordHash }
	}
	ok, err := s.checkPassword(ctx, hash(), password)
	if err != nil {
		return "", nil, nil, err
	}
	if !ok || u == nil || u.PasswordHash == "" {
		return "", nil, nil, errCredentials
	}
	s.byEmail.forget(email)
	s.byAddr.undo(address)
	if u.Suspended {
		return "", nil, nil, fd.Errorf(fd.Forbidden, "this user is suspended")
	}
	secret, sess, err := s.start(ctx, u.ID, address, userAgent)
	return secret, sess, u, err
}

// checkPassword runs the argon2id check, at most GOMAXPROCS at once so a burst of
// sign-ins can't exhaust memory.
func (s *Sessions) checkPassword(ctx context.Context, hash, password string) (bool, error) {
	select {
	case s.hashing <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-s.hashing }()
	return CheckPassword(hash, password), nil
}

// start stores a new session with a fresh random secret; expired sessions are cleared
// out on the way, at most every sweepEvery.
func (s *Sessions) start(ctx context.Context, userID int64, address, userAgent string) (string, *fd.Session, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, err
	}
	secret := base64.RawURLEncoding.EncodeToString(raw)
	now := s.now().UTC().Truncate(time.Microsecond)
	sess := &fd.Session{UserID: userID, Hash: hashSecret(secret), Address: address, UserAgent: truncate(userAgent, 512),
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.lifetime)}
	s.mu.Lock()
	sweep := now.Sub(s.swept) >= sweepEvery
	if sweep {
		s.swept = now
	}
	s.mu.Unlock()
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		if sweep {
			if _, err := tx.DeleteExpiredSessions(ctx, now, now.Add(-s.idle)); err != nil {
				return err
			}
		}
		return tx.InsertSession(ctx, sess)
	})
	if err != nil {
		return "", nil, err
	}
	return secret, sess, nil
}

// Authenticate returns the user whose session the request's cookie names. A missing,
// unknown, idle or expired session is Unauthorized. A request that could change
// something (not GET, HEAD or OPTIONS) sent by a browser from another origin is
// Forbidden: the cookie is a credential the browser attaches by itself, so a page
// elsewhere must not be able to act with it (CSRF).
func (s *Sessions) Authenticate(r *http.Request) (*fd.User, error) {
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return nil, fd.Errorf(fd.Unauthorized, "not signed in")
	}
	ctx := r.Context()
	conn := s.db.Read()
	sess, err := conn.SessionByHash(ctx, hashSecret(c.Value))
	if err != nil {
		if fd.Is(err, fd.NotFound) {
			return nil, fd.Errorf(fd.Unauthorized, "the session has ended; sign in again")
		}
		return nil, err
	}
	now := s.now()
	if !now.Before(sess.ExpiresAt) || !now.Before(sess.LastSeenAt.Add(s.idle)) {
		return nil, fd.Errorf(fd.Unauthorized, "the session has ended; sign in again")
	}
	if err := s.origins.Check(r); err != nil {
		return nil, fd.Errorf(fd.Forbidden, "cross-origin request refused: %v", err)
	}
	u, err := conn.User(ctx, sess.UserID)
	if err != nil {
		if fd.Is(err, fd.NotFound) {
			return nil, fd.Errorf(fd.Unauthorized, "the session's user no longer exists")
		}
		return nil, err
	}
	if now.Sub(sess.LastSeenAt) >= touchEvery {
		at := now.UTC().Truncate(time.Microsecond)
		if err := s.db.Write(ctx, func(tx *store.Tx) error { return tx.TouchSession(ctx, sess.ID, at) }); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// Logout ends the session the request's cookie names, if any.
func (s *Sessions) Logout(r *http.Request) error {
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return nil
	}
	ctx := r.Context()
	return s.db.Write(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, hashSecret(c.Value)) })
}

// Cookie is the cookie that carries a session's secret: HttpOnly so scripts can't read
// it, SameSite=Lax so other sites' forms and scripts don't send it, Secure when the
// request came over TLS (directly or through a proxy that says so).
func Cookie(r *http.Request, secret string, expires time.Time) *http.Cookie {
	c := &http.Cookie{Name: CookieName, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: secure(r)}
	if secret == "" {
		c.MaxAge = -1
	} else {
		c.Expires = expires
	}
	return c
}

func secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// failures counts failed sign-ins per key (an email, an address) in fixed windows.
// Counts live in this process: with several nodes each limits its own share.
type failures struct {
	limit  int // < 0: no limit
	window time.Duration

	mu     sync.Mutex
	counts map[string]*failureCount
}

type failureCount struct {
	n     int
	since time.Time
}

func newFailures(limit int, window time.Duration) *failures {
	return &failures{limit: limit, window: window, counts: map[string]*failureCount{}}
}

// add counts an attempt for key before it is checked, so concurrent attempts can't all
// slip under the limit, and returns how long to wait when key is already at its limit
// (the attempt is then not counted).
func (f *failures) add(key string, now time.Time) time.Duration {
	if f.limit < 0 {
		return 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.counts) > 10_000 {
		for k, c := range f.counts {
			if now.Sub(c.since) >= f.window {
				delete(f.counts, k)
			}
		}
	}
	c := f.counts[key]
	if c == nil || now.Sub(c.since) >= f.window {
		c = &failureCount{since: now}
		f.counts[key] = c
	}
	if c.n >= f.limit {
		return c.since.Add(f.window).Sub(now)
	}
	c.n++
	return 0
}

// forget clears key's failures after a successful sign-in.
func (f *failures) forget(key string) {
	f.mu.Lock()
	delete(f.counts, key)
	f.mu.Unlock()
}

// undo takes back the attempt add counted, when it succeeded.
func (f *failures) undo(key string) {
	f.mu.Lock()
	if c := f.counts[key]; c != nil && c.n > 0 {
		c.n--
	}
	f.mu.Unlock()
}
