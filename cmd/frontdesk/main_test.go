package main

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// binary is the frontdesk command built once for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "frontdesk-cli-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "frontdesk")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the binary with args and the environment, returning stdout; it fails the
// test unless the exit status is what wantOK says.
func run(t *testing.T, env []string, wantOK bool, args ...string) string {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if (err == nil) != wantOK {
		t.Fatalf("frontdesk %v: err %v, want ok=%v\nstdout: %s\nstderr: %s", args, err, wantOK, out, stderr.String())
	}
	return string(out)
}

// dbEnv points the commands at a fresh database of the dialect: through FRONTDESK_DATA
// for SQLite (so the default file location is used) and FRONTDESK_DB for PostgreSQL.
func dbEnv(t *testing.T, dialect string) []string {
	if dialect == "sqlite" {
		return []string{"FRONTDESK_DATA=" + t.TempDir()}
	}
	return []string{"FRONTDESK_DB=" + storetest.URL(t, dialect), "FRONTDESK_DATA=" + t.TempDir()}
}

func TestVersion(t *testing.T) {
	if out := run(t, nil, true, "version"); !strings.HasPrefix(out, "frontdesk ") {
		t.Fatalf("version: %q", out)
	}
}

func TestUsersAndTokens(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			env := dbEnv(t, dialect)
			out := run(t, env, true, "user", "create", "--email", "Ada@Acme.test", "--name", "Ada", "--role", "admin", "--password", "a long password")
			if !strings.Contains(out, "created admin") || !strings.Contains(out, "<ada@acme.test>") {
				t.Fatalf("user create: %q", out)
			}
			run(t, env, false, "user", "create", "--email", "ada@acme.test", "--name", "Twin", "--role", "agent")
			run(t, env, false, "user", "create", "--email", "not-an-email", "--name", "X")
			run(t, env, false, "user", "create", "--email", "x@acme.test", "--name", "X", "--role", "boss")
			run(t, env, false, "user", "create", "--email", "y@acme.test", "--name", "Y", "--password", "short")
			run(t, env, true, "user", "create", "--email", "carl@customer.test", "--name", "Carl")

			tok := run(t, env, true, "token", "create", "--email", "ada@acme.test", "--name", "ci")
			if !regexp.MustCompile(`^[A-Za-z0-9_-]{40}\n$`).MatchString(tok) {
				t.Fatalf("token create printed %q, want the token alone on one line", tok)
			}
			run(t, env, false, "token", "create", "--email", "carl@customer.test") // end-users get no tokens
			run(t, env, false, "token", "create", "--email", "nobody@acme.test")
		})
	}
}

func TestServeHealthDrainAndConcurrentCommands(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			env := dbEnv(t, dialect)
			cmd, base := startServe(t, env)

			// Data commands work while serve runs on the same database, and the API serves
			// what they made.
			run(t, env, true, "user", "create", "--email", "live@acme.test", "--name", "Live", "--role", "agent")
			token := strings.TrimSpace(run(t, env, true, "token", "create", "--email", "live@acme.test"))
			req, _ := http.NewRequest("GET", base+"/api/v2/tickets.json", nil)
			req.SetBasicAuth("live@acme.test/token", token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("API with a CLI-made token: %v %v", resp, err)
			}
			resp.Body.Close()
			if dialect == "sqlite" {
				backup := filepath.Join(t.TempDir(), "copy.db")
				run(t, env, true, "backup", "--to", backup)
				db, err := store.Open(context.Background(), store.Options{URL: "sqlite:" + backup})
				if err != nil {
					t.Fatal(err)
				}
				if n, err := db.Read().Count(context.Background(), "users"); err != nil || n != 1 {
					t.Fatalf("backup holds %d users (%v), want 1", n, err)
				}
				if err := db.IntegrityCheck(context.Background()); err != nil {
					t.Fatal(err)
				}
				db.Close()
				run(t, env, false, "backup", "--to", backup) // never overwrites
			}

			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("serve did not exit 0 on SIGTERM: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("serve did not stop within 30 s of SIGTERM")
			}
		})
	}
}

func waitHealth(t *testing.T, base string, want int) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == want {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("/healthz never answered %d", want)
}

func TestDemoTwiceChangesNothing(t *testing.T) {
	env := dbEnv(t, "sqlite")
	first := run(t, env, true, "demo")
	if !strings.Contains(first, "Demo data loaded: 1000 tickets") || !regexp.MustCompile(`API token for \S+: [A-Za-z0-9_-]{40}`).MatchString(first) {
		t.Fatalf("first demo load printed %q", first)
	}
	second := run(t, env, true, "demo")
	if !strings.Contains(second, "already loaded") || strings.Contains(second, "API token for") {
		t.Fatalf("second demo load printed %q", second)
	}
	if !strings.Contains(second, "Admin login: ") {
		t.Fatalf("second demo load does not say how to sign in: %q", second)
	}
}

// openEnvDB opens the database the commands of env use.
func openEnvDB(t *testing.T, env []string) *store.DB {
	t.Helper()
	var url, data string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "FRONTDESK_DB="); ok {
			url = v
		}
		if v, ok := strings.CutPrefix(kv, "FRONTDESK_DATA="); ok {
			data = v
		}
	}
	db, err := store.Open(context.Background(), store.Options{URL: url, DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestTokenListRevokeAndRestrictedAgents(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			env := dbEnv(t, dialect)
			ctx := context.Background()
			run(t, env, true, "user", "create", "--email", "ada@acme.test", "--name", "Ada", "--role", "admin")
			run(t, env, true, "user", "create", "--email", "rita@acme.test", "--name", "Rita", "--role", "agent", "--restriction", "assigned")
			run(t, env, false, "user", "create", "--email", "x@acme.test", "--name", "X", "--role", "agent", "--restriction", "everything")
			run(t, env, false, "user", "create", "--email", "y@acme.test", "--name", "Y", "--role", "admin", "--restriction", "groups")
			db := openEnvDB(t, env)
			rita, err := db.Read().UserByIdentity(ctx, fd.IdentityEmail, "rita@acme.test")
			if err != nil || rita.TicketRestriction != fd.RestrictAssigned {
				t.Fatalf("restricted agent: %+v %v", rita, err)
			}

			if out := run(t, env, true, "token", "list"); strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "ID") {
				t.Fatalf("token list with no tokens: %q", out)
			}
			run(t, env, true, "token", "create", "--email", "ada@acme.test", "--name", "ci")
			run(t, env, true, "token", "create", "--email", "rita@acme.test")
			used := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
			if err := db.Write(ctx, func(tx *store.Tx) error { return tx.TouchToken(ctx, 1, used) }); err != nil {
				t.Fatal(err)
			}
			out := run(t, env, true, "token", "list")
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 3 || !strings.Contains(lines[0], "LAST USED") ||
				!regexp.MustCompile(`^1\s+ada@acme\.test\s+ci\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+2026-03-04 05:06:07Z$`).MatchString(lines[1]) ||
				!regexp.MustCompile(`^2\s+rita@acme\.test\s+-\s+\S+ \S+\s+never$`).MatchString(lines[2]) {
				t.Fatalf("token list:\n%s", out)
			}

			if out := run(t, env, true, "token", "revoke", "2"); !strings.Contains(out, "revoked token 2") {
				t.Fatalf("revoke: %q", out)
			}
			if out := run(t, env, true, "token", "list"); strings.Contains(out, "rita@acme.test") || !strings.Contains(out, "ada@acme.test") {
				t.Fatalf("token list after revoke:\n%s", out)
			}
			if tok, err := db.Read().Token(ctx, 2); err != nil || tok.RevokedAt.IsZero() {
				t.Fatalf("revoked token: %+v %v", tok, err)
			}
			run(t, env, false, "token", "revoke", "2") // already revoked
			run(t, env, false, "token", "revoke", "x")
			run(t, env, false, "token", "revoke")
		})
	}
}
