// Package app wires Frontdesk together from a plain Config: the database, the services
// and the HTTP server. cmd/frontdesk parses flags into a Config and calls it.
package app

import (
	"context"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/frontdesk/frontdesk/internal/auth"
	"github.com/frontdesk/frontdesk/internal/bus"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/jobs"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// Config is everything Frontdesk is started with.
type Config struct {
	// Addr is where serve listens.
	Addr string
	// DataDir holds the SQLite database (unless DBURL names another) and attachments.
	DataDir string
	// DBURL is "postgres://…" for PostgreSQL or "sqlite:PATH"; empty means
	// DataDir/frontdesk.db.
	DBURL string
	// Demo loads the demo data set into an empty database on serve.
	Demo bool
	// ShutdownTimeout bounds how long serve drains in-flight work on SIGTERM.
	ShutdownTimeout time.Duration
	// TokenRateLimit and IPRateLimit are API requests a minute per token and per client
	// address; 0 turns a limit off.
	TokenRateLimit int
	IPRateLimit    int
	// Logger receives the application's logs; secrets are never passed to it.
	Logger *slog.Logger
}

// App is an open Frontdesk: database and services.
type App struct {
	Config    Config
	DB        *store.DB
	Bus       *bus.Bus
	Directory *directory.Directory
	Tickets   *ticket.Service
	Sessions  *auth.Sessions
	// Jobs runs the API's background jobs; serve starts it, Close drains it.
	Jobs *jobs.Runner
}

// Open connects to the database, migrates it, and starts the services.
func Open(ctx context.Context, cfg Config) (*App, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	db, err := store.Open(ctx, store.Options{URL: cfg.DBURL, DataDir: cfg.DataDir, Logger: cfg.Logger})
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	b := bus.New(cfg.Logger)
	return &App{
		Config:    cfg,
		DB:        db,
		Bus:       b,
		Directory: directory.New(directory.Options{DB: db}),
		Tickets: ticket.New(ticket.Options{DB: db, Publish: b.Publish, Logger: cfg.Logger,
			AttachmentDir: filepath.Join(cfg.DataDir, "attachments")}),
		Sessions: auth.NewSessions(auth.SessionOptions{DB: db, Logger: cfg.Logger}),
		Jobs:     jobs.New(jobs.Options{DB: db, Logger: cfg.Logger}),
	}, nil
}

// Close finishes the jobs and changes under way and closes the database.
func (a *App) Close() error {
	a.Jobs.Close(context.Background())
	a.Tickets.Close()
	return a.DB.Close()
}
