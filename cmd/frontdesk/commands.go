package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"text/tabwriter"
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

func migrateCommand(out, errOut io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "migrate",
		Usage: "apply database migrations and give a database with no brand its default one (safe while other nodes start or run)",
		Action: withApp(errOut, func(ctx context.Context, _ *cli.Command, a *app.App) error {
			return a.EnsureBrand(ctx, out)
		}),
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
				&cli.StringFlag{Name: "restriction", Usage: "tickets an agent sees: groups, assigned, organization or requested (default: all)"},
			},
			Action: withApp(errOut, func(ctx context.Context, cmd *cli.Command, a *app.App) error {
				in := directory.NewUser{Name: cmd.String("name"), Email: cmd.String("email"), Role: fd.Role(cmd.String("role"))}
				var rest directory.UserChange
				if r := fd.TicketRestriction(cmd.String("restriction")); r != fd.RestrictNone {
					rest.TicketRestriction = &r
				}
				if p := cmd.String("password"); p != "" {
					hash, err := auth.HashPassword(p)
					if err != nil {
						return err
					}
					in.PasswordHash = hash
				}
				u, err := a.Directory.CreateUserWith(ctx, in, rest, false)
				if err != nil {
					return err
				}
				fmt.Fprintf(out, "created %s %d <%s>\n", u.Role, u.ID, u.Email)
				return nil
			}),
		}},
	}
}

func brandCommand(out, errOut io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "brand",
		Usage: "manage brands (every ticket has one; new tickets get the default)",
		Commands: []*cli.Command{{
			Name:  "create",
			Usage: "create a brand; the first one, or one made with --default, is the default brand",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "name", Required: true},
				&cli.StringFlag{Name: "subdomain", Required: true, Usage: "a DNS label naming the brand: letters, digits and hyphens"},
				&cli.BoolFlag{Name: "default", Usage: "make it the default brand, the brand of new tickets that name none"},
			},
			Action: withApp(errOut, func(ctx context.Context, cmd *cli.Command, a *app.App) error {
				b, err := a.Directory.AddBrand(ctx, fd.Brand{Name: cmd.String("name"), Subdomain: cmd.String("subdomain"),
					Active: true, Default: cmd.Bool("default")})
				if err != nil {
					return err
				}
				a.Tickets.BrandsChanged()
				role := "brand"
				if b.Default {
					role = "default brand"
				}
				fmt.Fprintf(out, "created %s %d %q (subdomain %s)\n", role, b.ID, b.Name, b.Subdomain)
				return nil
			}),
		}, {
			Name:  "list",
			Usage: "list the brands, the default first: id, name, subdomain, default, active",
			Action: withApp(errOut, func(ctx context.Context, cmd *cli.Command, a *app.App) error {
				brands, err := a.DB.Read().Brands(ctx)
				if err != nil {
					return err
				}
				tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
				fmt.Fprintln(tw, "ID\tNAME\tSUBDOMAIN\tDEFAULT\tACTIVE")
				for _, b := range brands {
					fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", b.ID, b.Name, b.Subdomain, yesNo(b.Default), yesNo(b.Active))
				}
				return tw.Flush()
			}),
		}},
	}
}

func yesNo(v bool) string {
	if v {
		return "yes"
	}
	return "no"
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
		}, {
			Name:  "list",
			Usage: "list the live API tokens: id, user, name, when created and last used",
			Action: withApp(errOut, func(ctx context.Context, cmd *cli.Command, a *app.App) error {
				return listTokens(ctx, out, a)
			}),
		}, {
			Name:      "revoke",
			Usage:     "revoke an API token, by the id token list shows; running servers refuse it within a second",
			ArgsUsage: "ID",
			Action: withApp(errOut, func(ctx context.Context, cmd *cli.Command, a *app.App) error {
				id, err := strconv.ParseInt(cmd.Args().First(), 10, 64)
				if err != nil || cmd.Args().Len() != 1 {
					return fmt.Errorf("token revoke takes one token id (see token list)")
				}
				if err := a.Directory.RevokeToken(ctx, id); err != nil {
					return err
				}
				fmt.Fprintf(out, "revoked token %d\n", id)
				return nil
			}),
		}},
	}
}

// listTokens prints the live API tokens as a table.
func listTokens(ctx context.Context, out io.Writer, a *app.App) error {
	tokens, err := a.Directory.Tokens(ctx)
	if err != nil {
		return err
	}
	ids := make([]int64, len(tokens))
	for i, t := range tokens {
		ids[i] = t.UserID
	}
	users, err := a.DB.Read().UsersByIDs(ctx, ids)
	if err != nil {
		return err
	}
	emails := make(map[int64]string, len(users))
	for _, u := range users {
		emails[u.ID] = u.Email
	}
	when := func(t time.Time) string {
		if t.IsZero() {
			return "never"
		}
		return t.UTC().Format("2006-01-02 15:04:05Z")
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tUSER\tNAME\tCREATED\tLAST USED")
	for _, t := range tokens {
		name := t.Name
		if name == "" {
			name = "-"
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", t.ID, emails[t.UserID], name, when(t.CreatedAt), when(t.LastUsedAt))
	}
	return tw.Flush()
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
