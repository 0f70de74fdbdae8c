// Command frontdesk runs the Frontdesk help desk and administers its data: serve,
// migrate, user, brand and token management, demo data, and backups. Every flag can also be
// set through a FRONTDESK_* environment variable.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/urfave/cli/v3"
)

// version is set at build time with -ldflags "-X main.version=…"; otherwise the module
// version from the build info is used.
var version = ""

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	if err := newCommand(os.Stdout, os.Stderr).Run(ctx, os.Args); err != nil {
		fmt.Fprintln(os.Stderr, "frontdesk:", err)
		os.Exit(1)
	}
}

// newCommand builds the command tree; out gets results, errOut gets logs.
func newCommand(out, errOut io.Writer) *cli.Command {
	return &cli.Command{
		Name:  "frontdesk",
		Usage: "a self-hosted customer-support help desk",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "data", Value: "./data", Usage: "data directory (SQLite database, attachments)", Sources: cli.EnvVars("FRONTDESK_DATA")},
			&cli.StringFlag{Name: "db", Usage: "database URL: postgres://… or sqlite:PATH (default DATA/frontdesk.db)", Sources: cli.EnvVars("FRONTDESK_DB")},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log format: text or json", Sources: cli.EnvVars("FRONTDESK_LOG_FORMAT")},
			&cli.StringFlag{Name: "log-level", Value: "info", Usage: "log level: debug, info, warn or error", Sources: cli.EnvVars("FRONTDESK_LOG_LEVEL")},
		},
		Commands: []*cli.Command{
			serveCommand(out, errOut),
			migrateCommand(out, errOut),
			userCommand(out, errOut),
			brandCommand(out, errOut),
			tokenCommand(out, errOut),
			demoCommand(out, errOut),
			backupCommand(out, errOut),
			{
				Name:  "version",
				Usage: "print the version",
				Action: func(context.Context, *cli.Command) error {
					fmt.Fprintln(out, "frontdesk", buildVersion())
					return nil
				},
			},
		},
	}
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		v := info.Main.Version
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		return v
	}
	return "unknown"
}

// logger builds the logger the flags ask for, writing to w.
func logger(cmd *cli.Command, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cmd.String("log-level"))); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch cmd.String("log-format") {
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format must be text or json")
}
