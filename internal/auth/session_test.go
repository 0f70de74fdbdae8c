package auth_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/auth"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

const password = "correct horse battery"

// passwordHash is hashed once for the whole test binary: argon2id takes 64 MiB and a
// good fraction of a second, and every test user may share one password.
var passwordHash = sync.OnceValue(func() string {
	h, err := auth.HashPassword(password)
	if err != nil {
		panic(err)
	}
	return h
})

// clock is a settable time source.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

type sessEnv struct {
	db       *store.DB
	sessions *auth.Sessions
	clock    *clock
	user     *fd.User
	srv      *httptest.Server
}

func newSessEnv(t *testing.T, db *store.DB, o auth.SessionOptions) *sessEnv {
	t.Helper()
	dir := directory.New(directory.Options{DB: db})
	u, err := dir.CreateUser(context.Background(), directory.NewUser{Name: "Cleo", Email: "cleo@customer.test", PasswordHash: passwordHash()})
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{now: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	o.DB, o.Clock = db, c.Now
	s := auth.NewSessions(o)
	// The test server: sign-in and sign-out, and /whoami answering who the cookie names.
	mux := http.NewServeMux()
	mux.Handle("/access/", s.Handler())
	mux.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		u, err := s.Authenticate(r)
		if err != nil {
			code := http.StatusUnauthorized
			if fd.Is(err, fd.Forbidden) {
				code = http.StatusForbidden
			}
			http.Error(w, err.Error(), code)
			return
		}
		w.Write([]byte(u.Email))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &sessEnv{db: db, sessions: s, clock: c, user: u, srv: srv}
}

// post sends a sign-in or sign-out without following redirects.
func (e *sessEnv) post(t *testing.T, path, contentType, body string, cookie *http.Cookie, hdr map[string]string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("POST", e.srv.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if cookie != nil {
		req.AddCookie(cookie)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func (e *sessEnv) login(t *testing.T, email, pass string) *http.Response {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"email": email, "password": pass})
	return e.post(t, "/access/login", "application/json", string(b), nil, nil)
}

func sessionCookie(resp *http.Response) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == auth.CookieName {
			return c
		}
	}
	return nil
}

// whoami asks the test server who the cookie names; "" and the status when nobody.
func (e *sessEnv) whoami(t *testing.T, method string, cookie *http.Cookie, hdr map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, e.srv.URL+"/whoami", nil)
	if cookie != nil {
		req.AddCookie(cookie)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return resp.StatusCode, ""
	}
	return resp.StatusCode, string(b)
}

func TestLogin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessEnv(t, db, auth.SessionOptions{})
		resp := e.login(t, "CLEO@customer.test ", password)
		c := sessionCookie(resp)
		if resp.StatusCode != 200 || c == nil {
			t.Fatalf("good login: %d, cookie %v", resp.StatusCode, c)
		}
		var body struct {
			User struct {
				ID    int64  `json:"id"`
				Email string `json:"email"`
				Role  string `json:"role"`
			} `json:"user"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.User.ID != e.user.ID || body.User.Role != "end-user" {
			t.Fatalf("login body %+v %v", body, err)
		}
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.Path != "/" || len(c.Value) < 40 {
			t.Fatalf("cookie %+v", c)
		}
		if !c.Expires.Equal(e.clock.Now().Add(auth.DefaultLifetime)) {
			t.Fatalf("cookie expires %v", c.Expires)
		}
		if code, who := e.whoami(t, "GET", c, nil); code != 200 || who != e.user.Email {
			t.Fatalf("whoami: %d %q", code, who)
		}
		// Only the hash of the secret is stored.
		if _, err := db.Read().SessionByHash(context.Background(), []byte(c.Value)); !fd.Is(err, fd.NotFound) {
			t.Fatalf("the secret itself finds a session: %v", err)
		}
		if !stored(t, db, c) {
			t.Fatal("the session is not stored under the secret's SHA-256")
		}

		for name, try := range map[string][2]string{
			"wrong password": {e.user.Email, password + "!"},
			"unknown email":  {"nobody@customer.test", password},
			"empty":          {"", ""},
		} {
			resp := e.login(t, try[0], try[1])
			var eb map[string]string
			json.NewDecoder(resp.Body).Decode(&eb)
			if resp.StatusCode != 401 || sessionCookie(resp) != nil || eb["error"] != "Couldn't authenticate you" || eb["description"] != "Wrong email or password" {
				t.Errorf("%s: %d %v", name, resp.StatusCode, eb)
			}
		}

		// A form sign-in (Zendesk's field names) goes back to a path on this site, never
		// to another site.
		form := url.Values{"user[email]": {e.user.Email}, "user[password]": {password}, "return_to": {"/hc/requests?x=1"}}
		resp = e.post(t, "/access/login", "application/x-www-form-urlencoded", form.Encode(), nil, nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/hc/requests?x=1" || sessionCookie(resp) == nil {
			t.Fatalf("form login: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		for _, evil := range []string{"https://evil.test/", "//evil.test/x", "/\\evil.test", "javascript:alert(1)"} {
			form.Set("return_to", evil)
			resp = e.post(t, "/access/login", "application/x-www-form-urlencoded", form.Encode(), nil, nil)
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
				t.Errorf("return_to %q: %d %q", evil, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
		// A sign-in form posted from another site is refused (login CSRF).
		resp = e.post(t, "/access/login", "application/x-www-form-urlencoded", form.Encode(), nil, map[string]string{"Sec-Fetch-Site": "cross-site"})
		if resp.StatusCode != http.StatusForbidden || sessionCookie(resp) != nil {
			t.Fatalf("cross-site login: %d", resp.StatusCode)
		}
	})
}

func TestLoginSecureCookieBehindTLS(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessEnv(t, db, auth.SessionOptions{})
		b, _ := json.Marshal(map[string]string{"email": e.user.Email, "password": password})
		resp := e.post(t, "/access/login", "application/json", string(b), nil, map[string]string{"X-Forwarded-Proto": "https"})
		if c := sessionCookie(resp); resp.StatusCode != 200 || c == nil || !c.Secure {
			t.Fatalf("login behind TLS: %d, cookie %+v", resp.StatusCode, c)
		}
	})
}

func TestLoginRateLimits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessEnv(t, db, auth.SessionOptions{FailuresPerEmail: 3, FailuresPerAddress: 5, FailureWindow: 10 * time.Minute})
		for i := range 3 {
			if resp := e.login(t, e.user.Email, "wrong password "+string(rune('a'+i))); resp.StatusCode != 401 {
				t.Fatalf("failure %d: %d", i+1, resp.StatusCode)
			}
		}
		// The account is locked now, even for the right password: an attacker can't tell.
		resp := e.login(t, e.user.Email, password)
		if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "600" || sessionCookie(resp) != nil {
			t.Fatalf("locked account: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		// Other accounts from the address go on until the address's own limit: two more
		// failures make five from it.
		for range 2 {
			if resp := e.login(t, "other@customer.test", "whatever password"); resp.StatusCode != 401 {
				t.Fatalf("other account: %d", resp.StatusCode)
			}
		}
		if resp := e.login(t, "third@customer.test", "whatever password"); resp.StatusCode != 429 {
			t.Fatalf("address over its limit: %d", resp.StatusCode)
		}
		e.clock.Advance(10 * time.Minute)
		if resp := e.login(t, e.user.Email, password); resp.StatusCode != 200 {
			t.Fatalf("after the window: %d", resp.StatusCode)
		}
		// A success clears the account's failures.
		for range 2 {
			e.login(t, e.user.Email, "wrong again")
		}
		if resp := e.login(t, e.user.Email, password); resp.StatusCode != 200 {
			t.Fatalf("success within the limit: %d", resp.StatusCode)
		}
		for range 2 {
			e.login(t, e.user.Email, "wrong again")
		}
		if resp := e.login(t, e.user.Email, password); resp.StatusCode != 200 {
			t.Fatalf("failures before a success were not cleared: %d", resp.StatusCode)
		}
	})
}

func TestSessionExpiryAndLogout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessEnv(t, db, auth.SessionOptions{IdleTimeout: time.Hour, Lifetime: 3 * time.Hour})
		c := sessionCookie(e.login(t, e.user.Email, password))
		// Activity keeps an idle session alive up to its absolute end.
		for range 3 {
			e.clock.Advance(50 * time.Minute)
			if code, _ := e.whoami(t, "GET", c, nil); code != 200 {
				t.Fatalf("active session at %v: %d", e.clock.Now(), code)
			}
		}
		e.clock.Advance(35 * time.Minute) // 3h05m after sign-in, active 35 minutes ago
		if code, _ := e.whoami(t, "GET", c, nil); code != 401 {
			t.Fatalf("past the lifetime: %d", code)
		}

		expired := c
		c = sessionCookie(e.login(t, e.user.Email, password))
		idle := c
		e.clock.Advance(time.Hour)
		if code, _ := e.whoami(t, "GET", c, nil); code != 401 {
			t.Fatalf("idle for an hour: %d", code)
		}

		c = sessionCookie(e.login(t, e.user.Email, password))
		other := sessionCookie(e.login(t, e.user.Email, password))
		resp := e.post(t, "/access/logout", "application/json", "", c, nil)
		if resp.StatusCode != http.StatusNoContent {
			t.Fatalf("logout: %d", resp.StatusCode)
		}
		if cleared := sessionCookie(resp); cleared == nil || cleared.MaxAge >= 0 {
			t.Fatalf("logout does not clear the cookie: %+v", cleared)
		}
		if code, _ := e.whoami(t, "GET", c, nil); code != 401 {
			t.Fatalf("after logout: %d", code)
		}
		if code, _ := e.whoami(t, "GET", other, nil); code != 200 {
			t.Fatalf("logout ended another session: %d", code)
		}
		// Sign-ins sweep out expired sessions (at most every ten minutes).
		e.clock.Advance(11 * time.Minute)
		sessionCookie(e.login(t, e.user.Email, password))
		if stored(t, db, expired) || stored(t, db, idle) || stored(t, db, c) || !stored(t, db, other) {
			t.Fatal("the sweep kept an expired session or removed a live one")
		}
	})
}

// stored reports whether the cookie's session has a row, found by the SHA-256 of the
// secret as the store keeps it.
func stored(t *testing.T, db *store.DB, c *http.Cookie) bool {
	t.Helper()
	h := sha256.Sum256([]byte(c.Value))
	_, err := db.Read().SessionByHash(context.Background(), h[:])
	if err != nil && !fd.Is(err, fd.NotFound) {
		t.Fatal(err)
	}
	return err == nil
}

func TestSessionCrossOrigin(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessEnv(t, db, auth.SessionOptions{})
		c := sessionCookie(e.login(t, e.user.Email, password))
		cases := []struct {
			method string
			hdr    map[string]string
			want   int
		}{
			{"POST", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403},
			{"PUT", map[string]string{"Sec-Fetch-Site": "same-site"}, 403},
			{"DELETE", map[string]string{"Origin": "https://evil.test"}, 403},
			{"GET", map[string]string{"Sec-Fetch-Site": "cross-site"}, 200},
			{"POST", map[string]string{"Sec-Fetch-Site": "same-origin"}, 200},
			{"POST", map[string]string{"Origin": e.srv.URL}, 200},
			{"POST", nil, 200}, // not a browser
		}
		for _, tc := range cases {
			if code, _ := e.whoami(t, tc.method, c, tc.hdr); code != tc.want {
				t.Errorf("%s %v: %d, want %d", tc.method, tc.hdr, code, tc.want)
			}
		}
	})
}

func TestSuspendedUserCannotSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessEnv(t, db, auth.SessionOptions{})
		ctx := context.Background()
		e.user.Suspended = true
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateUser(ctx, e.user) }); err != nil {
			t.Fatal(err)
		}
		if resp := e.login(t, e.user.Email, password); resp.StatusCode != 403 || sessionCookie(resp) != nil {
			t.Fatalf("suspended: %d", resp.StatusCode)
		}
	})
}
