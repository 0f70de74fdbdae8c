package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

func TestBrandCommands(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			env := dbEnv(t, dialect)
			if out := run(t, env, true, "brand", "list"); out != "ID  NAME  SUBDOMAIN  DEFAULT  ACTIVE\n" {
				t.Fatalf("brand list with no brands: %q", out)
			}
			for _, c := range []struct {
				args []string
				want string
			}{
				{[]string{"--name", "Acme Support", "--subdomain", "Acme"}, `created default brand 1 "Acme Support" (subdomain acme)`}, // the first is the default
				{[]string{"--name", "Beta", "--subdomain", "beta"}, `created brand 2 "Beta" (subdomain beta)`},
				{[]string{"--name", "Gamma", "--subdomain", "gamma", "--default"}, `created default brand 3 "Gamma" (subdomain gamma)`},
			} {
				if out := run(t, env, true, append([]string{"brand", "create"}, c.args...)...); strings.TrimSpace(out) != c.want {
					t.Errorf("brand create %v: %q, want %q", c.args, out, c.want)
				}
			}
			run(t, env, false, "brand", "create", "--name", "Again", "--subdomain", "acme")
			run(t, env, false, "brand", "create", "--name", "Spaces", "--subdomain", "not a label")
			run(t, env, false, "brand", "create", "--name", "  ", "--subdomain", "blank")
			run(t, env, false, "brand", "create", "--subdomain", "nameless")
			run(t, env, false, "brand", "create", "--name", "No subdomain")

			list := func() []string {
				t.Helper()
				return strings.Split(strings.TrimSpace(run(t, env, true, "brand", "list")), "\n")
			}
			lines := list()
			if len(lines) != 4 || !regexp.MustCompile(`^3\s+Gamma\s+gamma\s+yes\s+yes$`).MatchString(lines[1]) ||
				!regexp.MustCompile(`^1\s+Acme Support\s+acme\s+no\s+yes$`).MatchString(lines[2]) ||
				!regexp.MustCompile(`^2\s+Beta\s+beta\s+no\s+yes$`).MatchString(lines[3]) {
				t.Fatalf("brand list (the default first, then by id):\n%s", strings.Join(lines, "\n"))
			}
			// A database with brands gets none from migrate.
			if out := run(t, env, true, "migrate"); out != "" || len(list()) != 4 {
				t.Fatalf("migrate on a database with brands printed %q and left %d lines", out, len(list()))
			}
		})
	}
}

// A fresh install, set up without the demo, takes tickets at once: migrate (or serve)
// gives it a default brand, once.
func TestFreshInstallTakesTickets(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			env := dbEnv(t, dialect)
			run(t, env, true, "user", "create", "--email", "ada@acme.test", "--name", "Ada", "--role", "admin")
			token := strings.TrimSpace(run(t, env, true, "token", "create", "--email", "ada@acme.test"))
			if out := run(t, env, true, "migrate"); !strings.HasPrefix(out, "Created the default brand ") {
				t.Fatalf("migrate on a database with no brand printed %q", out)
			}
			if out := run(t, env, true, "migrate"); out != "" {
				t.Fatalf("second migrate printed %q", out)
			}
			lines := strings.Split(strings.TrimSpace(run(t, env, true, "brand", "list")), "\n")
			if len(lines) != 2 || !regexp.MustCompile(`^1\s+Support\s+support\s+yes\s+yes$`).MatchString(lines[1]) {
				t.Fatalf("brands of a fresh install:\n%s", strings.Join(lines, "\n"))
			}

			cmd, base := startServe(t, env)
			req, _ := http.NewRequest("POST", base+"/api/v2/tickets.json",
				strings.NewReader(`{"ticket": {"subject": "First", "comment": {"body": "Hello"}}}`))
			req.SetBasicAuth("ada@acme.test/token", token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var body struct {
				Ticket struct {
					BrandID int64 `json:"brand_id"`
				} `json:"ticket"`
			}
			err = json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusCreated || body.Ticket.BrandID != 1 {
				t.Fatalf("first ticket: %d, brand %d, %v", resp.StatusCode, body.Ticket.BrandID, err)
			}
			stopServe(t, cmd)
			if n := len(strings.Split(strings.TrimSpace(run(t, env, true, "brand", "list")), "\n")); n != 2 {
				t.Fatalf("serve made another brand: %d lines", n)
			}
		})
	}
}

// serve alone gives a fresh install its brand too.
func TestServeGivesAFreshInstallABrand(t *testing.T) {
	env := dbEnv(t, "sqlite")
	cmd, _ := startServe(t, env)
	stopServe(t, cmd)
	lines := strings.Split(strings.TrimSpace(run(t, env, true, "brand", "list")), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], " yes ") {
		t.Fatalf("brands after the first serve:\n%s", strings.Join(lines, "\n"))
	}
}
