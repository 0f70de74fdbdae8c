// Command core measures the ticket core directly through the service, without HTTP:
//
//	go run ./bench/core create [-db URL] [-clients 32] [-duration 20s]
//	go run ./bench/core query -db URL [-n 2000]
//
// create files tickets from concurrent callers, each acknowledged only after its commit,
// and prints tickets/s with latency percentiles. query runs the agents' queue page
// (unsolved tickets of a group, newest activity first, 25 a page) and full-text queries
// against an existing database, e.g. one filled with `frontdesk demo --tickets 1000000`.
// Both print the data size they ran on. Runs are bounded in time and count.
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: core create|query [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "create":
		err = runCreate(os.Args[2:])
	case "query":
		err = runQuery(os.Args[2:])
	default:
		err = fmt.Errorf("unknown benchmark %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "core:", err)
		os.Exit(1)
	}
}

var bodies = []string{
	"I was charged twice for my subscription this month and need a refund of the second payment.",
	"Hola, no puedo acceder a mi cuenta desde ayer; el enlace para cambiar la contraseña no llega.",
	"Здравствуйте! Не приходит письмо для сброса пароля, проверил папку спам. Помогите, пожалуйста.",
	"The course video stops after two minutes on Safari and the quiz page shows an error 500.",
}

func open(ctx context.Context, url string) (*store.DB, error) {
	db, err := store.Open(ctx, store.Options{URL: url})
	if err != nil {
		return nil, err
	}
	return db, db.Migrate(ctx)
}

func runCreate(args []string) error {
	fs := flag.NewFlagSet("create", flag.ExitOnError)
	url := fs.String("db", "", "database URL (default: a new SQLite file in a temporary directory)")
	clients := fs.Int("clients", 32, "concurrent callers")
	duration := fs.Duration("duration", 20*time.Second, "how long to run")
	maxTickets := fs.Int("max", 1_000_000, "stop after this many tickets")
	writers := fs.Int("writers", 0, "group-commit writers on PostgreSQL (0: the service's default)")
	fs.Parse(args)
	ctx := context.Background()
	if *url == "" {
		dir, err := os.MkdirTemp("", "frontdesk-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		*url = "sqlite:" + filepath.Join(dir, "frontdesk.db")
	}
	db, err := open(ctx, *url)
	if err != nil {
		return err
	}
	defer db.Close()
	dir := directory.New(directory.Options{DB: db})
	if _, err := dir.CreateBrand(ctx, fd.Brand{Name: "Bench", Subdomain: fmt.Sprintf("bench%d", time.Now().UnixNano())}); err != nil {
		return err
	}
	requester, err := dir.CreateUser(ctx, directory.NewUser{Name: "Bench Customer", Email: fmt.Sprintf("bench%d@customer.test", time.Now().UnixNano())})
	if err != nil {
		return err
	}
	svc := ticket.New(ticket.Options{DB: db, Writers: *writers})
	defer svc.Close()

	deadline := time.Now().Add(*duration)
	var mu sync.Mutex
	var lat []time.Duration
	var failures int
	var wg sync.WaitGroup
	start := time.Now()
	for c := range *clients {
		wg.Go(func() {
			mine := make([]time.Duration, 0, 1<<14)
			for i := 0; time.Now().Before(deadline); i++ {
				mu.Lock()
				full := len(lat) >= *maxTickets
				mu.Unlock()
				if full {
					break
				}
				t0 := time.Now()
				_, err := svc.Create(ctx, ticket.NewTicket{
					Subject: fmt.Sprintf("Bench ticket %d-%d", c, i), RequesterID: requester.ID,
					Comment: ticket.NewComment{Body: bodies[(c+i)%len(bodies)]},
					Tags:    []string{"bench", "load"}, Priority: fd.PriorityNormal,
				})
				if err != nil {
					mu.Lock()
					failures++
					mu.Unlock()
					continue
				}
				mine = append(mine, time.Since(t0))
				if len(mine) == cap(mine) {
					mu.Lock()
					lat = append(lat, mine...)
					mu.Unlock()
					mine = mine[:0]
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	took := time.Since(start)
	total, _ := db.Read().Count(ctx, "tickets")
	fmt.Printf("create: %s, %d clients, %s: %d tickets, %.0f tickets/s, %d failed; database now holds %d tickets\n",
		dialect(db), *clients, took.Round(time.Millisecond), len(lat), float64(len(lat))/took.Seconds(), failures, total)
	printPercentiles("create latency", lat)
	return nil
}

func runQuery(args []string) error {
	fs := flag.NewFlagSet("query", flag.ExitOnError)
	url := fs.String("db", "", "database URL of a filled database (required)")
	n := fs.Int("n", 2000, "queries of each kind")
	fs.Parse(args)
	if *url == "" {
		return fmt.Errorf("-db is required")
	}
	ctx := context.Background()
	db, err := open(ctx, *url)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := ticket.New(ticket.Options{DB: db})
	defer svc.Close()
	groups, err := db.Read().Groups(ctx)
	if err != nil || len(groups) == 0 {
		return fmt.Errorf("no groups: load data with `frontdesk demo --tickets N` first (%v)", err)
	}
	total, _ := db.Read().Count(ctx, "tickets")
	comments, _ := db.Read().Count(ctx, "comments")
	fmt.Printf("query: %s, %d tickets, %d comments\n", dialect(db), total, comments)
	rng := rand.New(rand.NewPCG(1, 2))

	var first, deep []time.Duration
	for range *n {
		g := groups[rng.IntN(len(groups))]
		f := store.TicketFilter{Unsolved: true, GroupIDs: []int64{g.ID}, Limit: 25}
		t0 := time.Now()
		page, next, err := svc.List(ctx, f)
		first = append(first, time.Since(t0))
		if err != nil {
			return err
		}
		if next != nil && len(page) == 25 {
			f.After = next
			t0 = time.Now()
			if _, _, err := svc.List(ctx, f); err != nil {
				return err
			}
			deep = append(deep, time.Since(t0))
		}
	}
	printPercentiles("list first page (unsolved, group, by updated, 25)", first)
	printPercentiles("list next page by cursor", deep)

	queries := []string{"refund", "pago", "пароль", "invoice", "contraseña", "video", "certificate", "доступ", "factura", "password reset"}
	var found []time.Duration
	hits := 0
	for i := range *n / 4 {
		t0 := time.Now()
		res, err := svc.Search(ctx, queries[i%len(queries)], 25, 0)
		found = append(found, time.Since(t0))
		if err != nil {
			return err
		}
		hits += len(res)
	}
	printPercentiles(fmt.Sprintf("full-text search, 25 results with snippets (%d hits)", hits), found)
	return nil
}

func dialect(db *store.DB) string {
	if db.Postgres() {
		return "postgres"
	}
	return "sqlite"
}

func printPercentiles(name string, d []time.Duration) {
	if len(d) == 0 {
		fmt.Printf("%s: no samples\n", name)
		return
	}
	slices.Sort(d)
	p := func(q float64) time.Duration {
		return d[min(len(d)-1, int(q*float64(len(d))))].Round(10 * time.Microsecond)
	}
	fmt.Printf("%s: n=%d p50=%s p95=%s p99=%s max=%s\n", name, len(d), p(0.50), p(0.95), p(0.99), d[len(d)-1].Round(10*time.Microsecond))
}
