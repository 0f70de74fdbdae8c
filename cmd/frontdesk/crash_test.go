package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// crashAcks is how many creates the server acknowledges before it is killed.
const crashAcks = 300

// sentCreate is one POST /api/v2/tickets of the stream and what came of it.
type sentCreate struct {
	ext, key, body string
	acked          bool  // answered 201 before the kill
	id             int64 // the ticket acknowledged
}

// TestAPICrashKeepsAcknowledgedTicketsOnce streams ticket creates with Idempotency-Keys
// at a frontdesk serve process, kills it with SIGKILL mid-stream, and restarts it on the
// same data: every create answered 201 is there exactly once, and a retry of any
// request, answered or not, with its key returns its one ticket.
func TestAPICrashKeepsAcknowledgedTicketsOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			env := dbEnv(t, dialect)
			run(t, env, true, "brand", "create", "--name", "Acme", "--subdomain", "acme")
			run(t, env, true, "user", "create", "--email", "stream@acme.test", "--name", "Stream", "--role", "agent")
			token := strings.TrimSpace(run(t, env, true, "token", "create", "--email", "stream@acme.test"))
			client := &http.Client{Timeout: 30 * time.Second}
			post := func(base string, s *sentCreate) (*http.Response, []byte, error) {
				req, err := http.NewRequest("POST", base+"/api/v2/tickets.json", strings.NewReader(s.body))
				if err != nil {
					return nil, nil, err
				}
				req.SetBasicAuth("stream@acme.test/token", token)
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Idempotency-Key", s.key)
				resp, err := client.Do(req)
				if err != nil {
					return nil, nil, err
				}
				defer resp.Body.Close()
				b, err := io.ReadAll(resp.Body)
				return resp, b, err
			}

			server, base := startServe(t, env, noLimits...)
			sent := streamUntilKilled(t, server, base, post)
			server, base = startServe(t, env, noLimits...)
			defer stopServe(t, server)

			db := openEnvDB(t, env)
			if err := db.IntegrityCheck(context.Background()); err != nil {
				t.Fatalf("after SIGKILL: %v", err)
			}
			acked, unanswered := 0, 0
			for _, s := range sent {
				if !s.acked {
					unanswered++
					continue
				}
				acked++
				if n := copies(t, db, s.ext); n != 1 {
					t.Fatalf("acknowledged ticket %d (%s) is stored %d times", s.id, s.ext, n)
				}
			}
			// Every request, answered or not, retried with its key: its one ticket.
			committedUnanswered := 0
			for _, s := range sent {
				resp, b, err := post(base, s)
				if err != nil || resp.StatusCode != http.StatusCreated {
					t.Fatalf("retry of %s: %v %v %s", s.ext, resp, err, b)
				}
				var got struct {
					Ticket struct {
						ID         int64  `json:"id"`
						ExternalID string `json:"external_id"`
					} `json:"ticket"`
				}
				if err := json.Unmarshal(b, &got); err != nil || got.Ticket.ExternalID != s.ext {
					t.Fatalf("retry of %s answered %s", s.ext, b)
				}
				lookup := resp.Header.Get("X-Idempotency-Lookup")
				if !s.acked && lookup == "hit" {
					committedUnanswered++
				}
				if s.acked && (got.Ticket.ID != s.id || lookup != "hit") {
					t.Fatalf("retry of acknowledged %s: ticket %d (%s), want %d (hit)", s.ext, got.Ticket.ID, lookup, s.id)
				}
				if n := copies(t, db, s.ext); n != 1 {
					t.Fatalf("after its retry, %s is stored %d times", s.ext, n)
				}
			}
			if n, err := db.Read().Count(context.Background(), "tickets"); err != nil || n != int64(len(sent)) {
				t.Fatalf("%d tickets stored for %d distinct requests (%v)", n, len(sent), err)
			}
			t.Logf("%d creates acknowledged, %d unanswered at SIGKILL (%d of them committed before it); all present exactly once after retries",
				acked, unanswered, committedUnanswered)
		})
	}
}

// streamUntilKilled sends creates from several goroutines until crashAcks are
// acknowledged, then kills the server with SIGKILL and returns every request sent.
func streamUntilKilled(t *testing.T, server *exec.Cmd, base string, post func(string, *sentCreate) (*http.Response, []byte, error)) []*sentCreate {
	t.Helper()
	const workers = 8
	var acks atomic.Int64
	enough := make(chan struct{})
	var once sync.Once
	stop := make(chan struct{})
	lists := make([][]*sentCreate, workers)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				ext := fmt.Sprintf("crash-%d-%d", g, i)
				s := &sentCreate{ext: ext, key: "key-" + ext,
					body: fmt.Sprintf(`{"ticket": {"subject": "Crash %s", "external_id": %q, "comment": {"body": "stream %s"}}}`, ext, ext, ext)}
				lists[g] = append(lists[g], s)
				resp, b, err := post(base, s)
				if err != nil {
					return // the server is gone: this request is unanswered
				}
				if resp.StatusCode != http.StatusCreated {
					t.Errorf("create %s: %d %s", ext, resp.StatusCode, b)
					return
				}
				var got struct {
					Ticket struct {
						ID int64 `json:"id"`
					} `json:"ticket"`
				}
				if err := json.Unmarshal(b, &got); err != nil {
					t.Errorf("create %s answered %s", ext, b)
					return
				}
				s.acked, s.id = true, got.Ticket.ID
				if acks.Add(1) >= crashAcks {
					once.Do(func() { close(enough) })
				}
			}
		})
	}
	select {
	case <-enough:
	case <-time.After(2 * time.Minute):
		t.Errorf("only %d creates acknowledged in 2 minutes", acks.Load())
	}
	if err := server.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	close(stop)
	wg.Wait()
	_ = server.Wait()
	if t.Failed() {
		t.FailNow()
	}
	var all []*sentCreate
	for _, l := range lists {
		all = append(all, l...)
	}
	return all
}

// noLimits turns the rate limits off, for a test that streams requests.
var noLimits = []string{"--rate-limit", "0", "--ip-rate-limit", "0"}

// startServe starts frontdesk serve on a free port of the loopback, with the extra
// flags given, and waits until it is healthy.
func startServe(t *testing.T, env []string, flags ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--addr", "127.0.0.1:0"}, flags...)...)
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	lines := bufio.NewScanner(stdout)
	var base string
	for lines.Scan() {
		if _, addr, ok := strings.Cut(lines.Text(), "listening on "); ok {
			base = addr
			break
		}
	}
	if base == "" {
		t.Fatal("serve printed no address")
	}
	go func() {
		for lines.Scan() {
		}
	}()
	waitHealth(t, base, http.StatusOK)
	return cmd, base
}

// stopServe ends a server with SIGTERM, as an operator would.
func stopServe(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM: %v", err)
	}
}

func copies(t *testing.T, db *store.DB, ext string) int {
	t.Helper()
	list, err := db.Read().TicketsByExternalID(context.Background(), ext)
	if err != nil {
		t.Fatal(err)
	}
	return len(list)
}
