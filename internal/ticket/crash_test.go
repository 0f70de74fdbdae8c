package ticket_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

const (
	crashDBEnv        = "FRONTDESK_CRASH_CHILD_DB"
	crashRequesterEnv = "FRONTDESK_CRASH_CHILD_REQUESTER"
	crashAcks         = 400
)

// TestCrashLosesNothingAcknowledged kills a process that is creating tickets with
// SIGKILL and checks that every ticket it acknowledged survived whole, exactly once.
func TestCrashLosesNothingAcknowledged(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := storetest.URL(t, dialect)
			ctx := context.Background()
			db, err := store.Open(ctx, store.Options{URL: url})
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			e := newEnv(t, db)
			e.svc.Close()
			db.Close()

			acked := runCrashChild(t, url, e.customer.ID)

			db, err = store.Open(ctx, store.Options{URL: url})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.IntegrityCheck(ctx); err != nil {
				t.Fatalf("after crash: %v", err)
			}
			svc := ticket.New(ticket.Options{DB: db})
			defer svc.Close()
			for id, ext := range acked {
				same, err := db.Read().TicketsByExternalID(ctx, ext)
				if err != nil || len(same) != 1 || same[0].ID != id {
					t.Fatalf("acknowledged ticket %d (%s): found %d copies, err %v", id, ext, len(same), err)
				}
				comments, _ := svc.Comments(ctx, id)
				audits, _ := svc.Audits(ctx, id)
				if len(comments) != 1 || len(audits) != 1 {
					t.Fatalf("ticket %d: %d comments, %d audits", id, len(comments), len(audits))
				}
				if _, err := svc.Metrics(ctx, id); err != nil {
					t.Fatalf("ticket %d metrics: %v", id, err)
				}
			}
			// Every acknowledged ticket is in the search index: its unique word finds it.
			n := 0
			for id, ext := range acked {
				if n++; n > 50 {
					break
				}
				hits, err := svc.Search(ctx, marker(ext), 5, 0)
				if err != nil || len(hits) != 1 || hits[0].Ticket.ID != id {
					t.Fatalf("ticket %d not found by its word %s: %v %v", id, marker(ext), hits, err)
				}
			}
			t.Logf("%d acknowledged tickets survived SIGKILL", len(acked))
		})
	}
}

// marker is a word that appears in one crash ticket only.
func marker(ext string) string { return "mark" + strings.ReplaceAll(ext, "-", "x") }

// runCrashChild starts this test binary as the child, reads its acknowledgements, and
// kills it with SIGKILL once crashAcks have arrived. It returns id → external id.
func runCrashChild(t *testing.T, url string, requester int64) map[int64]string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), crashDBEnv+"="+url, crashRequesterEnv+"="+strconv.FormatInt(requester, 10))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := map[int64]string{}
	deadline := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		var id int64
		var ext string
		if _, err := fmt.Sscanf(sc.Text(), "ack %d %s", &id, &ext); err != nil {
			continue
		}
		acked[id] = ext
		if len(acked) == crashAcks {
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	_ = cmd.Wait()
	if len(acked) < crashAcks {
		t.Fatalf("child acknowledged only %d tickets before it ended", len(acked))
	}
	return acked
}

// TestCrashChild is the child of TestCrashLosesNothingAcknowledged: it creates tickets
// from 16 goroutines until killed, printing each one's id once Create has returned.
func TestCrashChild(t *testing.T) {
	url := os.Getenv(crashDBEnv)
	if url == "" {
		t.Skip("runs only as the child of TestCrashLosesNothingAcknowledged")
	}
	requester, _ := strconv.ParseInt(os.Getenv(crashRequesterEnv), 10, 64)
	ctx := context.Background()
	db, err := store.Open(ctx, store.Options{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	svc := ticket.New(ticket.Options{DB: db})
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := 0; ; i++ {
				ext := fmt.Sprintf("%d-%d", g, i)
				tk, err := svc.Create(ctx, ticket.NewTicket{Subject: "Crash " + ext, ExternalID: ext, RequesterID: requester,
					Comment: ticket.NewComment{Body: "Stream " + marker(ext)}, Via: fd.Via{Channel: fd.ChannelAPI}})
				if err != nil {
					fmt.Fprintln(os.Stderr, "create:", err)
					continue
				}
				mu.Lock()
				fmt.Printf("ack %d %s\n", tk.ID, ext)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}
