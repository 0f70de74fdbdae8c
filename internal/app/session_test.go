package app_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/app"
	"github.com/frontdesk/frontdesk/internal/auth"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// TestSignInThenTheAPI drives the whole server as a browser would: sign in at
// /access/login, keep the cookie in a jar, call the Requests API with it, sign out.
func TestSignInThenTheAPI(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			a, err := app.Open(ctx, app.Config{DBURL: storetest.URL(t, dialect), DataDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { a.Close() })
			if _, err := a.Directory.CreateBrand(ctx, fd.Brand{Name: "Acme", Subdomain: "acme"}); err != nil {
				t.Fatal(err)
			}
			hash, err := auth.HashPassword("a long password")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := a.Directory.CreateUser(ctx, directory.NewUser{Name: "Cleo", Email: "cleo@customer.test", PasswordHash: hash}); err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(a.Handler())
			t.Cleanup(srv.Close)
			jar, _ := cookiejar.New(nil)
			browser := &http.Client{Jar: jar}
			send := func(method, path, contentType, body string, hdr ...string) (int, string) {
				t.Helper()
				req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
				req.Header.Set("Content-Type", contentType)
				for i := 0; i+1 < len(hdr); i += 2 {
					req.Header.Set(hdr[i], hdr[i+1])
				}
				resp, err := browser.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				return resp.StatusCode, string(b)
			}
			if code, body := send("POST", "/access/login", "application/json", `{"email": "cleo@customer.test", "password": "wrong password"}`); code != 401 {
				t.Fatalf("wrong password: %d %s", code, body)
			}
			if code, _ := send("GET", "/api/v2/requests.json", "", ""); code != 401 {
				t.Fatalf("before sign-in: %d", code)
			}
			if code, body := send("POST", "/access/login", "application/json", `{"email": "cleo@customer.test", "password": "a long password"}`); code != 200 {
				t.Fatalf("sign in: %d %s", code, body)
			}
			if code, body := send("GET", "/api/v2/requests.json", "", ""); code != 200 || !strings.Contains(body, `"requests":[]`) {
				t.Fatalf("requests with the cookie: %d %s", code, body)
			}
			create := `{"request": {"subject": "Hello", "comment": {"body": "From the portal"}}}`
			if code, body := send("POST", "/api/v2/requests.json", "application/json", create, "Origin", "https://evil.test"); code != 403 {
				t.Fatalf("cross-origin create: %d %s", code, body)
			}
			if code, body := send("POST", "/api/v2/requests.json", "application/json", create, "Origin", srv.URL, "Sec-Fetch-Site", "same-origin"); code != 201 ||
				!strings.Contains(body, `"channel":"web_form"`) {
				t.Fatalf("same-origin create: %d %s", code, body)
			}
			if code, body := send("POST", "/access/logout", "application/json", "", "Sec-Fetch-Site", "same-origin"); code != 204 {
				t.Fatalf("sign out: %d %s", code, body)
			}
			if code, _ := send("GET", "/api/v2/requests.json", "", ""); code != 401 {
				t.Fatalf("after sign-out: %d", code)
			}
		})
	}
}
