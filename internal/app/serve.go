package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/demo"
)

// Serve listens on cfg.Addr at once, answering /healthz with 503 until the database is
// migrated (and has a brand: see EnsureBrand) and the services run, then 200. When ctx ends (SIGTERM) it answers 503
// again, finishes in-flight requests, running jobs and pending writes, and returns nil.
// out receives what a person starting the server needs to read (the address, the demo
// login).
func Serve(ctx context.Context, cfg Config, out io.Writer) error {
	if cfg.ShutdownTimeout == 0 {
		cfg.ShutdownTimeout = 30 * time.Second
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	var ready atomic.Bool
	var handler atomic.Pointer[http.Handler]
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/healthz" {
				if ready.Load() {
					w.Write([]byte("ok\n"))
				} else {
					http.Error(w, "starting or draining", http.StatusServiceUnavailable)
				}
				return
			}
			if h := handler.Load(); h != nil && ready.Load() {
				(*h).ServeHTTP(w, r)
				return
			}
			http.Error(w, "starting or draining", http.StatusServiceUnavailable)
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(out, "Frontdesk listening on http://%s\n", ln.Addr())

	a, err := Open(ctx, cfg)
	if err != nil {
		srv.Close()
		return err
	}
	defer a.Close()
	if cfg.Demo {
		if err := loadDemo(ctx, a, out); err != nil {
			srv.Close()
			return err
		}
	}
	if err := a.EnsureBrand(ctx, out); err != nil {
		srv.Close()
		return err
	}
	h := a.Handler()
	handler.Store(&h)
	a.Jobs.Start()
	ready.Store(true)
	cfg.Logger.Info("ready", "addr", ln.Addr().String(), "postgres", a.DB.Postgres())

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	ready.Store(false)
	cfg.Logger.Info("draining")
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("drain: %w", err)
	}
	// Running jobs finish within the same time; one still running then is put back and
	// resumes at the next start, as do the jobs still queued.
	a.Jobs.Close(shutdown)
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Handler is the HTTP interface of an open App: the REST API v2 under /api/v2/, sign-in
// and sign-out under /access/; the web UI mounts here too.
func (a *App) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/v2/", api.New(api.Options{DB: a.DB, Tickets: a.Tickets, Directory: a.Directory, Logger: a.Config.Logger,
		TokenRateLimit: a.Config.TokenRateLimit, IPRateLimit: a.Config.IPRateLimit, Sessions: a.Sessions,
		Jobs: a.Jobs}).Handler())
	mux.Handle("/access/", a.Sessions.Handler())
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "Frontdesk is running: the REST API v2 is at /api/v2/.")
	})
	return mux
}

func loadDemo(ctx context.Context, a *App, out io.Writer) error {
	res, err := demo.Load(ctx, demo.Options{DB: a.DB, Directory: a.Directory, Tickets: a.Tickets})
	if err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	PrintDemo(out, res)
	return nil
}

// PrintDemo tells a person how to sign in to the demo data set.
func PrintDemo(out io.Writer, res *demo.Result) {
	if res.Loaded {
		fmt.Fprintf(out, "Demo data loaded: %d tickets.\n", res.Tickets)
	} else {
		fmt.Fprintln(out, "Demo data already loaded; nothing changed.")
	}
	fmt.Fprintf(out, "Admin login: %s / %s (demo only: change it)\n", res.AdminEmail, res.AdminPassword)
	if res.Token != "" {
		fmt.Fprintf(out, "API token for %s: %s\n", res.AdminEmail, res.Token)
	} else {
		fmt.Fprintf(out, "Create an API token with: frontdesk token create --email %s\n", res.AdminEmail)
	}
}
