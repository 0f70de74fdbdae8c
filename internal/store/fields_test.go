package store_test

import (
	"context"
	"testing"

	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// migratedFrom runs a migration's test on each dialect: write puts rows in a database
// at version, as they were before the migrations after it; check runs once they are
// migrated, and again after going down to version and up once more.
func migratedFrom(t *testing.T, version int64, write func(t *testing.T, db *store.DB), check func(t *testing.T, db *store.DB, when string)) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			db, err := store.Open(ctx, store.Options{URL: storetest.URL(t, dialect), DataDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			if err := db.MigrateTo(ctx, version); err != nil {
				t.Fatal(err)
			}
			write(t, db)
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			check(t, db, "migrated")
			if err := db.MigrateTo(ctx, version); err != nil {
				t.Fatalf("down: %v", err)
			}
			if err := db.Migrate(ctx); err != nil {
				t.Fatalf("up again: %v", err)
			}
			check(t, db, "down and up again")
		})
	}
}

// A field defined before the portal flags existed stays agent-only, as a new Zendesk
// field is until an admin makes it visible, and keeps its agents' required flag; the
// migration also goes down and up again.
func TestFieldsFromBeforePortalFlagsStayAgentOnly(t *testing.T) {
	ctx := context.Background()
	migratedFrom(t, 10, func(t *testing.T, db *store.DB) {
		err := db.Write(ctx, func(tx *store.Tx) error {
			return tx.Exec(ctx, `INSERT INTO ticket_fields (type, title, description, position, active, required, pattern, tag, options, created_at, updated_at)
				VALUES ('text', 'Escalation reason', 'Why a lead took it', 1, ?, ?, '', '', '[]', 1, 1)`, true, true)
		})
		if err != nil {
			t.Fatal(err)
		}
	}, func(t *testing.T, db *store.DB, when string) {
		fields, err := db.Read().TicketFields(ctx)
		if err != nil || len(fields) != 1 {
			t.Fatalf("%s: fields %v %v", when, fields, err)
		}
		f := fields[0]
		if f.VisibleInPortal || f.EditableInPortal || f.RequiredInPortal || f.TitleInPortal != "" || f.AgentDescription != "" ||
			!f.Required || !f.Active || f.PortalTitle() != "Escalation reason" || f.VisibleToEndUsers() {
			t.Fatalf("%s: field %+v", when, f)
		}
	})
}
