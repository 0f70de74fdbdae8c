package demo

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/auth"
	"github.com/frontdesk/frontdesk/internal/directory"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// Password is the password of every demo agent and admin. It is printed by the CLI and
// written here in the clear, so it is for demo data only: never load the demo into a
// help desk that faces the internet.
const Password = "frontdesk-demo"

// Marker is the subdomain of the demo's "Acme Learning" brand. Load creates that brand
// first and treats its presence as "the demo is loaded": a database with a brand of this
// subdomain is never loaded into again. A Load that fails part-way leaves the marker
// behind, so start over with a fresh database then.
const Marker = "learning"

// seed fixes the demo's random choices, so every Load writes the same content.
const seed = 20260302

// loadWorkers is how many ticket lifecycles Load runs at once; the ticket service
// commits their concurrent changes together.
const loadWorkers = 32

// Options configure Load and Synthetic.
type Options struct {
	// DB is the migrated database to fill.
	DB *store.DB
	// Directory creates the demo's brands, groups, organizations, people and token.
	Directory *directory.Directory
	// Tickets writes every ticket, so the demo's tickets get audits, metrics and search
	// rows exactly as real ones do.
	Tickets *ticket.Service
	// Now is the "now" of the data set: tickets lie before it; nil means time.Now.
	Now func() time.Time
	// Progress, when set, is told how many tickets are written so far; it is called from
	// one goroutine at a time with growing counts.
	Progress func(done, total int)
}

// Result says what Load did.
type Result struct {
	// Loaded is false when the demo data was already there and nothing changed.
	Loaded bool
	// AdminEmail and AdminPassword sign in the demo's admin; the password is the fixed,
	// demo-only Password.
	AdminEmail    string
	AdminPassword string
	// Token is a new API token for the admin, only when Loaded.
	Token string
	// Tickets is the number of tickets written.
	Tickets int
}

// Load fills the database with a believable multilingual help desk of the fictional
// company Acme: two brands, four groups, ten agents, twenty organizations with 200
// customers, custom ticket fields, and 1,000 tickets in English, Spanish and Russian
// spread over the 90 days before Now, in every status and channel, with replies,
// follow-ups and internal notes. The content is the same on every run. When the demo is
// already loaded (see Marker) Load writes nothing and returns Loaded=false.
func Load(ctx context.Context, o Options) (*Result, error) {
	now := o.now()
	res := &Result{AdminEmail: adminEmail(), AdminPassword: Password}
	if loaded, err := isLoaded(ctx, o.DB); err != nil || loaded {
		return res, err
	}
	fields, err := setup(ctx, o)
	if err != nil {
		return nil, fmt.Errorf("demo: set up the directory: %w", err)
	}
	d, err := openDesk(ctx, o.DB)
	if err != nil {
		return nil, err
	}
	d.fields = fields
	plans := planTickets(d, now)
	if err := runPlans(ctx, o, plans); err != nil {
		return nil, fmt.Errorf("demo: write tickets: %w", err)
	}
	if res.Token, _, err = o.Directory.CreateToken(ctx, res.AdminEmail, "demo"); err != nil {
		return nil, fmt.Errorf("demo: create the admin's token: %w", err)
	}
	res.Loaded, res.Tickets = true, len(plans)
	return res, nil
}

func (o Options) now() time.Time {
	if o.Now == nil {
		return time.Now().UTC().Truncate(time.Second)
	}
	return o.Now().UTC().Truncate(time.Second)
}

// progress returns a function to call once per ticket written; it reports to
// o.Progress every `every` tickets and at the end, serialized so counts only grow.
func (o Options) progress(total, every int) func() {
	if o.Progress == nil {
		return func() {}
	}
	var mu sync.Mutex
	done := 0
	return func() {
		mu.Lock()
		defer mu.Unlock()
		done++
		if done%every == 0 || done == total {
			o.Progress(done, total)
		}
	}
}

// isLoaded reports whether the demo's marker brand exists.
func isLoaded(ctx context.Context, db *store.DB) (bool, error) {
	brands, err := db.Read().Brands(ctx)
	if err != nil {
		return false, err
	}
	for _, b := range brands {
		if b.Subdomain == Marker {
			return true, nil
		}
	}
	return false, nil
}

// adminEmail is the email of the corpus's admin.
func adminEmail() string {
	for _, a := range agents() {
		if a.Admin {
			return a.Email
		}
	}
	return ""
}

// parallel runs fn for 0 ≤ i < n on up to workers goroutines. The first error stops
// the rest and is returned, as is the context's error when it ends first; done is
// called after every fn that succeeded.
func parallel(ctx context.Context, workers, n int, fn func(ctx context.Context, i int) error, done func()) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := fn(ctx, i); err != nil {
					cancel(err)
					return
				}
				done()
			}
		})
	}
	wg.Wait()
	return context.Cause(ctx)
}

// setup creates the brands (the marker first), groups, organizations, agents with their
// memberships, customers and custom fields. Groups and organizations that already exist
// under the demo's names are reused.
func setup(ctx context.Context, o Options) (fieldIDs, error) {
	hash := make(chan error, 1)
	var pwHash string
	go func() {
		// argon2id takes a while; hash once, alongside the other writes, and reuse it.
		var err error
		pwHash, err = auth.HashPassword(Password)
		hash <- err
	}()
	steps := []func() error{
		func() error { return createBrands(ctx, o.Directory) },
		func() error { return createGroups(ctx, o.DB, o.Directory) },
		func() error { return createOrganizations(ctx, o.DB, o.Directory) },
		func() error { return createCustomers(ctx, o.DB) },
		func() error { return <-hash },
		func() error { return createAgents(ctx, o.DB, o.Directory, pwHash) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fieldIDs{}, err
		}
	}
	return createFields(ctx, o.Tickets)
}

// createBrands creates the two brands, "learning" (the marker) first, reusing a
// "cloud" brand that is already there.
func createBrands(ctx context.Context, dir *directory.Directory) error {
	_, err := dir.CreateBrand(ctx, fd.Brand{Name: "Acme Learning", Subdomain: "learning",
		SupportAddress: "support@learning.acme.example"})
	if err != nil {
		return err
	}
	_, err = dir.CreateBrand(ctx, fd.Brand{Name: "Acme Cloud", Subdomain: "cloud",
		SupportAddress: "support@cloud.acme.example"})
	if fd.Is(err, fd.Conflict) {
		return nil
	}
	return err
}

// groupNames are the demo's groups, as the corpus names them.
func groupNames() []string { return []string{"Support", "Billing", "Technical", "Accounts"} }

// groupDescription says what a demo group handles.
func groupDescription(name string) string {
	switch name {
	case "Support":
		return "First line: courses, certificates and general questions."
	case "Billing":
		return "Payments, refunds, invoices and plans."
	case "Technical":
		return "Bugs, outages, integrations and the API."
	}
	return "Sign-in, profiles, security and privacy requests."
}

// createGroups creates the groups that do not exist yet.
func createGroups(ctx context.Context, db *store.DB, dir *directory.Directory) error {
	existing, err := db.Read().Groups(ctx)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, g := range existing {
		have[g.Name] = true
	}
	for _, name := range groupNames() {
		if have[name] {
			continue
		}
		if _, err := dir.CreateGroup(ctx, fd.Group{Name: name, Description: groupDescription(name)}); err != nil {
			return err
		}
	}
	return nil
}

// createOrganizations creates the corpus's organizations that do not exist yet.
func createOrganizations(ctx context.Context, db *store.DB, dir *directory.Directory) error {
	for _, org := range organizations() {
		_, err := db.Read().OrganizationByName(ctx, org.Name)
		if err == nil {
			continue
		}
		if !fd.Is(err, fd.NotFound) {
			return err
		}
		_, err = dir.CreateOrganization(ctx, fd.Organization{Name: org.Name, DomainNames: []string{org.Domain},
			SharedTickets: org.Shared, Tags: org.Tags})
		if err != nil {
			return fmt.Errorf("organization %s: %w", org.Name, err)
		}
	}
	return nil
}

// createAgents creates the corpus's agents (its admin as admin) with the demo password,
// and puts each in its groups.
func createAgents(ctx context.Context, db *store.DB, dir *directory.Directory, pwHash string) error {
	groups, err := groupIDs(ctx, db)
	if err != nil {
		return err
	}
	for _, a := range agents() {
		role := fd.RoleAgent
		if a.Admin {
			role = fd.RoleAdmin
		}
		u, err := dir.CreateUser(ctx, directory.NewUser{Name: a.Name, Email: a.Email, Role: role,
			Locale: a.Locale, TimeZone: timeZone(a.Locale), PasswordHash: pwHash})
		if err != nil {
			return fmt.Errorf("agent %s: %w", a.Email, err)
		}
		for _, g := range a.Groups {
			if _, err := dir.AddMember(ctx, u.ID, groups[g]); err != nil {
				return fmt.Errorf("agent %s in %s: %w", a.Email, g, err)
			}
		}
	}
	return nil
}

// createCustomers creates the 200 customers in one transaction, through the
// directory's own rules for new users.
func createCustomers(ctx context.Context, db *store.DB) error {
	orgs := map[string]int64{}
	for _, org := range organizations() {
		o, err := db.Read().OrganizationByName(ctx, org.Name)
		if err != nil {
			return err
		}
		orgs[org.Domain] = o.ID
	}
	now := time.Now().UTC()
	return db.Write(ctx, func(tx *store.Tx) error {
		for _, p := range people() {
			in := directory.NewUser{Name: p.Name, Email: p.Email, Locale: p.Lang, TimeZone: timeZone(p.Lang),
				OrganizationID: orgs[p.Domain]}
			if p.Phone != "" {
				in.Identities = append(in.Identities, fd.Identity{Type: fd.IdentityPhone, Value: p.Phone})
			}
			if p.Telegram != "" {
				in.Identities = append(in.Identities, fd.Identity{Type: fd.IdentityTelegram, Value: p.Telegram})
			}
			if _, err := directory.CreateUserTx(ctx, tx, in, now); err != nil {
				return fmt.Errorf("customer %s: %w", p.Email, err)
			}
		}
		return nil
	})
}

// timeZone is a plausible time zone for people of a language.
func timeZone(lang string) string {
	switch lang {
	case "es":
		return "Europe/Madrid"
	case "ru":
		return "Europe/Moscow"
	}
	return "America/New_York"
}

// groupIDs maps the demo's group names to their ids.
func groupIDs(ctx context.Context, db *store.DB) (map[string]int64, error) {
	groups, err := db.Read().Groups(ctx)
	if err != nil {
		return nil, err
	}
	ids := map[string]int64{}
	for _, g := range groups {
		ids[g.Name] = g.ID
	}
	for _, name := range groupNames() {
		if ids[name] == 0 {
			return nil, fd.Errorf(fd.NotFound, "demo group %q does not exist", name)
		}
	}
	return ids, nil
}
