// Package storetest gives every storage test a fresh database of each dialect: a new
// SQLite file, and a PostgreSQL schema of its own when FRONTDESK_TEST_POSTGRES names a
// server, so tests run in parallel and leave nothing behind.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/frontdesk/frontdesk/internal/store"
)

// PostgresEnv names the variable holding the PostgreSQL server URL for tests.
const PostgresEnv = "FRONTDESK_TEST_POSTGRES"

// Dialects are the databases every storage test runs on.
var Dialects = []string{"sqlite", "postgres"}

// Each runs fn as a subtest on a fresh, migrated database of each dialect. Without a
// PostgreSQL server the postgres subtest is skipped with a visible message, except in
// CI (CI=true), where that is a failure.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(d, func(t *testing.T) {
			fn(t, Open(t, d))
		})
	}
}

// Open returns a fresh, migrated database of the dialect, closed and removed when the
// test ends.
func Open(t testing.TB, dialect string) *store.DB {
	t.Helper()
	u := URL(t, dialect)
	db, err := store.Open(context.Background(), store.Options{URL: u, DataDir: t.TempDir()})
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return db
}

// URL returns a database URL of the dialect for a fresh, empty database: a SQLite file
// in the test's temporary directory, or a new PostgreSQL schema dropped at cleanup.
func URL(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == "sqlite" {
		return "sqlite:" + filepath.Join(t.TempDir(), "frontdesk.db")
	}
	base := os.Getenv(PostgresEnv)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set; CI must run the PostgreSQL tests", PostgresEnv)
		}
		t.Skipf("PostgreSQL tests skipped: set %s=postgres://… to run them", PostgresEnv)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	pu, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := pu.Query()
	q.Set("search_path", schema)
	pu.RawQuery = q.Encode()
	return pu.String()
}
