package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/api"
	"github.com/frontdesk/frontdesk/internal/app"
	"github.com/frontdesk/frontdesk/internal/auth"
	"github.com/frontdesk/frontdesk/internal/demo"
	"github.com/frontdesk/frontdesk/internal/directory"
)

// config reads the flags every command shares into an app.Config.
func config(cmd *cli.Command, errOut io.Writer) (app.Config, error) {
	log, err := logger(cmd, errOut)
	return app.Config{DataDir: cmd.String("data"), DBURL: cmd.String("db"), Logger: log}, err
}

// withApp opens the app for a command that touches data, and closes it after.
func withApp(errOut io.Writer, fn func(ctx context.Context, cmd *cli.Command, a *app.App) error) cli.ActionFunc {
	return func(ctx context.Context, cmd *cli.Command) error {
		cfg, err := config(cmd, errOut)
		if err != nil {
			return err
		}
		a, err := app.Open(ctx, cfg)
		if err != nil {
			return err
		}
		defer a.Close()
		return fn(ctx, cmd, a)
	}
}

func serveCommand(out, errOut io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "serve",
		Usage: "run the help desk (migrates the database first)",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "listen address", Sources: cli.EnvVars("FRONTDESK_ADDR")},
			&cli.BoolFlag{Name: "demo", Usage: "load the demo data set into an empty database", Sources: cli.EnvVars("FRONTDESK_DEMO")},
			&cli.DurationFlag{Name: "shutdown-timeout", Value: 30 * time.Second, Usage: "how long to drain on SIGTERM", Sources: cli.EnvVars("FRONTDESK_SHUTDOWN_TIMEOUT")},
			&cli.IntFlag{Name: "rate-limit", Value: api.DefaultTokenRateLimit, Usage: "API requests a minute per token (0: no limit)", Sources: cli.EnvVars("FRONTDESK_RATE_LIMIT")},
			&cli.IntFlag{Name: "ip-rate-limit", Value: api.DefaultIPRateLimit, Usage: "API requests a minute per client address (0: no limit)", Sources: cli.EnvVars("FRONTDESK_IP_RATE_LIMIT")},
		},
		Action: func(ctx context.Context, cmd *cli.Command) error {
			cfg, err := config(cmd, errOut)
			if err != nil {
				return err
			}
			cfg.Addr, cfg.Demo, cfg.ShutdownTimeout = cmd.String("addr"), cmd.Bool("demo"), cmd.Duration("shutdown-timeout")
			cfg.TokenRateLimit, cfg.IPRateLimit = int(cmd.Int("rate-limit")), int(cmd.Int("ip-rate-limit"))
			return app.Serve(ctx, cfg, out)
		},
	}
}

func migrateCommand(errOut io.Writer) *cli.Command {
	return &cli.Command{
		Name:   "migrate",
		Usage:  "apply database migrations (safe while other nodes start or run)",
		Action: withApp(errOut, func(context.Context, *cli.Command, *app.App) error { return nil }),
	}
}

func userCommand(out, errOut io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "user",
		Usage: "manage users",
		Commands: []*cli.Command{{
			Name:  "create",
			Usage: "create a user",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "email", Required: true},
				&cli.StringFlag{Name: "name", Required: true},
				&cli.StringFlag{Name: "role", Value: string(fd.RoleEndUser), Usage: "end-user, agent or admin"},
				&cli.StringFlag{Name: "password", Usage: "sign-in password (also FRONTDESK_PASSWORD, which keeps it out of the process list)", Sources: cli.EnvVars("FRONTDESK_PASSWORD")},
			},
			Action: withApp(errOut, func(ctx context.Context, cmd *cli.Command, a *app.App) error {
				in := directory.NewUser{Name: cmd.String("name"), Email: cmd.String("email"), Role: fd.Role(cmd.String("role"))}
				if p := cmd.String("password"); p != "" {
					hash, err := auth.HashPassword(p)
					if err != nil {
						return err
					}
					in.PasswordHash = hash
				}
				u, err := a.Directory.CreateUser(ctx, in)
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "created %s %d <%s>\n", u.Role, u.ID, u.Email)
				return nil
			}),
		}},
	}
}

func tokenCommand(out, errOut io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "token",
		Usage: "manage API tokens",
		Commands: []*cli.Command{{
			Name:  "create",
			Usage: "create an API token for an agent or admin; prints the token alone on one line",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "email", Required: true},
				&cli.StringFlag{Name: "name", Usage: "a label for the token"},
			},
			Action: withApp(errOut, func(ctx context.Context, cmd *cli.Command, a *app.App) error {
				secret, _, err := a.Directory.CreateToken(ctx, cmd.String("email"), cmd.String("name"))
				if err != nil {
					return err
				}
				fmt.Fprintln(out, secret)
				return nil
			}),
		}},
	}
}

func demoCommand(out, errOut io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "demo",
		Usage: "load the demo data set; with --tickets, also N synthetic tickets for benchmarks",
		Flags: []cli.Flag{&cli.IntFlag{Name: "tickets", Usage: "synthetic tickets to add"}},
		Action: withApp(errOut, func(ctx context.Context, cmd *cli.Command, a *app.App) error {
			opts := demo.Options{DB: a.DB, Directory: a.Directory, Tickets: a.Tickets}
			res, err := demo.Load(ctx, opts)
			if err != nil {
				return err
			}
			app.PrintDemo(out, res)
			n := int(cmd.Int("tickets"))
			if n <= 0 {
				return nil
			}
			start := time.Now()
			if f, ok := out.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
				bar := progressbar.Default(int64(n), "tickets")
				opts.Progress = func(done, _ int) { bar.Set(done) }
				defer bar.Finish()
			}
			if err := demo.Synthetic(ctx, opts, n); err != nil {
				return err
			}
			took := time.Since(start)
			fmt.Fprintf(out, "%d synthetic tickets in %s (%.0f tickets/s)\n", n, took.Round(time.Second), float64(n)/took.Seconds())
			return nil
		}),
	}
}

func backupCommand(out, errOut io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "backup",
		Usage: "write a consistent copy of the SQLite database, safe while serve runs",
		Flags: []cli.Flag{&cli.StringFlag{Name: "to", Required: true, Usage: "file to write (must not exist)"}},
		Action: withApp(errOut, func(ctx context.Context, cmd *cli.Command, a *app.App) error {
			if err := a.DB.Backup(ctx, cmd.String("to")); err != nil {
				return err
			}
			fmt.Fprintln(out, "backup written to", cmd.String("to"))
			return nil
		}),
	}
}
