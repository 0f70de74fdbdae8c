// Command api measures the REST API over real HTTP on the loopback interface:
//
//	go run ./bench/api [-data DIR | -db URL] [-clients 32] [-duration 10s] [-ops create,show,list,search,export]
//	go run ./bench/api -url http://127.0.0.1:8080 -email admin@example.com -token TOKEN [...]
//
// Without -url it opens Frontdesk in this process (a fresh SQLite database in a temporary
// directory unless -data or -db names one), serves the API on 127.0.0.1, and makes an
// admin with a token to call it; rate limits are off. With -url it calls a running
// server, which must be on a loopback address (an admin's token: the export needs one).
//
// Each operation runs for -duration (or -max requests) from -clients concurrent callers
// and prints requests/s with p50/p95/p99 latencies; the export follows one cursor stream
// to its end and prints tickets/s. The data size is printed before and after.
package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/app"
	"github.com/frontdesk/frontdesk/internal/directory"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench/api:", err)
		os.Exit(1)
	}
}

type bench struct {
	base    string
	host    string // of base
	email   string
	token   string
	auth    string // the Authorization header of every request
	wires   chan *wire
	clients int
	dur     time.Duration
	max     int

	mu  sync.Mutex
	ids []int64 // tickets known to exist, for show

	// tickets counts the tickets in the database, when it is in this process.
	tickets func() (int64, error)
}

func run() error {
	target := flag.String("url", "", "base URL of a running server on a loopback address (default: serve in this process)")
	email := flag.String("email", "", "with -url: the admin's email")
	token := flag.String("token", "", "with -url: the admin's API token")
	dataDir := flag.String("data", "", "without -url: data directory (default: a new temporary one)")
	dbURL := flag.String("db", "", "without -url: database URL (postgres://… or sqlite:PATH)")
	clients := flag.Int("clients", 32, "concurrent callers")
	dur := flag.Duration("duration", 10*time.Second, "how long each operation runs")
	maxReq := flag.Int("max", 1_000_000, "most requests per operation")
	ops := flag.String("ops", "create,show,list,search,export", "operations, in order")
	only := flag.String("queries", "", "search: these queries (separated by |) instead of the built-in mix")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the whole run (server and generator) to this file")
	flag.Parse()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if *only != "" {
		queries = strings.Split(*only, "|")
	}

	b := &bench{clients: *clients, dur: *dur, max: *maxReq, wires: make(chan *wire, *clients)}
	ctx := context.Background()
	if *target != "" {
		if err := loopbackOnly(*target); err != nil {
			return err
		}
		b.base, b.email, b.token = strings.TrimSuffix(*target, "/"), *email, *token
	} else {
		stop, err := b.serve(ctx, *dataDir, *dbURL)
		if err != nil {
			return err
		}
		defer stop()
	}
	u, err := url.Parse(b.base)
	if err != nil || u.Scheme != "http" {
		return fmt.Errorf("%s: the generator speaks plain HTTP to a loopback address", b.base)
	}
	b.host = u.Host
	b.auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(b.email+"/token:"+b.token))
	if err := b.size("before"); err != nil {
		return err
	}
	for _, op := range strings.Split(*ops, ",") {
		var err error
		switch strings.TrimSpace(op) {
		case "create":
			err = b.load("create ticket", b.create)
		case "show":
			err = b.prepareShow()
			if err == nil {
				err = b.load("show ticket", b.show)
			}
		case "list":
			err = b.load("list a page (25, cursor)", b.list)
		case "search":
			err = b.load("search (25 results)", b.search)
		case "export":
			err = b.export()
		default:
			err = fmt.Errorf("unknown operation %q", op)
		}
		if err != nil {
			return err
		}
	}
	return b.size("after")
}

// loopbackOnly refuses to aim load at anything but this machine.
func loopbackOnly(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	addrs, err := net.LookupIP(u.Hostname())
	if err != nil {
		return err
	}
	for _, a := range addrs {
		if !a.IsLoopback() {
			return fmt.Errorf("%s is not a loopback address: this generator only loads this machine", u.Host)
		}
	}
	return nil
}

// serve opens Frontdesk in this process behind a real HTTP server on 127.0.0.1.
func (b *bench) serve(ctx context.Context, dataDir, dbURL string) (stop func(), err error) {
	if dataDir == "" {
		if dataDir, err = os.MkdirTemp("", "frontdesk-bench-api-"); err != nil {
			return nil, err
		}
		defer func() {
			prev := stop
			stop = func() { prev(); os.RemoveAll(dataDir) }
		}()
	}
	a, err := app.Open(ctx, app.Config{DataDir: dataDir, DBURL: dbURL, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, err
	}
	b.email = fmt.Sprintf("bench-%d@frontdesk.test", time.Now().UnixNano())
	if _, err := a.Directory.CreateUser(ctx, directory.NewUser{Name: "Bench Admin", Email: b.email, Role: fd.RoleAdmin}); err != nil {
		return nil, err
	}
	if b.token, _, err = a.Directory.CreateToken(ctx, b.email, "bench"); err != nil {
		return nil, err
	}
	if brands, _ := a.DB.Read().Brands(ctx); len(brands) == 0 {
		if _, err := a.Directory.CreateBrand(ctx, fd.Brand{Name: "Bench", Subdomain: "bench"}); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	h := api.New(api.Options{DB: a.DB, Tickets: a.Tickets, Directory: a.Directory}).Handler()
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	b.base = "http://" + ln.Addr().String()
	b.tickets = func() (int64, error) { return a.DB.Read().Count(ctx, "tickets") }
	return func() { srv.Close(); a.Close() }, nil
}

// call sends a request and hands the answer's body to read (nil: no reading).
func (b *bench) call(method, path string, body []byte, want int, read func(io.Reader) error) error {
	w, err := b.wire()
	if err != nil {
		return err
	}
	w.c.SetDeadline(time.Now().Add(time.Minute))
	resp, err := w.send(b, method, path, body)
	if err == nil {
		err = answer(resp, method+" "+path, want, read)
	}
	if err != nil || resp.Close {
		w.c.Close()
		return err
	}
	select {
	case b.wires <- w:
	default:
		w.c.Close()
	}
	return nil
}

// answer checks an answer's status, hands its body to read and reads the rest, so the
// connection can carry the next request.
func answer(resp *http.Response, what string, want int, read func(io.Reader) error) error {
	defer resp.Body.Close()
	if resp.StatusCode != want {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("%s: %d %s", what, resp.StatusCode, msg)
	}
	if read != nil {
		if err := read(resp.Body); err != nil {
			return err
		}
	}
	_, err := io.Copy(io.Discard, resp.Body)
	return err
}

// wire is one keep-alive HTTP/1.1 connection to the server. The generator writes its
// requests itself and parses the answers with http.ReadResponse: net/http's client,
// with two goroutines per connection and a hand-off to each, cost a quarter of a create
// run's CPU, taken from the server it measures on the same two cores.
type wire struct {
	c net.Conn
	r *bufio.Reader
	w *bufio.Writer
}

// wire takes an idle connection, or dials one.
func (b *bench) wire() (*wire, error) {
	select {
	case w := <-b.wires:
		return w, nil
	default:
	}
	c, err := net.Dial("tcp", b.host)
	if err != nil {
		return nil, err
	}
	return &wire{c: c, r: bufio.NewReaderSize(c, 16<<10), w: bufio.NewWriterSize(c, 4<<10)}, nil
}

func (w *wire) send(b *bench, method, path string, body []byte) (*http.Response, error) {
	w.w.WriteString(method + " " + path + " HTTP/1.1\r\nHost: " + b.host + "\r\nAuthorization: " + b.auth + "\r\n")
	if body != nil {
		w.w.WriteString("Content-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n")
	}
	w.w.WriteString("\r\n")
	w.w.Write(body)
	if err := w.w.Flush(); err != nil {
		return nil, err
	}
	return http.ReadResponse(w.r, nil)
}

// into reads an answer's JSON into v.
func into(v any) func(io.Reader) error {
	return func(r io.Reader) error { return json.NewDecoder(r).Decode(v) }
}

// ticketID reads {"ticket":{…}} only as far as the ticket's id: decoding whole answers
// cost the generator 4% of a create run's CPU, taken from the server it measures.
func ticketID(id *int64) func(io.Reader) error {
	return func(r io.Reader) error {
		d := json.NewDecoder(r)
		for _, want := range []any{json.Delim('{'), "ticket", json.Delim('{')} {
			if tok, err := d.Token(); err != nil || tok != want {
				return fmt.Errorf("answer: %v where %v was due (%v)", tok, want, err)
			}
		}
		for d.More() {
			key, err := d.Token()
			if err != nil {
				return err
			}
			if key == "id" {
				return d.Decode(id)
			}
			var skip json.RawMessage
			if err := d.Decode(&skip); err != nil {
				return err
			}
		}
		return fmt.Errorf("answer: a ticket without an id")
	}
}

// load runs op from every client until the time or the request budget is spent.
func (b *bench) load(name string, op func(rng *rand.Rand, i int) error) error {
	deadline := time.Now().Add(b.dur)
	var issued atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr error
	var failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for c := range b.clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 7))
			mine := make([]time.Duration, 0, 4096)
			for time.Now().Before(deadline) {
				i := int(issued.Add(1))
				if i > b.max {
					break
				}
				t0 := time.Now()
				if err := op(rng, i); err != nil {
					failed.Add(1)
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					continue
				}
				mine = append(mine, time.Since(t0))
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	took := time.Since(start)
	fmt.Printf("%-28s %8.0f req/s  %s  (%d ok, %d failed, %d clients, %s)\n", name, float64(len(lat))/took.Seconds(),
		percentiles(lat), len(lat), failed.Load(), b.clients, took.Round(time.Millisecond))
	if firstErr != nil {
		fmt.Printf("%-28s first failure: %v\n", "", firstErr)
	}
	return nil
}

var bodies = []string{
	"I was charged twice for my subscription this month and need a refund of the second payment.",
	"Hola, no puedo acceder a mi cuenta desde ayer; el enlace para cambiar la contraseña no llega.",
	"Здравствуйте! Не приходит письмо для сброса пароля, проверил папку спам. Помогите, пожалуйста.",
	"The course video stops after two minutes on Safari and the quiz page shows an error 500.",
}

// quotedBodies are the bodies as JSON strings.
var quotedBodies = func() (q [][]byte) {
	for _, b := range bodies {
		j, _ := json.Marshal(b)
		q = append(q, j)
	}
	return q
}()

// createBody is the JSON of the i-th ticket created, written by hand: encoding maps
// cost the generator another 2% of the run's CPU.
func createBody(i int) []byte {
	b := make([]byte, 0, 512)
	b = append(b, `{"ticket":{"subject":"Bench ticket `...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, `","comment":{"body":`...)
	b = append(b, quotedBodies[i%len(bodies)]...)
	b = append(b, `},"requester":{"name":"Bench Customer","email":"customer`...)
	b = strconv.AppendInt(b, int64(i%500), 10)
	return append(b, `@bench.test"},"tags":["bench","load"],"priority":"normal"}}`...)
}

func (b *bench) create(_ *rand.Rand, i int) error {
	var id int64
	if err := b.call("POST", "/api/v2/tickets.json", createBody(i), http.StatusCreated, ticketID(&id)); err != nil {
		return err
	}
	b.mu.Lock()
	if len(b.ids) < 100_000 {
		b.ids = append(b.ids, id)
	}
	b.mu.Unlock()
	return nil
}

// prepareShow collects ticket ids to show when the create step did not run.
func (b *bench) prepareShow() error {
	if len(b.ids) > 0 {
		return nil
	}
	var out struct {
		Tickets []struct{ ID int64 } `json:"tickets"`
	}
	if err := b.call("GET", "/api/v2/tickets.json?page[size]=100&sort=-id", nil, http.StatusOK, into(&out)); err != nil {
		return err
	}
	for _, t := range out.Tickets {
		b.ids = append(b.ids, t.ID)
	}
	if len(b.ids) == 0 {
		return fmt.Errorf("show: no tickets; run create first or point at a filled database")
	}
	return nil
}

func (b *bench) show(rng *rand.Rand, _ int) error {
	id := b.ids[rng.IntN(len(b.ids))]
	return b.call("GET", "/api/v2/tickets/"+strconv.FormatInt(id, 10)+".json", nil, http.StatusOK, nil)
}

func (b *bench) list(_ *rand.Rand, _ int) error {
	return b.call("GET", "/api/v2/tickets.json?page[size]=25&sort=-id", nil, http.StatusOK, nil)
}

var queries = []string{"refund", "pago", "пароль", "invoice", "contraseña", "video", "certificate",
	"доступ", "factura", "password reset", "status:open refund", "tags:bench priority>low", "created>30days video"}

func (b *bench) search(rng *rand.Rand, _ int) error {
	q := url.Values{"query": {queries[rng.IntN(len(queries))]}, "per_page": {"25"}}
	return b.call("GET", "/api/v2/search.json?"+q.Encode(), nil, http.StatusOK, nil)
}

// export follows the cursor-based incremental ticket export from the beginning to its
// end, as a warehouse loader does, and reports tickets/s. The export holds back the
// last minute of changes, so tickets created by this run are not in it: measure it on
// a filled database (-data).
func (b *bench) export() error {
	path := "/api/v2/incremental/tickets/cursor.json?start_time=0&per_page=1000"
	var lat []time.Duration
	tickets := 0
	start := time.Now()
	for pages := 0; time.Since(start) < b.dur*6 && pages < 100_000; pages++ {
		var out struct {
			Tickets     []json.RawMessage `json:"tickets"`
			AfterURL    *string           `json:"after_url"`
			EndOfStream bool              `json:"end_of_stream"`
		}
		t0 := time.Now()
		if err := b.call("GET", path, nil, http.StatusOK, into(&out)); err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
		tickets += len(out.Tickets)
		if out.EndOfStream || out.AfterURL == nil {
			break
		}
		path = strings.TrimPrefix(*out.AfterURL, b.base)
	}
	took := time.Since(start)
	fmt.Printf("%-28s %8.0f tickets/s  %d tickets in %d pages of ≤1000, %s; page latency %s\n", "incremental export (cursor)",
		float64(tickets)/took.Seconds(), tickets, len(lat), took.Round(time.Millisecond), percentiles(lat))
	return nil
}

// size prints how much data the run works on.
func (b *bench) size(when string) error {
	if b.tickets != nil {
		n, err := b.tickets()
		fmt.Printf("data %s: %d tickets\n", when, n)
		return err
	}
	var out struct {
		Count int64 `json:"count"`
	}
	// A running server's size, from its search count (tickets/count is cached a minute).
	if err := b.call("GET", "/api/v2/search/count.json?query=type:ticket", nil, http.StatusOK, into(&out)); err != nil {
		fmt.Printf("data %s: unknown (%v)\n", when, err)
		return nil
	}
	fmt.Printf("data %s: %d tickets\n", when, out.Count)
	return nil
}

func percentiles(d []time.Duration) string {
	if len(d) == 0 {
		return "no samples"
	}
	slices.Sort(d)
	p := func(q float64) time.Duration {
		return d[min(len(d)-1, int(q*float64(len(d))))].Round(10 * time.Microsecond)
	}
	return fmt.Sprintf("p50=%s p95=%s p99=%s", p(0.50), p(0.95), p(0.99))
}
